package dev.livechat.client;

import com.squareup.moshi.JsonAdapter;
import dev.livechat.client.internal.FileCredentials;
import dev.livechat.client.internal.JsonBody;
import dev.livechat.client.internal.Redaction;
import dev.livechat.client.internal.ResponseReader;
import dev.livechat.client.internal.StreamOpener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One call of the API, described as data: method, route, path values, query, body, how to read
 * the answer (whole, or handed over as a stream), and whether it is safe to repeat. Built by one
 * line per endpoint in {@link VisitorApi} and run by {@link CallExecutor}, so the blocking and
 * asynchronous forms execute the same description.
 *
 * <pre>{@code
 * CallSpec.put("livechat/message/:_id", messageId)
 *     .body(JsonBody.fields("token", token, "rid", rid, "msg", text))
 *     .returning(ResponseReader.field("message", ModelAdapters.MESSAGE));
 * }</pre>
 */
final class CallSpec<T> {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** The visitor token's query parameter, and the file route's (which also takes a JWT as {@code token}). */
  private static final List<String> SECRET_QUERY_PARAMETERS = List.of("token", "rc_token");

  private final String method;
  private final boolean underApi;
  private final String route;
  private final List<String> pathValues;
  private final List<String> query;
  private final List<String> headers;
  private final @Nullable RequestBody body;
  private final @Nullable ResponseReader<T> reader;
  private final @Nullable StreamOpener<T> opener;
  private final @Nullable FileCredentials credentials;
  private final boolean safeToRepeat;
  private final @Nullable Supplier<CallSpec<T>> recovery;
  private final List<String> secrets;

  private CallSpec(Builder builder, @Nullable ResponseReader<T> reader, @Nullable StreamOpener<T> opener,
      @Nullable Supplier<CallSpec<T>> recovery) {
    this.method = builder.method;
    this.underApi = builder.underApi;
    this.route = builder.route;
    this.pathValues = List.copyOf(builder.pathValues);
    this.query = List.copyOf(builder.query);
    this.headers = List.copyOf(builder.headers);
    this.body = builder.body;
    this.reader = reader;
    this.opener = opener;
    this.credentials = builder.credentials;
    this.safeToRepeat = builder.safeToRepeat;
    this.recovery = recovery;
    this.secrets = List.copyOf(builder.secrets);
  }

  public static Builder get(String route, String... pathValues) {
    return new Builder("GET", route, pathValues);
  }

  public static Builder post(String route, String... pathValues) {
    return new Builder("POST", route, pathValues);
  }

  public static Builder put(String route, String... pathValues) {
    return new Builder("PUT", route, pathValues);
  }

  public static Builder delete(String route, String... pathValues) {
    return new Builder("DELETE", route, pathValues);
  }

  /**
   * The endpoint as {@code "DELETE /api/v1/livechat/message/:_id"} (or {@code "GET
   * /file-upload/:id/:name"} for a route under the server root): the route template, never the path
   * values, since a visitor token travels in some of them.
   */
  public String describe() {
    return method + (underApi ? " /api/v1/" : " /") + route;
  }

  /**
   * The request's URL for a log: path values shown except {@code :token}, and the {@code token}
   * and {@code rc_token} query parameters, all as {@code ***}; their values are added to {@code
   * secrets}.
   */
  String redactedUrl(HttpUrl url, Set<String> secrets) {
    HttpUrl.Builder redacted = url.newBuilder();
    String[] template = route.split("/");
    int offset = url.pathSize() - template.length;
    for (int i = 0; i < template.length; i++) {
      if (template[i].equals(":token")) {
        secrets.add(url.pathSegments().get(offset + i));
        redacted.setPathSegment(offset + i, "***");
      }
    }
    for (String name : SECRET_QUERY_PARAMETERS) {
      String token = url.queryParameter(name);
      if (token != null) {
        secrets.add(token);
        redacted.setQueryParameter(name, "***");
      }
    }
    return redacted.build().toString();
  }

  /**
   * The values this call must keep out of every message and log: the visitor token (or a file
   * link's token) wherever the request carries it, in a {@code :token} path segment, a {@code
   * token} or {@code rc_token} query parameter, the {@code x-visitor-token} header, the file
   * credentials, a {@code token} or {@code visitorToken} field of a JSON body, or as named by
   * {@link Builder#secret}. Collected when the endpoint is built, so the executor can scrub them
   * from what a hostile answer echoes ({@link Redaction}).
   */
  public List<String> secrets() {
    return secrets;
  }

  /** The route template, for example {@code livechat/message/:_id}. */
  public String route() {
    return route;
  }

  /** The HTTP method, for example {@code POST}. */
  public String method() {
    return method;
  }

  /** Whether the request can be sent again at all: false when its body is consumed by sending (a stream upload). */
  boolean canResend() {
    return body == null || !body.isOneShot();
  }

  /** Whether sending this request twice has the same effect as sending it once. */
  public boolean safeToRepeat() {
    return safeToRepeat;
  }

  /**
   * What to run instead when a repeated attempt is refused, because the first attempt may have
   * taken effect before its answer was lost; null when nothing can tell. Made only when asked for:
   * a recovery runs after a refused retry, almost never, so the description is not built with
   * every call.
   */
  @Nullable CallSpec<T> recovery() {
    return recovery == null ? null : recovery.get();
  }

  /** How to read the whole answer; null for a streamed endpoint. */
  @Nullable ResponseReader<T> reader() {
    return reader;
  }

  /** Whether the answer is handed over unread, as a stream the caller closes ({@link #open}). */
  boolean streams() {
    return opener != null;
  }

  /** Takes over a successful answer of a streamed endpoint; the result owns (and closes) it. */
  T open(Response response) {
    if (opener == null) {
      throw new IllegalStateException(describe() + " is not streamed");
    }
    return opener.open(response, describe());
  }

  /**
   * The OkHttp request under {@code apiBase} ({@code <base>/api/v1/}), or under {@code serverRoot}
   * for a route of the server root. Every path value is added as exactly one encoded segment, so a
   * value such as {@code ../x} or {@code a/b?c} cannot change the path or the query. The visitor's
   * file credentials, if any, travel as a tag: {@link FileCredentials} adds them as cookies for the
   * server's origin only.
   */
  Request toRequest(HttpUrl serverRoot, HttpUrl apiBase) {
    return toRequestAt(url(serverRoot, apiBase));
  }

  /**
   * Whether the URL is the route alone, with no path value and no query ({@code POST
   * livechat/message}): the same for every call, so {@link CallExecutor} builds it once per route.
   */
  boolean fixedUrl() {
    return pathValues.isEmpty() && query.isEmpty();
  }

  /** The URL under {@code apiBase}, or {@code serverRoot} for a route of the server root; see {@link #toRequest}. */
  HttpUrl url(HttpUrl serverRoot, HttpUrl apiBase) {
    HttpUrl.Builder url = (underApi ? apiBase : serverRoot).newBuilder();
    int next = 0;
    for (String segment : route.split("/")) {
      url.addPathSegment(segment.startsWith(":") ? pathValues.get(next++) : segment);
    }
    for (int i = 0; i < query.size(); i += 2) {
      url.addQueryParameter(query.get(i), query.get(i + 1));
    }
    return url.build();
  }

  /** The OkHttp request to {@code url}, which {@link #url} made for this endpoint. */
  Request toRequestAt(HttpUrl url) {
    Request.Builder request =
        new Request.Builder().url(url).method(method, body).tag(CallSpec.class, this);
    if (credentials != null) {
      request.tag(FileCredentials.class, credentials);
    }
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    return request.build();
  }

  /** Collects the parts of a request until {@link #returning} names how to read the answer. */
  public static final class Builder {
    private final String method;
    private final String route;
    private final List<String> pathValues;
    private final List<String> query = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private @Nullable RequestBody body;
    private boolean safeToRepeat;
    private boolean underApi = true;
    private @Nullable FileCredentials credentials;
    private final List<String> secrets = new ArrayList<>(1);

    private Builder(String method, String route, String... pathValues) {
      int params = 0;
      for (int i = 0; i < route.length(); i++) {
        if (route.charAt(i) == ':') {
          if (route.startsWith(":token", i) && pathValues.length > params) {
            secret(pathValues[params]);
          }
          params++;
        }
      }
      if (params != pathValues.length) {
        throw new IllegalArgumentException(route + " takes " + params + " path values");
      }
      this.method = method;
      this.route = route;
      this.pathValues = List.of(pathValues);
      this.safeToRepeat = method.equals("GET");
    }

    /** Adds {@code name=value} to the query; a null value is left out. */
    public Builder query(String name, @Nullable Object value) {
      if (value != null) {
        if (SECRET_QUERY_PARAMETERS.contains(name)) {
          secret(value.toString());
        }
        query.add(name);
        query.add(value.toString());
      }
      return this;
    }

    /** Sends {@code value} as the JSON body. */
    public <B> Builder body(B value, JsonAdapter<B> adapter) {
      return body(JsonBody.of(value, adapter));
    }

    /** Sends {@code body} as the JSON body. */
    public Builder body(JsonBody body) {
      body.secrets().forEach(this::secret);
      this.body = RequestBody.create(body.bytes(), JSON);
      return this;
    }

    /** Sends {@code body} as it is, for example a multipart upload. */
    public Builder body(RequestBody body) {
      this.body = body;
      return this;
    }

    /** Places the route under the server root ({@code <base>/<route>}) rather than {@code <base>/api/v1/}. */
    public Builder underServerRoot() {
      this.underApi = false;
      return this;
    }

    /**
     * Sends the visitor's file credentials, as the server's file route reads them: cookies, added
     * only for the server's own origin (see {@link FileCredentials}).
     */
    public Builder fileCredentials(FileCredentials credentials) {
      this.credentials = credentials;
      return secret(credentials.token());
    }

    /** Adds a request header. */
    public Builder header(String name, String value) {
      if (name.equalsIgnoreCase("x-visitor-token")) {
        secret(value);
      }
      headers.add(name);
      headers.add(value);
      return this;
    }

    /**
     * Names a value the request carries where the builder cannot see it (a token inside a record
     * body: {@link #body(Object, JsonAdapter)}), to keep out of every message; see {@link
     * CallSpec#secrets()}. A null or empty value is ignored.
     */
    public Builder secret(@Nullable String value) {
      if (value != null && !value.isEmpty() && !secrets.contains(value)) {
        secrets.add(value);
      }
      return this;
    }

    /**
     * Marks the call as safe to repeat: sending it twice has the same effect as once. GET is
     * safe by default.
     */
    public Builder safeToRepeat(boolean safe) {
      this.safeToRepeat = safe;
      return this;
    }

    /** Completes the description with the reader of the successful answer. */
    public <T> CallSpec<T> returning(ResponseReader<T> reader) {
      return new CallSpec<>(this, reader, null, null);
    }

    /**
     * Completes the description with what takes over the successful answer unread: its body is
     * streamed to the caller, who closes it, and is never held whole in memory.
     */
    public <T> CallSpec<T> returningStream(StreamOpener<T> opener) {
      return new CallSpec<>(this, null, opener, null);
    }

    /**
     * Completes the description with the reader of the successful answer and the call that finds
     * the result when a repeated attempt is refused (the first may have taken effect). {@code
     * recovery} is asked for that call only then; it must not fail, so check its arguments before.
     */
    public <T> CallSpec<T> returning(ResponseReader<T> reader, Supplier<CallSpec<T>> recovery) {
      return new CallSpec<>(this, reader, null, recovery);
    }
  }
}
