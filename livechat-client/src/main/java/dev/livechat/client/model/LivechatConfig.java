package dev.livechat.client.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a widget needs to start: {@code GET /api/v1/livechat/config}. When Livechat is switched
 * off the server sends only {@code enabled: false}, and everything else is empty.
 *
 * @param enabled whether Livechat is on
 * @param online whether an agent is online (else offer the offline form)
 * @param settings the settings the widget follows
 * @param theme how the widget looks
 * @param messages the widget's texts by key ({@code offlineMessage}, {@code transcriptMessage},
 *     ...); never null
 * @param surveyItems the questions of the satisfaction survey; never null
 * @param surveyValues the answers each question takes, for example {@code "1"} to {@code "5"};
 *     never null
 * @param departments the departments a visitor can see; never null
 * @param triggers the proactive triggers; never null
 * @param guest the visitor, when the request carried a known token
 * @param room the visitor's open room, when there is one
 * @param agent the agent serving that room
 * @param customFields the custom fields to ask the visitor for ({@code customFields}); never null,
 *     empty when there are none and on servers without the Enterprise Livechat module, which alone
 *     sends them
 */
public record LivechatConfig(
    boolean enabled,
    boolean online,
    @Nullable LivechatSettings settings,
    @Nullable Theme theme,
    Map<String, String> messages,
    List<String> surveyItems,
    List<String> surveyValues,
    List<Department> departments,
    List<Trigger> triggers,
    @Nullable Visitor guest,
    @Nullable Room room,
    @Nullable Agent agent,
    List<CustomFieldDefinition> customFields) {

  public LivechatConfig {
    messages = messages == null ? Map.of() : Map.copyOf(messages);
    surveyItems = surveyItems == null ? List.of() : List.copyOf(surveyItems);
    surveyValues = surveyValues == null ? List.of() : List.copyOf(surveyValues);
    departments = departments == null ? List.of() : List.copyOf(departments);
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
    customFields = customFields == null ? List.of() : List.copyOf(customFields);
  }

  /** A configuration without {@link #customFields()}. */
  public LivechatConfig(
      boolean enabled,
      boolean online,
      @Nullable LivechatSettings settings,
      @Nullable Theme theme,
      Map<String, String> messages,
      List<String> surveyItems,
      List<String> surveyValues,
      List<Department> departments,
      List<Trigger> triggers,
      @Nullable Visitor guest,
      @Nullable Room room,
      @Nullable Agent agent) {
    this(enabled, online, settings, theme, messages, surveyItems, surveyValues, departments, triggers, guest, room,
        agent, List.of());
  }
}
