package dev.livechat.client.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryEvent.CallFinished;
import dev.livechat.client.telemetry.TelemetryEvent.Outcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LivechatMetrics} fed events by hand: binding, tags, gauges. */
class LivechatMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static CallFinished call(Outcome outcome, int status, Duration duration) {
    return new CallFinished(7, "POST", "livechat/message", outcome, status, 1, duration);
  }

  @Test
  void eventsBeforeBindingAreNotCountedButGaugesShowTheStateSoFar() {
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.onEvent(call(Outcome.SUCCESS, 200, Duration.ofMillis(5)));
    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("r1", "CONNECTED"));
    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("r2", "CONNECTING"));
    metrics.onEvent(new TelemetryEvent.HubLoad(12, 3, 4));

    metrics.bindTo(registry);
    metrics.onEvent(call(Outcome.SUCCESS, 201, Duration.ofMillis(40)));

    assertThat(registry.get("livechat.client.requests").tags("method", "POST", "route", "livechat/message",
        "outcome", "SUCCESS", "status", "2xx").timer().count()).isEqualTo(1);
    assertThat(registry.get("livechat.client.requests").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
    assertThat(registry.get("livechat.realtime.connections").tag("state", "CONNECTED").gauge().value()).isEqualTo(1);
    assertThat(registry.get("livechat.realtime.connections").tag("state", "CONNECTING").gauge().value()).isEqualTo(1);
    assertThat(registry.get("livechat.hub.rooms").gauge().value()).isEqualTo(12);
    assertThat(registry.get("livechat.hub.connections").gauge().value()).isEqualTo(3);
    assertThat(registry.get("livechat.hub.queued").gauge().value()).isEqualTo(4);
  }

  @Test
  void roomsMoveBetweenStatesAndClosedRoomsLeaveTheGauge() {
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.bindTo(registry);

    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("r1", "CONNECTING"));
    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("r1", "CONNECTED"));
    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("r2", "CONNECTING"));
    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("r2", "WAITING"));
    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("r3", "FAILED"));
    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("r3", "CLOSED"));

    assertThat(connections("CONNECTING")).isZero();
    assertThat(connections("CONNECTED")).isEqualTo(1);
    assertThat(connections("WAITING")).isEqualTo(1);
    assertThat(connections("FAILED")).isZero();
    assertThat(registry.find("livechat.realtime.connections").tag("state", "CLOSED").gauge()).isNull();
  }

  private double connections(String state) {
    return registry.get("livechat.realtime.connections").tag("state", state).gauge().value();
  }

  @Test
  void statusesAreTaggedByClassAndNoAnswerIsNone() {
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.bindTo(registry);

    metrics.onEvent(call(Outcome.REFUSED, 401, Duration.ofMillis(1)));
    metrics.onEvent(call(Outcome.REFUSED, 404, Duration.ofMillis(1)));
    metrics.onEvent(call(Outcome.REFUSED, 503, Duration.ofMillis(1)));
    metrics.onEvent(call(Outcome.NETWORK_ERROR, 0, Duration.ofMillis(1)));

    assertThat(registry.get("livechat.client.requests").tags("outcome", "REFUSED", "status", "4xx").timer().count())
        .isEqualTo(2);
    assertThat(registry.get("livechat.client.requests").tags("outcome", "REFUSED", "status", "5xx").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("livechat.client.requests").tags("outcome", "NETWORK_ERROR", "status", "none").timer()
        .count()).isEqualTo(1);
  }

  @Test
  void noMeterCarriesARoomIdOrACallNumber() {
    LivechatMetrics metrics = new LivechatMetrics(Tags.of("client", "widget"));
    metrics.bindTo(registry);

    metrics.onEvent(new TelemetryEvent.AttemptFinished(41, "GET", "livechat/messages.history/:rid", 1, 200,
        Duration.ofMillis(3)));
    metrics.onEvent(new TelemetryEvent.RetryScheduled(41, "GET", "livechat/messages.history/:rid", 1,
        TelemetryEvent.RetryReason.NETWORK, Duration.ofMillis(100)));
    metrics.onEvent(new TelemetryEvent.RateLimitWait(42, "GET", "livechat/config", Duration.ofSeconds(2)));
    metrics.onEvent(new TelemetryEvent.RealtimeStateChanged("room-1234", "CONNECTED"));
    metrics.onEvent(new TelemetryEvent.RealtimeReconnect("room-1234"));
    metrics.onEvent(new TelemetryEvent.SubscriptionRefused("room-1234", "stream-livechat-room"));
    metrics.onEvent(new TelemetryEvent.GapFilled("room-1234", 2, 30, Duration.ofMillis(80)));
    metrics.onEvent(new TelemetryEvent.RealtimeDelivered("room-1234", "MessageReceived"));
    metrics.onEvent(new TelemetryEvent.WebhookReceived(TelemetryEvent.WebhookResult.REFUSED, 401, null));

    assertThat(registry.getMeters()).allSatisfy(meter -> {
      assertThat(meter.getId().getTag("client")).isEqualTo("widget");
      assertThat(meter.getId().getTags()).noneSatisfy(tag -> assertThat(tag.getValue()).contains("1234"))
          .noneSatisfy(tag -> assertThat(tag.getValue()).isIn("41", "42"));
    });
    assertThat(registry.get("livechat.client.retries").tags("route", "livechat/messages.history/:rid",
        "reason", "NETWORK").counter().count()).isEqualTo(1);
    assertThat(registry.get("livechat.client.rate.limit.wait").tags("route", "livechat/config").timer()
        .totalTime(TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(registry.get("livechat.realtime.subscriptions.refused").tag("stream", "stream-livechat-room")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("livechat.realtime.gap.fill.messages").summary().totalAmount()).isEqualTo(30);
    assertThat(registry.get("livechat.webhook.deliveries").tags("result", "REFUSED", "status", "401").counter()
        .count()).isEqualTo(1);
  }

  @Test
  void twoRegistriesEachRecordEverything() {
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.bindTo(registry);
    metrics.bindTo(other);

    metrics.onEvent(new TelemetryEvent.RealtimeReconnect("r1"));

    assertThat(registry.get("livechat.realtime.reconnects").counter().count()).isEqualTo(1);
    assertThat(other.get("livechat.realtime.reconnects").counter().count()).isEqualTo(1);
    assertThat(other.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
        .contains("livechat.realtime.connections", "livechat.hub.rooms", "livechat.realtime.gap.fills");
  }
}
