package dev.livechat.client.model;

import dev.livechat.client.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a room's history to load: {@code GET /api/v1/livechat/messages.history/:rid}.
 *
 * <pre>{@code
 * HistoryQuery.latest(50)                        // the 50 newest messages
 * HistoryQuery.latest(50).before(oldest.timestamp()) // the 50 before those
 * }</pre>
 *
 * @param limit how many messages, at most ({@code limit}); null for the server's default of 20
 * @param end only messages sent before this instant ({@code end}); null for the newest
 * @param lastSeen when the visitor last read the room ({@code ls}); null to leave it out
 */
public record HistoryQuery(@Nullable Integer limit, @Nullable Instant end, @Nullable Instant lastSeen) {

  private static final HistoryQuery DEFAULTS = new HistoryQuery(null, null, null);

  public HistoryQuery {
    if (limit != null) {
      Checks.positive(limit, "limit");
    }
  }

  /** The server's defaults: the 20 newest messages. */
  public static HistoryQuery defaults() {
    return DEFAULTS;
  }

  /** The {@code limit} newest messages. */
  public static HistoryQuery latest(int limit) {
    return new HistoryQuery(limit, null, null);
  }

  /** This query with at most {@code limit} messages. */
  public HistoryQuery withLimit(int limit) {
    return new HistoryQuery(limit, end, lastSeen);
  }

  /** This query limited to messages sent strictly before {@code end}. */
  public HistoryQuery before(Instant end) {
    return new HistoryQuery(limit, Checks.notNull(end, "end"), lastSeen);
  }

  /** This query telling the server the visitor last read the room at {@code lastSeen}. */
  public HistoryQuery lastSeen(Instant lastSeen) {
    return new HistoryQuery(limit, end, Checks.notNull(lastSeen, "lastSeen"));
  }
}
