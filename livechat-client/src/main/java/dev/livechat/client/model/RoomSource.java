package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * Where a Livechat conversation came from ({@code source} of the room).
 *
 * @param type the channel: {@code widget} (the server's widget, told by its cookies), {@code api}
 *     (any other REST client, this SDK included), {@code email}, {@code sms}, {@code app} or {@code
 *     other}; an open set, kept as the server's text
 * @param id identifies an external source, such as an App
 * @param alias a readable name for that source
 * @param label what the agent's room info shows as the source
 * @param destination where the conversation's messages go: for the widget, the server's host the
 *     widget was loaded from; an email address or phone number for other channels
 */
public record RoomSource(
    String type, @Nullable String id, @Nullable String alias, @Nullable String label, @Nullable String destination) {
  public RoomSource {
    Arguments.notNull(type, "type");
  }
}
