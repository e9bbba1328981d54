package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.fail;

import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A telemetry listener that keeps every event in order (for the final checks) and queues those of
 * one kind (for a test to wait on).
 */
final class RecordingTelemetry implements TelemetryListener {
  final List<TelemetryEvent> all = new CopyOnWriteArrayList<>();
  private final BlockingQueue<TelemetryEvent> queue = new LinkedBlockingQueue<>();

  @Override
  public void onEvent(TelemetryEvent event) {
    all.add(event);
    queue.add(event);
  }

  /** The realtime events so far (the REST calls' left out), each GapFilled's duration set to zero. */
  List<TelemetryEvent> realtime() {
    List<TelemetryEvent> out = new ArrayList<>();
    for (TelemetryEvent event : all) {
      if (event instanceof TelemetryEvent.GapFilled filled) {
        out.add(new TelemetryEvent.GapFilled(filled.roomId(), filled.calls(), filled.messages(), Duration.ZERO));
      } else if (isRealtime(event)) {
        out.add(event);
      }
    }
    return out;
  }

  /** The events of {@code kind} so far, in order. */
  <T extends TelemetryEvent> List<T> of(Class<T> kind) {
    return all.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** The next event of {@code kind} (others are skipped), failing if none comes within 5 s. */
  <T extends TelemetryEvent> T next(Class<T> kind) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      TelemetryEvent event = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        fail("no " + kind.getSimpleName() + " within 5 s; all so far: " + all);
      }
      if (kind.isInstance(event)) {
        return kind.cast(event);
      }
    }
  }

  /** Forgets what is queued: {@link #next} waits for events from now on. */
  void skipQueued() {
    queue.clear();
  }

  static boolean isRealtime(TelemetryEvent event) {
    return event instanceof TelemetryEvent.RealtimeStateChanged || event instanceof TelemetryEvent.RealtimeReconnect
        || event instanceof TelemetryEvent.SubscriptionRefused || event instanceof TelemetryEvent.GapFilled
        || event instanceof TelemetryEvent.RealtimeDelivered;
  }
}
