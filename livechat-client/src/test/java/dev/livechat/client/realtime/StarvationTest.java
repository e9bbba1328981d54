package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.model.MessageHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * More realtime sessions than any dispatcher's limits, and REST calls still answered: OkHttp runs a
 * WebSocket's reader inside its call, so a socket on the REST dispatcher would hold one of its
 * slots for as long as it is open (64 in all by default, 5 per host on a caller's default client).
 */
class StarvationTest extends RealtimeTestBase {
  static final int SESSIONS = 70;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"the SDK's own client (64 calls)", "a caller's client at OkHttp's defaults (64, 5 per host)",
      "a caller's client set to 2 calls, 1 per host"})
  void moreSessionsThanTheDispatcherAllowsAllConnectAndAsyncCallsAreStillAnswered(String which) throws Exception {
    client.close();
    LivechatClient.Builder builder = LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.none());
    OkHttpClient callers = null;
    if (which.startsWith("a caller's client at")) {
      callers = new OkHttpClient();
    } else if (which.startsWith("a caller's client set")) {
      Dispatcher small = new Dispatcher();
      small.setMaxRequests(2);
      small.setMaxRequestsPerHost(1);
      callers = new OkHttpClient.Builder().dispatcher(small).build();
    }
    if (callers != null) {
      builder.okHttpClient(callers);
    }
    client = builder.build();

    List<RecordingListener> listeners = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      RecordingListener each = new RecordingListener();
      listeners.add(each);
      // A heartbeat longer than the test: 70 sessions on a busy machine must not be replaced by it.
      track(client.realtime(TOKEN, RID, FAST.withHeartbeat(Duration.ofSeconds(30), Duration.ofSeconds(60)), each));
    }
    for (RecordingListener each : listeners) {
      each.awaitState(ConnectionState.CONNECTED, Duration.ofSeconds(20));
    }
    assertThat(sessions).allMatch(s -> s.state() == ConnectionState.CONNECTED);

    List<CompletableFuture<MessageHistory>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(client.async().loadHistory(TOKEN, RID));
    }
    for (CompletableFuture<MessageHistory> call : calls) {
      assertThat(call.get(10, TimeUnit.SECONDS).messages()).isEmpty();
    }
    ddp.storeAndPushToAll("to-all");
    for (RecordingListener each : listeners) {
      assertThat(each.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("to-all");
    }
    if (callers != null) {
      // OkHttp counts a call as running until its callback has returned, and the callback is what
      // completes the future: the last REST calls may still count for a moment. A WebSocket on
      // this dispatcher would count for as long as it is open.
      java.util.concurrent.CountDownLatch idle = new java.util.concurrent.CountDownLatch(1);
      callers.dispatcher().setIdleCallback(idle::countDown); // called when the running count reaches zero
      if (callers.dispatcher().runningCallsCount() > 0) {
        idle.await(5, TimeUnit.SECONDS);
      }
      assertThat(callers.dispatcher().runningCallsCount()).as("no socket on the caller's dispatcher").isZero();
    }
  }
}
