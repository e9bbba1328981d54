package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reference §4 "Typing": the {@code stream-notify-room} method with the visitor's username (from
 * the REST visitor), throttled, and "stopped" by itself after the timeout.
 */
class TypingTest extends RealtimeTestBase {
  LivechatRealtime realtime;
  ScriptedDdpServer.Peer peer;

  @BeforeEach
  void connect() throws Exception {
    ddp.visitorUsername = "guest-3";
    realtime = open();
    peer = connected();
  }

  static Map<String, Object> typingFrame(boolean typing) {
    return Map.of("msg", "method", "method", "stream-notify-room",
        "params", List.of(RID + "/user-activity", "guest-3", typing ? List.of("user-typing") : List.of(),
            Map.of("token", TOKEN)));
  }

  static Map<String, Object> withoutId(Map<String, Object> frame) {
    assertThat(frame.get("id")).as("a method call has an id").isInstanceOf(String.class);
    Map<String, Object> copy = new HashMap<>(frame);
    copy.remove("id");
    return copy;
  }

  Map<String, Object> nextMethod(Duration within) throws InterruptedException {
    return withoutId(peer.nextFrame(RealtimeTestBase::isMethod, within));
  }

  void assertNoMethodWithin(Duration within) throws InterruptedException {
    assertThat(peer.pollFrame(RealtimeTestBase::isMethod, within)).as("no typing frame").isNull();
  }

  @Test
  void typingSendsTheMethodThenNothingWithinTheThrottleThenStopsByItselfAfterTheTimeout() throws Exception {
    realtime.typing(true);
    assertThat(nextMethod(Duration.ofSeconds(5))).isEqualTo(typingFrame(true));

    realtime.typing(true); // within the throttle
    assertNoMethodWithin(Duration.ofMillis(200));
    long lastCall = System.nanoTime();
    realtime.typing(true); // still within the throttle (300 ms), and it postpones the stop
    assertNoMethodWithin(Duration.ofMillis(50));

    assertThat(nextMethod(Duration.ofSeconds(5))).isEqualTo(typingFrame(false));
    Duration idle = Duration.ofNanos(System.nanoTime() - lastCall);
    assertThat(idle).as("the stop comes typingTimeout after the last call")
        .isGreaterThanOrEqualTo(TYPING_TIMEOUT).isLessThan(TYPING_TIMEOUT.plusMillis(250));
    // And only once.
    assertNoMethodWithin(TYPING_TIMEOUT.plusMillis(100));
  }

  @Test
  void typingFalseSendsTheStopAtOnceAndNoLaterStopFollows() throws Exception {
    realtime.typing(true);
    assertThat(nextMethod(Duration.ofSeconds(5))).isEqualTo(typingFrame(true));

    long stoppedAt = System.nanoTime();
    realtime.typing(false);
    assertThat(nextMethod(Duration.ofSeconds(5))).isEqualTo(typingFrame(false));
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(TYPING_TIMEOUT.minusMillis(200));

    realtime.typing(false); // already stopped: nothing
    assertNoMethodWithin(TYPING_TIMEOUT.plusMillis(100));
  }

  @Test
  void whileTheVisitorKeepsTypingTheSignalIsRepeatedAtMostOncePerThrottle() throws Exception {
    // The first signal waits for the visitor's username (one lookup); measure after it.
    realtime.typing(true);
    assertThat(nextMethod(Duration.ofSeconds(5))).isEqualTo(typingFrame(true));
    realtime.typing(false);
    assertThat(nextMethod(Duration.ofSeconds(5))).isEqualTo(typingFrame(false));

    List<Long> sentAt = new ArrayList<>();
    long start = System.nanoTime();
    long lastCall = start;
    while (System.nanoTime() - start < Duration.ofMillis(1000).toNanos()) {
      realtime.typing(true);
      lastCall = System.nanoTime();
      Map<String, Object> frame = peer.pollFrame(RealtimeTestBase::isMethod, Duration.ofMillis(40));
      if (frame != null) {
        assertThat(withoutId(frame)).as("no stop while typing goes on").isEqualTo(typingFrame(true));
        sentAt.add(System.nanoTime());
      }
    }

    assertThat(sentAt).hasSizeBetween(3, 4);
    for (int i = 1; i < sentAt.size(); i++) {
      assertThat(Duration.ofNanos(sentAt.get(i) - sentAt.get(i - 1))).isGreaterThanOrEqualTo(TYPING_THROTTLE.minusMillis(40));
    }
    assertThat(nextMethod(Duration.ofSeconds(5))).isEqualTo(typingFrame(false));
    assertThat(Duration.ofNanos(System.nanoTime() - lastCall)).isGreaterThanOrEqualTo(TYPING_TIMEOUT);
  }

  @Test
  void typingUsesTheUsernameTheServerGaveTheVisitor() throws Exception {
    // A second session, for a visitor the server calls guest-77.
    ddp.visitorUsername = "guest-77";
    RecordingListener other = new RecordingListener();
    open(FAST, other, java.time.Clock.systemUTC());
    ScriptedDdpServer.Peer second = ddp.nextPeer();
    other.nextState(ConnectionState.CONNECTING);
    other.nextState(ConnectionState.CONNECTED);

    LivechatRealtime session = sessions.get(sessions.size() - 1);
    session.typing(true);

    Map<String, Object> frame = second.nextFrame(RealtimeTestBase::isMethod, Duration.ofSeconds(5));
    assertThat((List<?>) frame.get("params")).element(1).isEqualTo("guest-77");
  }

  @Test
  void theVisitorsOwnMessageNamesTheVisitorSoNoLookUpIsNeeded() throws Exception {
    peer.send(ScriptedDdpServer.changed("stream-room-messages", RID, Map.of("_id", "v-1", "rid", RID, "msg", "hello",
        "token", TOKEN, "ts", Map.of("$date", 1_700_000_000_000L), "u", Map.of("_id", "v1", "username", "guest-7"))));
    listener.next(RealtimeEvent.MessageReceived.class);

    realtime.typing(true);

    assertThat((List<?>) peer.nextFrame(RealtimeTestBase::isMethod, Duration.ofSeconds(5)).get("params"))
        .element(1).isEqualTo("guest-7");
    assertThat(ddp.visitorRequests).as("no visitor look-up").isEmpty();
    // And the visitor's own typing, echoed by the server, is not an agent typing.
    peer.send(ScriptedDdpServer.changed("stream-notify-room", RID + "/user-activity", "guest-7", List.of("user-typing")));
    peer.send(ScriptedDdpServer.changed("stream-livechat-room", RID, Map.of("type", "agentStatus", "status", "sentinel")));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentStatusChanged("sentinel"));
  }

  @Test
  void anotherUsersMessageOrASystemMessageDoesNotNameTheVisitor() throws Exception {
    // The agent's message carries no token; a system message of the visitor's (type uj) names no author to use.
    peer.send(ScriptedDdpServer.changed("stream-room-messages", RID, Map.of("_id", "a-1", "rid", RID, "msg", "hi",
        "ts", Map.of("$date", 1_700_000_000_000L), "u", Map.of("_id", "agent-1", "username", "agent.smith"))));
    peer.send(ScriptedDdpServer.changed("stream-room-messages", RID, Map.of("_id", "uj-1", "rid", RID, "msg", "",
        "t", "uj", "token", TOKEN, "ts", Map.of("$date", 1_700_000_001_000L),
        "u", Map.of("_id", "v1", "username", "guest-8"))));
    listener.next(RealtimeEvent.MessageReceived.class);
    listener.next(RealtimeEvent.MessageReceived.class);

    realtime.typing(true);

    assertThat((List<?>) peer.nextFrame(RealtimeTestBase::isMethod, Duration.ofSeconds(5)).get("params"))
        .element(1).isEqualTo("guest-3");
    assertThat(ddp.visitorRequests).as("looked up").hasSize(1);
  }
}
