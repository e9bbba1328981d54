package dev.livechat.client.model;


/**
 * The server's answer to an offline message.
 *
 * @param message the server's confirmation, for example {@code "Livechat offline message sent"}
 */
public record OfflineMessageResult(String message) {
  public OfflineMessageResult {
    Arguments.notNull(message, "message");
  }
}
