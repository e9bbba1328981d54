package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.VisitorToken;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.HubOptions;
import dev.livechat.client.realtime.LivechatHub;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LivechatHub} against the fake server: many visitors' rooms over two WebSockets and two
 * threads, each room with the guarantees of a session of its own. The fake authorises each
 * subscription by its own visitor token, as the server's streamer does
 * ({@code apps/meteor/server/modules/streamer/streamer.module.ts}: the rule runs per subscription
 * with that subscription's arguments; no limit per connection).
 */
class HubTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final int ROOMS = 40;
  static final HubOptions OPTIONS = HubOptions.defaults().withConnections(2).withThreads(2)
      .withRealtime(RealtimeOptions.defaults().withReconnectDelays(Duration.ofMillis(10), Duration.ofMillis(50)));

  FakeLivechatServer server;
  LivechatClient client;
  LivechatHub hub;
  /** Every event, by room, in the order the listener got them. */
  final Map<String, List<RealtimeEvent>> events = new ConcurrentHashMap<>();
  final List<String> listenerThreads = new CopyOnWriteArrayList<>();
  /** One signal per event: what {@link #until} waits on between checks. */
  final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    server = FakeLivechatServer.start();
    client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build();
    hub = client.hub(OPTIONS, (roomId, event) -> {
      events.computeIfAbsent(roomId, r -> new CopyOnWriteArrayList<>()).add(event);
      listenerThreads.add(Thread.currentThread().getName());
      signals.add(event);
    });
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
    client.close();
    server.close();
  }

  /** Registers {@code count} visitors with an open room each; room id to token. */
  Map<String, String> visitorsWithRooms(int count) {
    Map<String, String> rooms = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String token = VisitorToken.random();
      client.registerVisitor(NewVisitor.of(token).withName("Visitor " + i));
      rooms.put(client.openRoom(token).room().id(), token);
    }
    return rooms;
  }

  List<String> received(String roomId) {
    return events.getOrDefault(roomId, List.of()).stream()
        .filter(RealtimeEvent.MessageReceived.class::isInstance)
        .map(e -> ((RealtimeEvent.MessageReceived) e).message().text())
        .collect(Collectors.toList());
  }

  /** Waits until {@code condition} holds, checking it after each event; fails after {@link #WAIT}. */
  void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("not within " + WAIT + ": " + what);
      }
      signals.poll(left, TimeUnit.NANOSECONDS);
    }
  }

  boolean closed(String roomId) {
    List<RealtimeEvent> seen = events.getOrDefault(roomId, List.of());
    return !seen.isEmpty()
        && seen.get(seen.size() - 1).equals(new RealtimeEvent.ConnectionStateChanged(ConnectionState.CLOSED, null, null));
  }

  static String commandId(List<RealtimeEvent> events) {
    return idOfType(events, "command");
  }

  static String ujId(List<RealtimeEvent> events) {
    return idOfType(events, "uj");
  }

  static String idOfType(List<RealtimeEvent> events, String type) {
    return events.stream().filter(RealtimeEvent.MessageReceived.class::isInstance)
        .map(e -> ((RealtimeEvent.MessageReceived) e).message())
        .filter(m -> type.equals(m.type())).findFirst().orElseThrow().id();
  }

  boolean connected(String roomId) {
    return hub.state(roomId) == ConnectionState.CONNECTED;
  }

  @Test
  void manyRoomsOverTwoConnectionsEachGetTheirOwnMessagesOnceTaggedWithTheirRoom() throws Exception {
    Map<String, String> rooms = visitorsWithRooms(ROOMS);
    rooms.forEach((rid, token) -> hub.add(token, rid));
    until("all caught up", () -> rooms.keySet().stream().allMatch(this::connected));
    assertThat(server.openConnections()).as("two WebSockets for all rooms").isEqualTo(2);

    FakeAgent smith = server.agent("agent.smith");
    for (String rid : rooms.keySet()) {
      smith.reply(rid, "hello " + rid);
    }
    until("one message in every room", () -> rooms.keySet().stream().allMatch(rid -> received(rid).size() == 1));
    for (String rid : rooms.keySet()) {
      assertThat(received(rid)).containsExactly("hello " + rid);
    }
    assertThat(listenerThreads).allMatch(name -> name.equals("livechat-hub")).isNotEmpty();
    assertThat(hub.rooms()).containsExactlyInAnyOrderElementsOf(rooms.keySet());
  }

  @Test
  void afterAllConnectionsDropEveryRoomGetsWhatItMissedOnceInOrder() throws Exception {
    Map<String, String> rooms = visitorsWithRooms(10);
    rooms.forEach((rid, token) -> hub.add(token, rid));
    until("every room caught up", () -> rooms.keySet().stream().allMatch(this::connected));
    FakeAgent smith = server.agent("agent.smith");
    rooms.keySet().forEach(rid -> smith.reply(rid, "before"));
    until("one message in every room", () -> rooms.keySet().stream().allMatch(rid -> received(rid).size() == 1));

    server.dropAllConnections();
    rooms.keySet().forEach(rid -> {
      smith.reply(rid, "while away 1");
      smith.reply(rid, "while away 2");
    });
    until("three messages in every room", () -> rooms.keySet().stream().allMatch(rid -> received(rid).size() == 3));
    rooms.keySet().forEach(rid -> smith.reply(rid, "after"));
    until("four messages in every room", () -> rooms.keySet().stream().allMatch(rid -> received(rid).size() == 4));
    for (String rid : rooms.keySet()) {
      assertThat(received(rid)).containsExactly("before", "while away 1", "while away 2", "after");
    }
  }

  @Test
  void roomsComeAndGoWhileTheHubRuns() throws Exception {
    Map<String, String> rooms = visitorsWithRooms(3);
    List<String> ids = new ArrayList<>(rooms.keySet());
    hub.add(rooms.get(ids.get(0)), ids.get(0));
    hub.add(rooms.get(ids.get(1)), ids.get(1));
    until("both rooms caught up", () -> connected(ids.get(0)) && connected(ids.get(1)));
    assertThatThrownBy(() -> hub.add(rooms.get(ids.get(0)), ids.get(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");

    assertThat(hub.remove(ids.get(0))).isTrue();
    until("the removed room closed", () -> closed(ids.get(0)));
    assertThat(server.await(s -> s.subscriptionCount(ids.get(0)) == 0, WAIT)).as("unsubscribed").isTrue();

    // add() answers a future that completes when the room first caught up: send after it.
    assertThat(hub.add(rooms.get(ids.get(2)), ids.get(2))).succeedsWithin(WAIT);
    assertThat(hub.state(ids.get(2))).isEqualTo(ConnectionState.CONNECTED);
    FakeAgent smith = server.agent("agent.smith");
    ids.forEach(rid -> smith.reply(rid, "hi"));
    until("a message in each remaining room", () -> received(ids.get(1)).size() == 1 && received(ids.get(2)).size() == 1);
    assertThat(received(ids.get(0))).as("removed: nothing more").isEmpty();
    assertThat(hub.remove(ids.get(0))).isFalse();
  }

  @Test
  void aRoomClosedWhileAwayEndsAloneAndTheOthersGoOn() throws Exception {
    Map<String, String> rooms = visitorsWithRooms(2);
    List<String> ids = new ArrayList<>(rooms.keySet());
    rooms.forEach((rid, token) -> hub.add(token, rid));
    until("both rooms caught up", () -> ids.stream().allMatch(this::connected));
    FakeAgent smith = server.agent("agent.smith");
    smith.assign(ids.get(0));

    server.dropAllConnections();
    Message goodbye = smith.reply(ids.get(0), "Goodbye!");
    Message close = smith.closeRoom(ids.get(0));

    until("the closed room ended", () -> closed(ids.get(0)));
    List<RealtimeEvent> closing = events.get(ids.get(0));
    // The agent taking the room stored "connected" and "uj" (as the server does), then the goodbye and the close.
    assertThat(closing).filteredOn(e -> e instanceof RealtimeEvent.MessageReceived || e instanceof RealtimeEvent.RoomClosed)
        .extracting(e -> e instanceof RealtimeEvent.MessageReceived r ? r.message() : ((RealtimeEvent.RoomClosed) e).message())
        .extracting(m -> m.type() + ":" + m.id())
        .containsExactly("command:" + commandId(closing), "uj:" + ujId(closing), "null:" + goodbye.id(), "livechat-close:" + close.id());
    assertThat(closing).filteredOn(RealtimeEvent.RoomClosed.class::isInstance).hasSize(1);
    assertThat(closing).last().isEqualTo(new RealtimeEvent.ConnectionStateChanged(ConnectionState.CLOSED, null, null));

    until("the open room caught up again", () -> connected(ids.get(1)));
    smith.reply(ids.get(1), "still here");
    until("the open room got the new message", () -> received(ids.get(1)).contains("still here"));
  }
}
