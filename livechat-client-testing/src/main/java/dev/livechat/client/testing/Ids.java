package dev.livechat.client.testing;

import java.security.SecureRandom;

/** Server ids as Meteor's {@code Random.id()} makes them: 17 characters of its alphabet. */
final class Ids {
  private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A fresh id, for example {@code XqEEHhQHvhFmK3Zoz}. */
  static String random() {
    char[] id = new char[17];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(id);
  }
}
