package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.livechat.client.FaultInjectionTest.Mode;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.exception.RateLimit;
import dev.livechat.client.internal.Delays;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reliability layer beyond the fault matrix ({@link FaultInjectionTest}): the lookup that
 * recovers a refused repeated send, the message id known in advance, cancellation, rate-limit
 * awareness, the four timeouts, the retry policy's validation, and the redacted HTTP log.
 *
 * <p>Waits are recorded, not spent ({@link RecordingDelays}); the clock is fixed. After every test
 * the OkHttp client the SDK was given must have no running call and no busy connection.
 */
class ReliabilityTest {
  static final String TOKEN = "8s7e9ony6ctl27e1qf8kue";
  static final String RID = "mmqCzYgiL8fzRYfuY";
  static final String SEND = "POST /api/v1/livechat/message";
  static final Instant NOW = FaultInjectionTest.NOW;
  static final Clock FIXED = FaultInjectionTest.FIXED;

  private static final JsonAdapter<Map<String, Object>> ANY_OBJECT =
      new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  @StartStop final MockWebServer server = new MockWebServer();
  final OkHttpClient ok = IdleWatch.freshOkHttp();
  final IdleWatch watch = new IdleWatch(ok);
  final RecordingDelays delays = new RecordingDelays();
  private final List<LivechatClient> clients = new ArrayList<>();

  /** A client on the test's OkHttp, the default retry policy, recorded waits and the fixed clock. */
  LivechatClient.Builder builder() {
    return LivechatClient.builder()
        .baseUrl(server.url("/"))
        .okHttpClient(ok)
        .retryPolicy(RetryPolicy.defaults())
        .clock(FIXED)
        .delays(delays);
  }

  LivechatClient build(LivechatClient.Builder builder) {
    LivechatClient client = builder.build();
    clients.add(client);
    return client;
  }

  @AfterEach
  void nothingLeaked() throws Exception {
    try {
      clients.forEach(LivechatClient::close);
      watch.assertNoLeak();
    } finally {
      watch.release();
    }
  }

  // ----------------------------------------------------------------------------------------------

  /** Runs a call in {@code mode}; an asynchronous failure is thrown as its cause. */
  static <T> T call(Mode mode, LivechatClient client, Function<LivechatClient, T> blocking,
      Function<AsyncLivechatClient, CompletableFuture<T>> async) throws Throwable {
    if (mode == Mode.BLOCKING) {
      return blocking.apply(client);
    }
    try {
      return async.apply(client.async()).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  static Message send(Mode mode, LivechatClient client, SendMessageRequest request) throws Throwable {
    return call(mode, client, c -> c.sendMessage(request), a -> a.sendMessage(request));
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
  }

  /** The server reads the request, then closes the connection without answering. */
  static MockResponse resetBeforeResponse() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  /** messages/get.json: the stored message, with {@code id} as its id. */
  static String storedMessageAnswer(String id) {
    return Fixtures.read("messages/get.json").replace("AgRFdj96mbHDPrTHq", id);
  }

  static Message storedMessage(String id) {
    return new Message(id, RID, "hi", null, TOKEN, "Mary", new User("47Dajwh9DjpnTAugW", "guest-165", "Mary"),
        Instant.parse("2021-07-13T16:20:26.672Z"), Instant.parse("2021-07-13T16:20:26.776Z"), null, null);
  }

  /** A send's answer: the message with {@code id}. */
  static MockResponse sent(String id) {
    return json(200, storedMessageAnswer(id));
  }

  RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("request reached the server").isNotNull();
    return request;
  }

  static Object idOf(RecordedRequest request) {
    try {
      return ANY_OBJECT.fromJson(Fixtures.body(request)).get("_id");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertBackoffWaits(List<Duration> waits, int count) {
    assertThat(waits).hasSize(count);
    for (int i = 0; i < waits.size(); i++) {
      assertThat(waits.get(i)).isBetween(Duration.ZERO, FaultInjectionTest.backoffCap(i + 1));
    }
  }

  // ----------------------------------------------------------------------------------------------

  /** (a) A repeated send that the server refuses may have landed the first time: look it up. */
  @Nested
  class RecoveryOfARefusedRepeatedSend {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void refusedRepeatLooksTheMessageUpByItsIdAndReturnsIt(Mode mode) throws Throwable {
      SendMessageRequest request = SendMessageRequest.of(TOKEN, RID, "hi");
      server.enqueue(resetBeforeResponse());
      server.enqueue(json(400, Fixtures.read("errors/bare-failure.json")));
      server.enqueue(json(200, storedMessageAnswer(request.id())));
      LivechatClient client = build(builder());

      Message message = send(mode, client, request);

      assertThat(message).isEqualTo(storedMessage(request.id()));
      assertThat(server.getRequestCount()).as("send, send again, look up").isEqualTo(3);
      RecordedRequest first = taken();
      RecordedRequest second = taken();
      RecordedRequest lookup = taken();
      assertThat(first.getMethod() + " " + first.getTarget()).isEqualTo("POST /api/v1/livechat/message");
      assertThat(idOf(first)).isEqualTo(request.id());
      assertThat(Fixtures.body(second)).isEqualTo(Fixtures.body(first));
      assertThat(lookup.getMethod()).isEqualTo("GET");
      assertThat(lookup.getTarget())
          .isEqualTo("/api/v1/livechat/message/" + request.id() + "?token=" + TOKEN + "&rid=" + RID);
      assertBackoffWaits(delays.waits(), 1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void failedLookupThrowsTheRefusalWithTheLookupFailureSuppressed(Mode mode) {
      SendMessageRequest request = SendMessageRequest.of(TOKEN, RID, "hi");
      server.enqueue(resetBeforeResponse());
      server.enqueue(json(400, Fixtures.read("errors/bare-failure.json")));
      server.enqueue(json(400, Fixtures.read("messages/get-error-invalid-message-current-server.json")));
      LivechatClient client = build(builder());

      Throwable thrown = catchThrowable(() -> send(mode, client, request));

      assertThat(thrown).isExactlyInstanceOf(LivechatApiException.class);
      LivechatApiException refusal = (LivechatApiException) thrown;
      assertThat(refusal.statusCode()).isEqualTo(400);
      assertThat(refusal.errorCode()).as("a bare {\"success\":false}").isNull();
      assertThat(refusal.endpoint()).isEqualTo(SEND);
      assertThat(refusal.getSuppressed()).hasSize(1);
      assertThat(refusal.getSuppressed()[0]).isExactlyInstanceOf(LivechatApiException.class);
      LivechatApiException lookup = (LivechatApiException) refusal.getSuppressed()[0];
      assertThat(lookup.errorCode()).isEqualTo("invalid-message");
      assertThat(lookup.endpoint()).isEqualTo("GET /api/v1/livechat/message/:_id");
      assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void refusedFirstAttemptIsNotLookedUp(Mode mode) throws Exception {
      server.enqueue(json(400, Fixtures.read("errors/bare-failure.json")));
      LivechatClient client = build(builder());

      Throwable thrown = catchThrowable(() -> send(mode, client, SendMessageRequest.of(TOKEN, RID, "hi")));

      assertThat(thrown).isExactlyInstanceOf(LivechatApiException.class);
      assertThat(((LivechatApiException) thrown).statusCode()).isEqualTo(400);
      assertThat(server.getRequestCount()).as("nothing was sent before, so nothing to look up").isEqualTo(1);
      assertThat(delays.waits()).isEmpty();
    }
  }

  /** (b) The caller knows the message id before the call returns. */
  @Nested
  class MessageIdKnownInAdvance {
    @Test
    void idOfTheRequestIsTheIdSentBeforeTheAnswerArrives() throws Exception {
      SendMessageRequest request = SendMessageRequest.of(TOKEN, RID, "hi");
      String id = request.id();
      assertThat(id).matches("[23456789A-HJ-NP-Za-km-z]{17}");
      assertThat(SendMessageRequest.of(TOKEN, RID, "hi").id()).as("each request its own id").isNotEqualTo(id);
      CountDownLatch answer = new CountDownLatch(1);
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
          answer.await(10, TimeUnit.SECONDS);
          return sent(id);
        }
      });
      LivechatClient client = build(builder());

      CompletableFuture<Message> pending = client.async().sendMessage(request);
      RecordedRequest recorded = taken();

      assertThat(pending).as("the call has not returned").isNotDone();
      assertThat(idOf(recorded)).isEqualTo(id);
      answer.countDown();
      assertThat(pending.get(10, TimeUnit.SECONDS).id()).isEqualTo(id);
    }

    @Test
    void idChosenByTheCallerIsSentAsIs() throws Exception {
      server.enqueue(sent("my-own-id-1"));
      LivechatClient client = build(builder());

      Message message = client.sendMessage(SendMessageRequest.of(TOKEN, RID, "hi").withId("my-own-id-1"));

      assertThat(message.id()).isEqualTo("my-own-id-1");
      assertThat(idOf(taken())).isEqualTo("my-own-id-1");
    }
  }

  /** A timer that never fires: it records what it was asked to schedule. */
  static final class NeverFiringDelays implements Delays {
    final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    final List<FutureTask<?>> futures = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final CountDownLatch scheduled = new CountDownLatch(1);

    @Override
    public void sleep(Duration delay) {
      throw new AssertionError("the asynchronous form never blocks");
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
      FutureTask<?> future = new FutureTask<>(task, null);
      tasks.add(task);
      futures.add(future);
      waits.add(delay);
      scheduled.countDown();
      return future;
    }

    @Override
    public void shutdown() {}
  }

  /** (c) Cancelling an asynchronous call. */
  @Nested
  class Cancellation {
    @Test
    void cancellingTheFutureCancelsTheCallInFlight() throws Exception {
      server.enqueue(new MockResponse.Builder(sent("x")).headersDelay(60, TimeUnit.SECONDS).build());
      LivechatClient client = build(builder());

      CompletableFuture<Message> future = client.async().sendMessage(SendMessageRequest.of(TOKEN, RID, "hi"));
      taken();
      assertThat(future.cancel(true)).isTrue();

      watch.awaitNoRunningCalls();
      assertThat(ok.dispatcher().runningCallsCount()).isZero();
      assertThat(future).isCancelled();
      assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
      assertThat(delays.waits()).as("a cancelled call is not retried").isEmpty();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void cancellingDuringAPendingRetryWaitCancelsTheRetry() throws Exception {
      NeverFiringDelays timer = new NeverFiringDelays();
      server.enqueue(Fixtures.answer(503, "errors/unavailable-503.json"));
      server.enqueue(sent("x"));
      LivechatClient client = build(builder().delays(timer));

      CompletableFuture<Message> future = client.async().sendMessage(SendMessageRequest.of(TOKEN, RID, "hi"));
      assertThat(timer.scheduled.await(5, TimeUnit.SECONDS)).as("a retry was scheduled").isTrue();
      watch.awaitNoRunningCalls(); // the callback that scheduled the retry has returned
      assertThat(future.cancel(true)).isTrue();

      assertThat(timer.futures).hasSize(1);
      assertThat(timer.futures.get(0)).as("the scheduled retry").isCancelled();
      assertBackoffWaits(timer.waits, 1);
      timer.tasks.get(0).run(); // a timer firing late, despite the cancel
      assertThat(ok.dispatcher().runningCallsCount()).isZero();
      assertThat(server.getRequestCount()).as("no attempt after the cancel").isEqualTo(1);
      assertThat(timer.futures).as("nothing more scheduled").hasSize(1);
      assertThat(future).isCancelled();
    }

    @Test
    void cancellingDuringTheRecoveryLookupCancelsTheLookup() throws Exception {
      SendMessageRequest request = SendMessageRequest.of(TOKEN, RID, "hi");
      server.enqueue(resetBeforeResponse());
      server.enqueue(json(400, Fixtures.read("errors/bare-failure.json")));
      server.enqueue(new MockResponse.Builder(sent(request.id())).headersDelay(60, TimeUnit.SECONDS).build());
      LivechatClient client = build(builder());

      CompletableFuture<Message> future = client.async().sendMessage(request);
      taken();
      taken();
      assertThat(taken().getMethod()).as("the lookup reached the server").isEqualTo("GET");
      assertThat(future.cancel(true)).isTrue();

      watch.awaitNoRunningCalls(); // fails after 10 s: the lookup still runs, waiting for its 60 s answer
      assertThat(ok.dispatcher().runningCallsCount()).isZero();
    }
  }

  /** An upload from a stream can be sent only once. */
  @Nested
  class OneShotUpload {
    @Test
    void streamUploadRefusedWith429ReportsTheRateLimitInsteadOfResendingAConsumedStream() {
      byte[] bytes = new byte[1000];
      server.enqueue(FaultInjectionTest.tooManyRequests(Duration.ofSeconds(2)));
      server.enqueue(json(200, Fixtures.read("uploads/upload.json")));
      LivechatClient client = build(builder());

      Throwable thrown = catchThrowable(() -> client.uploadFile(TOKEN, RID,
          FileUpload.of(new ByteArrayInputStream(bytes), bytes.length, "a.bin", "application/octet-stream")));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      assertThat(((LivechatRateLimitException) thrown).retryAfter()).isEqualTo(Duration.ofSeconds(2));
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(delays.waits()).as("no wait for an attempt that cannot be made").isEmpty();
    }

    @Test
    void streamUploadIsRetriedAfterAConnectionFailureSinceNothingWasRead() throws Exception {
      byte[] bytes = "all of it".getBytes(StandardCharsets.UTF_8);
      server.close();
      LivechatClient client = build(builder());

      Throwable thrown = catchThrowable(() -> client.uploadFile(TOKEN, RID,
          FileUpload.of(new ByteArrayInputStream(bytes), bytes.length, "a.bin", "application/octet-stream")));

      assertThat(thrown).isExactlyInstanceOf(LivechatNetworkException.class);
      assertThat(thrown.getCause()).isInstanceOf(ConnectException.class);
      assertBackoffWaits(delays.waits(), 2);
    }
  }

  /** Closing the client while an asynchronous call is still running. */
  @Nested
  class Closing {
    @ParameterizedTest
    @EnumSource(Mode.class)
    void callsOnAClosedClientAreRefusedBeforeAnyRequest(Mode mode) {
      LivechatClient client = build(builder());
      client.close();

      Throwable thrown = catchThrowable(() -> call(mode, client, c -> c.loadHistory(TOKEN, RID),
          a -> a.loadHistory(TOKEN, RID)));

      assertThat(thrown).isExactlyInstanceOf(LivechatException.class)
          .hasMessage("The client is closed (GET /api/v1/livechat/messages.history/:rid)");
      assertThat(server.getRequestCount()).as("requests sent").isZero();
      assertThat(delays.waits()).isEmpty();
    }

    @Test
    void closeFailsAnAsyncCallWaitingForItsRetryAtOnce() throws Exception {
      server.enqueue(Fixtures.answer(503, "errors/unavailable-503.json"));
      // The real timer, and a retry that would wait up to an hour.
      LivechatClient client = build(LivechatClient.builder()
          .baseUrl(server.url("/"))
          .okHttpClient(ok)
          .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofHours(1), Duration.ofHours(1)))
          .clock(FIXED));
      CompletableFuture<?> future = client.async().loadHistory(TOKEN, RID);
      taken();
      watch.awaitNoRunningCalls(); // the 503 was read: the retry waits on the timer

      client.close();

      Throwable thrown = catchThrowable(() -> future.get(5, TimeUnit.SECONDS));
      assertThat(thrown).isInstanceOf(ExecutionException.class);
      assertThat(thrown.getCause()).isExactlyInstanceOf(LivechatException.class)
          .hasMessage("The client is closed (GET /api/v1/livechat/messages.history/:rid)");
      assertThat(server.getRequestCount()).as("no second attempt").isEqualTo(1);
    }

    @Test
    void closeReleasesTheClientsOwnDispatcherAndPoolAndTheTimerIsADaemon() throws Exception {
      server.enqueue(Fixtures.answer(503, "errors/unavailable-503.json"));
      server.enqueue(Fixtures.ok("messages/history.json"));
      LivechatClient client = LivechatClient.builder().baseUrl(server.url("/"))
          .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofNanos(1), Duration.ofNanos(1))).build();
      OkHttpClient own = client.okHttpClient();
      client.async().loadHistory(TOKEN, RID).get(5, TimeUnit.SECONDS); // a retry on the timer, the calls on the dispatcher
      // The threads the SDK makes never keep a JVM alive (OkHttp's dispatcher threads are OkHttp's).
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(thread -> thread.getName().equals("livechat-client timer"))
          .isNotEmpty().allMatch(Thread::isDaemon);
      assertThat(own.connectionPool().connectionCount()).isPositive();

      client.close();

      assertThat(own.dispatcher().executorService().isShutdown()).isTrue();
      assertThat(own.connectionPool().connectionCount()).as("idle connections evicted").isZero();
    }

    @Test
    void asyncCallInFlightAtCloseStillCompletes() throws Exception {
      CountDownLatch answerSecondAttempt = new CountDownLatch(1);
      server.setDispatcher(new Dispatcher() {
        private int received;

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) throws InterruptedException {
          if (++received == 2) {
            answerSecondAttempt.await(10, TimeUnit.SECONDS);
          }
          return Fixtures.answer(503, "errors/unavailable-503.json");
        }
      });
      // The real timer, with waits of at most 1 ns: nothing here depends on how long they are.
      LivechatClient client = build(LivechatClient.builder()
          .baseUrl(server.url("/"))
          .okHttpClient(ok)
          .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofNanos(1), Duration.ofNanos(1)))
          .clock(FIXED));
      CompletableFuture<?> future = client.async().loadHistory(TOKEN, RID);
      taken();
      taken(); // the second attempt, on its way after a retry the timer ran
      client.close();
      answerSecondAttempt.countDown();

      Throwable thrown = catchThrowable(() -> future.get(5, TimeUnit.SECONDS));

      assertThat(thrown).as("the future completes").isNotInstanceOf(TimeoutException.class);
      assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LivechatException.class);
    }
  }

  /** (d) The X-RateLimit-* headers, remembered per endpoint and, if asked, respected before sending. */
  @Nested
  class RateLimitAwareness {
    static MockResponse sentWithLimit(String id, int remaining, Duration untilReset) {
      return new MockResponse.Builder(sent(id))
          .addHeader("X-RateLimit-Limit", "10")
          .addHeader("X-RateLimit-Remaining", String.valueOf(remaining))
          .addHeader("X-RateLimit-Reset", String.valueOf(NOW.plus(untilReset).toEpochMilli()))
          .build();
    }

    @Test
    void rateLimitsHoldTheLatestHeadersByEndpoint() {
      server.enqueue(sentWithLimit("a", 0, Duration.ofSeconds(3)));
      server.enqueue(new MockResponse.Builder(json(400, Fixtures.read("errors/invalid-room-plain.json")))
          .addHeader("X-RateLimit-Limit", "10")
          .addHeader("X-RateLimit-Remaining", "7")
          .addHeader("X-RateLimit-Reset", String.valueOf(NOW.plusSeconds(50).toEpochMilli()))
          .build());
      LivechatClient client = build(builder());
      assertThat(client.rateLimits()).isEmpty();

      client.sendMessage(SendMessageRequest.of(TOKEN, RID, "hi"));

      assertThat(client.rateLimits()).containsExactly(
          Map.entry(SEND, new RateLimit(10, 0, NOW.plusSeconds(3))));
      catchThrowable(() -> client.sendMessage(SendMessageRequest.of(TOKEN, RID, "hi")));
      assertThat(client.rateLimits()).as("a refusal's headers count too").containsExactly(
          Map.entry(SEND, new RateLimit(10, 7, NOW.plusSeconds(50))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void waitWhenRateLimitedWaitsForTheResetBeforeSending(Mode mode) throws Throwable {
      List<Integer> requestsAtEachWait = new CopyOnWriteArrayList<>();
      delays.beforeEachWait(() -> requestsAtEachWait.add(server.getRequestCount()));
      server.enqueue(sentWithLimit("a", 0, Duration.ofSeconds(3)));
      server.enqueue(sentWithLimit("b", 9, Duration.ofSeconds(60)));
      LivechatClient client = build(builder().waitWhenRateLimited(true));
      send(mode, client, SendMessageRequest.of(TOKEN, RID, "first"));
      assertThat(delays.waits()).isEmpty();

      Message second = send(mode, client, SendMessageRequest.of(TOKEN, RID, "second"));

      assertThat(second.id()).isEqualTo("b");
      assertThat(delays.waits()).as("reset − now").containsExactly(Duration.ofSeconds(3));
      assertThat(requestsAtEachWait).as("requests the server had when the wait began").containsExactly(1);
      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(client.rateLimits().get(SEND)).isEqualTo(new RateLimit(10, 9, NOW.plusSeconds(60)));
    }

    @Test
    void withoutWaitWhenRateLimitedTheNextSendGoesAtOnce() {
      server.enqueue(sentWithLimit("a", 0, Duration.ofSeconds(3)));
      server.enqueue(sent("b"));
      LivechatClient client = build(builder());

      client.sendMessage(SendMessageRequest.of(TOKEN, RID, "first"));
      client.sendMessage(SendMessageRequest.of(TOKEN, RID, "second"));

      assertThat(delays.waits()).isEmpty();
      assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void resetBeyondTheMaxRateLimitWaitThrowsWithoutSending(Mode mode) throws Throwable {
      server.enqueue(sentWithLimit("a", 0, Duration.ofSeconds(30)));
      server.enqueue(sent("b"));
      LivechatClient client = build(builder().waitWhenRateLimited(true));
      send(mode, client, SendMessageRequest.of(TOKEN, RID, "first"));

      Throwable thrown = catchThrowable(() -> send(mode, client, SendMessageRequest.of(TOKEN, RID, "second")));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      LivechatRateLimitException limited = (LivechatRateLimitException) thrown;
      assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
      assertThat(limited.resetAt()).isEqualTo(NOW.plusSeconds(30));
      assertThat(limited.endpoint()).isEqualTo(SEND);
      assertThat(server.getRequestCount()).as("not sent").isEqualTo(1);
      assertThat(delays.waits()).isEmpty();
    }

    @Test
    void aLongerMaxRateLimitWaitAcceptsTheSameReset() {
      server.enqueue(sentWithLimit("a", 0, Duration.ofSeconds(30)));
      server.enqueue(sent("b"));
      LivechatClient client = build(builder()
          .retryPolicy(RetryPolicy.defaults().withMaxRateLimitWait(Duration.ofSeconds(40)))
          .waitWhenRateLimited(true));
      client.sendMessage(SendMessageRequest.of(TOKEN, RID, "first"));

      client.sendMessage(SendMessageRequest.of(TOKEN, RID, "second"));

      assertThat(delays.waits()).containsExactly(Duration.ofSeconds(30));
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  /** The timeouts one call ran with, as OkHttp's chain reports them to an interceptor. */
  record Timeouts(long connectMillis, long readMillis, long writeMillis, long callMillis) {}

  /** (e) The four timeouts of the builder, and a caller's OkHttp client's own. */
  @Nested
  class TimeoutSettings {
    final List<Timeouts> seen = new CopyOnWriteArrayList<>();
    final Interceptor recorder = chain -> {
      seen.add(new Timeouts(chain.connectTimeoutMillis(), chain.readTimeoutMillis(), chain.writeTimeoutMillis(),
          TimeUnit.NANOSECONDS.toMillis(chain.call().timeout().timeoutNanos())));
      return chain.proceed(chain.request());
    };

    /** A caller's client, sharing the test's pool and dispatcher, with timeouts of its own. */
    OkHttpClient callers() {
      return ok.newBuilder()
          .addInterceptor(recorder)
          .connectTimeout(Duration.ofMillis(1201))
          .readTimeout(Duration.ofMillis(1202))
          .writeTimeout(Duration.ofMillis(1203))
          .callTimeout(Duration.ofMillis(1204))
          .build();
    }

    Timeouts oneCallWith(LivechatClient.Builder builder) {
      server.enqueue(sent("a"));
      build(builder.okHttpClient(callers())).sendMessage(SendMessageRequest.of(TOKEN, RID, "hi"));
      assertThat(seen).hasSize(1);
      return seen.get(0);
    }

    @Test
    void callersTimeoutsStandWhenTheBuilderSetsNone() {
      assertThat(oneCallWith(builder())).isEqualTo(new Timeouts(1201, 1202, 1203, 1204));
    }

    static Stream<Arguments> oneTimeoutSet() {
      Function<LivechatClient.Builder, LivechatClient.Builder> connect = b -> b.connectTimeout(Duration.ofMillis(2001));
      Function<LivechatClient.Builder, LivechatClient.Builder> read = b -> b.readTimeout(Duration.ofMillis(2002));
      Function<LivechatClient.Builder, LivechatClient.Builder> write = b -> b.writeTimeout(Duration.ofMillis(2003));
      Function<LivechatClient.Builder, LivechatClient.Builder> call = b -> b.callTimeout(Duration.ofMillis(2004));
      return Stream.of(
          arguments(named("connectTimeout", connect), new Timeouts(2001, 1202, 1203, 1204)),
          arguments(named("readTimeout", read), new Timeouts(1201, 2002, 1203, 1204)),
          arguments(named("writeTimeout", write), new Timeouts(1201, 1202, 2003, 1204)),
          arguments(named("callTimeout", call), new Timeouts(1201, 1202, 1203, 2004)));
    }

    @ParameterizedTest(name = "{0} set on the builder")
    @MethodSource("dev.livechat.client.ReliabilityTest$TimeoutSettings#oneTimeoutSet")
    void timeoutSetOnTheBuilderAppliesAndTheOthersStayTheCallers(
        Function<LivechatClient.Builder, LivechatClient.Builder> setting, Timeouts expected) {
      assertThat(oneCallWith(setting.apply(builder()))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void readTimeoutFromTheBuilderEndsASlowAnswer(Mode mode) {
      server.enqueue(new MockResponse.Builder(json(200, Fixtures.read("rooms/close.json")))
          .headersDelay(60, TimeUnit.SECONDS).build());
      LivechatClient client = build(builder().readTimeout(Duration.ofMillis(300)));

      Throwable thrown = catchThrowable(
          () -> call(mode, client, c -> c.closeRoom(TOKEN, RID), a -> a.closeRoom(TOKEN, RID)));

      assertThat(thrown).isExactlyInstanceOf(LivechatTimeoutException.class);
      assertThat(thrown.getCause()).isInstanceOf(InterruptedIOException.class);
      assertThat(server.getRequestCount()).as("closeRoom is not repeated").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void callTimeoutFromTheBuilderEndsACallWhoseHeadersComeTooLate(Mode mode) {
      server.enqueue(new MockResponse.Builder(json(200, Fixtures.read("rooms/close.json")))
          .headersDelay(60, TimeUnit.SECONDS).build());
      LivechatClient client = build(builder().callTimeout(Duration.ofMillis(300)));

      Throwable thrown = catchThrowable(
          () -> call(mode, client, c -> c.closeRoom(TOKEN, RID), a -> a.closeRoom(TOKEN, RID)));

      assertThat(thrown).isExactlyInstanceOf(LivechatTimeoutException.class);
      assertThat(thrown.getCause()).isInstanceOf(InterruptedIOException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void writeTimeoutFromTheBuilderEndsAnUploadTheServerStopsReading() {
      server.enqueue(new MockResponse.Builder(json(200, Fixtures.read("uploads/upload.json")))
          .onRequestBody(SocketEffect.Stall.INSTANCE)
          .build());
      LivechatClient client = build(builder().writeTimeout(Duration.ofMillis(300)));
      byte[] large = new byte[64 * 1024 * 1024]; // more than the sockets' buffers can hold

      Throwable thrown = catchThrowable(
          () -> client.uploadFile(TOKEN, RID, FileUpload.of(large, "big.bin", "application/octet-stream")));

      assertThat(thrown).isExactlyInstanceOf(LivechatTimeoutException.class);
      assertThat(thrown.getCause()).isInstanceOf(InterruptedIOException.class);
    }
  }

  /** (f) The retry policy refuses settings it cannot honour. */
  @Nested
  class RetryPolicyValidation {
    static Stream<Arguments> invalidPolicies() {
      Duration second = Duration.ofSeconds(1);
      return Stream.of(
          arguments(named("negative retries", (ThrowingSupplier<RetryPolicy>)
              () -> new RetryPolicy(-1, second, second, second)), "maxRetries"),
          arguments(named("withMaxRetries(-1)", (ThrowingSupplier<RetryPolicy>)
              () -> RetryPolicy.defaults().withMaxRetries(-1)), "maxRetries"),
          arguments(named("zero initial backoff", (ThrowingSupplier<RetryPolicy>)
              () -> new RetryPolicy(2, Duration.ZERO, second, second)), "initialBackoff"),
          arguments(named("negative initial backoff", (ThrowingSupplier<RetryPolicy>)
              () -> RetryPolicy.defaults().withBackoff(Duration.ofMillis(-1), second)), "initialBackoff"),
          arguments(named("zero max backoff", (ThrowingSupplier<RetryPolicy>)
              () -> RetryPolicy.defaults().withBackoff(second, Duration.ZERO)), "maxBackoff"),
          arguments(named("maxRateLimitWait below 1 s", (ThrowingSupplier<RetryPolicy>)
              () -> RetryPolicy.defaults().withMaxRateLimitWait(Duration.ofMillis(999))), "maxRateLimitWait"),
          arguments(named("maxRateLimitWait zero", (ThrowingSupplier<RetryPolicy>)
              () -> new RetryPolicy(2, second, second, Duration.ZERO)), "maxRateLimitWait"),
          arguments(named("maxRateLimitWait above 60 s", (ThrowingSupplier<RetryPolicy>)
              () -> RetryPolicy.defaults().withMaxRateLimitWait(Duration.ofMillis(60_001))), "maxRateLimitWait"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.livechat.client.ReliabilityTest$RetryPolicyValidation#invalidPolicies")
    void invalidPolicyIsRefused(ThrowingSupplier<RetryPolicy> policy, String field) {
      assertThatThrownBy(policy::get).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
    }

    @Test
    void boundariesAreAccepted() {
      RetryPolicy lowest = new RetryPolicy(0, Duration.ofNanos(1), Duration.ofNanos(1), Duration.ofSeconds(1));
      RetryPolicy highest = RetryPolicy.defaults().withMaxRateLimitWait(Duration.ofSeconds(60));

      assertThat(lowest.maxRateLimitWait()).isEqualTo(Duration.ofSeconds(1));
      assertThat(highest.maxRateLimitWait()).isEqualTo(Duration.ofSeconds(60));
      assertThat(RetryPolicy.none().maxRetries()).isZero();
      assertThat(RetryPolicy.defaults())
          .isEqualTo(new RetryPolicy(2, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @Test
    void nullDurationsAreRefused() {
      assertThatThrownBy(() -> new RetryPolicy(2, null, Duration.ofSeconds(1), Duration.ofSeconds(1)))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("initialBackoff");
      assertThatThrownBy(() -> RetryPolicy.defaults().withMaxRateLimitWait(null))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("maxRateLimitWait");
    }
  }

  /** (g) The HTTP log never shows the visitor token, and still shows everything else. */
  @Nested
  class Logging {
    static final String SECRET = "SECRET-TOKEN-123";
    final List<String> lines = new CopyOnWriteArrayList<>();

    LivechatClient loggingClient() {
      return build(builder().retryPolicy(RetryPolicy.none()).httpLogger(lines::add));
    }

    String base() {
      return server.url("/api/v1/livechat/").toString();
    }

    void assertNoLineShowsTheToken(int expectedLines) {
      assertThat(lines).hasSize(expectedLines);
      assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
    }

    @Test
    void getVisitorHidesTheTokenInThePath() throws Exception {
      server.enqueue(json(200, Fixtures.read("visitors/get.json").replace("test-token-12345", SECRET)));

      loggingClient().getVisitor(SECRET);

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/visitor/" + SECRET);
      assertNoLineShowsTheToken(2);
      assertThat(lines.get(0)).isEqualTo("--> GET " + base() + "visitor/***");
      assertThat(lines.get(1)).startsWith("<-- 200 GET " + base() + "visitor/*** (");
    }

    @Test
    void aProxyPageRepeatingThePathDoesNotShowTheToken() throws Exception {
      server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
          .body("<pre>Cannot GET /api/v1/livechat/visitor/" + SECRET + "</pre>").build());

      assertThatThrownBy(() -> loggingClient().getVisitor(SECRET)).isInstanceOf(LivechatApiException.class);

      taken();
      assertNoLineShowsTheToken(2);
      assertThat(lines.get(1)).contains("Cannot GET /api/v1/livechat/visitor/***");
    }

    @Test
    void aProxyPageCutAtTheLogLimitInTheTokenShowsNoPartOfIt() throws Exception {
      // The 4 KiB limit falls after the token's 16th character: the line used to end in them.
      String token = "a1b2c3d4e5f6g7h8i9j0k1l";
      String page = "<html><body>" + "x".repeat(4096 - 12 - 16) + token + " was refused</body></html>";
      server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html").body(page).build());
      LivechatClient client = loggingClient();

      assertThatThrownBy(() -> client.getVisitor(token)).isInstanceOf(LivechatApiException.class);

      taken();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(1)).doesNotContain(token.substring(0, 4))
          .endsWith("\n<html><body>" + "x".repeat(4096 - 12 - 16) + "***…");
    }

    @Test
    void aProxyPageLongerThanTheLimitIsCutThereAndMarked() throws Exception {
      String page = "<p>" + "y".repeat(4090) + "</p>";
      server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html").body(page).build());
      LivechatClient client = loggingClient();

      assertThatThrownBy(() -> client.getVisitor(SECRET)).isInstanceOf(LivechatApiException.class);

      taken();
      assertThat(lines.get(1)).endsWith("\n" + page.substring(0, 4096) + "…");
    }

    @Test
    void loadHistoryHidesTheTokenInTheQuery() throws Exception {
      server.enqueue(json(200, Fixtures.read("messages/history.json").replace("iNKE8a6k6cjbqWhWd", SECRET)));

      loggingClient().loadHistory(SECRET, RID);

      assertThat(taken().getTarget()).contains("token=" + SECRET);
      assertNoLineShowsTheToken(2);
      assertThat(lines.get(0)).isEqualTo("--> GET " + base() + "messages.history/" + RID + "?token=***");
      assertThat(lines.get(1)).startsWith("<-- 200 GET " + base() + "messages.history/" + RID + "?token=*** (");
    }

    @Test
    void sendMessageHidesTheTokenInTheRequestAndTheAnswerBodies() throws Exception {
      SendMessageRequest request = SendMessageRequest.of(SECRET, RID, "Hello from the visitor");
      server.enqueue(json(200, storedMessageAnswer(request.id()).replace(TOKEN, SECRET)));

      loggingClient().sendMessage(request);

      assertThat(Fixtures.body(taken())).contains(SECRET);
      assertNoLineShowsTheToken(2);
      assertThat(lines.get(0)).startsWith("--> POST " + base() + "message\n");
      assertThat(lines.get(1)).startsWith("<-- 200 POST " + base() + "message (");
    }

    @Test
    void agentInfoHidesTheTokenInThePathButShowsTheRoomAndTheAnswer() throws Exception {
      server.enqueue(json(200, Fixtures.read("agents/info.json")));

      loggingClient().agentInfo(SECRET, RID);

      assertThat(taken().getTarget()).endsWith("/" + RID + "/" + SECRET);
      assertNoLineShowsTheToken(2);
      assertThat(lines.get(0)).isEqualTo("--> GET " + base() + "agent.info/" + RID + "/***");
      assertThat(lines.get(1)).startsWith("<-- 200 GET " + base() + "agent.info/" + RID + "/*** (")
          .contains("\"username\":\"test.agent\"", "\"maxNumberSimultaneousChat\":\"5\"");
    }

    @Test
    void nextAgentHidesTheTokenInThePath() throws Exception {
      server.enqueue(json(200, Fixtures.read("agents/next.json")));

      loggingClient().nextAgent(SECRET);

      assertThat(taken().getTarget()).endsWith("/agent.next/" + SECRET);
      assertNoLineShowsTheToken(2);
      assertThat(lines.get(0)).isEqualTo("--> GET " + base() + "agent.next/***");
      assertThat(lines.get(1)).contains("\"username\":\"livechat.agent\"");
    }

    @Test
    void uploadFileHidesTheTokenHeader() throws Exception {
      server.enqueue(json(200, Fixtures.read("uploads/upload.json").replace("932a1c3019aeeaa9b687bb04b979d", SECRET)));

      loggingClient().uploadFile(SECRET, RID, FileUpload.of(new byte[] {1, 2, 3}, "a.bin", "application/octet-stream"));

      assertThat(taken().getHeaders().get("x-visitor-token")).isEqualTo(SECRET);
      assertNoLineShowsTheToken(2);
      assertThat(lines.get(0)).startsWith("--> POST " + base() + "upload/" + RID + "\n")
          .contains("x-visitor-token: ***", "(multipart/form-data, ");
      assertThat(lines.get(1)).startsWith("<-- 200 POST " + base() + "upload/" + RID + " (");
    }

    @Test
    void jsonBodiesWithATokenShowTheirOtherValues() throws Exception {
      SendMessageRequest request = SendMessageRequest.of(SECRET, RID, "Hello from the visitor");
      server.enqueue(json(200, storedMessageAnswer(request.id()).replace(TOKEN, SECRET)));
      server.enqueue(json(200, Fixtures.read("visitors/get.json").replace("test-token-12345", SECRET)));
      server.enqueue(json(200, Fixtures.read("messages/history.json").replace("iNKE8a6k6cjbqWhWd", SECRET)));
      server.enqueue(json(200, Fixtures.read("uploads/upload.json").replace("932a1c3019aeeaa9b687bb04b979d", SECRET)));
      LivechatClient client = loggingClient();

      client.sendMessage(request);
      client.getVisitor(SECRET);
      client.loadHistory(SECRET, RID);
      client.uploadFile(SECRET, RID, FileUpload.of(new byte[] {1, 2, 3}, "a.bin", "application/octet-stream"));

      assertNoLineShowsTheToken(8);
      assertThat(lines.get(0)).contains("\"token\":\"***\"", "\"rid\":\"" + RID + "\"",
          "\"msg\":\"Hello from the visitor\"", "\"_id\":\"" + request.id() + "\"");
      assertThat(lines.get(1)).contains("\"token\":\"***\"", "\"rid\":\"" + RID + "\"", "\"alias\":\"Mary\"");
      assertThat(lines.get(3)).contains("\"token\":\"***\"", "\"username\":\"guest-10\"");
      assertThat(lines.get(5)).contains("\"token\":\"***\"", "\"msg\":\"editing livechat message..\"");
      assertThat(lines.get(7)).contains("\"token\":\"***\"", "\"rid\":\"cbjQCtywHbuTYzmLx\"");
    }

    @Test
    void aFailedAttemptIsLoggedWithoutTheToken() {
      server.enqueue(resetBeforeResponse());

      Throwable thrown = catchThrowable(() -> loggingClient().getVisitor(SECRET));

      assertThat(thrown).isExactlyInstanceOf(LivechatNetworkException.class);
      assertNoLineShowsTheToken(2);
      assertThat(lines.get(1)).startsWith("<-- failed GET " + base() + "visitor/***: ");
    }
  }
}
