package dev.livechat.client;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.internal.FileCredentials;
import dev.livechat.client.internal.Redaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Logs each attempt of each call to an {@link HttpLogger}, with the visitor token replaced by
 * {@code ***} wherever it travels: in the path ({@code :token} segments of the route), the {@code
 * token} and {@code rc_token} query parameters, the {@code x-visitor-token} header, the {@code
 * rc_token} cookie of a file download ({@link FileCredentials}, added by a network interceptor and
 * logged here as it will be sent), and any JSON field named {@code token} or {@code visitorToken},
 * at any depth, in request and response bodies. A streamed answer (a file) is logged as its type
 * and length, never read.
 */
final class LoggingInterceptor implements Interceptor {
  private static final long MAX_LOGGED_BODY = 4096;
  private static final String REDACTED = "***";
  /** The value of an {@code rc_token} cookie, in a {@code Cookie} header a caller's interceptor set. */
  private static final Pattern RC_TOKEN_COOKIE = Pattern.compile("((?:^|;)\\s*rc_token=)[^;]*");

  private final HttpLogger logger;

  public LoggingInterceptor(HttpLogger logger) {
    this.logger = logger;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallSpec<?> endpoint = request.tag(CallSpec.class);
    Set<String> secrets = new HashSet<>();
    String url = endpoint != null ? endpoint.redactedUrl(request.url(), secrets) : REDACTED;
    String header = request.header("x-visitor-token");
    if (header != null) {
      secrets.add(header);
    }
    FileCredentials credentials = request.tag(FileCredentials.class);
    String cookies = "";
    if (credentials != null) {
      secrets.add(credentials.token());
      cookies = "\nCookie: " + credentials.redactedCookies() + " (to " + origin(request) + " only)";
    }
    log(secrets, "--> " + request.method() + " " + url + headers(request.headers()) + cookies
        + body(request.body(), secrets));
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      log(secrets, "<-- failed " + request.method() + " " + url + ": " + e);
      throw e;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    boolean streamed = endpoint != null && endpoint.streams() && response.isSuccessful();
    String answer = streamed
        ? "(" + response.body().contentType() + ", " + response.body().contentLength() + " bytes, streamed)"
        : loggedBody(response, secrets);
    log(secrets, "<-- " + response.code() + " " + request.method() + " " + url + " (" + millis + " ms)"
        + headers(response.headers()) + (answer.isEmpty() ? "" : "\n" + answer));
    return response;
  }

  /**
   * The first {@value #MAX_LOGGED_BODY} characters of the answer's body, tokens hidden: JSON with
   * its token fields replaced, any other text (a proxy's HTML page) cut where no token is split by
   * the cut ({@link Redaction#cut}). A little more than the limit is read, the longest token's
   * length, so that a token across the limit is seen whole.
   */
  private static String loggedBody(Response response, Set<String> secrets) throws IOException {
    long longest = 0;
    for (String secret : secrets) {
      longest = Math.max(longest, secret.getBytes(StandardCharsets.UTF_8).length);
    }
    long limit = MAX_LOGGED_BODY + longest;
    ResponseBody peeked = response.peekBody(limit);
    MediaType type = response.body().contentType();
    String text = peeked.string();
    if (type != null && "json".equals(type.subtype())) {
      // Read whole or shown as unreadable; its token fields are known once it is read.
      return Redaction.cut(redactJson(text, type, secrets), (int) MAX_LOGGED_BODY, true, List.copyOf(secrets));
    }
    return Redaction.cut(text, (int) MAX_LOGGED_BODY, peeked.contentLength() < limit, List.copyOf(secrets));
  }

  /**
   * Logs {@code line} with every token value this request carried replaced, wherever it still
   * stands (a proxy's error page may repeat the path, for example).
   */
  private void log(Set<String> secrets, String line) {
    for (String secret : Redaction.longestFirst(secrets)) {
      if (!secret.isEmpty()) {
        line = line.replace(secret, REDACTED);
      }
    }
    logger.log(line);
  }

  private static String headers(Headers headers) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String value = headers.value(i);
      out.append('\n').append(name).append(": ")
          .append(name.equalsIgnoreCase("x-visitor-token") ? REDACTED
              : name.equalsIgnoreCase("Cookie") ? RC_TOKEN_COOKIE.matcher(value).replaceAll("$1" + REDACTED)
              : value);
    }
    return out.toString();
  }

  /** {@code scheme://host:port} of the request, where the file credentials go. */
  private static String origin(Request request) {
    HttpUrl url = request.url();
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }

  private static String body(@Nullable RequestBody body, Set<String> secrets) throws IOException {
    if (body == null) {
      return "";
    }
    MediaType type = body.contentType();
    if (type == null || !"json".equals(type.subtype()) || body.isOneShot()) {
      return "\n(" + (type == null ? "body" : type.type() + "/" + type.subtype()) + ", "
          + body.contentLength() + " bytes)";
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return "\n" + redactJson(buffer.readUtf8(), type, secrets);
  }

  /**
   * The JSON text with every {@code token}/{@code visitorToken} string replaced (and collected in
   * {@code secrets}); other text as is.
   */
  static String redactJson(String text, @Nullable MediaType type, Set<String> secrets) {
    if (text.isEmpty() || type == null || !"json".equals(type.subtype())) {
      return text;
    }
    Buffer out = new Buffer();
    try (JsonReader in = JsonReader.of(new Buffer().writeUtf8(text)); JsonWriter writer = JsonWriter.of(out)) {
      writer.setSerializeNulls(true);
      copy(in, writer, false, secrets);
    } catch (IOException | RuntimeException e) {
      return "(a truncated or unreadable JSON body, not shown)";
    }
    return out.readUtf8();
  }

  private static void copy(JsonReader in, JsonWriter out, boolean secret, Set<String> secrets) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT -> {
        in.beginObject();
        out.beginObject();
        while (in.hasNext()) {
          String name = in.nextName();
          out.name(name);
          copy(in, out, name.equals("token") || name.equals("visitorToken"), secrets);
        }
        in.endObject();
        out.endObject();
      }
      case BEGIN_ARRAY -> {
        in.beginArray();
        out.beginArray();
        while (in.hasNext()) {
          copy(in, out, false, secrets);
        }
        in.endArray();
        out.endArray();
      }
      case STRING -> {
        String value = in.nextString();
        if (secret) {
          secrets.add(value);
        }
        out.value(secret ? REDACTED : value);
      }
      case NUMBER -> out.value(new BigDecimal(in.nextString()));
      case BOOLEAN -> out.value(in.nextBoolean());
      case NULL -> {
        in.nextNull();
        out.nullValue();
      }
      default -> in.skipValue();
    }
  }
}
