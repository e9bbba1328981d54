package dev.livechat.client.realtime;

import static dev.livechat.client.realtime.ScriptedDdpServer.changed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link LivechatHub} against the scripted server: rooms spread over its connections, each room's
 * subscriptions tagged with its own prefix, events routed to their room and tagged with it, typing,
 * removal, reconnecting and closing. (Every room here reads the scripted server's one room's
 * history; the pushes name their room.)
 */
class HubTest extends RealtimeTestBase {
  static final String OTHER = "otherRoomId";

  /** One tagged event. */
  record Tagged(String roomId, RealtimeEvent event) {}

  final BlockingQueue<Tagged> tagged = new LinkedBlockingQueue<>();

  Tagged nextTagged() throws InterruptedException {
    Tagged next = tagged.poll(5, TimeUnit.SECONDS);
    if (next == null) {
      fail("no hub event within 5 s");
    }
    return next;
  }

  Tagged nextState(String roomId, ConnectionState state) throws InterruptedException {
    Tagged next = nextTagged();
    assertThat(next).isEqualTo(new Tagged(roomId, new RealtimeEvent.ConnectionStateChanged(state, null, null)));
    return next;
  }

  LivechatHub hub(HubOptions options) {
    return client.hub(options, (roomId, event) -> tagged.add(new Tagged(roomId, event)));
  }

  /** The ids of the next five {@code sub} frames on {@code peer}. */
  static List<String> subscriptionIds(ScriptedDdpServer.Peer peer) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add((String) peer.nextFrame(frame -> "sub".equals(frame.get("msg")), Duration.ofSeconds(5)).get("id"));
    }
    return ids;
  }

  @Test
  void roomsSpreadOverTheConnectionsAndEachEventReachesItsOwnRoomOnly() throws Exception {
    LivechatHub hub = hub(HubOptions.defaults().withRealtime(FAST).withConnections(2).withThreads(1));
    assertThat(hub.rooms()).isEmpty();
    assertThat(ddp.peers.poll(100, TimeUnit.MILLISECONDS)).as("no connection before the first room").isNull();

    CompletableFuture<Void> first = hub.add(TOKEN, RID);
    ScriptedDdpServer.Peer firstPeer = ddp.nextPeer();
    assertThat(subscriptionIds(firstPeer)).containsExactly("r1.s1", "r1.s2", "r1.s3", "r1.s4", "r1.s5");
    nextState(RID, ConnectionState.CONNECTING);
    nextState(RID, ConnectionState.CONNECTED);
    first.get(5, TimeUnit.SECONDS);

    CompletableFuture<Void> second = hub.add(TOKEN, OTHER);
    ScriptedDdpServer.Peer secondPeer = ddp.nextPeer();
    assertThat(subscriptionIds(secondPeer)).as("the least loaded connection: the second")
        .containsExactly("r2.s1", "r2.s2", "r2.s3", "r2.s4", "r2.s5");
    nextState(OTHER, ConnectionState.CONNECTING);
    nextState(OTHER, ConnectionState.CONNECTED);
    second.get(5, TimeUnit.SECONDS);

    assertThat(hub.rooms()).isEqualTo(Set.of(RID, OTHER));
    assertThat(hub.state(RID)).isEqualTo(ConnectionState.CONNECTED);
    assertThat(hub.state("notFollowed")).isNull();
    assertThat(hub).hasToString("LivechatHub[rooms=2, connections=2]");

    // A frame for a room that another connection carries, or for no room, goes nowhere.
    secondPeer.pushMessage(ddp.store("m-wrong-connection"));
    firstPeer.send(changed("stream-livechat-room", OTHER, Map.of("type", "agentStatus", "status", "lost")));
    firstPeer.send(changed("stream-livechat-room", "noSuchRoom", Map.of("type", "agentStatus", "status", "lost")));
    firstPeer.send("{\"msg\":\"ready\",\"subs\":[\"r9.s1\"]}");
    firstPeer.send("{\"msg\":\"nosub\",\"id\":\"r9.s2\",\"error\":{\"error\":\"not-allowed\"}}");
    firstPeer.pushMessage(ddp.store("m1"));
    secondPeer.send(changed("stream-livechat-room", OTHER, Map.of("type", "agentStatus", "status", "away")));

    List<Tagged> next = List.of(nextTagged(), nextTagged()); // the two rooms run on their own
    assertThat(next).containsExactlyInAnyOrder(
        new Tagged(RID, new RealtimeEvent.MessageReceived(ddp.stored("m1"))),
        new Tagged(OTHER, new RealtimeEvent.AgentStatusChanged("away")));
    assertThat(tagged.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aRefusedSubscriptionReachesItsRoomByItsPrefix() throws Exception {
    ddp.refused.put(RID + "/user-activity", "not allowed here");
    LivechatHub hub = hub(HubOptions.defaults().withRealtime(FAST).withConnections(1));
    hub.add(TOKEN, RID);
    ddp.nextPeer();
    nextState(RID, ConnectionState.CONNECTING);

    assertThat(nextTagged()).isEqualTo(new Tagged(RID,
        new RealtimeEvent.SubscriptionFailed("stream-notify-room " + RID + "/user-activity", "not allowed here")));
    nextState(RID, ConnectionState.CONNECTED);
  }

  @Test
  void typingGoesOutForItsRoomAndAnUnknownRoomIsRefused() throws Exception {
    LivechatHub hub = hub(HubOptions.defaults().withRealtime(FAST).withConnections(1));
    hub.add(TOKEN, RID);
    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    nextState(RID, ConnectionState.CONNECTING);
    nextState(RID, ConnectionState.CONNECTED);

    hub.typing(RID, true);

    Map<String, Object> method = peer.nextFrame(RealtimeTestBase::isMethod, Duration.ofSeconds(5));
    assertThat(method.get("method")).isEqualTo("stream-notify-room");
    assertThat(method.get("params")).isEqualTo(List.of(RID + "/user-activity", "guest-3", List.of("user-typing"),
        Map.of("token", TOKEN)));
    assertThatThrownBy(() -> hub.typing("notFollowed", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the hub does not follow room notFollowed");
  }

  @Test
  void addRefusesARoomFollowedAlreadyAndBadArguments() throws Exception {
    LivechatHub hub = hub(HubOptions.defaults().withRealtime(FAST).withConnections(1));
    hub.add(TOKEN, RID);

    assertThatThrownBy(() -> hub.add(TOKEN, RID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the hub follows room " + RID + " already");
    assertThatThrownBy(() -> hub.add(" ", OTHER)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> hub.add(TOKEN, "..")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("roomId must not be '..'");
    assertThat(hub.rooms()).containsExactly(RID);
  }

  @Test
  void removeEndsTheRoomsSubscriptionsReportsClosedAndKeepsTheConnection() throws Exception {
    LivechatHub hub = hub(HubOptions.defaults().withRealtime(FAST).withConnections(1));
    hub.add(TOKEN, RID);
    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    nextState(RID, ConnectionState.CONNECTING);
    nextState(RID, ConnectionState.CONNECTED);
    CompletableFuture<Void> other = hub.add(TOKEN, OTHER); // on the connection that is up: no CONNECTING
    nextState(OTHER, ConnectionState.CONNECTED);
    other.get(5, TimeUnit.SECONDS);

    assertThat(hub.remove(RID)).isTrue();

    nextState(RID, ConnectionState.CLOSED);
    List<Object> unsubscribed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      unsubscribed.add(peer.nextFrame(frame -> "unsub".equals(frame.get("msg")), Duration.ofSeconds(5)).get("id"));
    }
    assertThat(unsubscribed).containsExactly("r1.s1", "r1.s2", "r1.s3", "r1.s4", "r1.s5");
    assertThat(hub.remove("notFollowed")).isFalse();

    peer.send(changed("stream-livechat-room", OTHER, Map.of("type", "agentStatus", "status", "away")));
    assertThat(nextTagged()).as("the other room goes on, on the same connection")
        .isEqualTo(new Tagged(OTHER, new RealtimeEvent.AgentStatusChanged("away")));
    assertThat(peer.gone.getCount()).isEqualTo(1);
  }

  @Test
  void aRoomRemovedBeforeItCaughtUpFailsItsFuture() throws Exception {
    LivechatHub hub = hub(HubOptions.defaults().withRealtime(FAST).withConnections(1));
    CompletableFuture<Void> added = hub.add(TOKEN, RID);
    hub.remove(RID);

    assertThatThrownBy(() -> added.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void reconnectConnectsAWaitingConnectionAtOnce() throws Exception {
    ManualTime time = new ManualTime(Instant.parse("2026-11-26T10:00:00Z"));
    useManualTime(time);
    // Reconnect waits of 5 s are parked by the manual timer: only reconnect() can connect again.
    LivechatHub hub = hub(HubOptions.defaults().withConnections(1)
        .withRealtime(FAST.withReconnectDelays(Duration.ofSeconds(5), Duration.ofSeconds(5))));
    hub.add(TOKEN, RID);
    ScriptedDdpServer.Peer first = ddp.nextPeer();
    nextState(RID, ConnectionState.CONNECTING);
    nextState(RID, ConnectionState.CONNECTED);

    first.drop();
    Tagged waiting = nextTagged();
    assertThat(((RealtimeEvent.ConnectionStateChanged) waiting.event()).state()).isEqualTo(ConnectionState.WAITING);
    assertThat(waiting.roomId()).isEqualTo(RID);
    time.nextParked();

    hub.reconnect();

    ddp.nextPeer();
    nextState(RID, ConnectionState.CONNECTING);
    nextState(RID, ConnectionState.CONNECTED);
  }

  @Test
  void aConnectionThatGivesUpReportsFailedToEachOfItsRooms() throws Exception {
    LivechatHub hub = hub(HubOptions.defaults().withConnections(1).withRealtime(FAST.withMaxReconnectAttempts(1)));
    hub.add(TOKEN, RID);
    ScriptedDdpServer.Peer first = ddp.nextPeer();
    nextState(RID, ConnectionState.CONNECTING);
    nextState(RID, ConnectionState.CONNECTED);

    ddp.upgradesToRefuse.set(1_000);
    first.drop();

    Tagged failed;
    do {
      failed = nextTagged();
    } while (!(failed.event() instanceof RealtimeEvent.ConnectionStateChanged changed
        && changed.state() == ConnectionState.FAILED));
    assertThat(failed.roomId()).isEqualTo(RID);
    assertThat(hub.state(RID)).isEqualTo(ConnectionState.FAILED);
  }

  @Test
  void closeClosesEveryRoomAndTheHubThreadsAndRefusesNewRooms() throws Exception {
    LivechatHub hub = hub(HubOptions.defaults().withRealtime(FAST).withConnections(1));
    hub.add(TOKEN, RID);
    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    nextState(RID, ConnectionState.CONNECTING);
    nextState(RID, ConnectionState.CONNECTED);
    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> thread.getName().equals("livechat-hub"))
        .as("the hub's threads never keep a JVM alive").isNotEmpty().allMatch(Thread::isDaemon);

    hub.close();

    nextState(RID, ConnectionState.CLOSED);
    assertThat(peer.gone.await(5, TimeUnit.SECONDS)).as("the connection closed").isTrue();
    assertThatThrownBy(() -> hub.add(TOKEN, OTHER)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the hub is closed");
    hub.close(); // harmless
    assertThat(tagged.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void closingTheClientClosesItsHubs() throws Exception {
    LivechatHub hub = client.hub((roomId, event) -> tagged.add(new Tagged(roomId, event)));
    hub.add(TOKEN, RID);
    ddp.nextPeer();
    nextState(RID, ConnectionState.CONNECTING);

    client.close();

    Tagged last;
    do {
      last = nextTagged();
    } while (!(last.event() instanceof RealtimeEvent.ConnectionStateChanged changed
        && changed.state() == ConnectionState.CLOSED));
    assertThat(last.roomId()).isEqualTo(RID);
    assertThatThrownBy(() -> hub.add(TOKEN, OTHER)).isInstanceOf(IllegalStateException.class);
  }
}
