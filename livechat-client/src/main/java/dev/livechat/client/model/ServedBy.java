package dev.livechat.client.model;

import dev.livechat.client.internal.Checks;
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
    Checks.notNull(id, "id");
  }
}
