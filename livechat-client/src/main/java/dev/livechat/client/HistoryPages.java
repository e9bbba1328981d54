package dev.livechat.client;

import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks a room's whole history, newest first, one page at a time.
 *
 * <p>The server's {@code end} is exclusive and timestamps have millisecond precision, so several
 * messages can share the timestamp at a page boundary. Each page therefore asks for messages up
 * to and including the oldest timestamp seen ({@code end} = that instant + 1 ms) and drops the ids
 * already delivered at that instant: nothing is repeated and nothing skipped. When a whole page is
 * made of such repeats (more messages share one instant than a page holds), the page size doubles.
 */
final class HistoryPages implements Iterator<Message> {
  private final Function<HistoryQuery, List<Message>> load;
  private final ArrayDeque<Message> ready = new ArrayDeque<>();
  private final Set<String> seenAtBoundary = new HashSet<>();
  private Instant boundary;
  private int limit;
  private boolean exhausted;

  HistoryPages(Function<HistoryQuery, List<Message>> load, int pageSize) {
    this.load = load;
    this.limit = pageSize;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !exhausted) {
      fetch();
    }
    return !ready.isEmpty();
  }

  @Override
  public Message next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void fetch() {
    HistoryQuery query = HistoryQuery.latest(limit);
    List<Message> page = load.apply(boundary == null ? query : query.before(boundary.plusMillis(1)));
    boolean full = page.size() >= limit;
    Instant oldest = page.isEmpty() ? null : page.get(page.size() - 1).timestamp();
    int before = ready.size();
    for (Message message : page) {
      if (!(boundary != null && boundary.equals(message.timestamp()) && seenAtBoundary.contains(message.id()))) {
        ready.add(message);
      }
    }
    if (!full || oldest == null) {
      exhausted = true;
      return;
    }
    if (ready.size() == before) {
      limit = Math.multiplyExact(limit, 2);
      return;
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
  }
}
