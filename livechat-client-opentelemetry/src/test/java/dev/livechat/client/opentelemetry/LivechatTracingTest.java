package dev.livechat.client.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeListener;
import dev.livechat.client.realtime.RealtimeOptions;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LivechatTracing on a real client against FakeLivechatServer: the spans the SDK's own events make. */
class LivechatTracingTest {
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  /** Retries at once, so that tests of retries do not wait for the default backoff. */
  private static final RetryPolicy QUICK_RETRIES = RetryPolicy.defaults()
      .withBackoff(Duration.ofMillis(1), Duration.ofMillis(1));

  private final Traces traces = new Traces();
  private final FakeLivechatServer server = FakeLivechatServer.start();
  private final LivechatTracing tracing = LivechatTracing.builder(traces.openTelemetry).server(server.url()).build();
  private final LivechatClient client = LivechatClient.builder()
      .baseUrl(server.url())
      .retryPolicy(QUICK_RETRIES)
      .telemetry(tracing)
      .build();

  @AfterEach
  void close() {
    client.close();
    server.close();
    traces.close();
  }

  @Test
  void aCallIsAClientSpanWithItsRouteStatusServerAndTheCallersSpanAsParent() throws Exception {
    Span parent = traces.tracer.spanBuilder("checkout").startSpan();
    try {
      Context.current().with(parent).wrap(() -> client.registerVisitor(NewVisitor.of(TOKEN))).call();
    } finally {
      parent.end();
    }

    SpanData span = traces.awaitSpan("POST livechat/visitor");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getParentSpanContext()).isEqualTo(parent.getSpanContext());
    assertThat(span.getAttributes().get(LivechatTracing.HTTP_REQUEST_METHOD)).isEqualTo("POST");
    assertThat(span.getAttributes().get(LivechatTracing.URL_TEMPLATE)).isEqualTo("livechat/visitor");
    assertThat(span.getAttributes().get(LivechatTracing.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(span.getAttributes().get(LivechatTracing.SERVER_ADDRESS)).isEqualTo(server.url().host());
    assertThat(span.getAttributes().get(LivechatTracing.SERVER_PORT)).isEqualTo((long) server.url().port());
    assertThat(span.getAttributes().get(LivechatTracing.HTTP_REQUEST_RESEND_COUNT)).isNull();
    assertThat(span.getAttributes().get(LivechatTracing.ERROR_TYPE)).isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("attempt");
  }

  @Test
  void anAsynchronousCallsParentIsTheContextOfTheThreadThatMadeIt() throws Exception {
    Span parent = traces.tracer.spanBuilder("checkout").startSpan();
    try {
      Context.current().with(parent).wrap(() -> client.async().config().get(Traces.WAIT.toMillis(), TimeUnit.MILLISECONDS))
          .call();
    } finally {
      parent.end();
    }

    SpanData span = traces.awaitSpan("GET livechat/config");
    assertThat(span.getParentSpanContext()).isEqualTo(parent.getSpanContext());
    assertThat(span.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
  }

  @Test
  void retriesAreEventsOfTheOneCallSpanWithTheResendCount() throws InterruptedException {
    server.refuseNext(2);

    client.config();

    SpanData span = traces.awaitSpan("GET livechat/config");
    assertThat(span.getEvents()).extracting(EventData::getName)
        .containsExactly("attempt", "retry", "attempt", "retry", "attempt");
    List<EventData> attempts = span.getEvents().stream().filter(e -> e.getName().equals("attempt")).toList();
    assertThat(attempts).extracting(e -> e.getAttributes().get(LivechatTracing.HTTP_RESPONSE_STATUS_CODE))
        .containsExactly(503L, 503L, 200L);
    assertThat(attempts).extracting(e -> e.getAttributes().get(LivechatTracing.HTTP_REQUEST_RESEND_COUNT))
        .containsExactly(null, 1L, 2L);
    assertThat(span.getEvents()).filteredOn(e -> e.getName().equals("retry"))
        .extracting(e -> e.getAttributes().get(LivechatTracing.RETRY_REASON))
        .containsExactly("unavailable", "unavailable");
    assertThat(span.getAttributes().get(LivechatTracing.HTTP_REQUEST_RESEND_COUNT)).isEqualTo(2L);
    assertThat(span.getAttributes().get(LivechatTracing.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void everyAttemptReachesTheServerWithTheCallSpansTraceparent() throws InterruptedException {
    try (HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url());
         LivechatClient proxied = LivechatClient.builder().baseUrl(proxy.url()).retryPolicy(QUICK_RETRIES)
             .telemetry(LivechatTracing.create(traces.openTelemetry)).build()) {
      server.refuseNext(1);

      proxied.config();

      SpanData span = traces.awaitSpan("GET livechat/config");
      String expected = "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
          + span.getSpanContext().getTraceFlags().asHex();
      assertThat(proxy.received()).hasSize(2)
          .extracting(headers -> headers.get("traceparent"))
          .containsExactly(expected, expected);
    }
  }

  @Test
  void aRefusedCallsSpanIsAnErrorWithTheStatusAsErrorType() throws InterruptedException {
    assertThatThrownBy(() -> client.getVisitor("no-such-token")).isInstanceOf(LivechatApiException.class);

    SpanData span = traces.awaitSpan("GET livechat/visitor/:token");
    long status = span.getAttributes().get(LivechatTracing.HTTP_RESPONSE_STATUS_CODE);
    assertThat(status).isBetween(400L, 499L);
    assertThat(span.getAttributes().get(LivechatTracing.ERROR_TYPE)).isEqualTo(Long.toString(status));
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getName()).as("the route, never the token").doesNotContain("no-such-token");
  }

  @Test
  void aRateLimitedCallsSpanIsAnErrorWith429() throws InterruptedException {
    server.enableRateLimits();
    try (LivechatClient noRetries = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none())
        .telemetry(tracing).build()) {
      for (int i = 0; i < 10; i++) {
        noRetries.config();
      }
      assertThatThrownBy(noRetries::config).isInstanceOf(LivechatRateLimitException.class);
    }

    List<SpanData> spans = traces.await(all -> all.size() == 11);
    SpanData refused = spans.get(10);
    assertThat(refused.getAttributes().get(LivechatTracing.ERROR_TYPE)).isEqualTo("429");
    assertThat(refused.getAttributes().get(LivechatTracing.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(429L);
    assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void aCallThatGetsNoAnswerIsAnErrorOfTypeNetworkError() throws Exception {
    HttpUrl nobody;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nobody = HttpUrl.get("http://127.0.0.1:" + socket.getLocalPort() + "/");
    } // closed: connections are refused
    LivechatTracing own = LivechatTracing.create(traces.openTelemetry);
    try (LivechatClient unreachable = LivechatClient.builder().baseUrl(nobody).retryPolicy(RetryPolicy.none())
        .telemetry(own).build()) {
      assertThatThrownBy(unreachable::config).isInstanceOf(LivechatNetworkException.class);
    }

    SpanData span = traces.awaitSpan("GET livechat/config");
    assertThat(span.getAttributes().get(LivechatTracing.ERROR_TYPE)).isEqualTo("network_error");
    assertThat(span.getAttributes().get(LivechatTracing.HTTP_RESPONSE_STATUS_CODE)).as("no answer").isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(own.openCalls()).isZero();
  }

  @Test
  void aDroppedRealtimeConnectionsGapFillIsAnInternalSpan() throws InterruptedException {
    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
    RealtimeListener listener = new RealtimeListener() {
      @Override
      public void onEvent(RealtimeEvent event) {
        if (event instanceof RealtimeEvent.ConnectionStateChanged changed) {
          states.add(changed.state());
        }
      }
    };
    // Time enough for the agent's reply to be stored before the session reconnects and fills the gap.
    RealtimeOptions options = RealtimeOptions.defaults().withReconnectDelays(Duration.ofMillis(300), Duration.ofMillis(300));
    LivechatRealtime session = client.realtime(TOKEN, rid, options, listener);
    try {
      awaitState(states, ConnectionState.CONNECTED);
      assertThat(server.await(s -> s.subscriptionCount(rid) >= 4, Traces.WAIT)).as("subscribed").isTrue();
      FakeAgent smith = server.agent("agent.smith");
      // Connecting fills the gap between the baseline load and the subscriptions, before CONNECTED.
      long fillsBefore = gapFills().size();

      server.dropAllConnections();
      smith.reply(rid, "while you were away");

      traces.await(spans -> gapFills().size() > fillsBefore);
      SpanData span = gapFills().get((int) fillsBefore);
      assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
      assertThat(span.getParentSpanContext().isValid()).isFalse();
      assertThat(span.getAttributes().get(LivechatTracing.ROOM_ID)).isEqualTo(rid);
      assertThat(span.getAttributes().get(LivechatTracing.GAP_FILL_CALLS)).isPositive();
      assertThat(span.getAttributes().get(LivechatTracing.GAP_FILL_MESSAGES)).as("the agent's reply").isEqualTo(1L);
      assertThat(span.getEndEpochNanos()).isGreaterThanOrEqualTo(span.getStartEpochNanos());
    } finally {
      session.close();
    }
  }

  @Test
  void noSpanStaysOpenOnceCallsEndWhateverTheirOutcome() throws Exception {
    client.registerVisitor(NewVisitor.of(TOKEN));
    client.openRoom(TOKEN);
    assertThatThrownBy(() -> client.getVisitor("no-such-token")).isInstanceOf(LivechatApiException.class);
    server.refuseNext(1);
    client.config();
    client.async().config().get(Traces.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    client.async().registerVisitor(NewVisitor.of(TOKEN)).get(Traces.WAIT.toMillis(), TimeUnit.MILLISECONDS);

    traces.await(spans -> spans.size() == 6);
    assertThat(tracing.openCalls()).isZero();
  }

  @Test
  void concurrentCallsEachHaveTheirOwnSpanWithOnlyTheirOwnAttempts() throws Exception {
    List<CompletableFuture<LivechatConfig>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(client.async().config());
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(Traces.WAIT.toMillis(), TimeUnit.MILLISECONDS);

    List<SpanData> spans = traces.await(all -> all.size() == 20);
    assertThat(spans).extracting(SpanData::getSpanId).doesNotHaveDuplicates();
    assertThat(spans).allSatisfy(span -> assertThat(span.getEvents()).extracting(EventData::getName)
        .containsExactly("attempt"));
    assertThat(tracing.openCalls()).isZero();
  }

  private List<SpanData> gapFills() {
    return traces.spans().stream().filter(s -> s.getName().equals("livechat.gap_fill")).toList();
  }

  private static void awaitState(BlockingQueue<ConnectionState> states, ConnectionState wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + Traces.WAIT.toNanos();
    ConnectionState state;
    do {
      state = states.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(state).as("reached %s in time", wanted).isNotNull();
    } while (state != wanted);
  }
}
