package dev.livechat.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The agent serving a room.
 *
 * @param id the agent's user {@code _id}
 * @param username the agent's username
 * @param since when the agent took the room ({@code ts})
 */
public record ServedBy(String id, @Nullable String username, @Nullable Instant since) {
  public ServedBy {
    Arguments.notNull(id, "id");
  }
}
