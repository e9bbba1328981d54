package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.VisitorToken;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.Visitor;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole visitor conversation through the SDK: config → register → open room → send → agent
 * replies over realtime → edit → delete → history → transcript → close, and the offline path.
 * Run against {@link FakeLivechatServer} ({@link FakeServerConversationTest}) and, with {@code
 * -Plive} and {@code LIVECHAT_URL}, against a real server ({@link LiveServerConversationTest}),
 * where the steps that need an agent are skipped, saying so.
 */
abstract class VisitorConversationSuite {
  LivechatClient client;
  String token;

  /** The client under test, pointed at the server. */
  abstract LivechatClient newClient();

  /** The fake server, or null on a real one (where no scripted agent exists). */
  abstract @Nullable FakeLivechatServer fake();

  @BeforeEach
  void registerAVisitor() {
    client = newClient();
    token = VisitorToken.random();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void aWholeConversation() throws Exception {
    LivechatConfig config = client.config();
    assertThat(config.enabled()).as("Livechat enabled on this server").isTrue();

    Visitor visitor = client.registerVisitor(NewVisitor.of(token).withName("Suite Visitor").withEmail("suite@example.com"));
    assertThat(visitor.token()).isEqualTo(token);
    assertThat(client.getVisitor(token).id()).isEqualTo(visitor.id());

    Room room = client.openRoom(token).room();
    assertThat(room.open()).isTrue();
    assertThat(client.openRoom(token).newRoom()).as("the same room again").isFalse();

    EventRecorder events = new EventRecorder();
    try (LivechatRealtime realtime = client.realtime(token, room.id(), events)) {
      events.next(ConnectionState.CONNECTED);

      Message hello = client.sendMessage(token, room.id(), "Hello from the suite");
      assertThat(hello.text()).isEqualTo("Hello from the suite");
      assertThat(nextMessage(events, hello.id()).text()).isEqualTo("Hello from the suite");

      if (agentAvailable("the agent's reply over realtime")) {
        fake().agent("agent.smith").assign(room.id());
        Message reply = fake().agent("agent.smith").reply(room.id(), "Hello, visitor");
        assertThat(nextMessage(events, reply.id()).user().username()).isEqualTo("agent.smith");
      }

      Message edited = client.updateMessage(token, room.id(), hello.id(), "Hello again");
      assertThat(edited.text()).isEqualTo("Hello again");
      assertThat(events.next(RealtimeEvent.MessageEdited.class).message().text()).isEqualTo("Hello again");

      Message typo = client.sendMessage(token, room.id(), "typo");
      DeletedMessage deleted = client.deleteMessage(token, room.id(), typo.id());
      assertThat(deleted.id()).isEqualTo(typo.id());

      List<Message> history = client.loadHistory(token, room.id(), HistoryQuery.latest(50)).messages();
      assertThat(history).extracting(Message::id).contains(hello.id()).doesNotContain(typo.id());
      assertThat(history.get(0).timestamp()).isAfterOrEqualTo(history.get(history.size() - 1).timestamp());

      assertThat(client.requestTranscript(token, room.id(), "suite@example.com")).isNotBlank();

      if (agentAvailable("the agent closing the room")) {
        fake().agent("agent.smith").closeRoom(room.id());
        assertThat(events.next(RealtimeEvent.RoomClosed.class).message().type()).isEqualTo("livechat-close");
      } else {
        closeAsVisitor(room.id());
      }
    }
  }

  @Test
  void theOfflinePath() {
    try {
      assertThat(client.sendOfflineMessage(OfflineMessage.of("Suite Visitor", "suite@example.com", "Call me back"))
          .message()).isNotBlank();
    } catch (LivechatApiException e) {
      assumeTrue(false, skip("the offline form is refused by this server: " + e.getMessage()));
    }
    if (fake() != null) {
      assertThat(fake().offlineMessages()).extracting(OfflineMessage::message).contains("Call me back");
    }
  }

  /** The next message received with {@code id}, skipping others (system messages, for example). */
  private static Message nextMessage(EventRecorder events, String id) {
    while (true) {
      Message message = events.next(RealtimeEvent.MessageReceived.class).message();
      if (message.id().equals(id)) {
        return message;
      }
    }
  }

  private void closeAsVisitor(String rid) {
    try {
      assertThat(client.closeRoom(token, rid).roomId()).isEqualTo(rid);
    } catch (LivechatApiException e) {
      assumeTrue(!"error-not-allowed-to-close-conversation".equals(e.errorCode()),
          skip("visitors may not close conversations on this server"));
      throw e;
    }
  }

  private boolean agentAvailable(String step) {
    if (fake() != null) {
      return true;
    }
    System.out.println(skip(step + " needs an agent"));
    return false;
  }

  static String skip(String why) {
    return "[live] skipped: " + why;
  }
}
