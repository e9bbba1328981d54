package dev.livechat.bridge;

import java.util.Objects;

/** Checks of the keys and ids that go into the store. */
final class Keys {
  private Keys() {}

  static String check(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    if (value.length() > InboundMessage.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          name + " is longer than " + InboundMessage.MAX_KEY_LENGTH + " characters: " + value.length());
    }
    return value;
  }
}
