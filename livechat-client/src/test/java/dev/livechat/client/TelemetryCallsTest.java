package dev.livechat.client;

import static dev.livechat.client.ReliabilityTest.json;
import static dev.livechat.client.ReliabilityTest.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.FaultInjectionTest.Mode;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.internal.Telemetry;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryEvent.AttemptFinished;
import dev.livechat.client.telemetry.TelemetryEvent.CallFinished;
import dev.livechat.client.telemetry.TelemetryEvent.CallStarted;
import dev.livechat.client.telemetry.TelemetryEvent.RateLimitWait;
import dev.livechat.client.telemetry.TelemetryEvent.RetryScheduled;
import dev.livechat.client.telemetry.TelemetryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a call reports to its {@link TelemetryListener}, blocking and asynchronous alike: started,
 * each attempt with its status, each retry with its reason and delay, a wait for the rate limiter,
 * finished with its outcome; the headers it asks for on each attempt; and never the token.
 */
class TelemetryCallsTest {
  static final String TOKEN = ReliabilityTest.TOKEN;
  static final String RID = ReliabilityTest.RID;

  @StartStop final MockWebServer server = new MockWebServer();
  final RecordingDelays delays = new RecordingDelays();
  final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();
  /** Each call's end, as it comes: an asynchronous call reports it after its future completes. */
  final BlockingQueue<CallFinished> finished = new LinkedBlockingQueue<>();
  final List<LivechatClient> clients = new ArrayList<>();

  LivechatClient client(TelemetryListener listener, boolean waitWhenRateLimited) {
    LivechatClient client = LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.defaults())
        .clock(ReliabilityTest.FIXED).delays(delays).waitWhenRateLimited(waitWhenRateLimited)
        .telemetry(listener).build();
    clients.add(client);
    return client;
  }

  LivechatClient client() {
    return client(this::record, false);
  }

  void record(TelemetryEvent event) {
    events.add(event);
    if (event instanceof CallFinished end) {
      finished.add(end);
    }
  }

  @AfterEach
  void close() {
    clients.forEach(LivechatClient::close);
  }

  /** The events as lines without their durations (a retry's jittered delay included). */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (TelemetryEvent event : events) {
      if (event instanceof CallStarted e) {
        lines.add("started " + e.callId() + " " + e.method() + " " + e.route());
      } else if (event instanceof AttemptFinished e) {
        lines.add("attempt " + e.callId() + " #" + e.attempt() + " " + e.status());
      } else if (event instanceof RetryScheduled e) {
        lines.add("retry " + e.callId() + " after #" + e.attempt() + " " + e.reason());
      } else if (event instanceof RateLimitWait e) {
        lines.add("rate-limit wait " + e.callId() + " " + e.duration());
      } else if (event instanceof CallFinished e) {
        lines.add("finished " + e.callId() + " " + e.outcome() + " " + e.status() + " after " + e.attempts());
      }
    }
    return lines;
  }

  static Object send(Mode mode, LivechatClient client) throws Throwable {
    return ReliabilityTest.send(mode, client, SendMessageRequest.of(TOKEN, RID, "hi"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCallThatSucceedsAtOnce(Mode mode) throws Throwable {
    server.enqueue(sent("m1"));

    send(mode, client());

    awaitFinished(1);
    assertThat(lines()).containsExactly(
        "started 1 POST livechat/message",
        "attempt 1 #1 200",
        "finished 1 SUCCESS 200 after 1");
    CallFinished finished = (CallFinished) events.get(2);
    AttemptFinished attempt = (AttemptFinished) events.get(1);
    assertThat(finished.duration()).isGreaterThanOrEqualTo(attempt.duration()).isPositive();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesAfterUnavailableAnswersEachWithItsReason(Mode mode) throws Throwable {
    server.enqueue(json(503, "{\"success\":false}"));
    server.enqueue(json(502, "{\"success\":false}"));
    server.enqueue(json(200, Fixtures.read("messages/history-current-server.json")));

    ReliabilityTest.call(mode, client(), c -> c.loadHistory(TOKEN, RID), a -> a.loadHistory(TOKEN, RID));

    awaitFinished(1);
    assertThat(lines()).containsExactly(
        "started 1 GET livechat/messages.history/:rid",
        "attempt 1 #1 503",
        "retry 1 after #1 UNAVAILABLE",
        "attempt 1 #2 502",
        "retry 1 after #2 UNAVAILABLE",
        "attempt 1 #3 200",
        "finished 1 SUCCESS 200 after 3");
    assertThat(events).filteredOn(RetryScheduled.class::isInstance).extracting(e -> ((RetryScheduled) e).delay())
        .containsExactlyElementsOf(delays.waits());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a429IsRetriedAfterTheServersReset(Mode mode) throws Throwable {
    server.enqueue(new MockResponse.Builder(json(429, "{\"success\":false,\"error\":\"error-too-many-requests\"}"))
        .addHeader("X-RateLimit-Reset", String.valueOf(ReliabilityTest.NOW.plusSeconds(4).toEpochMilli())).build());
    server.enqueue(sent("m1"));

    send(mode, client());

    awaitFinished(1);
    assertThat(lines()).containsExactly(
        "started 1 POST livechat/message",
        "attempt 1 #1 429",
        "retry 1 after #1 RATE_LIMITED",
        "attempt 1 #2 200",
        "finished 1 SUCCESS 200 after 2");
    assertThat(((RetryScheduled) events.get(2)).delay()).isEqualTo(Duration.ofSeconds(4));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aKnownExhaustedLimitIsWaitedOutBeforeSending(Mode mode) throws Throwable {
    server.enqueue(ReliabilityTest.RateLimitAwareness.sentWithLimit("m1", 0, Duration.ofSeconds(3)));
    server.enqueue(sent("m2"));
    LivechatClient client = client(this::record, true);

    send(mode, client);
    send(mode, client);

    awaitFinished(2);
    assertThat(lines()).containsExactly(
        "started 1 POST livechat/message",
        "attempt 1 #1 200",
        "finished 1 SUCCESS 200 after 1",
        "started 2 POST livechat/message",
        "rate-limit wait 2 PT3S",
        "attempt 2 #1 200",
        "finished 2 SUCCESS 200 after 1");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRefusalEndsTheCallAsRefusedWithItsStatus(Mode mode) throws Throwable {
    server.enqueue(json(400, Fixtures.read("errors/invalid-room-plain.json")));

    assertThat(catchThrowable(() -> send(mode, client()))).isInstanceOf(LivechatApiException.class);

    awaitFinished(1);
    assertThat(lines()).containsExactly(
        "started 1 POST livechat/message",
        "attempt 1 #1 400",
        "finished 1 REFUSED 400 after 1");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServerThatCannotBeReachedIsTriedAgainThenANetworkError(Mode mode) throws Throwable {
    int port = server.getPort();
    server.close(); // nothing listens there now: each attempt is refused, nothing was sent
    LivechatClient client = LivechatClient.builder().baseUrl("http://127.0.0.1:" + port + "/")
        .retryPolicy(RetryPolicy.defaults()).delays(delays).telemetry(this::record).build();
    clients.add(client);

    assertThat(catchThrowable(() -> send(mode, client))).isInstanceOf(LivechatNetworkException.class);

    awaitFinished(1);
    assertThat(lines()).containsExactly(
        "started 1 POST livechat/message",
        "attempt 1 #1 0",
        "retry 1 after #1 NETWORK",
        "attempt 1 #2 0",
        "retry 1 after #2 NETWORK",
        "attempt 1 #3 0",
        "finished 1 NETWORK_ERROR 0 after 3");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void eachAttemptCarriesTheHeadersTheListenerGives(Mode mode) throws Throwable {
    AtomicInteger asked = new AtomicInteger();
    TelemetryListener tracing = new TelemetryListener() {
      @Override
      public void onEvent(TelemetryEvent event) {
        record(event);
      }

      @Override
      public void requestHeaders(long callId, BiConsumer<String, String> header) {
        header.accept("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0" + asked.incrementAndGet());
      }
    };
    server.enqueue(json(503, "{\"success\":false}"));
    server.enqueue(json(200, Fixtures.read("messages/history-current-server.json")));

    ReliabilityTest.call(mode, client(tracing, false), c -> c.loadHistory(TOKEN, RID), a -> a.loadHistory(TOKEN, RID));

    assertThat(server.takeRequest().getHeaders().get("traceparent")).endsWith("-01");
    assertThat(server.takeRequest().getHeaders().get("traceparent")).endsWith("-02");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aListenerThatThrowsBreaksNoCall(Mode mode) throws Throwable {
    AtomicInteger calls = new AtomicInteger();
    TelemetryListener failing = new TelemetryListener() {
      @Override
      public void onEvent(TelemetryEvent event) {
        calls.incrementAndGet();
        throw new IllegalStateException("the listener's own bug");
      }

      @Override
      public void requestHeaders(long callId, BiConsumer<String, String> header) {
        throw new IllegalStateException("the listener's own bug");
      }
    };
    server.enqueue(sent("m1"));

    Object sentMessage = send(mode, client(failing, false));

    assertThat(sentMessage).isNotNull();
    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v1/livechat/message");
    assertThat(calls).hasValueGreaterThanOrEqualTo(2);
  }

  @Test
  void anAsyncCallCancelledInFlightEndsCancelledAndNothingFollows() throws Throwable {
    server.enqueue(new MockResponse.Builder(sent("m1")).headersDelay(5, TimeUnit.SECONDS).build());
    // OkHttp's dispatcher goes idle once the cancelled call's callback has returned.
    CountDownLatch idle = new CountDownLatch(1);
    OkHttpClient okHttp = new OkHttpClient();
    okHttp.dispatcher().setIdleCallback(idle::countDown);
    LivechatClient client = LivechatClient.builder().baseUrl(server.url("/")).okHttpClient(okHttp)
        .telemetry(this::record).build();
    clients.add(client);

    CompletableFuture<?> call = client.async().sendMessage(SendMessageRequest.of(TOKEN, RID, "hi"));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    call.cancel(true);

    awaitFinished(1);
    assertThat(idle.await(5, TimeUnit.SECONDS)).as("the cancelled call's callback returned").isTrue();
    assertThat(lines()).containsExactly(
        "started 1 POST livechat/message",
        "finished 1 CANCELLED 0 after 0");
  }

  @Test
  void noEventHoldsTheToken() throws Throwable {
    server.enqueue(json(200, Fixtures.read("visitors/get.json")));
    server.enqueue(json(200, Fixtures.read("agents/next.json")));
    server.enqueue(json(200, Fixtures.read("messages/history-current-server.json")));
    LivechatClient client = client();

    client.getVisitor(TOKEN);
    client.nextAgent(TOKEN);
    client.loadHistory(TOKEN, RID);

    assertThat(lines()).contains("started 1 GET livechat/visitor/:token", "started 2 GET livechat/agent.next/:token",
        "started 3 GET livechat/messages.history/:rid");
    assertThat(events).allSatisfy(event -> assertThat(event.toString()).doesNotContain(TOKEN));
  }

  @Test
  void nobodyListeningBuildsNothing() {
    Telemetry off = Telemetry.of(TelemetryListener.NONE);

    assertThat(off).isSameAs(Telemetry.OFF);
    assertThat(off.on()).isFalse();
    assertThat(CallTrace.start(off, VisitorApi.getVisitor(TOKEN))).isSameAs(CallTrace.OFF);
  }

  /** Waits for {@code calls} calls to report their end (an asynchronous one does after its future completes). */
  private void awaitFinished(int calls) throws InterruptedException {
    for (int i = 0; i < calls; i++) {
      assertThat(finished.poll(5, TimeUnit.SECONDS)).as("call %s finished", i + 1).isNotNull();
    }
  }
}
