package dev.livechat.client.model;

import java.util.Objects;

/**
 * The records' argument checks, so that a bad value fails where the record is made, naming the
 * component. The model's own copy: it depends on nothing else of the SDK.
 */
final class Arguments {
  private Arguments() {}

  /** Returns {@code value}, or throws {@link NullPointerException} naming the argument. */
  static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  /**
   * Returns {@code value}, or throws {@link NullPointerException} if it is null and {@link
   * IllegalArgumentException} if it is empty or only whitespace (String.isBlank is Java 11,
   * missing on Android 26).
   */
  static String notBlank(String value, String name) {
    notNull(value, name);
    for (int i = 0, c; i < value.length(); i += Character.charCount(c)) {
      if (!Character.isWhitespace(c = value.codePointAt(i))) {
        return value;
      }
    }
    throw new IllegalArgumentException(name + " must not be blank");
  }

  /** Returns {@code value} if it can be one path segment: not blank, not {@code .} or {@code ..}. */
  static String pathSegment(String value, String name) {
    if (notBlank(value, name).equals(".") || value.equals("..")) {
      throw new IllegalArgumentException(name + " must not be '" + value + "'");
    }
    return value;
  }

  /** Returns {@code value}, or throws {@link IllegalArgumentException} if it is not positive. */
  static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}
