package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.OfflineMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error body shape of reference §3, each mapped to a {@link LivechatApiException} with its
 * status, normalised code, the server's text and a message that never carries the visitor token.
 * Every endpoint has at least one error test, and every refused call reached the server once.
 */
class ErrorMappingTest extends ClientTestBase {
  private static final String SEND = "POST /api/v1/livechat/message";
  private static final String UPDATE = "PUT /api/v1/livechat/message/:_id";
  private static final String DELETE = "DELETE /api/v1/livechat/message/:_id";
  private static final String HISTORY = "GET /api/v1/livechat/messages.history/:rid";
  private static final String OFFLINE = "POST /api/v1/livechat/offline.message";

  /** The instant the fixed clock reports: the moment every 429 answer "arrives". */
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final String TOO_MANY_TEXT = "Error, too many requests. Please slow down. "
      + "You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]";

  @Override
  LivechatClient newClient() {
    return LivechatClient.builder()
        .baseUrl(server.url("/"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  /** Runs {@code call}, which must fail, and returns what it threw. */
  static Throwable thrownBy(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the call failed").isNotNull();
    return thrown;
  }

  /**
   * Asserts the call was refused with exactly a {@link LivechatApiException} (not a subclass)
   * carrying these values, and that it reached the server exactly once.
   */
  LivechatApiException assertRefused(
      ThrowingCallable call,
      int status,
      @Nullable String errorCode,
      @Nullable String serverText,
      String endpoint,
      String message) throws InterruptedException {
    Throwable thrown = thrownBy(call);
    assertThat(thrown).isExactlyInstanceOf(LivechatApiException.class);
    LivechatApiException e = (LivechatApiException) thrown;
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(errorCode);
    assertThat(e.serverText()).isEqualTo(serverText);
    assertThat(e.endpoint()).isEqualTo(endpoint);
    assertThat(e).hasMessage(message);
    assertThat(e.getCause()).isNull();
    taken();
    assertThat(server.getRequestCount()).as("requests sent").isEqualTo(1);
    return e;
  }

  static OfflineMessage offline() {
    return OfflineMessage.of("Livechat Visitor", "visitor@rocket.chat", "I need help");
  }

  /** A call the test's client makes, which must fail. */
  @FunctionalInterface
  interface Call {
    void call(LivechatClient client) throws Throwable;
  }

  /** An answer the server gives, the call that gets it, and what the call must throw. */
  record Refusal(
      String name,
      MockResponse answer,
      Call call,
      int status,
      @Nullable String errorCode,
      @Nullable String serverText,
      String endpoint,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Refusal refusal(String name, int status, String fixture, Call call,
      @Nullable String errorCode, @Nullable String serverText, String endpoint, String message) {
    return new Refusal(name, Fixtures.answer(status, "errors/" + fixture), call,
        status, errorCode, serverText, endpoint, message);
  }

  /** Every error body shape of reference §3 that is not a 429. */
  static Stream<Refusal> refusals() {
    return Stream.of(
        // business errors
        refusal("plainErrorTextIsTheCodeAndIsNotRepeated", 400, "invalid-room-plain.json",
            c -> c.sendMessage("tok", "room1", "hi"),
            "invalid-room", "invalid-room", SEND,
            "HTTP 400 invalid-room (POST /api/v1/livechat/message)"),
        refusal("bracketedCodeWithErrorTypeGivesTheCodeAndNoSentence", 400, "invalid-token-bracketed.json",
            c -> c.updateMessage("tok", "room1", "msg1", "hi"),
            "invalid-token", "[invalid-token]", UPDATE,
            "HTTP 400 invalid-token (PUT /api/v1/livechat/message/:_id)"),
        refusal("reasonWithCodeSuffixAndErrorTypeGivesCodeAndReason", 400, "invalid-token-reason.json",
            c -> c.sendMessage("tok", "room1", "hi"),
            "invalid-token", "Invalid token [invalid-token]", SEND,
            "HTTP 400 invalid-token: Invalid token (POST /api/v1/livechat/message)"),
        refusal("reasonWithCodeSuffixButNoErrorTypeTakesTheCodeFromTheSuffix", 400,
            "invalid-token-reason-without-type.json",
            c -> c.deleteMessage("tok", "room1", "msg1"),
            "invalid-token", "Invalid token [invalid-token]", DELETE,
            "HTTP 400 invalid-token: Invalid token (DELETE /api/v1/livechat/message/:_id)"),
        refusal("reasonObjectGivesTheReasonAsCode", 400, "reason-object.json",
            c -> c.updateMessage("tok", "room1", "msg1", "hi"),
            "error-no-file-uploaded", "error-no-file-uploaded", UPDATE,
            "HTTP 400 error-no-file-uploaded (PUT /api/v1/livechat/message/:_id)"),
        refusal("meteorErrorObjectOf070GivesItsErrorNotTheJavaScriptClass", 400, "meteor-error-object-0.70.json",
            c -> c.sendMessage("tok", "room1", "hi"),
            "invalid-token", "invalid-token", SEND,
            "HTTP 400 invalid-token (POST /api/v1/livechat/message)"),
        refusal("meteorErrorObjectOf070WithAReasonOnlyGivesTheReason", 400,
            "meteor-error-object-reason-only-0.70.json",
            c -> c.deleteMessage("tok", "room1", "msg1"),
            "Room closed", "Room closed", DELETE,
            "HTTP 400 Room closed (DELETE /api/v1/livechat/message/:_id)"),
        refusal("bareFailureHasNoCodeAndNoText", 400, "bare-failure.json",
            c -> c.sendMessage("tok", "room1", "hi"),
            null, null, SEND, "HTTP 400 (POST /api/v1/livechat/message)"),

        // validation errors
        refusal("legacyValidationWithSuffixAndErrorTypeGivesInvalidParams", 400, "invalid-params-legacy.json",
            c -> c.loadHistory("tok", "room1"),
            "invalid-params", "must have required property 'token' [invalid-params]", HISTORY,
            "HTTP 400 invalid-params: must have required property 'token'"
                + " (GET /api/v1/livechat/messages.history/:rid)"),
        refusal("typedValidationWithErrorTypeButNoSuffixGivesInvalidParams", 400, "invalid-params-typed.json",
            c -> c.sendOfflineMessage(offline()),
            "invalid-params", "must have required property 'token'", OFFLINE,
            "HTTP 400 invalid-params: must have required property 'token'"
                + " (POST /api/v1/livechat/offline.message)"),
        refusal("matchErrorSentenceIsItselfTheCode", 400, "match-error.json",
            c -> c.deleteMessage("tok", "room1", "msg1"),
            "Match error: Missing key 'token'", "Match error: Missing key 'token'", DELETE,
            "HTTP 400 Match error: Missing key 'token' (DELETE /api/v1/livechat/message/:_id)"),

        // HTTP statuses
        refusal("unauthorized401WithErrorStatusAndMessageUsesTheErrorText", 401, "unauthorized-401.json",
            c -> c.loadHistory("tok", "room1"),
            "You must be logged in to do this.", "You must be logged in to do this.", HISTORY,
            "HTTP 401 You must be logged in to do this. (GET /api/v1/livechat/messages.history/:rid)"),
        refusal("unauthorized401WithOnlyStatusAndMessageUsesTheMessage", 401,
            "unauthorized-401-status-message.json",
            c -> c.sendOfflineMessage(offline()),
            "You must be logged in to do this.", "You must be logged in to do this.", OFFLINE,
            "HTTP 401 You must be logged in to do this. (POST /api/v1/livechat/offline.message)"),
        refusal("forbidden403GivesUnauthorized", 403, "forbidden-403.json",
            c -> c.sendMessage("tok", "room1", "hi"),
            "unauthorized", "unauthorized", SEND,
            "HTTP 403 unauthorized (POST /api/v1/livechat/message)"),
        refusal("notFound404GivesTheSentenceAsCode", 404, "not-found-404.json",
            c -> c.updateMessage("tok", "room1", "msg1", "hi"),
            "Resource not found", "Resource not found", UPDATE,
            "HTTP 404 Resource not found (PUT /api/v1/livechat/message/:_id)"),
        refusal("internalError500GivesTheSentenceAsCode", 500, "internal-error-500.json",
            c -> c.loadHistory("tok", "room1", HistoryQuery.latest(5)),
            "Internal server error", "Internal server error", HISTORY,
            "HTTP 500 Internal server error (GET /api/v1/livechat/messages.history/:rid)"),
        refusal("unavailable503GivesTheSentenceAsCode", 503, "unavailable-503.json",
            c -> c.deleteMessage("tok", "room1", "msg1"),
            "Service Unavailable", "Service Unavailable", DELETE,
            "HTTP 503 Service Unavailable (DELETE /api/v1/livechat/message/:_id)"),
        new Refusal("proxy502HtmlPageHasNoCodeAndNoHtmlInTheMessage",
            new MockResponse.Builder()
                .code(502)
                .addHeader("Content-Type", "text/html")
                .body(Fixtures.read("errors/proxy-502.html"))
                .build(),
            c -> c.sendOfflineMessage(offline()),
            502, null, null, OFFLINE, "HTTP 502 (POST /api/v1/livechat/offline.message)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void errorAnswerIsRefusedWithItsStatusCodeAndText(Refusal refusal) throws Exception {
    server.enqueue(refusal.answer());

    LivechatApiException e = assertRefused(() -> refusal.call().call(client),
        refusal.status(), refusal.errorCode(), refusal.serverText(), refusal.endpoint(), refusal.message());
    // no answer's markup reaches the message (the 502 case answers with a proxy's HTML page)
    assertThat(e.getMessage()).doesNotContainIgnoringCase("html").doesNotContain("<").doesNotContain("nginx");
  }

  @Nested
  class RateLimits {
    RecordedRequest assertRateLimited(LivechatRateLimitException e, String endpoint) throws InterruptedException {
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.errorCode()).isEqualTo("error-too-many-requests");
      assertThat(e.serverText()).isEqualTo(TOO_MANY_TEXT);
      assertThat(e.endpoint()).isEqualTo(endpoint);
      assertThat(e).hasMessage("HTTP 429 error-too-many-requests: Error, too many requests. Please slow down."
          + " You must wait 42 seconds before trying this endpoint again. (" + endpoint + ")");
      RecordedRequest request = taken();
      assertThat(server.getRequestCount()).as("requests sent").isEqualTo(1);
      return request;
    }

    /** A 429 answer, the call that gets it, and the wait it must report. */
    record RateLimited(
        String name, MockResponse answer, Call call, Duration retryAfter, Instant resetAt, String endpoint) {
      @Override
      public String toString() {
        return name;
      }
    }

    static MockResponse tooManyRequests(String... headers) {
      MockResponse.Builder answer = new MockResponse.Builder(Fixtures.answer(429, "errors/too-many-requests-429.json"));
      for (int i = 0; i < headers.length; i += 2) {
        answer.addHeader(headers[i], headers[i + 1]);
      }
      return answer.build();
    }

    static Stream<RateLimited> rateLimits() {
      Instant reset = NOW.plusMillis(37_250);
      Instant pastReset = NOW.minusSeconds(3);
      return Stream.of(
          // the header wins over the 42 s of the text
          new RateLimited("rateLimitWithResetHeaderGivesResetAtFromTheHeaderAndRetryAfterFromTheClock",
              tooManyRequests("X-RateLimit-Limit", "1", "X-RateLimit-Remaining", "0",
                  "X-RateLimit-Reset", String.valueOf(reset.toEpochMilli())),
              c -> c.sendOfflineMessage(offline()),
              Duration.ofMillis(37_250), reset, OFFLINE),
          new RateLimited("rateLimitWithoutResetHeaderReadsTheWaitFromTheText",
              tooManyRequests(),
              c -> c.sendMessage("tok", "room1", "hi"),
              Duration.ofSeconds(42), NOW.plusSeconds(42), SEND),
          new RateLimited("rateLimitWithResetHeaderInThePastGivesZeroWait",
              tooManyRequests("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "0",
                  "X-RateLimit-Reset", String.valueOf(pastReset.toEpochMilli())),
              c -> c.loadHistory("tok", "room1"),
              Duration.ZERO, pastReset, HISTORY),
          new RateLimited("rateLimitWithUnreadableResetHeaderFallsBackToTheText",
              tooManyRequests("X-RateLimit-Reset", "soon"),
              c -> c.updateMessage("tok", "room1", "msg1", "hi"),
              Duration.ofSeconds(42), NOW.plusSeconds(42), UPDATE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rateLimits")
    void rateLimitGivesWhenToTryAgain(RateLimited rateLimited) throws Exception {
      server.enqueue(rateLimited.answer());

      Throwable thrown = thrownBy(() -> rateLimited.call().call(client));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      LivechatRateLimitException e = (LivechatRateLimitException) thrown;
      assertThat(e.retryAfter()).isEqualTo(rateLimited.retryAfter());
      assertThat(e.resetAt()).isEqualTo(rateLimited.resetAt());
      assertRateLimited(e, rateLimited.endpoint());
    }

    @Test
    void rateLimitThatSaysNothingAboutTheWaitHasNoResetAndNoWait() throws Exception {
      server.enqueue(Fixtures.answer(429, "errors/bare-failure.json"));

      Throwable thrown = thrownBy(() -> client.deleteMessage("tok", "room1", "msg1"));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      LivechatRateLimitException e = (LivechatRateLimitException) thrown;
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.errorCode()).isNull();
      assertThat(e.serverText()).isNull();
      assertThat(e.resetAt()).isNull();
      assertThat(e.retryAfter()).isNull();
      assertThat(e).hasMessage("HTTP 429 (DELETE /api/v1/livechat/message/:_id)");
      taken();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitWithAnAbsurdWaitInTheTextStillGivesARateLimitException() throws Exception {
      server.enqueue(new MockResponse.Builder()
          .code(429)
          .addHeader("Content-Type", "application/json")
          .body("{\"success\":false,\"error\":\"Error, too many requests. Please slow down. You must wait"
              + " 99999999999999999999 seconds before trying this endpoint again. [error-too-many-requests]\"}")
          .build());

      Throwable thrown = thrownBy(() -> client.sendMessage("tok", "room1", "hi"));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      LivechatRateLimitException e = (LivechatRateLimitException) thrown;
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.errorCode()).isEqualTo("error-too-many-requests");
      taken();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Nested
  class VisitorTokenNeverPrinted {
    static final String TOKEN = "SECRET-TOKEN-123";

    /** Every failure a call can end in: refusals, an unreadable answer, a broken connection. */
    List<MockResponse> failures() {
      List<MockResponse> failures = new ArrayList<>();
      failures.add(Fixtures.answer(400, "errors/invalid-token-reason.json"));
      failures.add(Fixtures.answer(400, "errors/invalid-params-legacy.json"));
      failures.add(Fixtures.answer(401, "errors/unauthorized-401.json"));
      failures.add(Fixtures.answer(429, "errors/too-many-requests-429.json"));
      failures.add(new MockResponse.Builder().code(502).body(Fixtures.read("errors/proxy-502.html")).build());
      // 200, but a message (carrying the token, as history messages do) lacks its _id
      failures.add(new MockResponse.Builder()
          .code(200)
          .body("{\"messages\":[{\"token\":\"" + TOKEN + "\",\"msg\":\"hi\"}],\"message\":{\"token\":\""
              + TOKEN + "\"},\"success\":true}")
          .build());
      failures.add(new MockResponse.Builder().code(200).body("<html>" + TOKEN + "</html>").build());
      failures.add(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
      failures.add(new MockResponse.Builder().onResponseBody(new SocketEffect.CloseSocket())
          .body("{\"messages\":[]}").build());
      return failures;
    }

    void assertNoToken(Throwable thrown) {
      assertThat(thrown).isInstanceOf(LivechatException.class);
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass()).doesNotContain(TOKEN);
        assertThat(t.toString()).as("toString of %s", t.getClass()).doesNotContain(TOKEN);
      }
    }

    /**
     * A token that starts or ends like the server's code leaves the code and text as the server
     * wrote them (DELETE livechat/visitor/:token, apps/meteor/app/livechat/imports/server/rest/visitor.ts:
     * {@code new Meteor.Error('visitor-has-open-rooms', 'Cannot remove visitors with opened rooms')}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"visitor-9f2c4a7e1b3d5", "visitor-has-1b3d5f7a9c", "a7e1b3d5f9c2-open-rooms",
        "whatsapp-5511987654321"})
    void aTokenSharingCharactersWithTheErrorCodeLeavesTheCodeIntact(String token) throws Exception {
      server.enqueue(Fixtures.answer(400, "visitors/delete-error-open-rooms-current-server.json"));

      Throwable thrown = thrownBy(() -> client.deleteVisitor(token));

      assertThat(thrown).isInstanceOfSatisfying(LivechatApiException.class, e -> {
        assertThat(e.errorCode()).isEqualTo("visitor-has-open-rooms");
        assertThat(e.serverText()).isEqualTo("Cannot remove visitors with opened rooms [visitor-has-open-rooms]");
      });
      assertThat(taken().getUrl().encodedPath()).isEqualTo("/api/v1/livechat/visitor/" + token);
    }

    @Test
    void loadHistoryNeverPrintsTheTokenThatTravelsInItsQuery() throws Exception {
      List<MockResponse> failures = failures();
      for (MockResponse failure : failures) {
        server.enqueue(failure);
        // a new client per failure, so that no call reuses a connection an earlier failure broke
        try (LivechatClient fresh = LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.none()).build()) {
          Throwable thrown = thrownBy(() -> fresh.loadHistory(TOKEN, "room1", HistoryQuery.latest(5)));
          assertNoToken(thrown);
        }
        assertThat(taken().getUrl().queryParameter("token")).isEqualTo(TOKEN);
      }
      assertThat(server.getRequestCount()).isEqualTo(failures.size());
    }

    @Test
    void deleteMessageNeverPrintsTheTokenThatTravelsInItsBody() throws Exception {
      List<MockResponse> failures = failures();
      for (MockResponse failure : failures) {
        server.enqueue(failure);
        try (LivechatClient fresh = LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.none()).build()) {
          Throwable thrown = thrownBy(() -> fresh.deleteMessage(TOKEN, "room1", "msg1"));
          assertNoToken(thrown);
        }
        assertThat(Fixtures.body(taken())).contains(TOKEN);
      }
      assertThat(server.getRequestCount()).isEqualTo(failures.size());
    }

    @Test
    void aTimeoutNeverPrintsTheToken() throws Exception {
      OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();
      try (LivechatClient timingOut = LivechatClient.builder().baseUrl(server.url("/")).okHttpClient(impatient).retryPolicy(RetryPolicy.none()).build()) {
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build());
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build());

        Throwable history = thrownBy(() -> timingOut.loadHistory(TOKEN, "room1"));
        Throwable delete = thrownBy(() -> timingOut.deleteMessage(TOKEN, "room1", "msg1"));

        assertThat(history).isExactlyInstanceOf(LivechatTimeoutException.class);
        assertThat(delete).isExactlyInstanceOf(LivechatTimeoutException.class);
        assertNoToken(history);
        assertNoToken(delete);
      } finally {
        impatient.connectionPool().evictAll();
      }
    }

    @Test
    void aServerThatIsGoneNeverPrintsTheToken() {
      server.close();

      Throwable history = thrownBy(() -> client.loadHistory(TOKEN, "room1"));
      Throwable delete = thrownBy(() -> client.deleteMessage(TOKEN, "room1", "msg1"));

      assertThat(history).isExactlyInstanceOf(LivechatNetworkException.class);
      assertThat(delete).isExactlyInstanceOf(LivechatNetworkException.class);
      assertNoToken(history);
      assertNoToken(delete);
    }
  }
}
