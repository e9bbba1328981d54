package dev.livechat.client.testing;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's API rate limiter (reference §3): per route and method (all callers of the fake share
 * the loopback address), a fixed window that starts with the first call and allows {@code calls}
 * calls in {@code intervalMillis}; every call counts, refused ones too. As Meteor's {@code
 * rate-limit} package, a window ends only once more than {@code intervalMillis} have passed: a call
 * at its very last millisecond still counts in it (over the limit, it is told to wait 0 seconds).
 */
final class RateLimiter {
  /** A route's allowance. */
  record Limit(int calls, long intervalMillis) {
    /** {@code API_Enable_Rate_Limiter_Limit_Calls_Default} / {@code _Time_Default}: 10 per 60 s. */
    static final Limit DEFAULT = new Limit(10, 60_000);
  }

  /**
   * The verdict on one call, and what the {@code X-RateLimit-*} headers say.
   *
   * @param remaining calls left in the window ({@code X-RateLimit-Remaining})
   * @param resetAtMillis when the window ends, epoch ms ({@code X-RateLimit-Reset})
   * @param waitMillis how long until then
   */
  record Verdict(boolean allowed, int limit, int remaining, long resetAtMillis, long waitMillis) {}

  private static final class Window {
    long start;
    int calls;
  }

  private final Clock clock;
  private final Map<String, Window> windows = new HashMap<>();

  RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Counts a call to {@code route} and says whether it is allowed. */
  synchronized Verdict hit(String route, Limit limit) {
    long now = clock.millis();
    Window window = windows.computeIfAbsent(route, r -> new Window());
    if (window.calls == 0 || now > window.start + limit.intervalMillis()) {
      window.start = now;
      window.calls = 0;
    }
    window.calls++;
    long resetAt = window.start + limit.intervalMillis();
    boolean allowed = window.calls <= limit.calls();
    return new Verdict(allowed, limit.calls(), allowed ? limit.calls() - window.calls : 0, resetAt, resetAt - now);
  }

  /** Forgets every window. */
  synchronized void reset() {
    windows.clear();
  }
}
