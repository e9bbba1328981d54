package dev.livechat.client.internal;

import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a walk through a room's history, newest first, stands: the one pager behind both the
 * blocking {@code streamHistory} and the realtime gap fill.
 *
 * <p>The server sorts by {@code ts} descending, its {@code end} is exclusive and timestamps have
 * millisecond precision, so several messages can share the timestamp at a page boundary. Each
 * page after the first therefore asks for messages up to and including the oldest timestamp seen
 * ({@code end} = that instant + 1 ms) and drops the ids already seen at that instant: nothing is
 * repeated, nothing skipped, and messages sharing a millisecond keep the server's order. When a
 * whole page is made of such repeats (more messages share one instant than a page holds), the
 * page size doubles.
 *
 * <p>Use: {@link #nextQuery()}, load it, {@link #accept} the page; until {@link #exhausted()}.
 * Not thread-safe: one walk, one owner at a time.
 */
public final class HistoryCursor {
  private final Set<String> seenAtBoundary = new HashSet<>();
  private @Nullable Instant boundary;
  private int limit;
  private boolean exhausted;

  /** A walk from the newest message, {@code pageSize} messages a page. */
  public HistoryCursor(int pageSize) {
    this.limit = Checks.positive(pageSize, "pageSize");
  }

  /** The query for the next page. */
  public HistoryQuery nextQuery() {
    HistoryQuery query = HistoryQuery.latest(limit);
    return boundary == null ? query : query.before(boundary.plusMillis(1));
  }

  /** Whether the last page was the oldest: there is nothing more to load. */
  public boolean exhausted() {
    return exhausted;
  }

  /**
   * Takes the page that answered {@link #nextQuery()} and returns its messages not seen before,
   * in the server's order (newest first).
   */
  public List<Message> accept(List<Message> page) {
    boolean full = page.size() >= limit;
    Instant oldest = page.isEmpty() ? null : page.get(page.size() - 1).timestamp();
    List<Message> fresh = new ArrayList<>(page.size());
    for (Message message : page) {
      if (!(boundary != null && boundary.equals(message.timestamp()) && seenAtBoundary.contains(message.id()))) {
        fresh.add(message);
      }
    }
    if (!full || oldest == null) {
      exhausted = true;
      return fresh;
    }
    if (fresh.isEmpty()) {
      limit = Math.multiplyExact(limit, 2);
      return fresh;
    }
    if (!oldest.equals(boundary)) {
      seenAtBoundary.clear();
      boundary = oldest;
    }
    for (Message message : page) {
      if (oldest.equals(message.timestamp())) {
        seenAtBoundary.add(message.id());
      }
    }
    return fresh;
  }
}
