package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.User;
import dev.livechat.client.model.Visitor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.BufferedSink;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault-injection suite: every scripted {@link Fault} against one representative call of
 * every endpoint {@link Group}, blocking and asynchronous. Each cell asserts the typed outcome
 * (the parsed record, or the right exception), the exact number of requests the server received,
 * that every wait was within the retry policy's bound, that every attempt sent the same request
 * (for {@code sendMessage}: the same {@code _id}, so no message can be created twice), and that no
 * connection leaked.
 *
 * <p>The policy is {@link RetryPolicy#defaults()}: 2 retries, full-jitter waits capped at 250 ms
 * then 500 ms, at most 10 s of waiting on a 429. Waits are recorded, not spent ({@link
 * RecordingDelays}), and the clock is fixed, so a 429's wait is exactly its reset minus now.
 *
 * <p>Expected outcomes; "safe" are sendMessage (its generated id makes it so), loadHistory,
 * registerVisitor (an upsert) and agentInfo; "unsafe" are deleteMessage, closeRoom and uploadFile.
 *
 * <table>
 *   <caption>Fault × endpoint kind → outcome, requests received, waits</caption>
 *   <tr><th>fault</th><th>safe to repeat</th><th>not safe to repeat</th></tr>
 *   <tr><td>connection refused</td><td colspan="2">network (ConnectException), 0 requests, 2 backoff waits: nothing was sent, so every call is retried</td></tr>
 *   <tr><td>reset before the response</td><td>network, 3 requests, 2 waits</td><td>network, 1 request</td></tr>
 *   <tr><td>reset before the response, then success</td><td>the record, 2 requests, 1 wait</td><td>network, 1 request</td></tr>
 *   <tr><td>disconnect mid-body</td><td>network, 3 requests, 2 waits</td><td>network, 1 request</td></tr>
 *   <tr><td>disconnect mid-body, then success</td><td>the record, 2 requests, 1 wait</td><td>network, 1 request</td></tr>
 *   <tr><td>body trickling slower than the read timeout</td><td>timeout, 3 requests, 2 waits</td><td>timeout, 1 request</td></tr>
 *   <tr><td>500 with an HTML page</td><td colspan="2">API 500, 1 request</td></tr>
 *   <tr><td>502 with an HTML page</td><td>API 502, 3 requests, 2 waits</td><td>API 502, 1 request</td></tr>
 *   <tr><td>503 then success</td><td>the record, 2 requests, 1 wait</td><td>API 503, 1 request</td></tr>
 *   <tr><td>429 with X-RateLimit-Reset then success</td><td colspan="2">the record, 2 requests, one wait of exactly reset − now (2 s): the server did nothing</td></tr>
 *   <tr><td>429 with a wait longer than the cap</td><td colspan="2">rate limit (retryAfter 30 s), 1 request</td></tr>
 *   <tr><td>truncated JSON</td><td colspan="2">decoding, 1 request</td></tr>
 *   <tr><td>wrong content type (text/html 200)</td><td colspan="2">decoding, 1 request</td></tr>
 *   <tr><td>empty body</td><td colspan="2">decoding, 1 request</td></tr>
 *   <tr><td>10 MB body</td><td colspan="2">the record, 1 request</td></tr>
 * </table>
 */
class FaultInjectionTest {
  static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  static final String RID = "zRAeTszXor8CCPceB";
  static final String MESSAGE_ID = "ZKWP8LfGnRHQ3ozWa";
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);
  static final RetryPolicy POLICY = RetryPolicy.defaults();
  static final int ATTEMPTS = POLICY.maxRetries() + 1;
  /** The read timeout of the trickling-body cells; the server sends 16 bytes per second. */
  static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(250);
  static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(2);
  static final Duration RATE_LIMIT_BEYOND_CAP = Duration.ofSeconds(30);
  static final byte[] UPLOAD = "PNG? no, just some bytes\r\n--\r\n".getBytes(StandardCharsets.UTF_8);

  static final String INTERNAL_ERROR_PAGE = "<html>\n<head><title>500 Internal Server Error</title></head>\n"
      + "<body>\n<center><h1>500 Internal Server Error</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";

  private static final JsonAdapter<Map<String, Object>> ANY_OBJECT =
      new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  @StartStop final MockWebServer server = new MockWebServer();
  /** Let go when the cell is over, releasing a server thread that trickles an answer. */
  final CountDownLatch cellOver = new CountDownLatch(1);

  @AfterEach
  void cellIsOver() {
    cellOver.countDown();
  }

  // ----------------------------------------------------------------------------------------------
  // The endpoint groups

  /** One call of the blocking client. */
  @FunctionalInterface
  interface Blocking {
    Object call(LivechatClient client, SendMessageRequest send);
  }

  /** The same call of the asynchronous client. */
  @FunctionalInterface
  interface Async {
    CompletableFuture<?> call(AsyncLivechatClient client, SendMessageRequest send);
  }

  /** One representative call per endpoint group, its documented answer and the record read from it. */
  enum Group {
    SEND_MESSAGE("sendMessage", "POST", "/api/v1/livechat/message", true,
        "messages/send.json",
        new Message(MESSAGE_ID, null, "sending livechat message..", null, null, null,
            new User("iNKE8a6k6cjbqWhWd", "guest-4", "Livechat Visitor"),
            Instant.parse("2018-09-14T13:31:33.201Z"), null, null, null),
        (c, send) -> c.sendMessage(send), (c, send) -> c.sendMessage(send)),
    DELETE_MESSAGE("deleteMessage", "DELETE", "/api/v1/livechat/message/" + MESSAGE_ID, false,
        "messages/delete.json",
        new DeletedMessage(MESSAGE_ID, Instant.parse("2018-09-14T13:31:33.279Z")),
        (c, send) -> c.deleteMessage(TOKEN, RID, MESSAGE_ID), (c, send) -> c.deleteMessage(TOKEN, RID, MESSAGE_ID)),
    LOAD_HISTORY("loadHistory", "GET", "/api/v1/livechat/messages.history/" + RID + "?token=" + TOKEN, true,
        "messages/history.json",
        new MessageHistory(List.of(new Message(
            MESSAGE_ID, "KuACMJ5MpN6SfAFWg", "editing livechat message..", null, "iNKE8a6k6cjbqWhWd",
            "Livechat Visitor", new User("YgEoq2djbGdjjZnsL", "guest-4", "Livechat Visitor"),
            Instant.parse("2018-09-14T13:31:33.201Z"), Instant.parse("2018-09-14T13:31:33.222Z"),
            Instant.parse("2018-09-14T13:31:33.219Z"), new User("YgEoq2djbGdjjZnsL", "guest-4", null)))),
        (c, send) -> c.loadHistory(TOKEN, RID), (c, send) -> c.loadHistory(TOKEN, RID)),
    REGISTER_VISITOR("registerVisitor", "POST", "/api/v1/livechat/visitor", true,
        "visitors/register.json",
        new Visitor("6a22b1765528fa64dd29de70", "test-token-12345", "guest-10", "Postman Test Visitor", "online",
            null, List.of("+15551234567"), List.of("postman-test@example.com"), Map.of(),
            Instant.parse("2026-06-05T11:22:30.664Z"), Instant.parse("2026-06-05T11:22:30.665Z")),
        (c, send) -> c.registerVisitor(NewVisitor.of(TOKEN).withName("Livechat Visitor")),
        (c, send) -> c.registerVisitor(NewVisitor.of(TOKEN).withName("Livechat Visitor"))),
    CLOSE_ROOM("closeRoom", "POST", "/api/v1/livechat/room.close", false,
        "rooms/close.json",
        new ClosedRoom("XFzMqgn33DcsQkpJp", "Closed by visitor"),
        (c, send) -> c.closeRoom(TOKEN, RID), (c, send) -> c.closeRoom(TOKEN, RID)),
    AGENT_INFO("agentInfo", "GET", "/api/v1/livechat/agent.info/" + RID + "/" + TOKEN, true,
        "agents/info.json",
        new Agent("XycfA5CetCPuEjqxw", "test.agent", "testAgent", "online", List.of("agent@rocket.chat"), false),
        (c, send) -> c.agentInfo(TOKEN, RID), (c, send) -> c.agentInfo(TOKEN, RID)),
    UPLOAD_FILE("uploadFile", "POST", "/api/v1/livechat/upload/" + RID, false,
        "uploads/upload.json",
        UploadTest.DOCUMENTED,
        (c, send) -> c.uploadFile(TOKEN, RID, FileUpload.of(UPLOAD, "notes.txt", "text/plain")),
        (c, send) -> c.uploadFile(TOKEN, RID, FileUpload.of(UPLOAD, "notes.txt", "text/plain")));

    final String label;
    final String method;
    final String target;
    final boolean safeToRepeat;
    final String fixture;
    final Object record;
    final Blocking blocking;
    final Async async;

    Group(String label, String method, String target, boolean safeToRepeat, String fixture, Object record,
        Blocking blocking, Async async) {
      this.label = label;
      this.method = method;
      this.target = target;
      this.safeToRepeat = safeToRepeat;
      this.fixture = fixture;
      this.record = record;
      this.blocking = blocking;
      this.async = async;
    }

    /** The endpoint as exceptions name it: {@code "POST /api/v1/livechat/message"}. */
    String endpoint() {
      return switch (this) {
        case DELETE_MESSAGE -> "DELETE /api/v1/livechat/message/:_id";
        case LOAD_HISTORY -> "GET /api/v1/livechat/messages.history/:rid";
        case AGENT_INFO -> "GET /api/v1/livechat/agent.info/:rid/:token";
        case UPLOAD_FILE -> "POST /api/v1/livechat/upload/:rid";
        default -> method + " " + target;
      };
    }

    /** The documented answer. */
    String answer() {
      return Fixtures.read(fixture);
    }

    /** A valid answer of more than 10 MB, and the record read from it. */
    BigAnswer bigAnswer() {
      return this == LOAD_HISTORY ? BigAnswer.HISTORY : BigAnswer.padded(answer(), record);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** A valid answer of more than 10 MB and the record it reads as. */
  record BigAnswer(String body, Object record) {
    static final int TEN_MB = 10 * 1024 * 1024;
    /** A history of many generated messages. */
    static final BigAnswer HISTORY;
    /** Generated messages, as an unknown field to pad the other answers with. */
    static final String PADDING;

    static {
      StringBuilder messages = new StringBuilder(TEN_MB + 4096);
      List<Message> records = new ArrayList<>();
      String filler = "x".repeat(120);
      User user = new User("YgEoq2djbGdjjZnsL", "guest-4", "Livechat Visitor");
      for (int i = 0; messages.length() < TEN_MB; i++) {
        String id = String.format("m%016d", i);
        String text = "message " + i + " " + filler;
        Instant ts = NOW.minusSeconds(i);
        if (i > 0) {
          messages.append(',');
        }
        messages.append("{\"_id\":\"").append(id).append("\",\"rid\":\"").append(RID).append("\",\"msg\":\"")
            .append(text).append("\",\"ts\":\"").append(ts).append("\",\"u\":{\"_id\":\"YgEoq2djbGdjjZnsL\","
                + "\"username\":\"guest-4\",\"name\":\"Livechat Visitor\"},\"mentions\":[],\"channels\":[]}");
        records.add(new Message(id, RID, text, null, null, null, user, ts, null, null, null));
      }
      PADDING = "[" + messages + "]";
      HISTORY = new BigAnswer("{\"messages\":" + PADDING + ",\"unreadNotLoaded\":0,\"success\":true}",
          new MessageHistory(records));
    }

    /** {@code answer} with a 10 MB unknown field before its own fields. */
    static BigAnswer padded(String answer, Object record) {
      String trimmed = answer.strip();
      return new BigAnswer("{\"padding\":" + PADDING + "," + trimmed.substring(1), record);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // The faults

  /** What the server answers, attempt by attempt. */
  @FunctionalInterface
  interface Script {
    List<MockResponse> answers(Group group, CountDownLatch cellOver);
  }

  /** What a cell expects. */
  record Expected(
      @Nullable Class<? extends LivechatException> failure,
      int status,
      int requests,
      int backoffWaits,
      @Nullable Duration rateLimitWait) {

    static Expected success(int requests, int backoffWaits) {
      return new Expected(null, 0, requests, backoffWaits, null);
    }

    static Expected failure(Class<? extends LivechatException> type, int requests, int backoffWaits) {
      return new Expected(type, 0, requests, backoffWaits, null);
    }

    static Expected api(int status, int requests, int backoffWaits) {
      return new Expected(LivechatApiException.class, status, requests, backoffWaits, null);
    }

    /** Retried by a safe call until the retries run out; tried once by an unsafe one. */
    static Expected retriedIfSafe(Class<? extends LivechatException> type, boolean safe) {
      return safe ? failure(type, ATTEMPTS, ATTEMPTS - 1) : failure(type, 1, 0);
    }
  }

  enum Fault {
    CONNECTION_REFUSED("connection refused",
        (group, cellOver) -> List.of(),
        safe -> Expected.failure(LivechatNetworkException.class, 0, ATTEMPTS - 1)),
    RESET_BEFORE_RESPONSE("reset before the response",
        (group, cellOver) -> repeat(FaultInjectionTest::resetBeforeResponse, group),
        safe -> Expected.retriedIfSafe(LivechatNetworkException.class, safe)),
    RESET_THEN_SUCCESS("reset before the response, then success",
        (group, cellOver) -> List.of(resetBeforeResponse(group), ok(group)),
        safe -> safe ? Expected.success(2, 1) : Expected.failure(LivechatNetworkException.class, 1, 0)),
    DISCONNECT_MID_BODY("disconnect mid-body",
        (group, cellOver) -> repeat(FaultInjectionTest::disconnectMidBody, group),
        safe -> Expected.retriedIfSafe(LivechatNetworkException.class, safe)),
    DISCONNECT_THEN_SUCCESS("disconnect mid-body, then success",
        (group, cellOver) -> List.of(disconnectMidBody(group), ok(group)),
        safe -> safe ? Expected.success(2, 1) : Expected.failure(LivechatNetworkException.class, 1, 0)),
    TRICKLING_BODY("body trickling slower than the read timeout",
        (group, cellOver) -> repeat(g -> trickling(g, cellOver), group),
        safe -> Expected.retriedIfSafe(LivechatTimeoutException.class, safe)),
    HTML_500("500 with an HTML page",
        (group, cellOver) -> repeat(g -> html(500, INTERNAL_ERROR_PAGE), group),
        safe -> Expected.api(500, 1, 0)),
    HTML_502("502 with an HTML page",
        (group, cellOver) -> repeat(g -> html(502, Fixtures.read("errors/proxy-502.html")), group),
        safe -> safe ? Expected.api(502, ATTEMPTS, ATTEMPTS - 1) : Expected.api(502, 1, 0)),
    UNAVAILABLE_THEN_SUCCESS("503 then success",
        (group, cellOver) -> List.of(Fixtures.answer(503, "errors/unavailable-503.json"), ok(group)),
        safe -> safe ? Expected.success(2, 1) : Expected.api(503, 1, 0)),
    RATE_LIMITED_THEN_SUCCESS("429 with X-RateLimit-Reset then success",
        (group, cellOver) -> List.of(tooManyRequests(RATE_LIMIT_WAIT), ok(group)),
        safe -> new Expected(null, 0, 2, 0, RATE_LIMIT_WAIT)),
    RATE_LIMITED_BEYOND_CAP("429 with a wait longer than the cap",
        (group, cellOver) -> List.of(tooManyRequests(RATE_LIMIT_BEYOND_CAP), ok(group)),
        safe -> new Expected(LivechatRateLimitException.class, 429, 1, 0, null)),
    TRUNCATED_JSON("truncated JSON",
        (group, cellOver) -> List.of(json(200, group.answer().substring(0, group.answer().length() / 2)), ok(group)),
        safe -> Expected.failure(LivechatDecodingException.class, 1, 0)),
    WRONG_CONTENT_TYPE("wrong content type (text/html 200)",
        (group, cellOver) -> List.of(html(200, Fixtures.read("errors/proxy-502.html")), ok(group)),
        safe -> Expected.failure(LivechatDecodingException.class, 1, 0)),
    EMPTY_BODY("empty body",
        (group, cellOver) -> List.of(json(200, ""), ok(group)),
        safe -> Expected.failure(LivechatDecodingException.class, 1, 0)),
    TEN_MB_BODY("10 MB body",
        (group, cellOver) -> List.of(json(200, group.bigAnswer().body()), ok(group)),
        safe -> Expected.success(1, 0));

    final String label;
    final Script script;
    final Function<Boolean, Expected> expected;

    Fault(String label, Script script, Function<Boolean, Expected> expected) {
      this.label = label;
      this.script = script;
      this.expected = expected;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  enum Mode { BLOCKING, ASYNC }

  static Stream<Arguments> matrix() {
    return Arrays.stream(Fault.values()).flatMap(fault -> Arrays.stream(Group.values())
        .flatMap(group -> Arrays.stream(Mode.values()).map(mode -> arguments(fault, group, mode))));
  }

  // ----------------------------------------------------------------------------------------------
  // The answers

  /** As many copies of a failing answer as the policy has attempts, then the documented answer. */
  static List<MockResponse> repeat(Function<Group, MockResponse> failing, Group group) {
    List<MockResponse> answers = new ArrayList<>();
    for (int i = 0; i < ATTEMPTS; i++) {
      answers.add(failing.apply(group));
    }
    answers.add(ok(group)); // an attempt too many would get it, and fail the cell
    return answers;
  }

  static MockResponse ok(Group group) {
    return json(200, group.answer());
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse html(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "text/html").body(body).build();
  }

  /** The server reads the request, then closes the connection without a byte of answer. */
  static MockResponse resetBeforeResponse(Group group) {
    return new MockResponse.Builder(ok(group)).onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  /** Status line, headers and half the body, then the connection closes. */
  static MockResponse disconnectMidBody(Group group) {
    return new MockResponse.Builder(ok(group)).onResponseBody(new SocketEffect.CloseSocket()).build();
  }

  /**
   * The documented answer at 16 bytes a second: slower than {@link #SHORT_READ_TIMEOUT}. (Not
   * {@code MockResponse.throttleBody}, which throttles reading the request body too, so that a
   * POST would time out before the server had even received it.)
   */
  static MockResponse trickling(Group group, CountDownLatch cellOver) {
    return new MockResponse.Builder(ok(group)).body(new TricklingBody(group.answer(), cellOver)).build();
  }

  /**
   * A body written 16 bytes at a time, a second apart; the server's thread waits on the cell's end
   * rather than sleeping, so it is let go as soon as the cell is over.
   */
  record TricklingBody(String text, CountDownLatch cellOver) implements MockResponseBody {
    @Override
    public long getContentLength() {
      return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (int offset = 0; offset < bytes.length; offset += 16) {
        sink.write(bytes, offset, Math.min(16, bytes.length - offset));
        sink.flush();
        try {
          cellOver.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted");
        }
      }
    }
  }

  /** A 429 as the server sends it (reference §3): reset in epoch ms, the wait in the text, no Retry-After. */
  static MockResponse tooManyRequests(Duration wait) {
    return new MockResponse.Builder()
        .code(429)
        .addHeader("Content-Type", "application/json")
        .addHeader("X-RateLimit-Limit", "10")
        .addHeader("X-RateLimit-Remaining", "0")
        .addHeader("X-RateLimit-Reset", String.valueOf(NOW.plus(wait).toEpochMilli()))
        .body("{\"success\":false,\"error\":\"Error, too many requests. Please slow down. You must wait "
            + wait.toSeconds() + " seconds before trying this endpoint again. [error-too-many-requests]\"}")
        .build();
  }

  // ----------------------------------------------------------------------------------------------
  // The cell

  @ParameterizedTest(name = "{0} · {1} · {2}")
  @MethodSource("matrix")
  void cell(Fault fault, Group group, Mode mode) throws Exception {
    Expected expected = fault.expected.apply(group.safeToRepeat);
    OkHttpClient ok = IdleWatch.freshOkHttp();
    IdleWatch watch = new IdleWatch(ok);
    RecordingDelays delays = new RecordingDelays();
    LivechatClient.Builder builder = LivechatClient.builder()
        .baseUrl(server.url("/"))
        .okHttpClient(ok)
        .retryPolicy(POLICY)
        .clock(FIXED)
        .delays(delays);
    if (fault == Fault.TRICKLING_BODY) {
      builder.readTimeout(SHORT_READ_TIMEOUT);
    }
    fault.script.answers(group, cellOver).forEach(server::enqueue);
    if (fault == Fault.CONNECTION_REFUSED) {
      server.close(); // its port now refuses connections
    }
    SendMessageRequest send = SendMessageRequest.of(TOKEN, RID, "sending livechat message..");

    Object result = null;
    Throwable thrown = null;
    try (LivechatClient client = builder.build()) {
      result = mode == Mode.BLOCKING
          ? group.blocking.call(client, send)
          : unwrap(() -> group.async.call(client.async(), send).get(10, TimeUnit.SECONDS));
    } catch (Throwable t) {
      thrown = t;
    }

    try {
      assertOutcome(fault, group, expected, result, thrown);
      assertThat(server.getRequestCount()).as("requests the server received").isEqualTo(expected.requests());
      assertWaits(delays.waits(), expected);
      assertEveryAttemptSentTheSameRequest(group, send, expected.requests());
      watch.assertNoLeak();
    } finally {
      watch.release();
    }
  }

  /** A future's value, or the exception that completed it. */
  @FunctionalInterface
  interface FutureGet {
    Object get() throws Exception;
  }

  static Object unwrap(FutureGet get) throws Throwable {
    try {
      return get.get();
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  static void assertOutcome(Fault fault, Group group, Expected expected, @Nullable Object result,
      @Nullable Throwable thrown) {
    if (expected.failure() == null) {
      assertThat(thrown).as("failure").isNull();
      Object record = fault == Fault.TEN_MB_BODY ? group.bigAnswer().record() : group.record;
      if (fault == Fault.TEN_MB_BODY && group == Group.LOAD_HISTORY) {
        assertThat(group.bigAnswer().body().length()).isGreaterThanOrEqualTo(BigAnswer.TEN_MB);
        assertThat(((MessageHistory) result).messages()).hasSize(((MessageHistory) record).messages().size());
      }
      assertThat(result).isEqualTo(record);
      return;
    }
    assertThat(result).as("result").isNull();
    assertThat(thrown).isExactlyInstanceOf(expected.failure());
    LivechatException e = (LivechatException) thrown;
    assertThat(e.endpoint()).isEqualTo(group.endpoint());
    assertThat(e.getMessage()).as("the message never shows the token").doesNotContain(TOKEN);
    if (thrown instanceof LivechatRateLimitException limited) {
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.errorCode()).isEqualTo("error-too-many-requests");
      assertThat(limited.retryAfter()).isEqualTo(RATE_LIMIT_BEYOND_CAP);
      assertThat(limited.resetAt()).isEqualTo(NOW.plus(RATE_LIMIT_BEYOND_CAP));
    } else if (thrown instanceof LivechatApiException api) {
      assertThat(api.statusCode()).isEqualTo(expected.status());
      assertThat(api.errorCode()).as("an HTML page carries no error code")
          .isEqualTo(expected.status() == 503 ? "Service Unavailable" : null);
    } else if (thrown instanceof LivechatNetworkException) {
      assertThat(thrown.getCause()).isInstanceOf(IOException.class);
      if (fault == Fault.CONNECTION_REFUSED) {
        assertThat(thrown.getCause()).isInstanceOf(ConnectException.class);
      }
    } else if (thrown instanceof LivechatDecodingException decoding) {
      assertThat(decoding.statusCode()).isEqualTo(200);
      assertThat(decoding.getMessage()).doesNotContain("<");
    }
  }

  /** Every backoff wait within its attempt's cap; a 429's wait exactly what the server asked. */
  static void assertWaits(List<Duration> waits, Expected expected) {
    if (expected.rateLimitWait() != null) {
      assertThat(waits).as("waits").containsExactly(expected.rateLimitWait());
      return;
    }
    assertThat(waits).as("waits").hasSize(expected.backoffWaits());
    for (int i = 0; i < waits.size(); i++) {
      assertThat(waits.get(i)).as("wait after attempt " + (i + 1))
          .isBetween(Duration.ZERO, backoffCap(i + 1));
    }
  }

  /** The most the full-jitter wait after {@code attempt} may be: min(max, initial × 2^(attempt-1)). */
  static Duration backoffCap(int attempt) {
    Duration cap = POLICY.initialBackoff();
    for (int i = 1; i < attempt; i++) {
      cap = cap.multipliedBy(2);
    }
    return cap.compareTo(POLICY.maxBackoff()) < 0 ? cap : POLICY.maxBackoff();
  }

  /**
   * Every attempt went to the same place with the same body; for sendMessage, every body carries
   * the request's {@code _id}, so the server stores the message once however many attempts land.
   */
  void assertEveryAttemptSentTheSameRequest(Group group, SendMessageRequest send, int requests) throws Exception {
    List<RecordedRequest> received = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("request " + (i + 1)).isNotNull();
      received.add(request);
    }
    for (RecordedRequest request : received) {
      assertThat(request.getMethod()).isEqualTo(group.method);
      assertThat(request.getTarget()).isEqualTo(group.target);
      assertThat(body(request)).as("the body of every attempt").isEqualTo(body(received.get(0)));
      if (group == Group.SEND_MESSAGE) {
        assertThat(ANY_OBJECT.fromJson(body(request).utf8())).containsEntry("_id", send.id());
      }
    }
  }

  static ByteString body(RecordedRequest request) {
    return request.getBody() == null ? ByteString.EMPTY : request.getBody();
  }
}
