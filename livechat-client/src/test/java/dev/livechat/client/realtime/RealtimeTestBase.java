package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A MockWebServer per test with a {@link ScriptedDdpServer} as its dispatcher, a client pointed
 * at it, and fast timings; every session a test opens is closed after it.
 */
abstract class RealtimeTestBase {
  static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  static final String RID = "zRAeTszXor8CCPceB";
  static final Duration MIN_RECONNECT = Duration.ofMillis(10);
  static final Duration MAX_RECONNECT = Duration.ofMillis(50);
  static final Duration PING_AFTER = Duration.ofMillis(200);
  static final Duration DEAD_AFTER = Duration.ofMillis(600);
  static final Duration TYPING_THROTTLE = Duration.ofMillis(300);
  static final Duration TYPING_TIMEOUT = Duration.ofMillis(500);
  static final RealtimeOptions FAST = RealtimeOptions.defaults()
      .withReconnectDelays(MIN_RECONNECT, MAX_RECONNECT)
      .withHeartbeat(PING_AFTER, DEAD_AFTER)
      .withTyping(TYPING_THROTTLE, TYPING_TIMEOUT);

  @StartStop final MockWebServer server = new MockWebServer();
  ScriptedDdpServer ddp;
  LivechatClient client;
  final RecordingListener listener = new RecordingListener();
  final List<LivechatRealtime> sessions = new ArrayList<>();

  @BeforeEach
  void startScriptedServer() {
    ddp = new ScriptedDdpServer(TOKEN, RID);
    server.setDispatcher(ddp);
    client = newClient(server.url("/"));
  }

  @AfterEach
  void closeEverything() {
    sessions.forEach(LivechatRealtime::close);
    client.close();
    ddp.dropAll();
    // The sessions' event threads have ended (close waits for them): every call has been made.
    listener.assertEveryEventReachedItsOwnMethod();
  }

  static LivechatClient newClient(HttpUrl baseUrl) {
    return LivechatClient.builder().baseUrl(baseUrl).retryPolicy(RetryPolicy.none()).build();
  }

  /** Opens a session with the fast timings and the recording listener; closed after the test. */
  LivechatRealtime open() {
    return open(FAST, listener, Clock.systemUTC());
  }

  /** Opens a session; a clock other than the system's replaces the client by one reading it. */
  LivechatRealtime open(RealtimeOptions options, RealtimeListener to, Clock clock) {
    if (!clock.equals(Clock.systemUTC())) {
      client.close();
      client = dev.livechat.client.TestClients.builder(server.url("/"), clock, dev.livechat.client.internal.Delays.system())
          .retryPolicy(RetryPolicy.none()).build();
    }
    return track(client.realtime(TOKEN, RID, options, to));
  }

  /**
   * Replaces the client by one on {@code time}'s clock and timer, the scripted server's rate
   * limiter on the same clock.
   */
  void useManualTime(ManualTime time) {
    client.close();
    ddp.clock = time;
    client = dev.livechat.client.TestClients.builder(server.url("/"), time, time)
        .retryPolicy(RetryPolicy.none()).build();
  }

  /** Closes {@code realtime} after the test. */
  LivechatRealtime track(LivechatRealtime realtime) {
    sessions.add(realtime);
    return realtime;
  }

  /**
   * Waits until the session opened by {@link #open()} is connected and subscribed and has taken
   * its baseline (so messages stored from now on are the session's to deliver); returns the
   * connection.
   */
  ScriptedDdpServer.Peer connected() throws InterruptedException {
    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    HttpUrl baseline = ddp.nextHistoryRequest();
    assertThat(baseline.queryParameter("limit")).isEqualTo("1");
    HttpUrl firstFill = ddp.nextHistoryRequest();
    assertThat(firstFill.queryParameter("limit")).as("the first gap: baseline to subscription").isEqualTo("100");
    return peer;
  }

  /** A session connected on manual time, the history limited as the server limits it, and the minute's budget spent. */
  record Limited(ManualTime time, ScriptedDdpServer.Peer peer) {}

  /**
   * Opens a session on {@link ManualTime} with {@code messages.history} rate-limited by the
   * server's defaults, waits until it is connected (2 of the window's 10 calls), then spends the
   * other 8 as other visitors behind the same address would: the next history call is refused.
   */
  Limited connectedWithTheHistoryBudgetSpent() throws InterruptedException {
    ManualTime time = new ManualTime(java.time.Instant.parse("2026-11-26T10:00:00Z"));
    useManualTime(time);
    ddp.rateLimitHistory = true;
    open();
    ScriptedDdpServer.Peer peer = connected();
    for (int i = 0; i < 8; i++) {
      client.loadHistory(TOKEN, RID);
    }
    return new Limited(time, peer);
  }

  static boolean isMethod(Map<String, Object> frame) {
    return "method".equals(frame.get("msg"));
  }
}
