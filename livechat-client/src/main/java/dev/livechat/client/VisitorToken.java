package dev.livechat.client;

import java.security.SecureRandom;

/**
 * Visitor tokens. The server identifies a visitor by a token the visitor chooses and keeps (a
 * widget stores it, for example, in its preferences); anyone who knows it can read and write the
 * visitor's conversations, so it must be unguessable.
 */
public final class VisitorToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private VisitorToken() {}

  /** A fresh token: 32 random bytes from {@link SecureRandom}, as 64 lowercase hex characters. */
  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    StringBuilder hex = new StringBuilder(64);
    for (byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }
}
