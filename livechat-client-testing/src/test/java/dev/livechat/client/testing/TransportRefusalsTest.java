package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Refusals that are not a route's: unknown routes, injected 503s and the rate limiter's 429s. */
class TransportRefusalsTest extends FakeServerTestBase {
  private static final String TOO_MANY = """
      {"success":false,"error":"Error, too many requests. Please slow down. You must wait %d seconds before \
      trying this endpoint again. [error-too-many-requests]"}""";

  @Test
  void unknownRouteIsNotFound() {
    assertRefused(get("livechat/nothing-here"), 404, """
        {"success":false,"error":"Resource not found"}""");
  }

  @Test
  void knownRouteWithOtherMethodIsNotFound() {
    assertRefused(call("PATCH", "livechat/message", "{}"), 404, """
        {"success":false,"error":"Resource not found"}""");
  }

  @Test
  void refusedRequestsAnswer503AndChangeNothing() {
    server.refuseNext(2);

    assertRefused(post("livechat/visitor", "{\"visitor\":{\"token\":\"" + TOKEN + "\"}}"), 503, """
        {"success":false,"error":"Service Unavailable"}""");
    assertRefused(get("livechat/config"), 503, """
        {"success":false,"error":"Service Unavailable"}""");
    assertThat(get("livechat/config").status()).isEqualTo(200);
    assertThat(server.visitors()).isEmpty();
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void eleventhCallToADefaultRouteInAMinuteIs429WithHeaders() {
    server = restartWithClock(Instant.parse("2026-03-01T10:00:00Z"));
    server.enableRateLimits();
    for (int i = 1; i <= 10; i++) {
      Answer answer = get("livechat/config");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers().get("X-RateLimit-Limit")).isEqualTo("10");
      assertThat(answer.headers().get("X-RateLimit-Remaining")).isEqualTo(String.valueOf(10 - i));
      assertThat(answer.headers().get("X-RateLimit-Reset"))
          .isEqualTo(String.valueOf(Instant.parse("2026-03-01T10:01:00Z").toEpochMilli()));
    }

    Answer refused = get("livechat/config");

    assertRefused(refused, 429, TOO_MANY.formatted(60));
    assertThat(refused.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.headers().get("X-RateLimit-Reset"))
        .isEqualTo(String.valueOf(Instant.parse("2026-03-01T10:01:00Z").toEpochMilli()));
  }

  /**
   * {@code messages.history} has no limit of its own, so the defaults apply: {@code
   * API_Enable_Rate_Limiter_Limit_Calls_Default} 10 per {@code _Limit_Time_Default} 60000 ms
   * (apps/meteor/server/settings/rate.ts), the 429 and its text from
   * apps/meteor/server/api/v1/middlewares/rateLimiter.ts, and the window's end as in Meteor's
   * rate-limit package (a window resets once more than the interval has passed).
   */
  @Test
  void eleventhHistoryCallInAMinuteIs429UntilTheWindowHasPassed() {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    server.close();
    server = FakeLivechatServer.start(clock);
    String rid = visitorWithRoom(TOKEN);
    String history = "livechat/messages.history/" + rid + "?token=" + TOKEN;
    long resetAt = Instant.parse("2026-03-01T10:01:00Z").toEpochMilli();
    server.enableRateLimits();
    for (int i = 1; i <= 10; i++) {
      Answer answer = get(history);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.headers().get("X-RateLimit-Limit")).isEqualTo("10");
      assertThat(answer.headers().get("X-RateLimit-Remaining")).isEqualTo(String.valueOf(10 - i));
      assertThat(answer.headers().get("X-RateLimit-Reset")).isEqualTo(String.valueOf(resetAt));
    }
    clock.advance(Duration.ofSeconds(20));

    Answer eleventh = get(history);
    Answer otherRoute = get("livechat/config");
    clock.advance(Duration.ofSeconds(40));
    Answer atTheReset = get(history);
    clock.advance(Duration.ofMillis(1));
    Answer afterTheReset = get(history);

    assertRefused(eleventh, 429, TOO_MANY.formatted(40));
    assertThat(eleventh.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(eleventh.headers().get("X-RateLimit-Reset")).isEqualTo(String.valueOf(resetAt));
    assertThat(otherRoute.status()).as("other routes keep their own count").isEqualTo(200);
    assertRefused(atTheReset, 429, TOO_MANY.formatted(0));
    assertThat(afterTheReset.status()).as(afterTheReset.body()).isEqualTo(200);
    assertThat(ids(afterTheReset)).hasSize(1); // livechat-started
    assertThat(afterTheReset.headers().get("X-RateLimit-Remaining")).isEqualTo("9");
    assertThat(afterTheReset.headers().get("X-RateLimit-Reset"))
        .isEqualTo(String.valueOf(resetAt + 1 + 60_000));
  }

  @Test
  void sixthRoomRequestInAMinuteIs429() {
    server = restartWithClock(Instant.parse("2026-03-01T10:00:00Z"));
    register(TOKEN);
    server.enableRateLimits();
    for (int i = 0; i < 5; i++) {
      assertThat(get("livechat/room?token=" + TOKEN).headers().get("X-RateLimit-Limit")).isEqualTo("5");
    }

    assertRefused(get("livechat/room?token=" + TOKEN), 429, TOO_MANY.formatted(60));
  }

  @Test
  void secondOfflineMessageWithinFiveSecondsIs429() {
    server = restartWithClock(Instant.parse("2026-03-01T10:00:00Z"));
    server.enableRateLimits();
    String offline = """
        {"name":"Ada","email":"ada@example.com","message":"Call me"}""";
    Answer first = post("livechat/offline.message", offline);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.headers().get("X-RateLimit-Limit")).isEqualTo("1");
    assertThat(first.headers().get("X-RateLimit-Remaining")).isEqualTo("0");

    assertRefused(post("livechat/offline.message", offline), 429, TOO_MANY.formatted(5));
    assertThat(server.offlineMessages()).hasSize(1);
  }

  @Test
  void rateLimitedRoutesCarryNoHeadersWhileTheLimiterIsOff() {
    assertThat(get("livechat/config").headers().names()).doesNotContain("X-RateLimit-Limit");
  }

  /** Replaces the test's server with one on a fixed clock. */
  private FakeLivechatServer restartWithClock(Instant now) {
    server.close();
    return FakeLivechatServer.start(Clock.fixed(now, ZoneOffset.UTC));
  }
}
