package dev.livechat.client.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Finds the route of a request and writes its answer: the routes of each area ({@link
 * VisitorRoutes}, {@link RoomRoutes}, {@link MessageRoutes}, {@link FormRoutes}, {@link
 * UploadRoutes}) under {@code /api/v1/}, and the file route at the root. With the rate limiter on,
 * every answer of an API route carries the {@code X-RateLimit-*} headers and the limit is enforced
 * before the route runs. Handlers run holding the store's lock.
 */
final class RestRouter {
  /** An answer to write: status, content type (null for an empty body), body, extra headers. */
  record Reply(int status, @Nullable String contentType, ByteString body, Map<String, String> headers) {
    static Reply json(int status, String json, Map<String, String> headers) {
      return new Reply(status, "application/json", ByteString.encodeUtf8(json), headers);
    }

    /** A status with an empty body, as Meteor's {@code res.writeHead(status); res.end()}. */
    static Reply empty(int status) {
      return new Reply(status, null, ByteString.EMPTY, Map.of());
    }
  }

  private record Route(String method, String pattern, RateLimiter.@Nullable Limit limit,
      Routes.@Nullable Handler handler, Routes.@Nullable RawHandler raw) {}

  private final Store store;
  private final RateLimiter limiter;
  private final List<Route> routes = new ArrayList<>();

  RestRouter(Store store, RateLimiter limiter) {
    this.store = store;
    this.limiter = limiter;
    List.of(new VisitorRoutes(store), new RoomRoutes(store), new MessageRoutes(store), new FormRoutes(store),
        new UploadRoutes(store), new ServerAssets(store), new AgentRoutes(store)).forEach(area -> area.addTo(this));
  }

  /** Adds a JSON route at {@code /api/v1/<pattern>} ({@code :name} segments are parameters). */
  void add(String method, String pattern, RateLimiter.Limit limit, Routes.Handler handler) {
    routes.add(new Route(method, "api/v1/" + pattern, limit, handler, null));
  }

  /** Adds a route at {@code /<pattern>} that is not part of the REST API (no rate limit, no JSON envelope). */
  void addRaw(String method, String pattern, Routes.RawHandler handler) {
    routes.add(new Route(method, pattern, null, null, handler));
  }

  /** The answer to {@code request}. */
  Reply answer(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    List<String> segments = url.pathSegments();
    for (Route route : routes) {
      Map<String, String> path = match(route, request.getMethod(), segments);
      if (path == null) {
        continue;
      }
      if (route.raw() != null) {
        Routes.Call call = new Routes.Call(request, path, query(url), null);
        synchronized (store) {
          return route.raw().handle(call);
        }
      }
      return answerJson(route, request, path);
    }
    return reply(Refusal.status(404, "Resource not found"), Map.of());
  }

  private Reply answerJson(Route route, RecordedRequest request, Map<String, String> path) {
    Map<String, String> headers = new LinkedHashMap<>();
    boolean rateLimited;
    synchronized (store) {
      rateLimited = store.settings.rateLimiter();
    }
    if (rateLimited) {
      RateLimiter.Verdict verdict = limiter.hit(route.method() + " /" + route.pattern(), route.limit());
      headers.put("X-RateLimit-Limit", String.valueOf(verdict.limit()));
      headers.put("X-RateLimit-Remaining", String.valueOf(verdict.remaining()));
      headers.put("X-RateLimit-Reset", String.valueOf(verdict.resetAtMillis()));
      if (!verdict.allowed()) {
        long seconds = (verdict.waitMillis() + 999) / 1000;
        return reply(Refusal.status(429, "Error, too many requests. Please slow down. You must wait " + seconds
            + " seconds before trying this endpoint again. [error-too-many-requests]"), headers);
      }
    }
    String contentType = String.valueOf(request.getHeaders().get("Content-Type"));
    Object json = contentType.startsWith("multipart/") ? null : JsonValues.parse(request.getBody());
    Routes.Call call = new Routes.Call(request, path, query(request.getUrl()), json);
    try {
      Map<String, Object> payload;
      synchronized (store) {
        try {
          payload = route.handler().handle(call);
        } finally {
          store.changed();
        }
      }
      Map<String, Object> body = new LinkedHashMap<>(payload);
      body.put("success", true);
      return Reply.json(200, JsonValues.write(body, JsonValues.Dates.ISO), headers);
    } catch (Refusal refusal) {
      return reply(refusal, headers);
    }
  }

  private static Reply reply(Refusal refusal, Map<String, String> headers) {
    return Reply.json(refusal.status, JsonValues.write(refusal.body, JsonValues.Dates.ISO), headers);
  }

  /** The path parameters if {@code segments} is {@code /<pattern>} and the method is the route's. */
  private static @Nullable Map<String, String> match(Route route, String method, List<String> segments) {
    String[] pattern = route.pattern().split("/");
    if (!route.method().equals(method) || segments.size() != pattern.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String segment = segments.get(i);
      if (pattern[i].startsWith(":")) {
        if (segment.isEmpty()) {
          return null;
        }
        params.put(pattern[i].substring(1), segment);
      } else if (!pattern[i].equals(segment)) {
        return null;
      }
    }
    return params;
  }

  private static Map<String, Object> query(HttpUrl url) {
    Map<String, Object> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      List<String> values = new ArrayList<>();
      for (String value : url.queryParameterValues(name)) {
        values.add(value == null ? "" : value);
      }
      query.put(name, values.size() == 1 ? values.get(0) : values);
    }
    return query;
  }
}
