package dev.livechat.client.contract;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * An OkHttp application interceptor that records every exchange with Prism, together with what
 * Prism reported about the request. The SDK's own handling of the answer is untouched: the body is
 * only peeked.
 *
 * <p>Prism reports request violations in two ways: in the {@code sl-violations} header when the
 * operation declares a 400 answer (it then sends that 400 example), and in the {@code validation}
 * list of a 422 {@code application/problem+json} body when it declares none. Both are collected. A
 * header that cannot be read becomes a violation of its own, so it can never pass unnoticed.
 */
public final class ViolationRecorder implements Interceptor {
  static final String HEADER = "sl-violations";
  private static final long MAX_PEEK = 4L * 1024 * 1024;
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    String answer = response.peekBody(MAX_PEEK).string();
    Object answerJson = parse(answer);
    List<Violation> violations = new ArrayList<>();
    for (String header : response.headers(HEADER)) {
      violations.addAll(violations(parse(header), HEADER + " header: " + header));
    }
    MediaType type = response.body().contentType();
    if (response.code() == 422 && type != null && type.subtype().equals("problem+json")
        && answerJson instanceof Map<?, ?> problem && problem.containsKey("validation")) {
      violations.addAll(violations(problem.get("validation"), "422 answer: " + answer));
    }
    exchanges.add(new Exchange(request.method(), request.url(), requestBody(request), response.code(),
        violations, answer, answerJson));
    return response;
  }

  /** Every exchange recorded so far, oldest first. */
  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  private static List<Violation> violations(@Nullable Object json, String raw) {
    List<Violation> out = new ArrayList<>();
    if (!(json instanceof List<?> entries)) {
      out.add(unreadable(raw));
      return out;
    }
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> map
          && map.get("location") instanceof List<?> location
          && map.get("code") != null
          && map.get("message") instanceof String message) {
        List<String> where = location.stream().map(String::valueOf).toList();
        String code = map.get("code") instanceof Double number && number == Math.rint(number)
            ? String.valueOf(number.intValue()) // Prism reports a wrong content type as code 415
            : String.valueOf(map.get("code"));
        out.add(new Violation(where, String.valueOf(map.get("severity")), code, message));
      } else {
        out.add(unreadable(raw));
      }
    }
    return out;
  }

  private static Violation unreadable(String raw) {
    return new Violation(List.of("?"), "Error", "unreadable", "cannot read Prism's report: " + raw);
  }

  private static @Nullable Object parse(String text) {
    try {
      return JSON.fromJson(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String requestBody(Request request) throws IOException {
    if (request.body() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readUtf8();
  }
}
