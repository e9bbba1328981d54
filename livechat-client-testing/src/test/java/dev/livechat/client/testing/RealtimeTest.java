package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket side, frame by frame: DDP handshake, subscriptions, pushes and the typing method. */
class RealtimeTest extends FakeServerTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration QUIET = Duration.ofMillis(200);

  private String rid;
  private DdpTestClient ddp;

  @BeforeEach
  void visitorWithRoomOnAFixedClock() {
    server.close();
    server = FakeLivechatServer.start(Clock.fixed(T0, ZoneOffset.UTC));
    rid = visitorWithRoom(TOKEN);
  }

  @AfterEach
  void closeSocket() {
    if (ddp != null) {
      ddp.close();
    }
  }

  private DdpTestClient subscribedToEverything() {
    ddp = DdpTestClient.connected(server.url());
    assertThat(ddp.sub("s1", "stream-room-messages", rid, TOKEN)).containsEntry("msg", "ready");
    assertThat(ddp.sub("s2", "stream-notify-room", rid + "/user-activity", TOKEN)).containsEntry("msg", "ready");
    assertThat(ddp.sub("s3", "stream-notify-room", rid + "/deleteMessage", TOKEN)).containsEntry("msg", "ready");
    assertThat(ddp.sub("s4", "stream-livechat-room", rid, TOKEN)).containsEntry("msg", "ready");
    return ddp;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstArg(Map<String, Object> changed) {
    return (Map<String, Object>) ((List<?>) ((Map<?, ?>) changed.get("fields")).get("args")).get(0);
  }

  // ---- handshake and heartbeat ----

  @Test
  void connectIsAnsweredWithConnectedAfterTheServerId() {
    ddp = DdpTestClient.open(server.url());
    ddp.send("{\"msg\":\"connect\",\"version\":\"1\",\"support\":[\"1\",\"pre2\",\"pre1\"]}");

    assertThat(ddp.nextRaw()).isEqualTo("{\"server_id\":\"0\"}");
    Map<String, Object> connected = ddp.nextFrame();
    assertThat(connected).containsEntry("msg", "connected");
    assertThat((String) connected.get("session")).hasSize(17);
    assertThat(server.openConnections()).isEqualTo(1);
  }

  @Test
  void connectWithoutVersionOneFails() {
    ddp = DdpTestClient.open(server.url());
    ddp.send("{\"msg\":\"connect\",\"version\":\"pre1\",\"support\":[\"pre1\"]}");

    assertThat(ddp.next("failed")).isEqualTo(Map.of("msg", "failed", "version", "1"));
  }

  @Test
  void framesBeforeConnectAreErrors() {
    ddp = DdpTestClient.open(server.url());
    ddp.send("{\"msg\":\"ping\"}");

    assertThat(ddp.next("error")).containsEntry("reason", "Must connect first");
  }

  @Test
  void pingIsAnsweredWithPongAndItsId() {
    ddp = DdpTestClient.connected(server.url());
    ddp.send("{\"msg\":\"ping\",\"id\":\"p1\"}");
    ddp.send("{\"msg\":\"ping\"}");

    assertThat(ddp.nextRaw()).isEqualTo("{\"msg\":\"pong\",\"id\":\"p1\"}");
    assertThat(ddp.nextRaw()).isEqualTo("{\"msg\":\"pong\"}");
  }

  // ---- subscriptions ----

  @Test
  void subscriptionsWithTheVisitorTokenAreReady() {
    subscribedToEverything();
  }

  @Test
  void roomMessagesWithAnotherTokenAreRefusedWithNosub() {
    ddp = DdpTestClient.connected(server.url());

    assertThat(ddp.sub("s1", "stream-room-messages", rid, "someone-else")).isEqualTo(Map.of("msg", "nosub", "id", "s1",
        "error", Map.of("isClientSafe", true, "error", "not-allowed", "message", "[not-allowed]",
            "errorType", "Meteor.Error")));
  }

  @Test
  void notifyRoomWithAnotherTokenIsRefusedWithNosub() {
    ddp = DdpTestClient.connected(server.url());

    assertThat(ddp.sub("s2", "stream-notify-room", rid + "/user-activity", "someone-else"))
        .containsEntry("msg", "nosub").containsEntry("id", "s2");
  }

  @Test
  void livechatRoomWithAnotherTokenIsRefusedWithNosub() {
    ddp = DdpTestClient.connected(server.url());

    assertThat(ddp.sub("s4", "stream-livechat-room", rid, "someone-else")).containsEntry("msg", "nosub");
  }

  @Test
  void subscriptionToAnUnknownRoomIsRefusedWithNosub() {
    ddp = DdpTestClient.connected(server.url());

    assertThat(ddp.sub("s1", "stream-room-messages", "no-such-room", TOKEN)).containsEntry("msg", "nosub");
  }

  @Test
  void subscriptionToAnUnknownStreamIsNotFound() {
    ddp = DdpTestClient.connected(server.url());

    assertThat(ddp.sub("s9", "stream-user-presence", rid, TOKEN)).isEqualTo(Map.of("msg", "nosub", "id", "s9",
        "error", Map.of("isClientSafe", true, "error", 404.0, "reason", "Subscription 'stream-user-presence' not found",
            "message", "Subscription 'stream-user-presence' not found [404]", "errorType", "Meteor.Error")));
  }

  /**
   * The visitor validator of apps/meteor/app/livechat/server/roomAccessValidator.compatibility.ts
   * requires {@code room.open === true}; stream-room-messages reads through it ({@code
   * Authorization.canReadRoom} in apps/meteor/server/modules/notifications/notifications.module.ts),
   * and apps/meteor/server/modules/streamer/streamer.module.ts answers a refused read with {@code
   * new MeteorError('not-allowed')}: no reason. The history route only finds the visitor's room.
   */
  @Test
  void aClosedRoomsMessagesAreRefusedNotAllowedWhileItsHistoryStillAnswers() {
    String hello = send(TOKEN, rid, "Hello");
    post("livechat/room.close", "{\"rid\":\"" + rid + "\",\"token\":\"" + TOKEN + "\"}");
    ddp = DdpTestClient.connected(server.url());

    ddp.send("{\"msg\":\"sub\",\"id\":\"s1\",\"name\":\"stream-room-messages\",\"params\":[\""
        + rid + "\",{\"useCollection\":false,\"args\":[{\"token\":\"" + TOKEN + "\",\"visitorToken\":\"" + TOKEN
        + "\"}]}]}");
    String refused = ddp.nextRaw();
    Answer history = get("livechat/messages.history/" + rid + "?token=" + TOKEN);

    assertThat(refused).isEqualTo("{\"msg\":\"nosub\",\"id\":\"s1\",\"error\":{\"isClientSafe\":true,"
        + "\"error\":\"not-allowed\",\"message\":\"[not-allowed]\",\"errorType\":\"Meteor.Error\"}}");
    assertThat(server.subscriptionCount(rid)).isZero();
    assertThat(history.status()).isEqualTo(200);
    assertThat(ids(history)).hasSize(3).contains(hello);
  }

  /**
   * Only stream-room-messages asks for an open room: streamRoom.allowRead (the visitor's {@code
   * token}) and streamLivechatRoom.allowRead (its {@code visitorToken}) in
   * apps/meteor/server/modules/notifications/notifications.module.ts check the token alone.
   */
  @Test
  void aClosedRoomsNotificationsAndEventsAreStillReadable() {
    post("livechat/room.close", "{\"rid\":\"" + rid + "\",\"token\":\"" + TOKEN + "\"}");
    ddp = DdpTestClient.connected(server.url());

    assertThat(ddp.sub("s2", "stream-notify-room", rid + "/user-activity", TOKEN)).containsEntry("msg", "ready");
    assertThat(ddp.sub("s3", "stream-notify-room", rid + "/deleteMessage", TOKEN)).containsEntry("msg", "ready");
    assertThat(ddp.sub("s4", "stream-livechat-room", rid, TOKEN)).containsEntry("msg", "ready");
    assertThat(ddp.sub("s1", "stream-room-messages", rid, TOKEN)).containsEntry("msg", "nosub");
  }

  /**
   * Messages that share a millisecond (history: newest stored first, see SemanticsTest) are still
   * pushed in the order they were stored, each as it is stored.
   */
  @Test
  void messagesOfOneMillisecondArePushedInTheOrderTheyWereStored() {
    server.distinctTimestamps(false);
    subscribedToEverything();

    List<String> sent = List.of(send(TOKEN, rid, "one"), send(TOKEN, rid, "two"), send(TOKEN, rid, "three"));

    List<Map<String, Object>> pushed = List.of(firstArg(ddp.next("changed")), firstArg(ddp.next("changed")),
        firstArg(ddp.next("changed")));
    assertThat(pushed).extracting(m -> m.get("_id")).containsExactlyElementsOf(sent);
    assertThat(pushed).extracting(m -> m.get("ts")).containsOnly(Map.of("$date", (double) T0.toEpochMilli()));
  }

  @Test
  void unsubStopsTheEvents() throws InterruptedException {
    subscribedToEverything();
    ddp.send("{\"msg\":\"unsub\",\"id\":\"s1\"}");
    assertThat(ddp.nextFrame()).isEqualTo(Map.of("msg", "nosub", "id", "s1"));

    server.agent("agent.smith").reply(rid, "anyone there?");

    assertThat(ddp.quietFor(QUIET)).isTrue();
  }

  // ---- pushes ----

  @Test
  void agentReplyIsPushedWithEjsonDates() {
    subscribedToEverything();

    Message reply = server.agent("agent.smith", "Agent Smith").reply(rid, "How can I help?");

    long ms = reply.timestamp().toEpochMilli();
    assertThat(ddp.nextRaw()).isEqualTo("{\"msg\":\"changed\",\"collection\":\"stream-room-messages\",\"id\":\"id\","
        + "\"fields\":{\"eventName\":\"" + rid + "\",\"args\":[{\"_id\":\"" + reply.id() + "\",\"rid\":\"" + rid + "\","
        + "\"msg\":\"How can I help?\",\"ts\":{\"$date\":" + ms + "},\"u\":{\"_id\":\"" + reply.user().id() + "\","
        + "\"username\":\"agent.smith\",\"name\":\"Agent Smith\"},\"_updatedAt\":{\"$date\":" + ms + "},"
        + "\"urls\":[],\"mentions\":[],\"channels\":[],\"md\":[{\"type\":\"PARAGRAPH\",\"value\":[{\"type\":"
        + "\"PLAIN_TEXT\",\"value\":\"How can I help?\"}]}]}]}}");
  }

  @Test
  void visitorMessagesAreSentOverRestAndPushed() {
    subscribedToEverything();

    String id = send(TOKEN, rid, "Hello");

    Map<String, Object> message = firstArg(ddp.next("changed"));
    assertThat(message).containsEntry("_id", id).containsEntry("msg", "Hello").containsEntry("token", TOKEN)
        .containsEntry("alias", "Ada");
    assertThat(message.get("ts")).isInstanceOf(Map.class);
  }

  @Test
  void editsArePushedWithEditedAtAndEditedBy() {
    String id = send(TOKEN, rid, "Helo");
    subscribedToEverything();

    call("PUT", "livechat/message/" + id, "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\",\"msg\":\"Hello\"}");

    Map<String, Object> edited = firstArg(ddp.next("changed"));
    assertThat(edited).containsEntry("_id", id).containsEntry("msg", "Hello").containsKey("editedAt");
    assertThat(map(edited.get("editedBy"))).containsEntry("username", "guest-1");
  }

  @Test
  void deletionsArePushedOnDeleteMessage() {
    String id = send(TOKEN, rid, "oops");
    subscribedToEverything();

    call("DELETE", "livechat/message/" + id, "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\"}");

    assertThat(ddp.nextRaw()).isEqualTo("{\"msg\":\"changed\",\"collection\":\"stream-notify-room\",\"id\":\"id\","
        + "\"fields\":{\"eventName\":\"" + rid + "/deleteMessage\",\"args\":[{\"_id\":\"" + id + "\"}]}}");
  }

  @Test
  void agentTypingIsPushedOnUserActivity() {
    subscribedToEverything();
    FakeAgent smith = server.agent("agent.smith");

    smith.typing(rid, true);
    smith.typing(rid, false);

    String activity = "{\"msg\":\"changed\",\"collection\":\"stream-notify-room\",\"id\":\"id\",\"fields\":{"
        + "\"eventName\":\"" + rid + "/user-activity\",\"args\":[\"agent.smith\",%s]}}";
    assertThat(ddp.nextRaw()).isEqualTo(activity.formatted("[\"user-typing\"]"));
    assertThat(ddp.nextRaw()).isEqualTo(activity.formatted("[]"));
  }

  /**
   * An agent taking the room stores and pushes {@code command} ({@code connected}), then {@code uj},
   * then sends {@code agentData}, as the server's {@code RoutingManager.assignAgent} in {@code
   * apps/meteor/server/lib/omnichannel/RoutingManager.ts} ({@code saveSystemMessage('command', rid,
   * 'connected', user)} and {@code ('uj', rid, '', user)} under one {@code Promise.all}, then {@code
   * dispatchAgentDelegated}); the stored shape is {@code
   * Messages.createWithTypeRoomIdMessageUserAndUnread} ({@code packages/models}): {@code t, rid, ts,
   * msg, u{_id,username,name}, groupable:false}.
   */
  @Test
  void assignStoresAndPushesConnectedAndUserJoinedThenAgentData() {
    subscribedToEverything();
    FakeAgent smith = server.agent("agent.smith", "Agent Smith");

    smith.assign(rid);

    Map<String, Object> command = ddp.next("changed");
    assertThat(command).containsEntry("collection", "stream-room-messages");
    assertThat(firstArg(command)).containsEntry("t", "command").containsEntry("msg", "connected")
        .containsEntry("rid", rid).containsEntry("groupable", false)
        .containsEntry("u", Map.of("_id", smith.id(), "username", "agent.smith", "name", "Agent Smith"));
    Map<String, Object> joined = firstArg(ddp.next("changed"));
    assertThat(joined).containsEntry("t", "uj").containsEntry("msg", "").containsEntry("groupable", false)
        .containsEntry("u", Map.of("_id", smith.id(), "username", "agent.smith", "name", "Agent Smith"));
    Map<String, Object> agentData = ddp.next("changed");
    assertThat(agentData).containsEntry("collection", "stream-livechat-room");
    Map<String, Object> event = firstArg(agentData);
    assertThat(event).containsEntry("type", "agentData");
    assertThat(map(event.get("data"))).containsEntry("_id", smith.id()).containsEntry("username", "agent.smith")
        .containsEntry("name", "Agent Smith").containsEntry("status", "online");
    assertThat(server.room(rid).orElseThrow().servedBy().username()).isEqualTo("agent.smith");
    assertThat(server.messages(rid)).extracting(m -> m.type()).containsExactly("livechat-started", "command", "uj");
    assertThat(((List<?>) get("livechat/messages.history/" + rid + "?token=" + TOKEN).json().get("messages"))
        .stream().map(m -> (Object) ((Map<?, ?>) m).get("t")).toList()).containsExactly("uj", "command", "livechat-started");

    smith.assign(rid);
    assertThat(server.messages(rid)).as("taking a room one serves changes nothing").hasSize(3);
  }

  @Test
  void assignPushesHiddenInfoWhenAgentsAreHidden() {
    subscribedToEverything();
    server.showAgentInfo(false);

    server.agent("agent.smith").assign(rid);

    ddp.next("changed"); // command
    ddp.next("changed"); // uj
    assertThat(firstArg(ddp.next("changed"))).isEqualTo(Map.of("type", "agentData", "data", Map.of("hiddenInfo", true)));
  }

  @Test
  void statusChangesOfTheServingAgentArePushed() {
    FakeAgent smith = server.agent("agent.smith");
    smith.assign(rid);
    subscribedToEverything();

    smith.setStatus("away");

    assertThat(firstArg(ddp.next("changed"))).isEqualTo(Map.of("type", "agentStatus", "status", "away"));
  }

  @Test
  void queuePositionIsPushedAsQueueData() {
    subscribedToEverything();

    server.announceQueuePosition(rid, 3, 120);

    assertThat(firstArg(ddp.next("changed"))).isEqualTo(Map.of("type", "queueData",
        "data", Map.of("rid", rid, "position", 3.0, "estimatedWaitTimeSeconds", 120.0)));
  }

  @Test
  void visitorRenamedByTheAgentIsPushedAsVisitorData() {
    subscribedToEverything();

    server.agent("agent.smith").renameVisitor(rid, "Ada Lovelace");

    Map<String, Object> event = firstArg(ddp.next("changed"));
    assertThat(event).containsEntry("type", "visitorData");
    assertThat(map(event.get("visitor"))).containsEntry("name", "Ada Lovelace").containsEntry("token", TOKEN);
  }

  @Test
  void closingPushesTheLivechatCloseMessage() {
    subscribedToEverything();

    post("livechat/room.close", "{\"rid\":\"" + rid + "\",\"token\":\"" + TOKEN + "\"}");

    assertThat(firstArg(ddp.next("changed"))).containsEntry("t", "livechat-close")
        .containsEntry("msg", "Closed by visitor");
    assertThat(server.room(rid).orElseThrow().open()).isFalse();
  }

  // ---- methods ----

  @Test
  void visitorTypingIsAnsweredRecordedAndPassedOnToOthers() throws InterruptedException {
    subscribedToEverything();
    DdpTestClient other = DdpTestClient.connected(server.url());
    try {
      assertThat(other.sub("o1", "stream-notify-room", rid + "/user-activity", TOKEN)).containsEntry("msg", "ready");

      ddp.send("{\"msg\":\"method\",\"method\":\"stream-notify-room\",\"params\":[\"" + rid + "/user-activity\","
          + "\"guest-1\",[\"user-typing\"],{\"token\":\"" + TOKEN + "\"}],\"id\":\"m1\"}");

      assertThat(ddp.nextRaw()).isEqualTo("{\"msg\":\"result\",\"id\":\"m1\"}");
      assertThat(ddp.nextRaw()).isEqualTo("{\"msg\":\"updated\",\"methods\":[\"m1\"]}");
      assertThat(firstArgs(other.next("changed"))).isEqualTo(List.of("guest-1", List.of("user-typing"),
          Map.of("token", TOKEN)));
      assertThat(server.typingSignals()).singleElement()
          .satisfies(signal -> assertThat(signal.typing()).isTrue())
          .satisfies(signal -> assertThat(signal.username()).isEqualTo("guest-1"));
      assertThat(ddp.quietFor(QUIET)).as("not echoed to the sender").isTrue();
    } finally {
      other.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static List<?> firstArgs(Map<String, Object> changed) {
    return (List<?>) ((Map<?, ?>) changed.get("fields")).get("args");
  }

  @Test
  void typingWithAnotherTokenIsIgnored() {
    subscribedToEverything();

    ddp.send("{\"msg\":\"method\",\"method\":\"stream-notify-room\",\"params\":[\"" + rid + "/user-activity\","
        + "\"guest-1\",[\"user-typing\"],{\"token\":\"forged\"}],\"id\":\"m1\"}");

    assertThat(ddp.next("result")).isEqualTo(Map.of("msg", "result", "id", "m1"));
    assertThat(server.typingSignals()).isEmpty();
  }

  @Test
  void unknownMethodIsNotFound() {
    ddp = DdpTestClient.connected(server.url());

    ddp.send("{\"msg\":\"method\",\"method\":\"livechat:loginByToken\",\"params\":[],\"id\":\"m2\"}");

    assertThat(ddp.next("result")).isEqualTo(Map.of("msg", "result", "id", "m2", "error", Map.of("isClientSafe", true,
        "error", 404.0, "reason", "Method 'livechat:loginByToken' not found",
        "message", "Method 'livechat:loginByToken' not found [404]", "errorType", "Meteor.Error")));
  }

  @Test
  void setUpConnectionIsAnsweredEmptyAsTheServerStillHasIt() {
    ddp = DdpTestClient.connected(server.url());

    ddp.send("{\"msg\":\"method\",\"method\":\"livechat:setUpConnection\",\"params\":[{\"token\":\"" + TOKEN
        + "\"}],\"id\":\"m3\"}");
    assertThat(ddp.next("result")).isEqualTo(Map.of("msg", "result", "id", "m3"));

    ddp.send("{\"msg\":\"method\",\"method\":\"livechat:setUpConnection\",\"params\":[{}],\"id\":\"m4\"}");
    assertThat(ddp.next("result")).isEqualTo(Map.of("msg", "result", "id", "m4", "error", Map.of("isClientSafe", true,
        "error", 400.0, "reason", "Match failed", "message", "Match failed [400]", "errorType", "Meteor.Error")));
  }

  // ---- faults ----

  @Test
  void droppingAllConnectionsCutsEverySocket() throws InterruptedException {
    subscribedToEverything();
    assertThat(server.openConnections()).isEqualTo(1);

    server.dropAllConnections();

    assertThat(ddp.cut()).isTrue();
    assertThat(server.openConnections()).isZero();
    assertThat(server.connectionsOpened()).isEqualTo(1);
  }

  @Test
  void refusedUpgradeAnswers503() throws InterruptedException {
    server.refuseNext(1);

    ddp = DdpTestClient.open(server.url());

    assertThat(ddp.cut()).isTrue();
    assertThat(server.connectionsOpened()).isZero();
  }
}
