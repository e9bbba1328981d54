package dev.livechat.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter, the one the client uses between REST attempts and
 * the realtime side between reconnects: attempt {@code n} waits a random time between {@code
 * floor} and {@code min(max, firstCap × 2^(n-1))}.
 */
public final class Backoff {
  private final long floorNanos;
  private final long firstCapNanos;
  private final long maxNanos;

  /**
   * @param floor the shortest wait of any attempt
   * @param firstCap the longest wait of the first attempt
   * @param max the longest wait of any attempt; {@code floor} wins where they conflict
   */
  public Backoff(Duration floor, Duration firstCap, Duration max) {
    this.floorNanos = floor.toNanos();
    this.maxNanos = Math.max(floorNanos, max.toNanos());
    this.firstCapNanos = Math.max(floorNanos, Math.min(maxNanos, firstCap.toNanos()));
  }

  /** The longest wait attempt {@code attempt} (1 for the first) may get. */
  public Duration cap(int attempt) {
    long cap = firstCapNanos;
    for (int i = 1; i < attempt && cap < maxNanos; i++) {
      cap = cap > maxNanos / 2 ? maxNanos : Math.min(maxNanos, cap * 2);
    }
    return Duration.ofNanos(cap);
  }

  /** A random wait for attempt {@code attempt} (1 for the first), within its bounds. */
  public Duration delay(int attempt) {
    long cap = cap(attempt).toNanos();
    return Duration.ofNanos(floorNanos + ThreadLocalRandom.current().nextLong(cap - floorNanos + 1));
  }
}
