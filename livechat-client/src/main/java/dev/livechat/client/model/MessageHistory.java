package dev.livechat.client.model;

import java.util.List;

/**
 * A page of a room's messages, newest first.
 *
 * @param messages the messages, newest first; never null
 */
public record MessageHistory(List<Message> messages) {
  public MessageHistory {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
