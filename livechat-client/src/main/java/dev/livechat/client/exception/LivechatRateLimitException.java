package dev.livechat.client.exception;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The server's rate limiter refused the call (HTTP 429): wait {@link #retryAfter()} before
 * calling this endpoint again.
 *
 * <p>Rocket.Chat counts calls per route and client IP (10 per 60 s by default, 1 per 5 s for
 * offline messages). It says when the window resets in the {@code X-RateLimit-Reset} header (epoch
 * milliseconds) and, in seconds, in the error text; it sends no {@code Retry-After}.
 */
public class LivechatRateLimitException extends LivechatApiException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Instant resetAt;
  private final @Nullable Duration retryAfter;

  /**
   * @param errorCode the normalised code, normally {@code error-too-many-requests}
   * @param serverText the server's text
   * @param endpoint the endpoint as {@code "POST /api/v1/livechat/message"}
   * @param resetAt when the limit resets, or null if the server did not say
   * @param retryAfter how long to wait from when the answer arrived, or null if the server did not say
   */
  public LivechatRateLimitException(
      @Nullable String errorCode,
      @Nullable String serverText,
      @Nullable String endpoint,
      @Nullable Instant resetAt,
      @Nullable Duration retryAfter) {
    super(429, errorCode, serverText, endpoint);
    this.resetAt = resetAt;
    this.retryAfter = retryAfter;
  }

  /**
   * When the server's window resets: {@code X-RateLimit-Reset}, or the arrival time plus the
   * seconds named in the error text; null when the answer said neither.
   */
  public @Nullable Instant resetAt() {
    return resetAt;
  }

  /**
   * How long to wait, counted from when the answer arrived (never negative); null when the answer
   * said nothing about it.
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
