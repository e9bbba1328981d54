package dev.livechat.client.internal;

import java.security.SecureRandom;

/** Message ids as the server makes them: 17 characters of Meteor's unmistakable alphabet. */
public final class MessageIds {
  private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private MessageIds() {}

  /** A fresh id, for example {@code XqEEHhQHvhFmK3Zoz}. */
  public static String random() {
    char[] id = new char[17];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(id);
  }
}
