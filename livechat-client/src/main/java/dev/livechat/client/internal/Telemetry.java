package dev.livechat.client.internal;

import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryListener;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SDK's side of a {@link TelemetryListener}: whether anyone listens (so that no event is built
 * for {@link TelemetryListener#NONE}), and every call to the listener guarded, so that what it throws
 * never reaches a call, a session or a delivery; its first failure is logged, later ones are not.
 */
public final class Telemetry {
  /** No listener: {@link #on()} is false, and nothing is ever built or called. */
  public static final Telemetry OFF = new Telemetry(TelemetryListener.NONE);
  private static final Logger LOG = Logger.getLogger("dev.livechat.client.telemetry");

  private final TelemetryListener listener;
  private final AtomicLong callIds = new AtomicLong();
  private final AtomicBoolean failed = new AtomicBoolean();

  private Telemetry(TelemetryListener listener) {
    this.listener = listener;
  }

  /** {@link #OFF} for {@link TelemetryListener#NONE}, else a guard around {@code listener}. */
  public static Telemetry of(TelemetryListener listener) {
    Checks.notNull(listener, "telemetry");
    return listener == TelemetryListener.NONE ? OFF : new Telemetry(listener);
  }

  /** Whether anyone listens: build an event only then. */
  public boolean on() {
    return listener != TelemetryListener.NONE;
  }

  /** A number for a new call, unique within this client. */
  public long nextCallId() {
    return callIds.incrementAndGet();
  }

  /** Hands {@code event} to the listener; what it throws is caught. */
  public void emit(TelemetryEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      failedOnce(e);
    }
  }

  /** Asks the listener for an attempt's extra headers; what it throws is caught. */
  public void requestHeaders(long callId, BiConsumer<String, String> header) {
    try {
      listener.requestHeaders(callId, header);
    } catch (RuntimeException e) {
      failedOnce(e);
    }
  }

  private void failedOnce(RuntimeException e) {
    if (failed.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "The telemetry listener " + listener.getClass().getName()
          + " threw; the SDK goes on, and further failures of this listener are not logged", e);
    }
  }
}
