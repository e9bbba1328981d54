package dev.livechat.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The server's receipt for a removed visitor.
 *
 * @param id the removed visitor's {@code _id}
 * @param timestamp when it was removed ({@code ts}); null if the server left it out
 */
public record DeletedVisitor(String id, @Nullable Instant timestamp) {
  public DeletedVisitor {
    Arguments.notNull(id, "id");
  }
}
