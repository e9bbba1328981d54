package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.SendMessageRequest;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The settings the benchmarks led to: calls in flight per host, message ids drawn in one go, and
 * the URL of a route without path values built once per client.
 */
class ThroughputSettingsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void ownDispatcherAllowsSixtyFourCallsPerHost() {
    try (LivechatClient client = LivechatClient.create("http://127.0.0.1:9")) {
      Dispatcher dispatcher = client.okHttpClient().dispatcher();
      assertThat(dispatcher.getMaxRequestsPerHost()).isEqualTo(64);
      assertThat(dispatcher.getMaxRequests()).isEqualTo(64);
    }
  }

  @Test
  void keepsTheConnectionsOfABurstOpen() throws Exception {
    for (int i = 0; i < 10; i++) {
      server.enqueue(new MockResponse.Builder()
          .body("{\"messages\":[],\"success\":true}")
          .headersDelay(300, TimeUnit.MILLISECONDS)
          .build());
    }
    try (LivechatClient client = LivechatClient.create(server.url("/").toString())) {
      CompletableFuture<?>[] calls = new CompletableFuture<?>[10];
      for (int i = 0; i < calls.length; i++) {
        calls[i] = client.async().loadHistory("token", "rid");
      }
      CompletableFuture.allOf(calls).get(10, TimeUnit.SECONDS);
      // OkHttp's default pool would keep 5 of the 10 and close the others
      assertThat(client.okHttpClient().connectionPool().idleConnectionCount()).isEqualTo(10);
    }
  }

  @Test
  void callersDispatcherIsKept() {
    OkHttpClient own = new OkHttpClient();
    try (LivechatClient client = LivechatClient.builder().baseUrl("http://127.0.0.1:9").okHttpClient(own).build()) {
      assertThat(client.okHttpClient().dispatcher()).isSameAs(own.dispatcher());
      assertThat(client.okHttpClient().connectionPool()).isSameAs(own.connectionPool());
      assertThat(client.okHttpClient().dispatcher().getMaxRequestsPerHost()).isEqualTo(5);
    }
  }

  /**
   * A route with no path value and no query keeps one URL per client: under each client's own base
   * path, the same for every call and attempt, and routes with path values still get theirs.
   */
  @Test
  void routeUrlsBuiltOnceStayRightForEveryCallAndClient() throws Exception {
    String answer = ReliabilityTest.storedMessageAnswer("AgRFdj96mbHDPrTHq");
    for (int i = 0; i < 5; i++) {
      server.enqueue(ReliabilityTest.json(200, answer));
    }
    try (LivechatClient support = LivechatClient.create(server.url("/support/").toString());
        LivechatClient root = LivechatClient.create(server.url("/").toString())) {
      support.sendMessage("token", "rid", "one");
      support.async().sendMessage("token", "rid", "two").get(10, TimeUnit.SECONDS);
      root.sendMessage("token", "rid", "three");
      support.getMessage("token", "rid", "m/1");
      support.sendMessage("token", "rid", "four");
      String[] targets = new String[5];
      for (int i = 0; i < targets.length; i++) {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        targets[i] = request.getMethod() + " " + request.getTarget();
      }
      assertThat(targets).containsExactly(
          "POST /support/api/v1/livechat/message",
          "POST /support/api/v1/livechat/message",
          "POST /api/v1/livechat/message",
          "GET /support/api/v1/livechat/message/m%2F1?token=token&rid=rid",
          "POST /support/api/v1/livechat/message");
    }
  }

  @Test
  void messageIdsAreSeventeenCharactersOfTheServersAlphabet() {
    Set<String> ids = new HashSet<>();
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String id = SendMessageRequest.of("token", "rid", "hi").id();
      assertThat(id).hasSize(17).matches("[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}");
      ids.add(id);
      id.chars().forEach(c -> seen.add((char) c));
    }
    assertThat(ids).hasSize(2000);
    assertThat(seen).hasSize(55);
  }
}
