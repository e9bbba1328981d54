package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store finds rooms, messages, visitors, agents' rooms and subscribers through indexes rather
 * than by scanning everything it holds; these are the orders and edge cases those indexes must keep
 * as the scans had them (rooms of several visitors and agents interleaved, equal timestamps,
 * visitors moved to the end of the map by a new token, event names that share a prefix).
 */
class StoreIndexTest {
  private static final Map<String, Object> API = Map.of("type", "api");

  /** A fixed clock: every stamp is the same millisecond (distinct timestamps are off by default). */
  private final Store store = new Store(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
      ServerSettings.defaults());

  @AfterEach
  void closeWebhooks() {
    store.webhooks.close();
  }

  private StoredVisitor visitor(String token) {
    return store.register(token, null, null, null, null, null, null);
  }

  private StoredMessage say(StoredRoom room, String text) {
    return store.add(room, new StoredMessage(Ids.random(), room.id, text, null, room.v.token(), null,
        room.visitor.author(), store.now()));
  }

  private static List<String> texts(List<StoredMessage> messages) {
    return messages.stream().map(message -> message.msg).toList();
  }

  @Test
  void aRoomsMessagesAndHistoryKeepTheStoredOrderWithEqualTimestampsWhileOtherRoomsWrite() {
    StoredRoom a = store.createRoom(visitor("token-a"), null, API);
    StoredRoom b = store.createRoom(visitor("token-b"), null, API);
    say(a, "a1");
    say(b, "b1");
    say(a, "a2");
    say(b, "b2");
    say(a, "a3");

    assertThat(texts(store.messages(a.id))).containsExactly("", "a1", "a2", "a3"); // "" is livechat-started
    assertThat(texts(store.history(a.id, null, 0, 0))).containsExactly("a3", "a2", "a1", "");
    assertThat(texts(store.history(a.id, null, 2, 1))).containsExactly("a2", "a1");
    assertThat(texts(store.history(b.id, null, 0, 0))).containsExactly("b2", "b1", "");
  }

  @Test
  void deletingARoomsLastMessageMakesItsPreviousPlainMessageTheLastAndLeavesOtherRoomsAlone() {
    StoredRoom a = store.createRoom(visitor("token-a"), null, API);
    StoredRoom b = store.createRoom(visitor("token-b"), null, API);
    StoredMessage first = say(a, "a1");
    StoredAgent agent = store.agent("agent.smith", null);
    store.assign(a, agent); // typed messages (command, uj) after a1: not a room's last message
    StoredMessage second = say(a, "a2");
    say(b, "b1");

    store.delete(second);

    assertThat(a.lastMessage).isSameAs(first);
    assertThat(a.lm).isEqualTo(first.ts);
    assertThat(texts(store.messages(a.id))).containsExactly("", "a1", "connected", "");
    assertThat(texts(store.messages(b.id))).containsExactly("", "b1");
    assertThat(store.message(second.id)).isNull();

    store.delete(first);

    assertThat(a.lastMessage).isNull();
    assertThat(a.lm).isNull();
  }

  @Test
  void aVisitorsRoomsFollowTheTokenTheyWereOpenedWithAndGoWithTheVisitor() {
    StoredVisitor ada = store.register("token-1", null, "Ada", "ada@example.com", null, null, null);
    StoredRoom first = store.createRoom(ada, null, API);
    StoredMessage hello = say(first, "hello");
    store.close(first, "visitor", ada.author(), null, ada.token);
    StoredRoom second = store.createRoom(ada, null, API);

    assertThat(store.openRoomOf("token-1")).isSameAs(second);
    assertThat(store.roomsOpenedWith("token-1")).containsExactly(first, second);

    // the same address (another case) with a new token: the visitor takes it, its rooms keep theirs
    StoredVisitor again = store.register("token-2", null, "Ada L.", "ADA@Example.COM", null, null, null);
    assertThat(again).isSameAs(ada);
    assertThat(store.openRoomOf("token-2")).isNull();
    assertThat(store.openRoomOf("token-1")).isSameAs(second);
    assertThat(second.fname).isEqualTo("Ada"); // the rename follows rooms of the new token only

    store.remove(ada);

    assertThat(store.rooms()).isEmpty();
    assertThat(store.openRoomOf("token-1")).isNull();
    assertThat(store.messages(first.id)).isEmpty();
    assertThat(store.message(hello.id)).isNull();
  }

  @Test
  void ofVisitorsWithTheSameAddressTheFirstInTheVisitorsOrderIsMatchedAndMovesLastWithItsNewToken() {
    StoredVisitor first = store.register("token-1", null, null, "ada@example.com", null, null, null);
    StoredVisitor second = store.register("token-2", null, null, null, null, "+15550001", null);
    store.register("token-2", null, null, "ada@example.com", null, null, null); // by token: now two have it

    assertThat(store.register("token-3", null, null, "Ada@Example.com", null, null, null)).isSameAs(first);
    assertThat(store.register("token-4", null, null, "ada@EXAMPLE.com", null, null, null)).isSameAs(second);
    assertThat(store.visitors()).containsExactly(first, second);
    assertThat(first.token).isEqualTo("token-3");
    assertThat(second.token).isEqualTo("token-4");
    assertThat(store.register("token-5", null, null, null, null, "+15550001", null)).isSameAs(second);

    store.register("token-3", null, null, "grace@example.com", null, null, null); // first's address changes
    assertThat(store.register("token-6", null, null, "ada@example.com", null, null, null)).isSameAs(second);
  }

  @Test
  void anAgentsOpenChatsCountOnlyTheOpenRoomsItServesNow() {
    StoredRoom a = store.createRoom(visitor("token-a"), null, API); // no agent yet: all queued
    StoredRoom b = store.createRoom(visitor("token-b"), null, API);
    StoredRoom c = store.createRoom(visitor("token-c"), null, API);
    StoredRoom d = store.createRoom(visitor("token-d"), null, API);
    StoredAgent smith = store.agent("agent.smith", null);
    StoredAgent jones = store.agent("agent.jones", null);
    store.addDepartment("sales", "Sales");
    store.forward(a, smith, jones);
    store.forward(b, smith, jones);
    store.forward(c, smith, jones);
    store.forward(d, smith, jones);

    assertThat(store.openChats(smith)).isEqualTo(4);
    assertThat(store.agentById(smith.id)).isSameAs(smith);

    store.close(a, "agent", smith.author(), null, null);
    store.forward(b, jones, smith);
    store.transfer(c, "sales");
    store.remove(d.visitor);

    assertThat(store.openChats(smith)).isZero();
    assertThat(store.openChats(jones)).isEqualTo(1);
    assertThat(store.nextAgent(null)).isSameAs(smith);
  }

  @Test
  void aRoomAnAgentForwardsToADepartmentNoLongerCountsAsItsOpenChat() {
    StoredRoom room = store.createRoom(visitor("token-a"), null, API);
    StoredAgent smith = store.agent("agent.smith", null);
    StoredAgent jones = store.agent("agent.jones", null);
    store.addDepartment("sales", "Sales");
    store.forward(room, smith, jones);
    assertThat(store.openChats(smith)).isEqualTo(1);

    assertThat(store.transferByAgent(room, "sales", smith)).isTrue(); // livechat/room.forward to a department

    assertThat(room.servedBy).isNull();
    assertThat(store.openChats(smith)).isZero();
  }

  @Test
  void aRoomsSubscriptionCountTakesItsIdAndItsIdSlashSomethingOnly() {
    DdpPeer one = new DdpPeer(store, null);
    DdpPeer two = new DdpPeer(store, null);
    synchronized (store) {
      store.streams.opened(one);
      store.streams.opened(two);
      store.streams.subscribe(new Streams.Subscription(one, "1", "stream-room-messages", "ab"));
      store.streams.subscribe(new Streams.Subscription(one, "2", "stream-livechat-room", "ab"));
      store.streams.subscribe(new Streams.Subscription(one, "3", "stream-notify-room", "ab/user-activity"));
      store.streams.subscribe(new Streams.Subscription(two, "1", "stream-notify-room", "ab/deleteMessage"));
      store.streams.subscribe(new Streams.Subscription(two, "2", "stream-room-messages", "abc"));
      store.streams.subscribe(new Streams.Subscription(two, "3", "stream-room-messages", "ab0"));
      store.streams.subscribe(new Streams.Subscription(two, "4", "stream-room-messages", "a"));

      assertThat(store.streams.subscriptionCount("ab")).isEqualTo(4);
      assertThat(store.streams.subscriptionCount("a")).isEqualTo(1);

      assertThat(store.streams.unsubscribe(one, "3")).isTrue();
      assertThat(store.streams.unsubscribe(one, "3")).isFalse();
      assertThat(store.streams.unsubscribe(one, "4")).isFalse();
      assertThat(store.streams.subscriptionCount("ab")).isEqualTo(3);

      store.streams.closed(two);

      assertThat(store.streams.subscriptionCount("ab")).isEqualTo(2);
      assertThat(store.streams.subscriptionCount("abc")).isZero();
      assertThat(store.streams.openCount()).isEqualTo(1);
    }
  }
}
