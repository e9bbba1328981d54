package dev.livechat.client.testing.validators;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The client of the validator service ({@code src/test/validators/service.cjs}, started by the
 * validators profile): what the Rocket.Chat server's own validation says of one request.
 */
final class ValidatorService {
  /** The system property naming the properties file the service wrote ({@code validators.url=...}). */
  static final String PROPERTIES = "validators.properties";
  static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  /**
   * The server's verdict on one request.
   *
   * @param route the route, e.g. {@code POST livechat/message}
   * @param validator the rest-typings validator, or the rule, that judged it
   * @param valid whether the server's validation lets it through
   * @param status the status of the refusal (400, or 403 for the upload's token header); 200 if valid
   * @param refusal the JSON body of the server's refusal; null if valid
   */
  record Verdict(String route, String validator, boolean valid, int status, @Nullable Map<?, ?> refusal) {}

  private final String url;
  private final OkHttpClient http;

  private ValidatorService(String url, OkHttpClient http) {
    this.url = url;
    this.http = http;
  }

  /** The service named by the {@value #PROPERTIES} system property. */
  static ValidatorService fromSystemProperty(OkHttpClient http) {
    String file = System.getProperty(PROPERTIES);
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalStateException("No validator service (system property " + PROPERTIES + " = " + file
          + "): run with the validators profile, which starts src/test/validators/service.cjs");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ValidatorService(properties.getProperty("validators.url"), http);
  }

  /**
   * Asks the service about one request.
   *
   * @param method the HTTP method
   * @param path the full path, {@code /api/v1/...}
   * @param query each query name with its string, or its list of strings when repeated
   * @param bodyJson the JSON body as sent; null if none
   * @param headers the headers the route reads
   */
  Verdict validate(String method, String path, Map<String, Object> query, @Nullable String bodyJson,
      Map<String, String> headers) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", method);
    request.put("path", path);
    request.put("query", query);
    request.put("headers", headers);
    String json = JSON.toJson(request);
    json = json.substring(0, json.length() - 1) + ",\"body\":" + (bodyJson == null ? "null" : bodyJson) + "}";
    Request call = new Request.Builder().url(url + "/validate").post(RequestBody.create(json, JSON_TYPE)).build();
    try (Response response = http.newCall(call).execute()) {
      String text = response.body().string();
      if (!(JSON.fromJson(text) instanceof Map<?, ?> answer) || answer.get("route") == null) {
        throw new IllegalStateException("The validator service could not judge " + method + " " + path + ": " + text);
      }
      return new Verdict((String) answer.get("route"), (String) answer.get("validator"),
          Boolean.TRUE.equals(answer.get("valid")), ((Double) answer.get("status")).intValue(),
          (Map<?, ?>) answer.get("refusal"));
    } catch (IOException e) {
      throw new UncheckedIOException("The validator service at " + url + " did not answer", e);
    }
  }
}
