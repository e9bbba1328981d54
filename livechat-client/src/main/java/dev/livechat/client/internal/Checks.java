package dev.livechat.client.internal;

import java.util.Objects;

/** Argument checks that run before any request is built. */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code value}, or throws {@link NullPointerException} if it is null and
   * {@link IllegalArgumentException} if it is empty or only whitespace; both name the argument.
   */
  public static String notBlank(String value, String name) {
    Objects.requireNonNull(value, () -> name + " must not be null");
    if (isBlank(value)) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Returns {@code value} for use as one path segment: not blank, and not {@code .} or {@code ..},
   * which every URL parser (OkHttp's, and the server's) resolves instead of sending, even
   * percent-encoded. Any other character is encoded into the one segment.
   */
  public static String pathSegment(String value, String name) {
    notBlank(value, name);
    if (value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException(name + " must not be '" + value + "'");
    }
    return value;
  }

  /** Whether {@code value} is empty or only whitespace (String.isBlank is Java 11, missing on Android 26). */
  private static boolean isBlank(String value) {
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      if (!Character.isWhitespace(codePoint)) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  /** Returns {@code value}, or throws {@link NullPointerException} naming the argument. */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  /** Returns {@code value}, or throws {@link IllegalArgumentException} if it is not positive. */
  public static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}
