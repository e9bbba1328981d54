package dev.livechat.client.realtime;

import dev.livechat.client.internal.Checks;
import java.time.Duration;

/**
 * Timings of a realtime session.
 *
 * @param minReconnectDelay the shortest wait before reconnecting (default 1 s)
 * @param maxReconnectDelay the longest wait before reconnecting (default 30 s)
 * @param maxReconnectAttempts attempts in a row before giving up (and closing); 0 for unlimited
 *     (the default)
 * @param pingAfter silence after which the session sends a ping (default 30 s)
 * @param deadAfter silence after which the connection counts as dead and is replaced (default 60 s)
 * @param typingThrottle the shortest interval between two "typing" signals sent (default 4.5 s)
 * @param typingTimeout how long after the last {@code typing(true)} the session sends "stopped"
 *     by itself (default 5 s)
 */
public record RealtimeOptions(
    Duration minReconnectDelay,
    Duration maxReconnectDelay,
    int maxReconnectAttempts,
    Duration pingAfter,
    Duration deadAfter,
    Duration typingThrottle,
    Duration typingTimeout) {

  private static final RealtimeOptions DEFAULTS = new RealtimeOptions(Duration.ofSeconds(1), Duration.ofSeconds(30),
      0, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(4500), Duration.ofSeconds(5));

  public RealtimeOptions {
    positive(minReconnectDelay, "minReconnectDelay");
    positive(maxReconnectDelay, "maxReconnectDelay");
    if (maxReconnectDelay.compareTo(minReconnectDelay) < 0) {
      throw new IllegalArgumentException("maxReconnectDelay must not be shorter than minReconnectDelay");
    }
    if (maxReconnectAttempts < 0) {
      throw new IllegalArgumentException("maxReconnectAttempts must not be negative");
    }
    positive(pingAfter, "pingAfter");
    positive(deadAfter, "deadAfter");
    if (deadAfter.compareTo(pingAfter) <= 0) {
      throw new IllegalArgumentException("deadAfter must be longer than pingAfter");
    }
    positive(typingThrottle, "typingThrottle");
    positive(typingTimeout, "typingTimeout");
  }

  /** The defaults, as the official widget times things. */
  public static RealtimeOptions defaults() {
    return DEFAULTS;
  }

  /** These options with other reconnect bounds. */
  public RealtimeOptions withReconnectDelays(Duration min, Duration max) {
    return new RealtimeOptions(min, max, maxReconnectAttempts, pingAfter, deadAfter, typingThrottle, typingTimeout);
  }

  /** These options giving up after {@code attempts} failed reconnects in a row; 0 for never. */
  public RealtimeOptions withMaxReconnectAttempts(int attempts) {
    return new RealtimeOptions(minReconnectDelay, maxReconnectDelay, attempts, pingAfter, deadAfter,
        typingThrottle, typingTimeout);
  }

  /** These options with another heartbeat. */
  public RealtimeOptions withHeartbeat(Duration pingAfter, Duration deadAfter) {
    return new RealtimeOptions(minReconnectDelay, maxReconnectDelay, maxReconnectAttempts, pingAfter, deadAfter,
        typingThrottle, typingTimeout);
  }

  /** These options with another typing throttle and timeout. */
  public RealtimeOptions withTyping(Duration throttle, Duration timeout) {
    return new RealtimeOptions(minReconnectDelay, maxReconnectDelay, maxReconnectAttempts, pingAfter, deadAfter,
        throttle, timeout);
  }

  private static void positive(Duration value, String name) {
    Checks.notNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
