package dev.livechat.client.realtime;

import static dev.livechat.client.realtime.ScriptedDdpServer.changed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Message;
import dev.livechat.client.model.User;
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
 * The events the official widget shows, each with its typed event, in the payloads the server
 * builds. Two messages ("before-1", "before-2") were sent before the session opened: they are the
 * caller's, and later changes of them are still news.
 */
class WidgetEventsTest extends RealtimeTestBase {
  static final User VISITOR = new User("v1", "guest-3", "Mary");
  ScriptedDdpServer.Peer peer;
  Message before1;
  Message before2;

  @BeforeEach
  void connect() throws Exception {
    before1 = ddp.store("before-1");
    before2 = ddp.store("before-2");
    open();
    peer = connected();
  }

  /** A later version of {@code message}: {@code _updatedAt} moved on by {@code seconds}. */
  static Message touched(Message message, String text, Instant editedAt, User editedBy, long seconds) {
    return new Message(message.id(), message.roomId(), text, message.type(), message.token(), message.alias(),
        message.user(), message.timestamp(), message.updatedAt().plusSeconds(seconds), editedAt, editedBy);
  }

  /**
   * {@code apps/meteor/server/lib/routing/RoutingManager.ts} {@code unassignAgent} →
   * {@code dispatchAgentDelegated(rid)}: {@code {type:"agentData", data: undefined}} when the chat
   * goes back to the queue; the widget then clears its agent ({@code packages/livechat/src/lib/room.ts}
   * {@code onAgentChange}).
   */
  @Test
  void agentDataWithoutAnAgentIsAgentLeft() throws Exception {
    peer.send(changed("stream-livechat-room", RID, Map.of("type", "agentData")));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentLeft());

    peer.send("{\"msg\":\"changed\",\"collection\":\"stream-livechat-room\",\"id\":\"id\",\"fields\":"
        + "{\"eventName\":\"" + RID + "\",\"args\":[{\"type\":\"agentData\",\"data\":null}]}}");
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentLeft());
  }

  /**
   * {@code dispatchInquiryPosition} ({@code apps/meteor/app/livechat/server/lib/QueueManager.ts}):
   * {@code {type:"queueData", data:{spot, message:{text, user}, estimatedWaitTimeSeconds}}}.
   */
  @Test
  void queueDataCarriesThePositionTheWaitAndTheQueuesText() throws Exception {
    peer.send(changed("stream-livechat-room", RID, Map.of("type", "queueData", "data", Map.of(
        "spot", 2, "estimatedWaitTimeSeconds", 90,
        "message", Map.of("text", "All our agents are busy", "user", Map.of("_id", "rocket.cat", "username", "rocket.cat"))))));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.QueuePositionChanged(2, 90, "All our agents are busy"));
  }

  /**
   * {@code apps/meteor/app/lib/server/functions/deleteMessage.ts} with {@code
   * Message_ShowDeletedStatus}: no {@code deleteMessage} event; the message is updated to {@code
   * t:"rm"}, {@code msg:""}, with {@code editedAt}/{@code editedBy} set ({@code
   * Messages.setAsDeletedByIdAndUser}), and streamed as a change of the message.
   */
  @Test
  void aDeletionShownAsRmIsMessageDeletedWithTheTraceNotAnEdit() throws Exception {
    Message sent = ddp.storeAndPush("m1");
    listener.next(RealtimeEvent.MessageReceived.class);

    Instant at = sent.timestamp().plusSeconds(30);
    Message trace = new Message("m1", RID, "", "rm", null, null, sent.user(), sent.timestamp(), at, at,
        ScriptedDdpServer.AGENT);
    peer.pushMessage(ddp.replace("m1", m -> trace));

    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageDeleted("m1", trace));
    // And of a message sent before the session opened, too.
    Message oldTrace = new Message("before-1", RID, "", "rm", null, null, before1.user(), before1.timestamp(),
        at, at, ScriptedDdpServer.AGENT);
    peer.pushMessage(ddp.replace("before-1", m -> oldTrace));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageDeleted("before-1", oldTrace));
  }

  static final Instant T = Instant.parse("2026-01-01T00:00:10Z");

  static Message at(@Nullable Instant ts, @Nullable String username) {
    return new Message("m", RID, "text", null, null, null, username == null ? null : new User("u1", username, null), ts,
        null, null, null);
  }

  static RealtimeEvent.MessagesDeletedInBulk bulk(@Nullable Instant from, boolean fromInclusive, @Nullable Instant to,
      boolean toInclusive, List<String> usernames) {
    return new RealtimeEvent.MessagesDeletedInBulk(from, fromInclusive, to, toInclusive, usernames, List.of(), false,
        false);
  }

  static Stream<Arguments> bulkCases() {
    Instant before = T.minusMillis(1);
    Instant after = T.plusMillis(1);
    List<String> anyone = List.of();
    return Stream.of(
        Arguments.of("no bounds, anyone", bulk(null, true, null, true, anyone), at(T, "a"), true),
        Arguments.of("no timestamp", bulk(null, true, null, true, anyone), at(null, "a"), false),
        Arguments.of("at an inclusive start", bulk(T, true, null, true, anyone), at(T, "a"), true),
        Arguments.of("at an exclusive start", bulk(T, false, null, true, anyone), at(T, "a"), false),
        Arguments.of("after an exclusive start", bulk(T, false, null, true, anyone), at(after, "a"), true),
        Arguments.of("before an inclusive start", bulk(T, true, null, true, anyone), at(before, "a"), false),
        Arguments.of("at an inclusive end", bulk(null, true, T, true, anyone), at(T, "a"), true),
        Arguments.of("at an exclusive end", bulk(null, true, T, false, anyone), at(T, "a"), false),
        Arguments.of("before an exclusive end", bulk(null, true, T, false, anyone), at(before, "a"), true),
        Arguments.of("after an inclusive end", bulk(null, true, T, true, anyone), at(after, "a"), false),
        Arguments.of("by a named user", bulk(null, true, null, true, List.of("a")), at(T, "a"), true),
        Arguments.of("by another user", bulk(null, true, null, true, List.of("a")), at(T, "b"), false),
        Arguments.of("by no user, users named", bulk(null, true, null, true, List.of("a")), at(T, null), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bulkCases")
  void aBulkDeletionCoversByItsBoundsAndUsers(String name, RealtimeEvent.MessagesDeletedInBulk bulk, Message message,
      boolean covered) {
    assertThat(bulk.covers(message)).isEqualTo(covered);
  }

  /**
   * {@code apps/meteor/app/lib/server/functions/cleanRoomHistory.ts}: {@code notify.deleteMessageBulk}
   * with {@code {rid, excludePinned, ignoreDiscussion, ts:{$gte|$gt, $lte|$lt}, users, ids?}} on
   * {@code stream-notify-room} {@code <rid>/deleteMessageBulk}.
   */
  @Test
  void aBulkDeletionIsMessagesDeletedInBulkWhichTellsWhichMessagesItCovers() throws Exception {
    Instant from = before1.timestamp();
    Instant to = before2.timestamp();
    peer.send(changed("stream-notify-room", RID + "/deleteMessageBulk", Map.of(
        "rid", RID, "excludePinned", true, "ignoreDiscussion", false,
        "ts", Map.of("$gte", Map.of("$date", from.toEpochMilli()), "$lt", Map.of("$date", to.toEpochMilli())),
        "users", List.of("agent.smith"))));

    RealtimeEvent.MessagesDeletedInBulk bulk = listener.next(RealtimeEvent.MessagesDeletedInBulk.class);
    assertThat(bulk).isEqualTo(new RealtimeEvent.MessagesDeletedInBulk(
        from, true, to, false, List.of("agent.smith"), List.of(), true, false));
    assertThat(bulk.covers(before1)).isTrue();
    assertThat(bulk.covers(before2)).as("$lt: the end is not included").isFalse();

    peer.send(changed("stream-notify-room", RID + "/deleteMessageBulk", Map.of(
        "rid", RID, "excludePinned", false, "ignoreDiscussion", true,
        "ts", Map.of("$gt", Map.of("$date", 0), "$lte", Map.of("$date", to.toEpochMilli())),
        "users", List.of(), "ids", List.of("before-2"))));
    RealtimeEvent.MessagesDeletedInBulk byIds = listener.next(RealtimeEvent.MessagesDeletedInBulk.class);
    assertThat(byIds.covers(before2)).isTrue();
    assertThat(byIds.covers(before1)).as("the listed ids, exactly").isFalse();
  }

  /**
   * URL previews ({@code Messages.setUrlsById}), reactions ({@code setReaction.ts}) and thread
   * counters change a message without touching {@code editedAt}; the change is streamed as the
   * whole message ({@code notifyOnMessageChange}).
   */
  @Test
  void aChangeWithoutAnEditIsMessageUpdatedNotANewMessageNorAnEdit() throws Exception {
    Message sent = ddp.storeAndPush("m1");
    listener.next(RealtimeEvent.MessageReceived.class);

    Message withPreview = touched(sent, sent.text(), null, null, 2);
    peer.pushMessage(withPreview);
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageUpdated(withPreview));

    Message edited = touched(withPreview, "edited", withPreview.updatedAt().plusSeconds(1), ScriptedDdpServer.AGENT, 1);
    peer.pushMessage(edited);
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageEdited(edited));

    Message reacted = touched(edited, "edited", edited.editedAt(), ScriptedDdpServer.AGENT, 1); // same editedAt
    peer.pushMessage(reacted);
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageUpdated(reacted));
  }

  @Test
  void anEditOrAnUpdateOfAMessageSentBeforeTheSessionIsNotANewMessage() throws Exception {
    Message edited = touched(before1, "edited before-1", before1.updatedAt().plusSeconds(60), VISITOR, 60);
    peer.pushMessage(edited);
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageEdited(edited));

    Message reacted = touched(before2, before2.text(), null, null, 60);
    peer.pushMessage(reacted);
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageUpdated(reacted));

    peer.pushMessage(reacted); // the same version again: nothing
    ddp.storeAndPush("new");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("new");
  }

  @Test
  void anEditMadeWhileAwayToARecentMessageIsRecoveredByTheGapFill() throws Exception {
    Message sent = ddp.storeAndPush("m1");
    listener.next(RealtimeEvent.MessageReceived.class);

    peer.drop();
    listener.nextState(ConnectionState.WAITING);
    Message edited = ddp.replace("m1",
        m -> touched(m, "edited while away", m.updatedAt().plusSeconds(5), ScriptedDdpServer.AGENT, 5));
    ddp.store("m2");

    listener.nextState(ConnectionState.CONNECTING);
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.MessageEdited(edited));
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m2");
    listener.nextState(ConnectionState.CONNECTED);
    assertThat(sent.id()).isEqualTo(edited.id());
  }
}
