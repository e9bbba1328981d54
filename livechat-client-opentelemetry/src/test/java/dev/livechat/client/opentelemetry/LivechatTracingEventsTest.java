package dev.livechat.client.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.telemetry.TelemetryEvent.AttemptFinished;
import dev.livechat.client.telemetry.TelemetryEvent.CallFinished;
import dev.livechat.client.telemetry.TelemetryEvent.CallStarted;
import dev.livechat.client.telemetry.TelemetryEvent.GapFilled;
import dev.livechat.client.telemetry.TelemetryEvent.Outcome;
import dev.livechat.client.telemetry.TelemetryEvent.RateLimitWait;
import dev.livechat.client.telemetry.TelemetryEvent.RealtimeStateChanged;
import dev.livechat.client.telemetry.TelemetryEvent.RetryReason;
import dev.livechat.client.telemetry.TelemetryEvent.RetryScheduled;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener fed events directly, as the SDK would: what each kind becomes, without a server. */
class LivechatTracingEventsTest {
  private final Traces traces = new Traces();
  private final LivechatTracing tracing = LivechatTracing.builder(traces.openTelemetry)
      .server(HttpUrl.get("https://chat.example.com/support"))
      .build();

  @AfterEach
  void closeTraces() {
    traces.close();
  }

  @Test
  void callSpanIsClientKindNamedMethodAndRouteWithHttpAttributesUnderTheCurrentContext() {
    Span parent = traces.tracer.spanBuilder("parent").startSpan();
    Context.current().with(parent).wrap(() -> tracing.onEvent(new CallStarted(7, "POST", "livechat/message"))).run();
    parent.end();
    tracing.onEvent(new AttemptFinished(7, "POST", "livechat/message", 1, 200, Duration.ofMillis(12)));
    tracing.onEvent(new CallFinished(7, "POST", "livechat/message", Outcome.SUCCESS, 200, 1, Duration.ofMillis(13)));

    SpanData span = span("POST livechat/message");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getParentSpanContext()).isEqualTo(parent.getSpanContext());
    assertThat(span.getAttributes().asMap()).isEqualTo(Attributes.builder()
        .put("http.request.method", "POST")
        .put("url.template", "livechat/message")
        .put("server.address", "chat.example.com")
        .put("server.port", 443L)
        .put("http.response.status_code", 200L)
        .build().asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getEvents()).singleElement().satisfies(event -> {
      assertThat(event.getName()).isEqualTo("attempt");
      assertThat(event.getAttributes()).isEqualTo(Attributes.builder()
          .put("livechat.attempt", 1L).put("http.response.status_code", 200L).put("livechat.duration_ms", 12.0)
          .build());
    });
    assertThat(tracing.openCalls()).isZero();
  }

  @Test
  void retriesAndWaitsAreEventsInOrderAndTheResendCountIsTheAttemptsLessOne() {
    tracing.onEvent(new CallStarted(1, "GET", "livechat/config"));
    tracing.onEvent(new RateLimitWait(1, "GET", "livechat/config", Duration.ofMillis(250)));
    tracing.onEvent(new AttemptFinished(1, "GET", "livechat/config", 1, 0, Duration.ofMillis(3)));
    tracing.onEvent(new RetryScheduled(1, "GET", "livechat/config", 1, RetryReason.NETWORK, Duration.ofMillis(100)));
    tracing.onEvent(new AttemptFinished(1, "GET", "livechat/config", 2, 503, Duration.ofMillis(4)));
    tracing.onEvent(new RetryScheduled(1, "GET", "livechat/config", 2, RetryReason.UNAVAILABLE, Duration.ofMillis(200)));
    tracing.onEvent(new AttemptFinished(1, "GET", "livechat/config", 3, 200, Duration.ofMillis(5)));
    tracing.onEvent(new CallFinished(1, "GET", "livechat/config", Outcome.SUCCESS, 200, 3, Duration.ofMillis(600)));

    SpanData span = span("GET livechat/config");
    assertThat(span.getEvents()).extracting(EventData::getName)
        .containsExactly("rate_limit_wait", "attempt", "retry", "attempt", "retry", "attempt");
    assertThat(span.getEvents().get(0).getAttributes()).isEqualTo(Attributes.builder()
        .put("livechat.duration_ms", 250.0).build());
    assertThat(span.getEvents().get(1).getAttributes()).as("no answer: no status")
        .isEqualTo(Attributes.builder().put("livechat.attempt", 1L).put("livechat.duration_ms", 3.0).build());
    assertThat(span.getEvents().get(2).getAttributes()).isEqualTo(Attributes.builder()
        .put("livechat.attempt", 1L).put("livechat.retry.reason", "network").put("livechat.delay_ms", 100.0).build());
    assertThat(span.getEvents().get(3).getAttributes()).isEqualTo(Attributes.builder()
        .put("livechat.attempt", 2L).put("http.response.status_code", 503L).put("http.request.resend_count", 1L)
        .put("livechat.duration_ms", 4.0).build());
    assertThat(span.getEvents().get(4).getAttributes().get(LivechatTracing.RETRY_REASON)).isEqualTo("unavailable");
    assertThat(span.getEvents().get(5).getAttributes().get(LivechatTracing.HTTP_REQUEST_RESEND_COUNT)).isEqualTo(2L);
    assertThat(span.getAttributes().get(LivechatTracing.HTTP_REQUEST_RESEND_COUNT)).isEqualTo(2L);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void everyOutcomeButSuccessIsAnErrorWithItsErrorType() {
    Map<Outcome, Integer> statuses = new LinkedHashMap<>();
    statuses.put(Outcome.REFUSED, 401);
    statuses.put(Outcome.RATE_LIMITED, 429);
    statuses.put(Outcome.NETWORK_ERROR, 0);
    statuses.put(Outcome.TIMEOUT, 0);
    statuses.put(Outcome.DECODING_ERROR, 200);
    statuses.put(Outcome.CANCELLED, 0);
    long id = 0;
    for (Map.Entry<Outcome, Integer> entry : statuses.entrySet()) {
      id++;
      tracing.onEvent(new CallStarted(id, "GET", "livechat/visitor/:token"));
      tracing.onEvent(new CallFinished(id, "GET", "livechat/visitor/:token", entry.getKey(), entry.getValue(), 1,
          Duration.ofMillis(1)));
    }

    assertThat(traces.spans()).allSatisfy(span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR))
        .extracting(span -> span.getAttributes().get(LivechatTracing.ERROR_TYPE))
        .containsExactly("401", "429", "network_error", "timeout", "decoding_error", "cancelled");
    assertThat(traces.spans()).extracting(span -> span.getAttributes().get(LivechatTracing.HTTP_RESPONSE_STATUS_CODE))
        .containsExactly(401L, 429L, null, null, 200L, null);
    assertThat(tracing.openCalls()).isZero();
  }

  @Test
  void requestHeadersCarryTheCallSpansTraceContext() {
    tracing.onEvent(new CallStarted(3, "POST", "livechat/visitor"));
    Map<String, String> headers = new LinkedHashMap<>();

    tracing.requestHeaders(3, headers::put);
    tracing.onEvent(new CallFinished(3, "POST", "livechat/visitor", Outcome.SUCCESS, 200, 1, Duration.ofMillis(1)));

    SpanData span = span("POST livechat/visitor");
    assertThat(headers).containsExactly(Map.entry("traceparent",
        "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex()));
  }

  @Test
  void requestHeadersAddNothingForACallNotUnderWayOrWithTheNoopPropagator() {
    Map<String, String> headers = new LinkedHashMap<>();
    tracing.requestHeaders(99, headers::put);
    assertThat(headers).isEmpty();

    LivechatTracing silent = LivechatTracing.builder(traces.openTelemetry).propagator(TextMapPropagator.noop()).build();
    silent.onEvent(new CallStarted(1, "GET", "livechat/config"));
    silent.requestHeaders(1, headers::put);
    assertThat(headers).isEmpty();
  }

  @Test
  void eventsOfACallNeverStartedAreIgnoredAndOpenNoSpan() {
    tracing.onEvent(new AttemptFinished(5, "GET", "livechat/config", 1, 200, Duration.ofMillis(1)));
    tracing.onEvent(new RetryScheduled(5, "GET", "livechat/config", 1, RetryReason.NETWORK, Duration.ofMillis(1)));
    tracing.onEvent(new RateLimitWait(5, "GET", "livechat/config", Duration.ofMillis(1)));
    tracing.onEvent(new CallFinished(5, "GET", "livechat/config", Outcome.SUCCESS, 200, 1, Duration.ofMillis(1)));
    tracing.onEvent(new RealtimeStateChanged("room-1", "CONNECTED"));

    assertThat(traces.spans()).isEmpty();
    assertThat(tracing.openCalls()).isZero();
  }

  @Test
  void gapFillIsARootInternalSpanStartingItsDurationBeforeItEnds() {
    Span parent = traces.tracer.spanBuilder("parent").startSpan();
    Context.current().with(parent).wrap(() -> tracing.onEvent(new GapFilled("room-1", 2, 31, Duration.ofMillis(1500))))
        .run();
    parent.end();

    SpanData span = span("livechat.gap_fill");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getParentSpanContext().isValid()).as("no parent").isFalse();
    assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
    assertThat(span.getAttributes().asMap()).isEqualTo(Attributes.builder()
        .put("livechat.room.id", "room-1")
        .put("livechat.gap_fill.calls", 2L)
        .put("livechat.gap_fill.messages", 31L)
        .build().asMap());
  }

  private SpanData span(String name) {
    return traces.spans().stream().filter(s -> s.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + traces.spans()));
  }
}
