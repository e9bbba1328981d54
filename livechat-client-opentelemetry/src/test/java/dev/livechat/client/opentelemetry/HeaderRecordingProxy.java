package dev.livechat.client.opentelemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.ByteString;

/**
 * A MockWebServer in front of a server that records the headers of every request it receives
 * (FakeLivechatServer keeps only method and path) and passes the request on, answering with the
 * server's answer. REST only: WebSocket upgrades are not passed on.
 */
final class HeaderRecordingProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length",
      "transfer-encoding", "accept-encoding", "keep-alive");

  private final MockWebServer proxy = new MockWebServer();
  private final OkHttpClient forward = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private final List<Headers> received = new ArrayList<>(); // guarded by itself

  HeaderRecordingProxy(HttpUrl target) {
    proxy.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (received) {
          received.add(request.getHeaders());
        }
        return passOn(target, request);
      }
    });
    try {
      proxy.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpUrl url() {
    return proxy.url("/");
  }

  /** The headers of every request received, in order. */
  List<Headers> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  private MockResponse passOn(HttpUrl target, RecordedRequest request) {
    HttpUrl url = target.newBuilder()
        .encodedPath(request.getUrl().encodedPath())
        .encodedQuery(request.getUrl().encodedQuery())
        .build();
    Headers.Builder headers = new Headers.Builder();
    request.getHeaders().forEach(header -> {
      if (!HOP_BY_HOP.contains(header.getFirst().toLowerCase(java.util.Locale.ROOT))) {
        headers.add(header.getFirst(), header.getSecond());
      }
    });
    ByteString body = request.getBody();
    String contentType = request.getHeaders().get("Content-Type");
    RequestBody requestBody = body == null || (body.size() == 0 && !permitsBody(request.getMethod()))
        ? null
        : RequestBody.create(body, contentType == null ? null : MediaType.get(contentType));
    Request forwarded = new Request.Builder().url(url).headers(headers.build())
        .method(request.getMethod(), requestBody).build();
    try (Response response = forward.newCall(forwarded).execute()) {
      MockResponse.Builder answer = new MockResponse.Builder().code(response.code());
      response.headers().forEach(header -> {
        if (!HOP_BY_HOP.contains(header.getFirst().toLowerCase(java.util.Locale.ROOT))) {
          answer.addHeader(header.getFirst(), header.getSecond());
        }
      });
      return answer.body(new okio.Buffer().write(response.body().bytes())).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean permitsBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
  }

  @Override
  public void close() {
    proxy.close();
  }
}
