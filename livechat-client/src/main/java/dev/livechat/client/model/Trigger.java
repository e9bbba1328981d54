package dev.livechat.client.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A proactive message the widget sends when a condition holds (for example, after 30 s on a
 * page).
 *
 * @param id the trigger {@code _id}
 * @param name its name
 * @param description its description
 * @param enabled whether it is on
 * @param runOnce whether it fires once per visitor
 * @param conditions when it fires; never null
 * @param actions what it does; never null
 */
public record Trigger(
    String id,
    @Nullable String name,
    @Nullable String description,
    boolean enabled,
    boolean runOnce,
    List<TriggerCondition> conditions,
    List<TriggerAction> actions) {

  public Trigger {
    Arguments.notNull(id, "id");
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    actions = actions == null ? List.of() : List.copyOf(actions);
  }
}
