package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.User;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What happens between the records and the server: URLs, answers that cannot be read, broken
 * connections and timeouts, the builder's settings, and one client shared by many threads.
 */
class TransportAndDecodingTest extends ClientTestBase {
  private static final String SEND = "POST /api/v1/livechat/message";


  static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** A client whose OkHttp gives up reading after 200 ms; closed with its pool by the caller. */
  static OkHttpClient impatientOkHttp() {
    return new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();
  }

  @Nested
  class PathEncoding {
    @Test
    void messageIdWithDotDotSlashIsSentAsOneEncodedSegment() throws Exception {
      server.enqueue(Fixtures.ok("messages/update.json"));

      client.updateMessage("tok", "room1", "../x", "hi");

      RecordedRequest request = taken();
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message/..%2Fx");
      assertThat(request.getUrl().pathSegments()).containsExactly("api", "v1", "livechat", "message", "../x");
      assertThat(request.getUrl().query()).isNull();
    }

    @Test
    void messageIdWithSlashAndQuestionMarkIsSentAsOneEncodedSegment() throws Exception {
      server.enqueue(Fixtures.ok("messages/delete.json"));

      client.deleteMessage("tok", "room1", "a/b?c");

      RecordedRequest request = taken();
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message/a%2Fb%3Fc");
      assertThat(request.getUrl().pathSegments()).containsExactly("api", "v1", "livechat", "message", "a/b?c");
      assertThat(request.getUrl().query()).isNull();
      assertThat(Fixtures.body(request)).isEqualTo("{\"token\":\"tok\",\"rid\":\"room1\"}");
    }

    @Test
    void roomIdWithSlashAndQuestionMarkIsSentAsOneEncodedSegmentAndLeavesTheQueryAlone() throws Exception {
      server.enqueue(Fixtures.ok("messages/history.json"));

      client.loadHistory("tok", "a/b?c");

      RecordedRequest request = taken();
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/messages.history/a%2Fb%3Fc?token=tok");
      assertThat(request.getUrl().pathSegments())
          .containsExactly("api", "v1", "livechat", "messages.history", "a/b?c");
      assertThat(request.getUrl().queryParameterNames()).containsExactly("token");
    }

    @Test
    void tokenWithQuerySyntaxIsSentAsOneQueryValue() throws Exception {
      server.enqueue(Fixtures.ok("messages/history.json"));

      client.loadHistory("a&limit=1#x", "room1");

      RecordedRequest request = taken();
      assertThat(request.getUrl().queryParameterNames()).containsExactly("token");
      assertThat(request.getUrl().queryParameter("token")).isEqualTo("a&limit=1#x");
      assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/livechat/messages.history/room1");
    }
  }

  @Nested
  class BasePath {
    @ParameterizedTest(name = "base URL path \"{0}\"")
    @ValueSource(strings = {"/support", "/support/"})
    void basePathIsKeptBeforeTheApiPath(String path) throws Exception {
      server.enqueue(Fixtures.ok("messages/send.json"));

      try (LivechatClient supportClient = LivechatClient.builder().baseUrl(server.url(path)).build()) {
        supportClient.sendMessage("tok", "room1", "hi");

        assertThat(supportClient.baseUrl().encodedPath()).isEqualTo("/support");
      }
      assertThat(taken().getTarget()).isEqualTo("/support/api/v1/livechat/message");
    }

    @Test
    void basePathIsKeptWhenGivenAsString() throws Exception {
      server.enqueue(Fixtures.ok("messages/history.json"));

      try (LivechatClient supportClient = LivechatClient.create(server.url("/support/").toString())) {
        supportClient.loadHistory("tok", "room1");
      }
      assertThat(taken().getTarget()).isEqualTo("/support/api/v1/livechat/messages.history/room1?token=tok");
    }
  }

  /** A call that reads an answer; it gets the test's client. */
  @FunctionalInterface
  interface Call {
    Object call(LivechatClient client);
  }

  static Arguments unreadable(String name, String body, String endpoint, Call call) {
    return arguments(named(name, body), endpoint, call);
  }

  static Stream<Arguments> unreadableAnswers() {
    Call send = c -> c.sendMessage("tok", "room1", "hi");
    Call update = c -> c.updateMessage("tok", "room1", "msg1", "hi");
    Call delete = c -> c.deleteMessage("tok", "room1", "msg1");
    Call history = c -> c.loadHistory("tok", "room1");
    Call offline = c -> c.sendOfflineMessage(OfflineMessage.of("n", "e@x.org", "m"));
    String historyEndpoint = "GET /api/v1/livechat/messages.history/:rid";
    return Stream.of(
        unreadable("sendMessage: an HTML page", Fixtures.read("errors/proxy-502.html"), SEND, send),
        unreadable("sendMessage: an empty body", "", SEND, send),
        unreadable("sendMessage: truncated JSON", "{\"message\": {\"_id\": \"a\"", SEND, send),
        unreadable("sendMessage: message is a string", "{\"message\": \"text\", \"success\": true}", SEND, send),
        unreadable("sendMessage: no message key", "{\"success\": true}", SEND, send),
        unreadable("sendMessage: message is null", "{\"message\": null, \"success\": true}", SEND, send),
        unreadable("sendMessage: ts is a boolean",
            "{\"message\": {\"_id\": \"a\", \"ts\": true}, \"success\": true}", SEND, send),
        unreadable("sendMessage: ts is not a date",
            "{\"message\": {\"_id\": \"a\", \"ts\": \"not a date\"}, \"success\": true}", SEND, send),
        unreadable("sendMessage: message without _id",
            "{\"message\": {\"msg\": \"hi\", \"ts\": \"2023-10-31T13:14:29.804Z\"}, \"success\": true}", SEND, send),
        unreadable("sendMessage: u without _id",
            "{\"message\": {\"_id\": \"a\", \"u\": {\"username\": \"guest\"}}, \"success\": true}", SEND, send),
        unreadable("sendMessage: a JSON array", "[]", SEND, send),
        unreadable("updateMessage: an HTML page", Fixtures.read("errors/proxy-502.html"),
            "PUT /api/v1/livechat/message/:_id", update),
        unreadable("updateMessage: message is a string", "{\"message\": \"text\", \"success\": true}",
            "PUT /api/v1/livechat/message/:_id", update),
        unreadable("deleteMessage: an empty body", "", "DELETE /api/v1/livechat/message/:_id", delete),
        unreadable("deleteMessage: no message key", "{\"success\": true}",
            "DELETE /api/v1/livechat/message/:_id", delete),
        unreadable("loadHistory: an HTML page", Fixtures.read("errors/proxy-502.html"), historyEndpoint, history),
        unreadable("loadHistory: messages is an object", "{\"messages\": {}, \"success\": true}",
            historyEndpoint, history),
        unreadable("loadHistory: no messages key", "{\"success\": true}", historyEndpoint, history),
        unreadable("loadHistory: a null message", "{\"messages\": [null], \"success\": true}",
            historyEndpoint, history),
        unreadable("loadHistory: JSON null", "null", historyEndpoint, history),
        unreadable("sendOfflineMessage: truncated JSON", "{\"message\": \"Livechat",
            "POST /api/v1/livechat/offline.message", offline),
        unreadable("sendOfflineMessage: message is an object", "{\"message\": {}, \"success\": true}",
            "POST /api/v1/livechat/offline.message", offline),
        unreadable("sendOfflineMessage: JSON null", "null", "POST /api/v1/livechat/offline.message", offline));
  }

  @Nested
  class UnreadableAnswers {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.livechat.client.TransportAndDecodingTest#unreadableAnswers")
    void unreadableSuccessfulAnswerGivesDecodingExceptionNamingTheEndpoint(String body, String endpoint, Call call)
        throws Exception {
      server.enqueue(json(200, body));

      Throwable thrown = catchThrowable(() -> call.call(client));

      assertThat(thrown).isExactlyInstanceOf(LivechatDecodingException.class);
      LivechatDecodingException e = (LivechatDecodingException) thrown;
      assertThat(e.getMessage()).startsWith("HTTP 200 ").endsWith(" (" + endpoint + ")").doesNotContain("<");
      assertThat(e.endpoint()).isEqualTo(endpoint);
      assertThat(e.statusCode()).isEqualTo(200);
      assertThat(e.getCause()).as("the decoding failure").isNotNull();
      taken();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Nested
  class UnknownFields {
    @Test
    void sendMessageIgnoresUnknownFieldsAtEveryLevel() throws Exception {
      server.enqueue(json(200, "{\"before\": {\"a\": [1, {\"b\": null}]},"
          + " \"message\": {\"_id\": \"a\", \"md\": [{\"type\": \"PARAGRAPH\", \"value\": [{\"type\": \"PLAIN_TEXT\","
          + " \"value\": \"hi\"}]}], \"urls\": [], \"mentions\": [{\"_id\": \"x\"}], \"channels\": [],"
          + " \"msg\": \"hi\", \"u\": {\"_id\": \"u1\", \"username\": \"guest-1\", \"avatarETag\": \"e\","
          + " \"nested\": {\"deep\": [[true, false], {\"z\": 1.5}]}, \"name\": \"Guest\"},"
          + " \"ts\": {\"$date\": 1698758069804, \"$extra\": {\"k\": []}}, \"file\": {\"_id\": \"f\", \"size\": 3},"
          + " \"attachments\": [{\"title\": \"t\", \"fields\": [{\"short\": true}]}], \"unread\": true,"
          + " \"editedBy\": {\"_id\": \"u1\", \"roles\": [\"livechat-guest\"]}, \"flag\": null},"
          + " \"after\": [1, \"two\", {\"three\": 3}], \"success\": true}"));

      Message message = client.sendMessage("tok", "room1", "hi");

      assertThat(message).isEqualTo(new Message("a", null, "hi", null, null, null,
          new User("u1", "guest-1", "Guest"), Instant.ofEpochMilli(1698758069804L), null, null,
          new User("u1", null, null), new FileInfo("f", null, null, 3L, null),
          List.of(new Attachment(null, "t", null, null, null, null, null))));
      taken();
    }

    @Test
    void loadHistoryIgnoresUnknownFields() throws Exception {
      server.enqueue(json(200, "{\"firstUnread\": {\"_id\": \"x\", \"ts\": \"2023\"}, \"unreadNotLoaded\": 0,"
          + " \"messages\": [{\"_id\": \"a\", \"blocks\": [{\"type\": \"section\"}], \"msg\": \"hi\"}],"
          + " \"total\": {\"count\": [1]}, \"success\": true}"));

      MessageHistory history = client.loadHistory("tok", "room1");

      assertThat(history.messages()).extracting(Message::id).containsExactly("a");
      taken();
    }

    @Test
    void deleteMessageIgnoresUnknownFields() throws Exception {
      server.enqueue(json(200, "{\"message\": {\"_id\": \"a\", \"deletedBy\": {\"_id\": \"u\"}, \"tags\": [1, 2],"
          + " \"ts\": \"2018-09-14T13:31:33.279Z\"}, \"meta\": {}, \"success\": true}"));

      DeletedMessage deleted = client.deleteMessage("tok", "room1", "a");

      assertThat(deleted).isEqualTo(new DeletedMessage("a", Instant.parse("2018-09-14T13:31:33.279Z")));
      taken();
    }

    @Test
    void sendOfflineMessageIgnoresUnknownFields() throws Exception {
      server.enqueue(json(200, "{\"info\": {\"a\": [{}]}, \"message\": \"Livechat offline message sent\","
          + " \"list\": [], \"success\": true}"));

      OfflineMessageResult result = client.sendOfflineMessage(OfflineMessage.of("n", "e@x.org", "m"));

      assertThat(result).isEqualTo(new OfflineMessageResult("Livechat offline message sent"));
      taken();
    }
  }

  @Nested
  class NetworkFailures {
    @Test
    void serverThatIsGoneGivesNetworkExceptionWithTheIoCause() {
      server.close();

      Throwable thrown = catchThrowable(() -> client.sendMessage("tok", "room1", "hi"));

      assertThat(thrown).isExactlyInstanceOf(LivechatNetworkException.class);
      assertThat(thrown.getCause()).isInstanceOf(IOException.class);
      assertThat(thrown.getMessage()).endsWith(" (" + SEND + ")");
      assertThat(((LivechatException) thrown).endpoint()).isEqualTo(SEND);
    }

    @Test
    void connectionClosedBeforeTheAnswerGivesNetworkException() throws Exception {
      server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

      Throwable thrown = catchThrowable(() -> client.sendMessage("tok", "room1", "hi"));

      assertThat(thrown).isExactlyInstanceOf(LivechatNetworkException.class);
      assertThat(thrown.getCause()).isInstanceOf(IOException.class);
      assertThat(thrown.getMessage()).endsWith(" (" + SEND + ")");
      taken();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void connectionClosedHalfwayThroughTheBodyGivesNetworkExceptionNotDecodingException() throws Exception {
      server.enqueue(new MockResponse.Builder()
          .body(Fixtures.read("messages/history.json"))
          .onResponseBody(new SocketEffect.CloseSocket())
          .build());

      Throwable thrown = catchThrowable(() -> client.loadHistory("tok", "room1"));

      assertThat(thrown).isExactlyInstanceOf(LivechatNetworkException.class);
      assertThat(thrown.getCause()).isInstanceOf(IOException.class);
      assertThat(thrown.getMessage()).endsWith(" (GET /api/v1/livechat/messages.history/:rid)");
      taken();
    }

    @Test
    void slowHeadersGiveTimeoutException() throws Exception {
      OkHttpClient impatient = impatientOkHttp();
      server.enqueue(new MockResponse.Builder(Fixtures.ok("messages/send.json"))
          .headersDelay(5, TimeUnit.SECONDS)
          .build());

      try (LivechatClient timingOut = LivechatClient.builder().baseUrl(server.url("/")).okHttpClient(impatient).retryPolicy(RetryPolicy.none()).build()) {
        Throwable thrown = catchThrowable(() -> timingOut.sendMessage("tok", "room1", "hi"));

        assertThat(thrown).isExactlyInstanceOf(LivechatTimeoutException.class)
            .hasMessage("Timed out (" + SEND + ")");
        assertThat(thrown.getCause()).isInstanceOf(InterruptedIOException.class);
      } finally {
        impatient.connectionPool().evictAll();
      }
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void slowBodyGivesTimeoutException() throws Exception {
      OkHttpClient impatient = impatientOkHttp();
      server.enqueue(new MockResponse.Builder(Fixtures.ok("messages/history.json"))
          .bodyDelay(5, TimeUnit.SECONDS)
          .build());

      try (LivechatClient timingOut = LivechatClient.builder().baseUrl(server.url("/")).okHttpClient(impatient).retryPolicy(RetryPolicy.none()).build()) {
        Throwable thrown = catchThrowable(() -> timingOut.loadHistory("tok", "room1"));

        assertThat(thrown).isExactlyInstanceOf(LivechatTimeoutException.class)
            .hasMessage("Timed out (GET /api/v1/livechat/messages.history/:rid)");
        assertThat(thrown.getCause()).isInstanceOf(InterruptedIOException.class);
      } finally {
        impatient.connectionPool().evictAll();
      }
    }

    @Test
    void callTimeoutGivesTimeoutException() throws Exception {
      OkHttpClient impatient = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(300)).build();
      server.enqueue(new MockResponse.Builder(Fixtures.ok("messages/delete.json"))
          .headersDelay(5, TimeUnit.SECONDS)
          .build());

      try (LivechatClient timingOut = LivechatClient.builder().baseUrl(server.url("/")).okHttpClient(impatient).retryPolicy(RetryPolicy.none()).build()) {
        Throwable thrown = catchThrowable(() -> timingOut.deleteMessage("tok", "room1", "msg1"));

        assertThat(thrown).isExactlyInstanceOf(LivechatTimeoutException.class);
        assertThat(thrown.getCause()).isInstanceOf(InterruptedIOException.class);
      } finally {
        impatient.connectionPool().evictAll();
      }
    }

    @Test
    void deleteMessageIsNotSilentlySentAgainWhenAReusedConnectionDropsBeforeTheAnswer() throws Exception {
      server.enqueue(Fixtures.ok("messages/delete.json"));
      server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
      server.enqueue(Fixtures.ok("messages/delete.json"));
      client.deleteMessage("tok", "room1", "m1");
      assertThat(taken().getExchangeIndex()).isZero();

      Throwable thrown = catchThrowable(() -> client.deleteMessage("tok", "room1", "m2"));

      assertThat(thrown).as("the caller learns the answer was lost").isExactlyInstanceOf(LivechatNetworkException.class);
      assertThat(taken().getTarget()).endsWith("/m2");
      assertThat(server.getRequestCount()).as("requests sent").isEqualTo(2);
    }
  }

  @Nested
  class BuilderSettings {
    @Test
    void createRefusesANonHttpScheme() {
      assertThatThrownBy(() -> LivechatClient.create("ftp://x"))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl");
    }

    @Test
    void createRefusesSomethingThatIsNotAUrl() {
      assertThatThrownBy(() -> LivechatClient.create("not a url"))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl");
    }

    @Test
    void buildWithoutBaseUrlIsRefused() {
      assertThatThrownBy(() -> LivechatClient.builder().build())
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessageContaining("baseUrl");
    }

    @Test
    void baseUrlWithAQueryIsRefused() {
      assertThatThrownBy(() -> LivechatClient.create("https://chat.example.com/?lang=en"))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl");
      assertThatThrownBy(() -> LivechatClient.builder().baseUrl(server.url("/support?x=1")))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl");
    }

    @Test
    void baseUrlWithAFragmentIsRefused() {
      assertThatThrownBy(() -> LivechatClient.create("https://chat.example.com/#top"))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl");
      assertThatThrownBy(() -> LivechatClient.builder().baseUrl(HttpUrl.get("https://chat.example.com/#top")))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl");
    }

    @Test
    void callersOkHttpClientIsUsedAndLeftUnchanged() throws Exception {
      Interceptor addsHeader = chain -> chain.proceed(chain.request().newBuilder().header("X-Test", "1").build());
      OkHttpClient callers = new OkHttpClient.Builder().addInterceptor(addsHeader).build();
      server.enqueue(Fixtures.ok("messages/send.json"));

      try (LivechatClient shared = LivechatClient.builder().baseUrl(server.url("/")).okHttpClient(callers).build()) {
        shared.sendMessage("tok", "room1", "hi");
      }

      assertThat(taken().getHeaders().get("X-Test")).isEqualTo("1");
      assertThat(callers.interceptors()).containsExactly(addsHeader);
      assertThat(callers.networkInterceptors()).isEmpty();
      assertThat(callers.dispatcher().executorService().isShutdown())
          .as("closing the SDK client leaves the caller's OkHttp running").isFalse();
      callers.connectionPool().evictAll();
    }

    @Test
    void toStringShowsOnlyTheBaseUrl() {
      try (LivechatClient plain = LivechatClient.create("https://chat.example.com/support/")) {
        assertThat(plain).hasToString("LivechatClient[https://chat.example.com/support]");
      }
    }
  }

  @Nested
  class SharedByThreads {
    static final int THREADS = 8;
    static final int CALLS_PER_THREAD = 20;
    final JsonAdapter<Map<String, Object>> anyObject =
        new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

    /** Answers every message with itself: its text as {@code msg} and {@code id-<text>} as {@code _id}. */
    final Dispatcher echo = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String text;
        try {
          text = (String) anyObject.fromJson(Fixtures.body(request)).get("msg");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        received.add(text);
        return json(200, "{\"message\": {\"_id\": \"id-" + text + "\", \"rid\": \"room1\", \"msg\": \"" + text
            + "\", \"ts\": \"2023-10-31T13:14:29.804Z\"}, \"success\": true}");
      }
    };

    @Test
    void oneClientSharedByEightThreadsGetsEachCallsOwnAnswer() throws Exception {
      server.setDispatcher(echo);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          Callable<List<String>> calls = () -> {
            start.await();
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
              String text = "thread-" + thread + "-call-" + i;
              Message message = client.sendMessage("tok", "room1", text);
              if (!message.text().equals(text) || !message.id().equals("id-" + text)) {
                mismatches.add(text + " got " + message);
              }
            }
            return mismatches;
          };
          futures.add(pool.submit(calls));
        }
        start.countDown();

        for (Future<List<String>> future : futures) {
          assertThat(future.get(60, TimeUnit.SECONDS)).as("calls that got another call's answer").isEmpty();
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(server.getRequestCount()).isEqualTo(THREADS * CALLS_PER_THREAD);
      List<String> expected = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < CALLS_PER_THREAD; i++) {
          expected.add("thread-" + t + "-call-" + i);
        }
      }
      assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(Set.copyOf(received)).hasSize(THREADS * CALLS_PER_THREAD);
    }
  }
}
