package dev.livechat.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a room's history to load: {@code GET /api/v1/livechat/messages.history/:rid}.
 *
 * <pre>{@code
 * HistoryQuery.latest(50)                        // the 50 newest messages
 * HistoryQuery.latest(50).before(oldest.timestamp()) // the 50 before those
 * HistoryQuery.latest(50).withOffset(50)         // the 50 after the 50 newest, counted
 * }</pre>
 *
 * <p>Paging {@link #before(Instant) before} the oldest message seen is stable while messages
 * arrive; paging by {@link #withOffset offset} counts from the newest message, so a message
 * arriving between two pages shifts the next page by one.
 *
 * @param limit how many messages, at most ({@code limit}); null for the server's default of 20
 * @param end only messages sent before this instant ({@code end}); null for the newest
 * @param lastSeen when the visitor last read the room ({@code ls}); null to leave it out
 * @param offset how many of the newest messages (before {@code end}, if set) to skip ({@code
 *     offset}); null to leave it out, which skips none
 */
public record HistoryQuery(
    @Nullable Integer limit, @Nullable Instant end, @Nullable Instant lastSeen, @Nullable Integer offset) {

  private static final HistoryQuery DEFAULTS = new HistoryQuery(null, null, null, null);

  /**
   * @throws IllegalArgumentException if {@code limit} is not positive or {@code offset} is
   *     negative
   */
  public HistoryQuery {
    if (limit != null) {
      Arguments.positive(limit, "limit");
    }
    if (offset != null && offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
  }

  /** A query without an offset. */
  public HistoryQuery(@Nullable Integer limit, @Nullable Instant end, @Nullable Instant lastSeen) {
    this(limit, end, lastSeen, null);
  }

  /** The server's defaults: the 20 newest messages. */
  public static HistoryQuery defaults() {
    return DEFAULTS;
  }

  /** The {@code limit} newest messages. */
  public static HistoryQuery latest(int limit) {
    return new HistoryQuery(limit, null, null, null);
  }

  /** This query with at most {@code limit} messages. */
  public HistoryQuery withLimit(int limit) {
    return new HistoryQuery(limit, end, lastSeen, offset);
  }

  /** This query limited to messages sent strictly before {@code end}. */
  public HistoryQuery before(Instant end) {
    return new HistoryQuery(limit, Arguments.notNull(end, "end"), lastSeen, offset);
  }

  /** This query telling the server the visitor last read the room at {@code lastSeen}. */
  public HistoryQuery lastSeen(Instant lastSeen) {
    return new HistoryQuery(limit, end, Arguments.notNull(lastSeen, "lastSeen"), offset);
  }

  /**
   * This query skipping the {@code offset} newest messages (of those before {@link #end()}, if
   * set). The server passes it to the database as {@code skip}.
   *
   * @throws IllegalArgumentException if {@code offset} is negative
   */
  public HistoryQuery withOffset(int offset) {
    return new HistoryQuery(limit, end, lastSeen, offset);
  }
}
