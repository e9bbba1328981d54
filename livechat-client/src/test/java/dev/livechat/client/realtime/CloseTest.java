package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link LivechatRealtime#close()}: CLOSED reported, the server sees the close, no thread left. */
class CloseTest extends RealtimeTestBase {
  private final BlockingQueue<Object> never = new LinkedBlockingQueue<>();

  /** The session threads still alive, after waiting (bounded, without sleeping) for them to end. */
  List<String> sessionThreadsAfterWaiting() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> alive;
    do {
      alive = Thread.getAllStackTraces().keySet().stream()
          .filter(Thread::isAlive)
          .map(Thread::getName)
          .filter(name -> name.startsWith("livechat-realtime"))
          .collect(Collectors.toList());
      if (alive.isEmpty()) {
        return alive;
      }
    } while (never.poll(10, TimeUnit.MILLISECONDS) == null && System.nanoTime() < deadline);
    return alive;
  }

  @Test
  void closeReportsClosedClosesTheConnectionAndLeavesNoThread() throws Exception {
    LivechatRealtime realtime = open();
    ScriptedDdpServer.Peer peer = connected();
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .contains("livechat-realtime " + RID)
        .doesNotContain("livechat-realtime " + RID + " timer"); // timers run on the client's one timer thread
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(thread -> thread.getName().startsWith("livechat-"))
        .as("the session's and the timer's threads never keep a JVM alive")
        .extracting(Thread::getName, Thread::isDaemon)
        .contains(org.assertj.core.groups.Tuple.tuple("livechat-realtime " + RID, true),
            org.assertj.core.groups.Tuple.tuple("livechat-client timer", true))
        .allMatch(nameAndDaemon -> Boolean.TRUE.equals(nameAndDaemon.toArray()[1]));

    realtime.close();

    listener.nextState(ConnectionState.CLOSED);
    assertThat(realtime.state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(peer.gone.await(5, TimeUnit.SECONDS)).as("the server saw the connection end").isTrue();
    assertThat(peer.closeCode).isEqualTo(1000);
    assertThat(peer.closeReason).isEqualTo("closed by the client");
    assertThat(sessionThreadsAfterWaiting()).isEmpty();

    realtime.close(); // harmless
    realtime.typing(true); // nothing to send it on: harmless too
    assertThat(listener.poll(Duration.ofMillis(100))).isNull();
    assertThat(ddp.peers.poll(100, TimeUnit.MILLISECONDS)).as("no reconnect after close").isNull();
    assertThat(realtime.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void closingTheClientClosesItsSessions() throws Exception {
    LivechatRealtime realtime = open();
    ScriptedDdpServer.Peer peer = connected();
    assertThat(realtime).hasToString("LivechatRealtime[roomId=" + RID + ", state=CONNECTED]");
    assertThat(realtime.roomId()).isEqualTo(RID);

    client.close();

    listener.nextState(ConnectionState.CLOSED);
    assertThat(peer.gone.await(5, TimeUnit.SECONDS)).as("the server saw the connection end").isTrue();
    assertThat(realtime).hasToString("LivechatRealtime[roomId=" + RID + ", state=CLOSED]");
  }

  @Test
  void closeWhileWaitingToReconnectCancelsTheAttempt() throws Exception {
    RealtimeOptions slowReconnect = FAST.withReconnectDelays(Duration.ofSeconds(2), Duration.ofSeconds(2));
    LivechatRealtime realtime = open(slowReconnect, listener, Clock.systemUTC());
    ScriptedDdpServer.Peer peer = connected();

    peer.drop();
    listener.nextState(ConnectionState.WAITING);
    realtime.close();

    listener.nextState(ConnectionState.CLOSED);
    assertThat(sessionThreadsAfterWaiting()).isEmpty();
    assertThat(ddp.peers.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void closeFromTheListenerItselfReturnsPromptlyAndStillReportsClosed() throws Exception {
    AtomicLong closeTookNanos = new AtomicLong(-1);
    LivechatRealtime[] session = new LivechatRealtime[1];
    RecordingListener closing = new RecordingListener() {
      @Override
      public void onRoomClosed(RealtimeEvent.RoomClosed event) {
        long start = System.nanoTime();
        session[0].close();
        closeTookNanos.set(System.nanoTime() - start);
      }
    };
    session[0] = open(FAST, closing, Clock.systemUTC());
    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    closing.nextState(ConnectionState.CONNECTING);
    closing.nextState(ConnectionState.CONNECTED);
    ddp.nextHistoryRequest();

    peer.pushMessage(ddp.store("bye", "livechat-close"));

    closing.next(RealtimeEvent.RoomClosed.class);
    closing.nextState(ConnectionState.CLOSED);
    assertThat(Duration.ofNanos(closeTookNanos.get())).isLessThan(Duration.ofMillis(500));
    assertThat(peer.gone.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(sessionThreadsAfterWaiting()).isEmpty();
  }

  @Test
  void afterMaxReconnectAttemptsTheSessionFailsAndReconnectStartsAgain() throws Exception {
    LivechatRealtime realtime = open(FAST.withMaxReconnectAttempts(2), listener, Clock.systemUTC());
    ScriptedDdpServer.Peer peer = connected();
    ddp.upgradesToRefuse.set(100);

    peer.drop();

    listener.nextState(ConnectionState.WAITING);
    listener.nextState(ConnectionState.CONNECTING);
    RealtimeEvent.ConnectionStateChanged second = listener.nextState(ConnectionState.WAITING);
    assertThat(second.cause()).contains("503");
    listener.nextState(ConnectionState.CONNECTING);
    RealtimeEvent.ConnectionStateChanged failed = listener.nextState(ConnectionState.FAILED);
    assertThat(failed.cause()).startsWith("gave up after 2 reconnect attempts").contains("503");
    assertThat(failed.nextAttemptAt()).isNull();
    assertThat(realtime.state()).isEqualTo(ConnectionState.FAILED);
    assertThat(ddp.upgrades.poll(5, TimeUnit.SECONDS)).isNotNull(); // the first connection
    assertThat(ddp.upgrades.poll(5, TimeUnit.SECONDS)).isNotNull(); // two refused attempts
    assertThat(ddp.upgrades.poll(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(ddp.upgrades.poll(200, TimeUnit.MILLISECONDS)).as("no attempt after giving up").isNull();

    // The network is back, the caller says so: the session starts again, with a fresh count.
    ddp.upgradesToRefuse.set(0);
    ddp.store("while-failed");
    realtime.reconnect();
    listener.nextState(ConnectionState.CONNECTING);
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("while-failed");
    listener.nextState(ConnectionState.CONNECTED);
    assertThat(realtime.state()).isEqualTo(ConnectionState.CONNECTED);
    realtime.reconnect(); // connected: nothing to do
    assertThat(ddp.upgrades.poll(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(ddp.upgrades.poll(200, TimeUnit.MILLISECONDS)).as("reconnect() while connected opens nothing").isNull();
  }

  @Test
  void reconnectWhileWaitingConnectsAtOnceInsteadOfAfterTheBackoff() throws Exception {
    LivechatRealtime realtime = open(FAST.withReconnectDelays(Duration.ofMinutes(5), Duration.ofMinutes(5)),
        listener, Clock.systemUTC());
    ScriptedDdpServer.Peer peer = connected();

    peer.drop();
    RealtimeEvent.ConnectionStateChanged waiting = listener.nextState(ConnectionState.WAITING);
    assertThat(waiting.nextAttemptAt()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(4)));
    realtime.reconnect();

    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    assertThat(ddp.peers.poll(5, TimeUnit.SECONDS)).isNotNull();
  }
}
