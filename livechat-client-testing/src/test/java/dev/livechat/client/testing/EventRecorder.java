package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeListener;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records a realtime session's events; the test takes them in order, by type. */
final class EventRecorder implements RealtimeListener {
  private final BlockingQueue<RealtimeEvent> queue = new LinkedBlockingQueue<>();
  final List<RealtimeEvent> all = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(RealtimeEvent event) {
    all.add(event);
    queue.add(event);
  }

  /** The next event of {@code type}, skipping the others; fails after 5 s. */
  <T extends RealtimeEvent> T next(Class<T> type) {
    long deadline = System.nanoTime() + FakeServerTestBase.WAIT.toNanos();
    try {
      while (true) {
        RealtimeEvent event = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertThat(event).as("a %s; so far: %s", type.getSimpleName(), all).isNotNull();
        if (type.isInstance(event)) {
          return type.cast(event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the next change to {@code state}. */
  RealtimeEvent.ConnectionStateChanged next(ConnectionState state) {
    while (true) {
      RealtimeEvent.ConnectionStateChanged change = next(RealtimeEvent.ConnectionStateChanged.class);
      if (change.state() == state) {
        return change;
      }
    }
  }

  /** The events of {@code type} recorded so far. */
  <T extends RealtimeEvent> List<T> recorded(Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
