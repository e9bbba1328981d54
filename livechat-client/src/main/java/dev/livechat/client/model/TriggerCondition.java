package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * When a trigger fires.
 *
 * @param name the condition: {@code page-url}, {@code time-on-site}, {@code
 *     chat-opened-by-visitor}, ...
 * @param value its value, for example a URL pattern or a number of seconds, as text
 */
public record TriggerCondition(String name, @Nullable String value) {
  public TriggerCondition {
    Arguments.notNull(name, "name");
  }
}
