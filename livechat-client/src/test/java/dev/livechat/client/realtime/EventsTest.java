package dev.livechat.client.realtime;

import static dev.livechat.client.realtime.ScriptedDdpServer.changed;
import static dev.livechat.client.WireMessages.ejson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Agent;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.User;
import dev.livechat.client.model.Visitor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of event, parsed from the {@code changed} frames of reference §4. To show that a frame
 * produced nothing, a test sends a "sentinel" frame after it and expects the sentinel's event next.
 */
class EventsTest extends RealtimeTestBase {
  ScriptedDdpServer.Peer peer;
  LivechatRealtime realtime;

  @BeforeEach
  void connect() throws Exception {
    realtime = open();
    peer = connected();
  }

  void sendSentinel() {
    peer.send(changed("stream-livechat-room", RID, Map.of("type", "agentStatus", "status", "sentinel")));
  }

  void expectSentinel() throws InterruptedException {
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentStatusChanged("sentinel"));
  }

  @Test
  void aNewMessageWithEjsonDatesIsReceived() throws Exception {
    // Verbatim shape of the reference's derived "changed" frame.
    peer.send("{\"msg\":\"changed\",\"collection\":\"stream-room-messages\",\"id\":\"id\",\"fields\":{\"eventName\":\""
        + RID + "\",\"args\":[{\"_id\":\"m1\",\"rid\":\"" + RID + "\",\"msg\":\"hi\",\"ts\":{\"$date\":1700000000000},"
        + "\"u\":{\"_id\":\"agent-1\",\"username\":\"agent.smith\"}}]}}");

    RealtimeEvent.MessageReceived received = listener.next(RealtimeEvent.MessageReceived.class);
    assertThat(received.message()).isEqualTo(new Message("m1", RID, "hi", null, null, null,
        new User("agent-1", "agent.smith", null), Instant.ofEpochMilli(1_700_000_000_000L), null, null, null));
    assertThat(listener.threadNames()).last().isEqualTo("livechat-realtime " + RID);
  }

  @Test
  void theSameMessageAgainIsNothingAndAnEditIsOneMessageEdited() throws Exception {
    Message original = ddp.storeAndPush("m1");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message()).isEqualTo(original);

    peer.pushMessage(original); // a plain duplicate
    sendSentinel();
    expectSentinel();

    Instant editedAt = original.timestamp().plusSeconds(5);
    Message edited = new Message("m1", RID, "edited text", null, null, null, original.user(), original.timestamp(),
        editedAt, editedAt, ScriptedDdpServer.AGENT);
    peer.pushMessage(edited);
    assertThat(listener.next(RealtimeEvent.MessageEdited.class).message()).isEqualTo(edited);

    peer.pushMessage(edited); // the same edit again
    peer.pushMessage(original); // an older version
    sendSentinel();
    expectSentinel();

    Instant editedAgain = editedAt.plusSeconds(5);
    Message second = new Message("m1", RID, "edited twice", null, null, null, original.user(), original.timestamp(),
        editedAgain, editedAgain, ScriptedDdpServer.AGENT);
    peer.pushMessage(second);
    assertThat(listener.next(RealtimeEvent.MessageEdited.class).message().text()).isEqualTo("edited twice");
  }

  @Test
  void withoutUpdatedAtANewerEditOrAnRmTraceIsNewsAndARepeatIsNot() throws Exception {
    Map<String, Object> plain = Map.of("_id", "m5", "rid", RID, "msg", "hi", "ts", Map.of("$date", 1_700_000_000_000L));
    Map<String, Object> edited = new java.util.HashMap<>(plain);
    edited.put("msg", "edited");
    edited.put("editedAt", Map.of("$date", 1_700_000_005_000L));
    Map<String, Object> trace = new java.util.HashMap<>(edited);
    trace.put("msg", "");
    trace.put("t", "rm");

    peer.send(changed("stream-room-messages", RID, plain));
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().text()).isEqualTo("hi");
    peer.send(changed("stream-room-messages", RID, plain));
    peer.send(changed("stream-room-messages", RID, edited));
    assertThat(listener.next(RealtimeEvent.MessageEdited.class).message().text()).isEqualTo("edited");
    peer.send(changed("stream-room-messages", RID, edited));
    peer.send(changed("stream-room-messages", RID, plain));
    peer.send(changed("stream-room-messages", RID, trace));
    RealtimeEvent.MessageDeleted deleted = listener.next(RealtimeEvent.MessageDeleted.class);
    assertThat(deleted.messageId()).isEqualTo("m5");
    assertThat(deleted.shownAs().type()).isEqualTo("rm");
    peer.send(changed("stream-room-messages", RID, trace));
    sendSentinel();
    expectSentinel();
  }

  @Test
  void aLivechatCloseMessageIsRoomClosed() throws Exception {
    Message close = ddp.store("m-close", "livechat-close");
    peer.pushMessage(close);

    RealtimeEvent.RoomClosed closed = listener.next(RealtimeEvent.RoomClosed.class);
    assertThat(closed.message().id()).isEqualTo("m-close");
    assertThat(closed.message().type()).isEqualTo("livechat-close");
  }

  @Test
  void deleteMessageIsMessageDeleted() throws Exception {
    ddp.storeAndPush("m1");
    listener.next(RealtimeEvent.MessageReceived.class);

    peer.send(changed("stream-notify-room", RID + "/deleteMessage", Map.of("_id", "m1")));

    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageDeleted("m1"));
  }

  @Test
  void userActivityIsAgentTypingStartedAndStoppedButNotTheVisitorsOwn() throws Exception {
    // Make sure the visitor's username is known: the typing signal needs it.
    realtime.typing(true);
    assertThat(peer.nextFrame(RealtimeTestBase::isMethod, Duration.ofSeconds(5)).get("params").toString())
        .contains("guest-3");
    realtime.typing(false);
    peer.nextFrame(RealtimeTestBase::isMethod, Duration.ofSeconds(5));

    peer.send(changed("stream-notify-room", RID + "/user-activity", "agent.smith", List.of("user-typing")));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentTypingStarted("agent.smith"));

    peer.send(changed("stream-notify-room", RID + "/user-activity", "agent.smith", List.of()));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentTypingStopped("agent.smith"));

    peer.send(changed("stream-notify-room", RID + "/user-activity", "guest-3", List.of("user-typing")));
    peer.send(changed("stream-notify-room", RID + "/user-activity", "guest-3", List.of()));
    sendSentinel();
    expectSentinel();
  }

  @Test
  void agentDataIsAgentChangedAlsoWhenHidden() throws Exception {
    peer.send(changed("stream-livechat-room", RID, Map.of("type", "agentData", "data", Map.of(
        "_id", "agent-1", "username", "agent.smith", "name", "Agent Smith", "status", "online",
        "emails", List.of(Map.of("address", "smith@example.com", "verified", true))))));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentChanged(
        new Agent("agent-1", "agent.smith", "Agent Smith", "online", List.of("smith@example.com"), false)));

    peer.send(changed("stream-livechat-room", RID, Map.of("type", "agentData", "data", Map.of("hiddenInfo", true))));
    RealtimeEvent.AgentChanged hidden = listener.next(RealtimeEvent.AgentChanged.class);
    assertThat(hidden.agent().hiddenInfo()).isTrue();
    assertThat(hidden.agent().id()).isNull();
    assertThat(hidden.agent().username()).isNull();
  }

  @Test
  void agentStatusQueueDataAndVisitorData() throws Exception {
    peer.send(changed("stream-livechat-room", RID, Map.of("type", "agentStatus", "status", "away")));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentStatusChanged("away"));

    peer.send(changed("stream-livechat-room", RID, Map.of("type", "queueData",
        "data", Map.of("position", 3, "estimatedWaitTimeSeconds", 120))));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.QueuePositionChanged(3, 120));

    peer.send(changed("stream-livechat-room", RID, Map.of("type", "queueData", "data", Map.of("spot", 2))));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.QueuePositionChanged(2, null));

    peer.send(changed("stream-livechat-room", RID, Map.of("type", "visitorData", "visitor", Map.of(
        "_id", "v1", "token", TOKEN, "username", "guest-3", "name", "Mary",
        "visitorEmails", List.of(Map.of("address", "mary@example.com")),
        "_updatedAt", Map.of("$date", 1_700_000_000_000L)))));
    RealtimeEvent.VisitorChanged visitor = listener.next(RealtimeEvent.VisitorChanged.class);
    assertThat(visitor.visitor()).isEqualTo(new Visitor("v1", TOKEN, "guest-3", "Mary", null, null, List.of(),
        List.of("mary@example.com"), Map.of(), null, Instant.ofEpochMilli(1_700_000_000_000L)));
  }

  @Test
  void unknownOrMalformedFramesAreSkipped() throws Exception {
    peer.send("not json");
    peer.send("[1,2,3]");
    peer.send("{\"server_id\":\"0\"}"); // the server's first frame, without "msg"
    peer.send("{\"msg\":\"added\",\"collection\":\"users\",\"id\":\"u1\",\"fields\":{}}");
    peer.send(changed("stream-unknown", RID, Map.of("x", 1)));
    peer.send(changed("stream-livechat-room", RID, Map.of("type", "somethingNew")));
    peer.send(changed("stream-room-messages", RID, Map.of("msg", "a message without _id")));
    ddp.storeAndPush("m1");

    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");
    assertThat(realtime.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(listener.distinctThreads()).as("the event thread survived (was not replaced)").isEqualTo(1);
  }

  static Arguments odd(String name, String frame, @Nullable RealtimeEvent expected) {
    return Arguments.of(name, frame, expected);
  }

  /** Frames with wrong types, unknown names and missing parts, each with what it still gives (or nothing). */
  static Stream<Arguments> oddFrames() {
    String room = "stream-livechat-room";
    String notify = "stream-notify-room";
    return Stream.of(
        odd("fields not an object", "{\"msg\":\"changed\",\"collection\":\"" + room + "\",\"id\":\"id\",\"fields\":\"x\"}",
            null),
        odd("eventName not a string", "{\"msg\":\"changed\",\"collection\":\"" + room + "\",\"id\":\"id\","
            + "\"fields\":{\"eventName\":{\"x\":1},\"args\":[{\"type\":\"agentStatus\",\"status\":\"busy\"}]}}", null),
        odd("unknown names around, msg last", "{\"extra\":[1,{\"a\":2}],\"collection\":\"" + room + "\",\"id\":\"id\","
            + "\"fields\":{\"other\":{\"b\":3},\"eventName\":\"" + RID + "\",\"args\":[{\"type\":\"agentStatus\","
            + "\"status\":\"busy\"}]},\"msg\":\"changed\"}", new RealtimeEvent.AgentStatusChanged("busy")),
        odd("a message stream entry that is not an object, then a message", changed("stream-room-messages", RID, "x",
            Map.of("_id", "m7", "rid", RID, "msg", "hello", "ts", Map.of("$date", 1_700_000_000_000L))),
            new RealtimeEvent.MessageReceived(new Message("m7", RID, "hello", null, null, null, null,
                Instant.ofEpochMilli(1_700_000_000_000L), null, null, null))),
        odd("deleted id not a string", changed(notify, RID + "/deleteMessage", Map.of("_id", 5)), null),
        odd("deleted entry not an object", changed(notify, RID + "/deleteMessage", "m1"), null),
        odd("deleted with other names first", changed(notify, RID + "/deleteMessage", Map.of("rid", RID, "_id", "m9")),
            new RealtimeEvent.MessageDeleted("m9")),
        odd("activities not an array", changed(notify, RID + "/user-activity", "agent.smith", "user-typing"),
            new RealtimeEvent.AgentTypingStopped("agent.smith")),
        odd("activities with other values", changed(notify, RID + "/user-activity", "agent.smith",
            List.of(1, Map.of("x", 1), "user-typing")), new RealtimeEvent.AgentTypingStarted("agent.smith")),
        odd("bulk with exclusive bounds, an unknown bound, a wrong-typed flag and unknown names",
            changed(notify, RID + "/deleteMessageBulk", Map.of("rid", RID,
                "ts", Map.of("$foo", 1, "$gt", Map.of("$date", 1000), "$lt", Map.of("$date", 2000)),
                "users", List.of("u"), "excludePinned", "yes", "ignoreDiscussion", true)),
            new RealtimeEvent.MessagesDeletedInBulk(Instant.ofEpochMilli(1000), false, Instant.ofEpochMilli(2000), false,
                List.of("u"), List.of(), false, true)),
        odd("bulk with ts not an object", changed(notify, RID + "/deleteMessageBulk", Map.of("ts", "x", "ids", List.of("a"))),
            new RealtimeEvent.MessagesDeletedInBulk(null, true, null, true, List.of(), List.of("a"), false, false)),
        odd("room event with unknown names", changed(room, RID, Map.of("extra", 1, "type", "agentStatus", "status", "busy")),
            new RealtimeEvent.AgentStatusChanged("busy")),
        odd("room event type not a string", changed(room, RID, Map.of("type", 5, "status", "busy")), null),
        odd("agent status not a string", changed(room, RID, Map.of("type", "agentStatus", "status", 5)), null),
        odd("visitor not an object", changed(room, RID, Map.of("type", "visitorData", "visitor", "x")), null),
        odd("agent data not an object", changed(room, RID, Map.of("type", "agentData", "data", "x")),
            new RealtimeEvent.AgentLeft()),
        odd("queue data with wrong types and unknown names", changed(room, RID, Map.of("type", "queueData",
            "data", Map.of("spot", "x", "estimatedWaitTimeSeconds", 30, "message", "text", "extra", 1))),
            new RealtimeEvent.QueuePositionChanged(null, 30, null)),
        odd("queue text not a string", changed(room, RID, Map.of("type", "queueData",
            "data", Map.of("spot", 2, "message", Map.of("user", "x", "text", 5)))),
            new RealtimeEvent.QueuePositionChanged(2, null, null)),
        odd("refused subscription with an unknown name and a message only",
            "{\"msg\":\"nosub\",\"id\":\"s2\",\"error\":{\"extra\":1,\"error\":\"not-allowed\",\"message\":\"go away\"}}",
            new RealtimeEvent.SubscriptionFailed("stream-notify-room " + RID + "/user-activity", "go away")),
        odd("refused subscription with a bare error text",
            "{\"msg\":\"nosub\",\"id\":\"s3\",\"error\":\"plain\"}",
            new RealtimeEvent.SubscriptionFailed("stream-notify-room " + RID + "/deleteMessage", "plain")),
        odd("refused subscription with a code only",
            "{\"msg\":\"nosub\",\"id\":\"s5\",\"error\":{\"error\":\"not-allowed\"}}",
            new RealtimeEvent.SubscriptionFailed("stream-livechat-room " + RID, "not-allowed")),
        odd("refused subscription this session never made",
            "{\"msg\":\"nosub\",\"id\":\"s9\",\"error\":{\"reason\":\"why\"}}",
            new RealtimeEvent.SubscriptionFailed("unknown", "why")),
        odd("refused subscription without an id", "{\"msg\":\"nosub\",\"error\":\"plain\"}", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddFrames")
  void oddFramesGiveWhatCanBeReadOrNothing(String name, String frame, @Nullable RealtimeEvent expected)
      throws Exception {
    peer.send(frame);
    sendSentinel();

    if (expected != null) {
      assertThat(listener.next()).isEqualTo(expected);
    }
    expectSentinel();
  }
}
