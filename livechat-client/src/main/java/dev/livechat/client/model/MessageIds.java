package dev.livechat.client.model;

import java.security.SecureRandom;

/** Message ids as the server makes them: 17 characters of Meteor's unmistakable alphabet. */
final class MessageIds {
  private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
  /** The largest multiple of the alphabet's size (55) that fits a byte: values from it up are drawn again. */
  private static final int UNBIASED = 256 - 256 % ALPHABET.length();
  private static final SecureRandom RANDOM = new SecureRandom();

  private MessageIds() {}

  /**
   * A fresh id, for example {@code XqEEHhQHvhFmK3Zoz}. The random bytes are drawn in one call, not
   * one per character: each draw from the system's secure random source takes a lock and a read.
   */
  static String random() {
    char[] id = new char[17];
    byte[] bytes = new byte[24];
    int filled = 0;
    while (filled < id.length) {
      RANDOM.nextBytes(bytes);
      for (int i = 0; i < bytes.length && filled < id.length; i++) {
        int value = bytes[i] & 0xff;
        if (value < UNBIASED) {
          id[filled++] = ALPHABET.charAt(value % ALPHABET.length());
        }
      }
    }
    return new String(id);
  }
}
