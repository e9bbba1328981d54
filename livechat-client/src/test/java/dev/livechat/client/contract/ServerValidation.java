package dev.livechat.client.contract;

import static org.assertj.core.api.Assertions.fail;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Every request of a contract test, judged by the Rocket.Chat server's own validation of its route:
 * the validator service of the validators profile ({@code
 * livechat-client-testing/src/test/validators/service.cjs}: the AJV validators of {@code
 * @rocket.chat/rest-typings} 8.8.1, and the {@code check()} rules of the routes that use Meteor's
 * check). An OkHttp interceptor placed before any rewriting, so it records what the SDK sent.
 *
 * <p>Active when the system property {@value #PROPERTIES} names the service's properties file (the
 * validators profile sets it); without it ({@code -Pcontract} alone) nothing is recorded. The
 * service counts the requests per route and {@code validators.sh stop} prints the counts.
 */
final class ServerValidation implements Interceptor {
  /** The system property naming the properties file the validator service wrote. */
  static final String PROPERTIES = "validators.properties";
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  /** One request as the SDK sent it: the parts a route's validation reads. */
  private record Sent(String method, HttpUrl url, @Nullable String jsonBody, Map<String, String> headers) {
    String describe() {
      return method + " " + url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery())
          + (jsonBody == null ? "" : " " + jsonBody);
    }
  }

  private final @Nullable String serviceUrl;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private int checked;

  private ServerValidation(@Nullable String serviceUrl) {
    this.serviceUrl = serviceUrl;
  }

  /** The check the system properties ask for: the service's, or none. */
  static ServerValidation fromSystemProperty() {
    String file = System.getProperty(PROPERTIES);
    if (file == null || file.isBlank()) {
      return new ServerValidation(null);
    }
    if (!Files.isRegularFile(Path.of(file))) {
      fail("System property " + PROPERTIES + " names " + file + ", which does not exist: the validator"
          + " service (validators profile) did not start");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ServerValidation(properties.getProperty("validators.url"));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (serviceUrl != null) {
      Map<String, String> headers = new LinkedHashMap<>();
      String token = request.header("x-visitor-token");
      if (token != null) {
        headers.put("x-visitor-token", token);
      }
      sent.add(new Sent(request.method(), request.url(), jsonBody(request), headers));
    }
    return chain.proceed(request);
  }

  /**
   * Asks the service about every request since the previous call; fails listing each one the
   * server's validation refuses, with the server's answer.
   */
  void assertServerAcceptsEverything() {
    if (serviceUrl == null) {
      return;
    }
    List<Sent> unchecked = sent.subList(checked, sent.size());
    checked = sent.size();
    List<String> refused = new ArrayList<>();
    OkHttpClient http = new OkHttpClient();
    try {
      for (Sent request : List.copyOf(unchecked)) {
        Map<?, ?> verdict = validate(http, request);
        if (!Boolean.TRUE.equals(verdict.get("valid"))) {
          refused.add(request.describe() + "\n    " + verdict.get("route") + " (" + verdict.get("validator") + "): HTTP "
              + ((Number) verdict.get("status")).intValue() + " " + JSON.toJson(verdict.get("refusal")));
        }
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    if (!refused.isEmpty()) {
      fail("The Rocket.Chat server's own validation refuses what the SDK sent:\n  " + String.join("\n  ", refused));
    }
  }

  private Map<?, ?> validate(OkHttpClient http, Sent request) {
    Map<String, Object> query = new LinkedHashMap<>();
    for (String name : request.url().queryParameterNames()) {
      List<String> values = new ArrayList<>();
      request.url().queryParameterValues(name).forEach(value -> values.add(value == null ? "" : value));
      query.put(name, values.size() == 1 ? values.get(0) : values);
    }
    Map<String, Object> ask = new LinkedHashMap<>();
    ask.put("method", request.method());
    ask.put("path", request.url().encodedPath());
    ask.put("query", query);
    ask.put("headers", request.headers());
    String json = JSON.toJson(ask);
    json = json.substring(0, json.length() - 1) + ",\"body\":" + (request.jsonBody() == null ? "null" : request.jsonBody()) + "}";
    Request call = new Request.Builder().url(serviceUrl + "/validate").post(RequestBody.create(json, JSON_TYPE)).build();
    try (Response response = http.newCall(call).execute()) {
      String text = response.body().string();
      if (!(JSON.fromJson(text) instanceof Map<?, ?> verdict) || verdict.get("route") == null) {
        throw new IllegalStateException("The validator service cannot judge " + request.describe() + ": " + text);
      }
      return verdict;
    } catch (IOException e) {
      throw new UncheckedIOException("The validator service at " + serviceUrl + " did not answer", e);
    }
  }

  /** The body if it is JSON; null for none or a multipart upload (whose header is what is checked). */
  private static @Nullable String jsonBody(Request request) throws IOException {
    RequestBody body = request.body();
    if (body == null || body.contentType() == null || !"json".equals(body.contentType().subtype())) {
      return null;
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readUtf8();
  }
}
