package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh {@link FakeLivechatServer} per test, and raw HTTP against it: the refusal tests send
 * exactly the bodies they mean (unknown fields, nulls, wrong types), which the SDK never would.
 */
abstract class FakeServerTestBase {
  static final Duration WAIT = Duration.ofSeconds(5);
  static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  static final String OTHER_TOKEN = "other-visitor-token";
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .readTimeout(WAIT)
      .retryOnConnectionFailure(false)
      .build();
  private static final JsonAdapter<Object> VALUES = new Moshi.Builder().build().adapter(Object.class);

  FakeLivechatServer server;

  /** One HTTP answer. */
  record Answer(int status, String body, Headers headers) {
    /** The body as a map (JSON object). */
    Map<String, Object> json() {
      return FakeServerTestBase.json(body);
    }
  }

  @BeforeEach
  void startServer() {
    server = FakeLivechatServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @AfterAll
  static void releaseHttp() {
    HTTP.connectionPool().evictAll();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    try {
      return (Map<String, Object>) VALUES.fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code method} on {@code /api/v1/<path>} ({@code path} may carry a query), with a JSON body or none. */
  Answer call(String method, String path, @Nullable String jsonBody) {
    RequestBody body = jsonBody == null ? null : RequestBody.create(jsonBody, JSON);
    return execute(new Request.Builder()
        .url(server.url().resolve("/api/v1/" + path))
        .method(method, body)
        .build());
  }

  Answer get(String path) {
    return call("GET", path, null);
  }

  Answer post(String path, String jsonBody) {
    return call("POST", path, jsonBody);
  }

  static Answer execute(Request request) {
    try (Response response = HTTP.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the exact status and body of a refusal. */
  static void assertRefused(Answer answer, int status, String body) {
    assertThat(answer.body()).isEqualTo(body.strip());
    assertThat(answer.status()).isEqualTo(status);
  }

  // ---- setting the scene through the API ----

  /** Registers a visitor with {@code token}; its {@code _id}. */
  String register(String token) {
    Answer answer = post("livechat/visitor", "{\"visitor\":{\"token\":\"" + token + "\",\"name\":\"Ada\"}}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (String) ((Map<?, ?>) answer.json().get("visitor")).get("_id");
  }

  /** Opens (or returns) the visitor's room; its id. */
  String openRoom(String token) {
    Answer answer = get("livechat/room?token=" + token);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (String) ((Map<?, ?>) answer.json().get("room")).get("_id");
  }

  /** A registered visitor with an open room: the room's id. */
  String visitorWithRoom(String token) {
    register(token);
    return openRoom(token);
  }

  /** Sends a message as the visitor; its id. */
  String send(String token, String rid, String text) {
    Answer answer = post("livechat/message",
        "{\"token\":\"" + token + "\",\"rid\":\"" + rid + "\",\"msg\":\"" + text + "\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (String) ((Map<?, ?>) answer.json().get("message")).get("_id");
  }

  /** The ids of a history answer, in order. */
  static List<String> ids(Answer history) {
    return ((List<?>) history.json().get("messages")).stream().map(m -> (String) ((Map<?, ?>) m).get("_id")).toList();
  }
}
