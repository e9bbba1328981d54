package dev.livechat.client.model;

import java.util.Map;

/**
 * What a trigger does.
 *
 * @param name the action, for example {@code send-message}
 * @param params its parameters as text, for example {@code sender}, {@code msg}, {@code name};
 *     never null
 */
public record TriggerAction(String name, Map<String, String> params) {
  public TriggerAction {
    Arguments.notNull(name, "name");
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
