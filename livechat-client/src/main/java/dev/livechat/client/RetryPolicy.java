package dev.livechat.client;

import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.internal.Checks;
import java.time.Duration;

/**
 * When and how long the client waits before trying a call again.
 *
 * <p>Retried: connection failures, timeouts and HTTP 502, 503 and 504 for calls that are safe to
 * repeat (each method's javadoc says whether it is); HTTP 429 for every call, since the server
 * refused it before doing anything. Between attempts the client waits a random time between zero
 * and {@code min(maxBackoff, initialBackoff × 2^(attempt-1))} ("full jitter"), except after a 429,
 * where it waits as long as the server asks. When the server asks for longer than {@link
 * #maxRateLimitWait()}, the {@link LivechatRateLimitException} reaches the caller at once.
 *
 * @param maxRetries how many times to try again after the first attempt; 0 for never
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff the cap of any wait after a failure
 * @param maxRateLimitWait the longest wait the client accepts from a 429 (at least 1 s, at most
 *     60 s)
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRateLimitWait) {
  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(2, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(10));

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
    }
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    Checks.notNull(maxRateLimitWait, "maxRateLimitWait");
    if (maxRateLimitWait.compareTo(Duration.ofSeconds(1)) < 0
        || maxRateLimitWait.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("maxRateLimitWait must be between 1 s and 60 s, was " + maxRateLimitWait);
    }
  }

  /**
   * The default: 2 retries, waits capped at 250 ms, 500 ms (at most 5 s), and up to 10 s of
   * waiting when the server's rate limiter asks for it.
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** No retries at all: every failure reaches the caller at once. */
  public static RetryPolicy none() {
    return new RetryPolicy(0, DEFAULTS.initialBackoff, DEFAULTS.maxBackoff, DEFAULTS.maxRateLimitWait);
  }

  /** This policy with {@code maxRetries} retries. */
  public RetryPolicy withMaxRetries(int maxRetries) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, maxRateLimitWait);
  }

  /** This policy with other backoff caps. */
  public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, maxRateLimitWait);
  }

  /** This policy accepting waits of up to {@code maxRateLimitWait} from a 429. */
  public RetryPolicy withMaxRateLimitWait(Duration maxRateLimitWait) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, maxRateLimitWait);
  }

  private static void positive(Duration value, String name) {
    Checks.notNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
