package dev.livechat.bridge;

import java.security.SecureRandom;

/** Message ids as the server makes them: 17 characters of Meteor's alphabet ({@code Random.id()}). */
final class Ids {
  private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static String messageId() {
    char[] id = new char[17];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(id);
  }
}
