package dev.livechat.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The server's receipt for a deleted message.
 *
 * @param id the deleted message's {@code _id}
 * @param timestamp when it was deleted ({@code ts}); null if the server left it out
 */
public record DeletedMessage(String id, @Nullable Instant timestamp) {
  public DeletedMessage {
    Arguments.notNull(id, "id");
  }
}
