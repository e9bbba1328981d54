package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Reference §4 "Heartbeat": pong for ping, a ping after silence, a new connection after long silence. */
class HeartbeatTest extends RealtimeTestBase {

  static boolean isPing(Map<String, Object> frame) {
    return "ping".equals(frame.get("msg"));
  }

  static boolean isPong(Map<String, Object> frame) {
    return "pong".equals(frame.get("msg"));
  }

  @Test
  void theServersPingIsAnsweredWithPongCarryingItsId() throws Exception {
    open();
    ScriptedDdpServer.Peer peer = connected();

    peer.send("{\"msg\":\"ping\",\"id\":\"x\"}");
    assertThat(peer.nextFrame(HeartbeatTest::isPong, Duration.ofSeconds(5))).isEqualTo(Map.of("msg", "pong", "id", "x"));

    peer.send("{\"msg\":\"ping\"}");
    assertThat(peer.nextFrame(HeartbeatTest::isPong, Duration.ofSeconds(5))).isEqualTo(Map.of("msg", "pong"));
  }

  @Test
  void theClientPingsAfterPingAfterOfSilenceAndAnAnsweredPingKeepsTheConnection() throws Exception {
    open();
    ScriptedDdpServer.Peer peer = connected();
    long lastServerFrame = peer.lastSentNanos;

    Map<String, Object> ping = peer.nextFrame(HeartbeatTest::isPing, Duration.ofSeconds(5));
    long silence = System.nanoTime() - lastServerFrame;

    assertThat(ping).isEqualTo(Map.of("msg", "ping"));
    assertThat(Duration.ofNanos(silence)).isGreaterThanOrEqualTo(PING_AFTER).isLessThan(DEAD_AFTER);
    // The server answers every ping: well past deadAfter, the connection is still the first one.
    assertThat(ddp.peers.poll(DEAD_AFTER.toMillis() + 300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(listener.poll(Duration.ZERO)).isNull();
  }

  @Test
  void afterDeadAfterOfSilenceTheConnectionIsReplaced() throws Exception {
    ddp.answerPings = false;
    open();
    ScriptedDdpServer.Peer silent = connected();
    long lastServerFrame = silent.lastSentNanos;
    ddp.answerPings = true; // the next connection is a healthy one

    silent.nextFrame(HeartbeatTest::isPing, Duration.ofSeconds(5));
    ScriptedDdpServer.Peer replacement = ddp.nextPeer();
    ddp.upgrades.take(); // the first connection's
    long silence = ddp.upgrades.take().nanos() - lastServerFrame;

    assertThat(Duration.ofNanos(silence)).isGreaterThanOrEqualTo(DEAD_AFTER.plus(MIN_RECONNECT));
    assertThat(replacement.index).isEqualTo(2);
    RealtimeEvent.ConnectionStateChanged waiting = listener.nextState(ConnectionState.WAITING);
    assertThat(waiting.cause()).isEqualTo("no answer for 600 ms");
    assertThat(waiting.nextAttemptAt()).isNotNull();
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    assertThat(silent.gone.await(5, TimeUnit.SECONDS)).as("the dead connection was torn down").isTrue();
    // After a reconnect the session loads what it missed.
    HttpUrl fill = ddp.nextHistoryRequest();
    assertThat(fill.queryParameter("limit")).isEqualTo("100");

    ddp.storeAndPush("m1");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");
  }
}
