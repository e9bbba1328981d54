package dev.livechat.client.realtime;

import static dev.livechat.client.realtime.ScriptedDdpServer.changed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the listener does cannot hurt the session: it may throw, and it may be slow. */
class ListenerIsolationTest extends RealtimeTestBase {

  @Test
  void aThrowingListenerDoesNotKillTheSessionAndLaterEventsArriveInOrder() throws Exception {
    List<String> onMessageCalls = new CopyOnWriteArrayList<>();
    RecordingListener throwing = new RecordingListener() {
      @Override
      public void onMessage(RealtimeEvent.MessageReceived event) {
        onMessageCalls.add(event.message().id());
        throw new IllegalStateException("the listener's own bug");
      }

      @Override
      public void onAgentTypingStarted(RealtimeEvent.AgentTypingStarted event) {
        throw new UnsupportedOperationException("another one");
      }
    };
    open(FAST, throwing, Clock.systemUTC());
    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    throwing.nextState(ConnectionState.CONNECTING);
    throwing.nextState(ConnectionState.CONNECTED);
    ddp.nextHistoryRequest();

    ddp.storeAndPush("m1");
    peer.send(changed("stream-notify-room", RID + "/user-activity", "agent.smith", List.of("user-typing")));
    ddp.storeAndPush("m2");
    peer.send(changed("stream-notify-room", RID + "/deleteMessage", Map.of("_id", "m1")));
    ddp.storeAndPush("m3");

    assertThat(throwing.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");
    assertThat(throwing.next()).isEqualTo(new RealtimeEvent.AgentTypingStarted("agent.smith"));
    assertThat(throwing.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m2");
    assertThat(throwing.next()).isEqualTo(new RealtimeEvent.MessageDeleted("m1"));
    assertThat(throwing.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m3");
    peer.send(changed("stream-livechat-room", RID, Map.of("type", "agentStatus", "status", "away")));
    assertThat(throwing.next()).isEqualTo(new RealtimeEvent.AgentStatusChanged("away"));
    assertThat(onMessageCalls).containsExactly("m1", "m2", "m3");
    // Still on one thread, the session's.
    assertThat(throwing.threadNames()).containsOnly("livechat-realtime " + RID);
  }

  @Test
  void aSlowListenerDoesNotStopPingsBeingAnswered() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener slow = new RecordingListener() {
      @Override
      public void onMessage(RealtimeEvent.MessageReceived event) {
        if (event.message().id().equals("m1")) {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    open(FAST, slow, Clock.systemUTC());
    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    slow.nextState(ConnectionState.CONNECTING);
    slow.nextState(ConnectionState.CONNECTED);
    ddp.nextHistoryRequest();

    ddp.storeAndPush("m1");
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    ddp.storeAndPush("m2");

    peer.send("{\"msg\":\"ping\",\"id\":\"while-busy\"}");
    assertThat(peer.nextFrame(frame -> "pong".equals(frame.get("msg")), Duration.ofSeconds(2)))
        .isEqualTo(Map.of("msg", "pong", "id", "while-busy"));
    // Longer than deadAfter in the listener: the client's own pings go out and are answered, so
    // the connection stays.
    assertThat(peer.nextFrame(frame -> "ping".equals(frame.get("msg")), Duration.ofSeconds(2))).isNotNull();
    assertThat(ddp.peers.poll(DEAD_AFTER.toMillis() + 200, TimeUnit.MILLISECONDS)).isNull();

    release.countDown();
    assertThat(slow.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");
    assertThat(slow.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m2");
    assertThat(slow.poll(Duration.ofMillis(50))).isNull();
  }

  @Test
  void eventsReceivedBeforeADropAreDeliveredEvenIfTheListenerWasBusyDuringTheReconnect() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener slow = new RecordingListener() {
      @Override
      public void onMessage(RealtimeEvent.MessageReceived event) {
        if (event.message().id().equals("m1")) {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    open(FAST, slow, Clock.systemUTC());
    ScriptedDdpServer.Peer first = ddp.nextPeer();
    slow.nextState(ConnectionState.CONNECTING);
    slow.nextState(ConnectionState.CONNECTED);
    ddp.nextHistoryRequest();

    ddp.storeAndPush("m1");
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    // While the listener is busy: a deletion, an agent change and a message arrive, then the
    // connection drops and a new one is made.
    first.send(changed("stream-notify-room", RID + "/deleteMessage", Map.of("_id", "m0")));
    first.send(changed("stream-livechat-room", RID, Map.of("type", "agentStatus", "status", "away")));
    ddp.storeAndPush("m2");
    first.closeFromServer(1001, "going away");
    // The new connection opens (the handshake itself waits for the event thread).
    ddp.nextPeer();

    release.countDown();
    assertThat(slow.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");
    assertThat(slow.next()).isEqualTo(new RealtimeEvent.MessageDeleted("m0"));
    assertThat(slow.next()).isEqualTo(new RealtimeEvent.AgentStatusChanged("away"));
    assertThat(slow.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m2");
    slow.nextState(ConnectionState.WAITING);
    slow.nextState(ConnectionState.CONNECTING);
    slow.nextState(ConnectionState.CONNECTED);
    assertThat(slow.poll(Duration.ofMillis(50))).isNull();
  }
}
