package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.OfflineMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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

  @Nested
  class BusinessErrors {
    @Test
    void plainErrorTextIsTheCodeAndIsNotRepeated() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-room-plain.json"));

      assertRefused(() -> client.sendMessage("tok", "room1", "hi"),
          400, "invalid-room", "invalid-room", SEND,
          "HTTP 400 invalid-room (POST /api/v1/livechat/message)");
    }

    @Test
    void bracketedCodeWithErrorTypeGivesTheCodeAndNoSentence() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-token-bracketed.json"));

      assertRefused(() -> client.updateMessage("tok", "room1", "msg1", "hi"),
          400, "invalid-token", "[invalid-token]", UPDATE,
          "HTTP 400 invalid-token (PUT /api/v1/livechat/message/:_id)");
    }

    @Test
    void reasonWithCodeSuffixAndErrorTypeGivesCodeAndReason() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-token-reason.json"));

      assertRefused(() -> client.sendMessage("tok", "room1", "hi"),
          400, "invalid-token", "Invalid token [invalid-token]", SEND,
          "HTTP 400 invalid-token: Invalid token (POST /api/v1/livechat/message)");
    }

    @Test
    void reasonWithCodeSuffixButNoErrorTypeTakesTheCodeFromTheSuffix() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-token-reason-without-type.json"));

      assertRefused(() -> client.deleteMessage("tok", "room1", "msg1"),
          400, "invalid-token", "Invalid token [invalid-token]", DELETE,
          "HTTP 400 invalid-token: Invalid token (DELETE /api/v1/livechat/message/:_id)");
    }

    @Test
    void reasonObjectGivesTheReasonAsCode() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/reason-object.json"));

      assertRefused(() -> client.updateMessage("tok", "room1", "msg1", "hi"),
          400, "error-no-file-uploaded", "error-no-file-uploaded", UPDATE,
          "HTTP 400 error-no-file-uploaded (PUT /api/v1/livechat/message/:_id)");
    }

    @Test
    void bareFailureHasNoCodeAndNoText() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/bare-failure.json"));

      assertRefused(() -> client.sendMessage("tok", "room1", "hi"),
          400, null, null, SEND, "HTTP 400 (POST /api/v1/livechat/message)");
    }
  }

  @Nested
  class ValidationErrors {
    @Test
    void legacyValidationWithSuffixAndErrorTypeGivesInvalidParams() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-params-legacy.json"));

      assertRefused(() -> client.loadHistory("tok", "room1"),
          400, "invalid-params", "must have required property 'token' [invalid-params]", HISTORY,
          "HTTP 400 invalid-params: must have required property 'token'"
              + " (GET /api/v1/livechat/messages.history/:rid)");
    }

    @Test
    void typedValidationWithErrorTypeButNoSuffixGivesInvalidParams() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-params-typed.json"));

      assertRefused(() -> client.sendOfflineMessage(offline()),
          400, "invalid-params", "must have required property 'token'", OFFLINE,
          "HTTP 400 invalid-params: must have required property 'token'"
              + " (POST /api/v1/livechat/offline.message)");
    }

    @Test
    void matchErrorSentenceIsItselfTheCode() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/match-error.json"));

      assertRefused(() -> client.deleteMessage("tok", "room1", "msg1"),
          400, "Match error: Missing key 'token'", "Match error: Missing key 'token'", DELETE,
          "HTTP 400 Match error: Missing key 'token' (DELETE /api/v1/livechat/message/:_id)");
    }
  }

  @Nested
  class HttpStatuses {
    @Test
    void unauthorized401WithErrorStatusAndMessageUsesTheErrorText() throws Exception {
      server.enqueue(Fixtures.answer(401, "errors/unauthorized-401.json"));

      assertRefused(() -> client.loadHistory("tok", "room1"),
          401, "You must be logged in to do this.", "You must be logged in to do this.", HISTORY,
          "HTTP 401 You must be logged in to do this. (GET /api/v1/livechat/messages.history/:rid)");
    }

    @Test
    void unauthorized401WithOnlyStatusAndMessageUsesTheMessage() throws Exception {
      server.enqueue(Fixtures.answer(401, "errors/unauthorized-401-status-message.json"));

      assertRefused(() -> client.sendOfflineMessage(offline()),
          401, "You must be logged in to do this.", "You must be logged in to do this.", OFFLINE,
          "HTTP 401 You must be logged in to do this. (POST /api/v1/livechat/offline.message)");
    }

    @Test
    void forbidden403GivesUnauthorized() throws Exception {
      server.enqueue(Fixtures.answer(403, "errors/forbidden-403.json"));

      assertRefused(() -> client.sendMessage("tok", "room1", "hi"),
          403, "unauthorized", "unauthorized", SEND,
          "HTTP 403 unauthorized (POST /api/v1/livechat/message)");
    }

    @Test
    void notFound404GivesTheSentenceAsCode() throws Exception {
      server.enqueue(Fixtures.answer(404, "errors/not-found-404.json"));

      assertRefused(() -> client.updateMessage("tok", "room1", "msg1", "hi"),
          404, "Resource not found", "Resource not found", UPDATE,
          "HTTP 404 Resource not found (PUT /api/v1/livechat/message/:_id)");
    }

    @Test
    void internalError500GivesTheSentenceAsCode() throws Exception {
      server.enqueue(Fixtures.answer(500, "errors/internal-error-500.json"));

      assertRefused(() -> client.loadHistory("tok", "room1", HistoryQuery.latest(5)),
          500, "Internal server error", "Internal server error", HISTORY,
          "HTTP 500 Internal server error (GET /api/v1/livechat/messages.history/:rid)");
    }

    @Test
    void unavailable503GivesTheSentenceAsCode() throws Exception {
      server.enqueue(Fixtures.answer(503, "errors/unavailable-503.json"));

      assertRefused(() -> client.deleteMessage("tok", "room1", "msg1"),
          503, "Service Unavailable", "Service Unavailable", DELETE,
          "HTTP 503 Service Unavailable (DELETE /api/v1/livechat/message/:_id)");
    }

    @Test
    void proxy502HtmlPageHasNoCodeAndNoHtmlInTheMessage() throws Exception {
      server.enqueue(new MockResponse.Builder()
          .code(502)
          .addHeader("Content-Type", "text/html")
          .body(Fixtures.read("errors/proxy-502.html"))
          .build());

      LivechatApiException e = assertRefused(() -> client.sendOfflineMessage(offline()),
          502, null, null, OFFLINE, "HTTP 502 (POST /api/v1/livechat/offline.message)");
      assertThat(e.getMessage()).doesNotContainIgnoringCase("html").doesNotContain("<").doesNotContain("nginx");
    }
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

    @Test
    void rateLimitWithResetHeaderGivesResetAtFromTheHeaderAndRetryAfterFromTheClock() throws Exception {
      Instant reset = NOW.plusMillis(37_250);
      server.enqueue(new MockResponse.Builder(Fixtures.answer(429, "errors/too-many-requests-429.json"))
          .addHeader("X-RateLimit-Limit", "1")
          .addHeader("X-RateLimit-Remaining", "0")
          .addHeader("X-RateLimit-Reset", String.valueOf(reset.toEpochMilli()))
          .build());

      Throwable thrown = thrownBy(() -> client.sendOfflineMessage(offline()));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      LivechatRateLimitException e = (LivechatRateLimitException) thrown;
      assertThat(e.resetAt()).isEqualTo(reset);
      assertThat(e.retryAfter()).as("the header wins over the 42 s of the text").isEqualTo(Duration.ofMillis(37_250));
      assertRateLimited(e, OFFLINE);
    }

    @Test
    void rateLimitWithoutResetHeaderReadsTheWaitFromTheText() throws Exception {
      server.enqueue(Fixtures.answer(429, "errors/too-many-requests-429.json"));

      Throwable thrown = thrownBy(() -> client.sendMessage("tok", "room1", "hi"));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      LivechatRateLimitException e = (LivechatRateLimitException) thrown;
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
      assertThat(e.resetAt()).isEqualTo(NOW.plusSeconds(42));
      assertRateLimited(e, SEND);
    }

    @Test
    void rateLimitWithResetHeaderInThePastGivesZeroWait() throws Exception {
      Instant reset = NOW.minusSeconds(3);
      server.enqueue(new MockResponse.Builder(Fixtures.answer(429, "errors/too-many-requests-429.json"))
          .addHeader("X-RateLimit-Limit", "10")
          .addHeader("X-RateLimit-Remaining", "0")
          .addHeader("X-RateLimit-Reset", String.valueOf(reset.toEpochMilli()))
          .build());

      Throwable thrown = thrownBy(() -> client.loadHistory("tok", "room1"));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      LivechatRateLimitException e = (LivechatRateLimitException) thrown;
      assertThat(e.retryAfter()).isEqualTo(Duration.ZERO);
      assertThat(e.resetAt()).isEqualTo(reset);
      assertRateLimited(e, HISTORY);
    }

    @Test
    void rateLimitWithUnreadableResetHeaderFallsBackToTheText() throws Exception {
      server.enqueue(new MockResponse.Builder(Fixtures.answer(429, "errors/too-many-requests-429.json"))
          .addHeader("X-RateLimit-Reset", "soon")
          .build());

      Throwable thrown = thrownBy(() -> client.updateMessage("tok", "room1", "msg1", "hi"));

      assertThat(thrown).isExactlyInstanceOf(LivechatRateLimitException.class);
      LivechatRateLimitException e = (LivechatRateLimitException) thrown;
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
      assertThat(e.resetAt()).isEqualTo(NOW.plusSeconds(42));
      assertRateLimited(e, UPDATE);
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
