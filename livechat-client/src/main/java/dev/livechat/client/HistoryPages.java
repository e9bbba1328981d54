package dev.livechat.client;

import dev.livechat.client.internal.HistoryCursor;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Walks a room's whole history, newest first, one page at a time, as {@link HistoryCursor} says
 * (which also explains how pages meet when several messages share a millisecond).
 */
final class HistoryPages implements Iterator<Message> {
  private final Function<HistoryQuery, List<Message>> load;
  private final HistoryCursor cursor;
  private final ArrayDeque<Message> ready = new ArrayDeque<>();

  HistoryPages(Function<HistoryQuery, List<Message>> load, int pageSize) {
    this.load = load;
    this.cursor = new HistoryCursor(pageSize);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !cursor.exhausted()) {
      ready.addAll(cursor.accept(load.apply(cursor.nextQuery())));
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
}
