package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryListener;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private final Metrics metrics = new Metrics();
  private final TelemetryListener telemetry = metrics.telemetry();

  @Test
  void everyCallIsItsRoutesLatencyAnd429sAndTheirWaitsAreCounted() {
    // A send refused with 429, retried after the limiter's 2 s reset, then accepted: 2.1 s in all.
    telemetry.onEvent(new TelemetryEvent.CallStarted(1, "POST", "livechat/message"));
    telemetry.onEvent(new TelemetryEvent.AttemptFinished(1, "POST", "livechat/message", 1, 429, Duration.ofMillis(40)));
    telemetry.onEvent(new TelemetryEvent.RetryScheduled(1, "POST", "livechat/message", 1,
        TelemetryEvent.RetryReason.RATE_LIMITED, Duration.ofSeconds(2)));
    telemetry.onEvent(new TelemetryEvent.AttemptFinished(1, "POST", "livechat/message", 2, 200, Duration.ofMillis(60)));
    telemetry.onEvent(new TelemetryEvent.CallFinished(1, "POST", "livechat/message",
        TelemetryEvent.Outcome.SUCCESS, 200, 2, Duration.ofMillis(2100)));
    // A call that waited 1 s before sending, the route known to be exhausted.
    telemetry.onEvent(new TelemetryEvent.RateLimitWait(2, "GET", "livechat/room", Duration.ofSeconds(1)));
    telemetry.onEvent(new TelemetryEvent.CallFinished(2, "GET", "livechat/room",
        TelemetryEvent.Outcome.SUCCESS, 200, 1, Duration.ofMillis(1010)));
    // A retry for another reason is no rate-limit wait.
    telemetry.onEvent(new TelemetryEvent.RetryScheduled(3, "GET", "livechat/room", 1,
        TelemetryEvent.RetryReason.UNAVAILABLE, Duration.ofMillis(250)));
    metrics.tick(1, 0);

    assertThat(metrics.http429.sum()).isEqualTo(1);
    assertThat(metrics.calls.sum()).isEqualTo(2);
    assertThat(metrics.rateLimitWaitMicros.get()).isEqualTo(3_000_000);
    var measures = metrics.measures();
    assertThat(measures.get("POST livechat/message").total.getTotalCount()).isEqualTo(1);
    assertThat(Metrics.ms(measures.get("POST livechat/message").total.getMaxValue())).isBetween(2099.0, 2102.0);
    assertThat(measures.get(Metrics.RATE_LIMIT_WAIT).total.getTotalCount()).isEqualTo(2);
    assertThat(metrics.intervals()).singleElement().satisfies(i -> assertThat(i.http429()).isEqualTo(1));
  }

  @Test
  void errorsAreCountedByCode() {
    metrics.error("send: HTTP 400 error-invalid-room");
    metrics.error("send: HTTP 400 error-invalid-room");
    metrics.error("reply-timeout");
    assertThat(metrics.errors()).containsEntry("send: HTTP 400 error-invalid-room", 2L)
        .containsEntry("reply-timeout", 1L);
    assertThat(metrics.errorCount()).isEqualTo(3);
  }
}
