package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * The server's receipt for a room the visitor closed.
 *
 * @param roomId the closed room ({@code rid})
 * @param comment the closing comment the server recorded, for example {@code "Closed by visitor"}
 */
public record ClosedRoom(String roomId, @Nullable String comment) {
  public ClosedRoom {
    Arguments.notNull(roomId, "roomId");
  }
}
