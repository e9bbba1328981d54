package dev.livechat.client.webhook;

import dev.livechat.client.internal.Checks;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A {@link DeliveryStore} in this process's memory, bounded in both size and time: a key is
 * remembered for {@code ttl} after it was first seen, and when more than {@code maxKeys} are
 * remembered the oldest is forgotten first. Like Redis's {@code SET NX EX}, a retry does not
 * extend a key's time; since every key lives equally long, the oldest is also the first to
 * expire, so both bounds cost O(1) per call.
 *
 * <p>Safe for use by many threads at once. For a bridge running as several instances, share a
 * store instead (see {@link DeliveryStore}).
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
  /** The default number of keys: 10,000 (a few megabytes, with keys of about 100 characters). */
  public static final int DEFAULT_MAX_KEYS = 10_000;

  /** The default time a key is remembered: one hour, well past the server's last retry. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  private final int maxKeys;
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  /** Key to when it was first seen ({@code nanoTime}), oldest first. Guarded by {@code this}. */
  private final LinkedHashMap<String, Long> firstSeenAt = new LinkedHashMap<>();

  private InMemoryDeliveryStore(int maxKeys, Duration ttl, LongSupplier nanoTime) {
    this.maxKeys = Checks.positive(maxKeys, "maxKeys");
    Checks.notNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** A store of up to {@value #DEFAULT_MAX_KEYS} keys, each remembered for an hour. */
  public static InMemoryDeliveryStore create() {
    return new InMemoryDeliveryStore(DEFAULT_MAX_KEYS, DEFAULT_TTL, System::nanoTime);
  }

  /**
   * A store of up to {@code maxKeys} keys, each remembered for {@code ttl} after it was first seen.
   *
   * @throws IllegalArgumentException if {@code maxKeys} or {@code ttl} is not positive
   */
  public static InMemoryDeliveryStore create(int maxKeys, Duration ttl) {
    return new InMemoryDeliveryStore(maxKeys, ttl, System::nanoTime);
  }

  /** For tests: time read from {@code nanoTime}. */
  static InMemoryDeliveryStore create(int maxKeys, Duration ttl, LongSupplier nanoTime) {
    return new InMemoryDeliveryStore(maxKeys, ttl, nanoTime);
  }

  @Override
  public synchronized boolean firstSeen(String key) {
    Checks.notNull(key, "key");
    long now = nanoTime.getAsLong();
    forgetExpired(now);
    if (firstSeenAt.containsKey(key)) {
      return false;
    }
    firstSeenAt.put(key, now);
    if (firstSeenAt.size() > maxKeys) {
      Iterator<String> oldest = firstSeenAt.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  @Override
  public synchronized void forget(String key) {
    Checks.notNull(key, "key");
    firstSeenAt.remove(key);
  }

  /** How many keys are remembered now, expired ones not counted. */
  public synchronized int size() {
    forgetExpired(nanoTime.getAsLong());
    return firstSeenAt.size();
  }

  private void forgetExpired(long now) {
    Iterator<Map.Entry<String, Long>> entries = firstSeenAt.entrySet().iterator();
    while (entries.hasNext() && now - entries.next().getValue() >= ttlNanos) {
      entries.remove();
    }
  }

  @Override
  public String toString() {
    return "InMemoryDeliveryStore[maxKeys=" + maxKeys + ", ttl=" + Duration.ofNanos(ttlNanos) + "]";
  }
}
