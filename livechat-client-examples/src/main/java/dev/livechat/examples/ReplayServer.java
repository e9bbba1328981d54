package dev.livechat.examples;

import dev.livechat.client.Fixtures;
import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A local server, started in the same process, that answers each of the five message endpoints
 * with its documented example (the fixtures in livechat-client's test jar). It checks nothing:
 * it shows what the SDK makes of the documented answers when no real server is at hand.
 */
final class ReplayServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();

  private ReplayServer() {}

  static ReplayServer start() throws IOException {
    ReplayServer replay = new ReplayServer();
    replay.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request.getMethod(), request.getUrl().encodedPath());
      }
    });
    replay.server.start();
    return replay;
  }

  HttpUrl url() {
    return server.url("/");
  }

  private static MockResponse answer(String method, String path) {
    if (path.equals("/api/v1/livechat/message") && method.equals("POST")) {
      return Fixtures.ok("messages/send.json");
    }
    if (path.startsWith("/api/v1/livechat/message/") && method.equals("PUT")) {
      return Fixtures.ok("messages/update.json");
    }
    if (path.startsWith("/api/v1/livechat/message/") && method.equals("DELETE")) {
      return Fixtures.ok("messages/delete.json");
    }
    if (path.startsWith("/api/v1/livechat/messages.history/") && method.equals("GET")) {
      return Fixtures.ok("messages/history.json");
    }
    if (path.equals("/api/v1/livechat/offline.message") && method.equals("POST")) {
      return Fixtures.ok("messages/offline.json");
    }
    return Fixtures.answer(404, "errors/not-found-404.json");
  }

  @Override
  public void close() {
    server.close();
  }
}
