package dev.livechat.client.realtime;

import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.internal.Delays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The hub's history loads, shared by all its rooms: at most {@code concurrent} at once, and when
 * one is refused by the rate limiter (whose budget all rooms share: it counts per client address
 * and route, whatever the room) none is sent until the limiter's reset. Each room's own gap
 * filler then tries its refused load again after that reset; nothing is dropped.
 */
final class LoadGate {
  private final int concurrent;
  private final Delays delays;
  private final Clock clock;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>(); // guarded by this
  private int inFlight; // guarded by this
  private @Nullable Instant pausedUntil; // guarded by this
  private boolean wakeUpScheduled; // guarded by this
  private final Runnable queueChanged;

  /** @param queueChanged runs (outside this gate's lock) each time a load joins or leaves the queue */
  LoadGate(int concurrent, Delays delays, Clock clock, Runnable queueChanged) {
    this.concurrent = concurrent;
    this.delays = delays;
    this.clock = clock;
    this.queueChanged = queueChanged;
  }

  /** How many loads wait for a slot or for the limiter's reset. */
  synchronized int queued() {
    return waiting.size();
  }

  /** Runs {@code load} when a slot is free and the limiter is not known to be exhausted. */
  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> load) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable start = () -> {
      CompletableFuture<T> call;
      try {
        call = load.get();
      } catch (RuntimeException failure) {
        finished(null);
        result.completeExceptionally(failure);
        return;
      }
      result.whenComplete((value, failure) -> {
        if (result.isCancelled()) {
          call.cancel(false);
        }
      });
      call.whenComplete((value, failure) -> {
        finished(failure);
        if (failure != null) {
          result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure);
        } else {
          result.complete(value);
        }
      });
    };
    synchronized (this) {
      waiting.add(start);
    }
    queueChanged.run();
    drain();
    return result;
  }

  private void finished(@Nullable Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    synchronized (this) {
      inFlight--;
      if (cause instanceof LivechatRateLimitException limited && limited.resetAt() != null) {
        // At the window's last instant the server refuses with a reset of now: pause a second at least.
        Instant floor = clock.instant().plus(GapFiller.MIN_RATE_LIMIT_WAIT);
        Instant until = limited.resetAt().isBefore(floor) ? floor : limited.resetAt();
        if (pausedUntil == null || until.isAfter(pausedUntil)) {
          pausedUntil = until;
        }
      }
    }
    drain();
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        Instant now = clock.instant();
        if (pausedUntil != null && now.isBefore(pausedUntil)) {
          if (!wakeUpScheduled && !waiting.isEmpty()) {
            wakeUpScheduled = true;
            try {
              delays.schedule(this::wakeUp, Duration.between(now, pausedUntil));
            } catch (RejectedExecutionException closing) {
              wakeUpScheduled = false;
            }
          }
          return;
        }
        if (inFlight >= concurrent || waiting.isEmpty()) {
          return;
        }
        inFlight++;
        next = waiting.poll();
      }
      queueChanged.run();
      next.run();
    }
  }

  private void wakeUp() {
    synchronized (this) {
      wakeUpScheduled = false;
      if (pausedUntil != null && !clock.instant().isBefore(pausedUntil)) {
        pausedUntil = null;
      }
    }
    drain();
  }
}
