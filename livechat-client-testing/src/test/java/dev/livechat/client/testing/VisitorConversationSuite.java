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
import dev.livechat.client.testing.agent.LivechatAgent;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole visitor conversation through the SDK: config → register → open room → the agent takes
 * it → send → the agent hears it, types and replies over realtime → edit → delete → history →
 * transcript → the agent closes, and the offline path. The agent is played by {@link
 * LivechatAgent} over the server's agent API. Run against {@link FakeLivechatServer} ({@link
 * FakeServerConversationTest}: its agent logged in over HTTP) and, with {@code -Plive} and {@code
 * LIVECHAT_URL}, against a real server ({@link LiveServerConversationTest}: the agent named by
 * {@code LIVECHAT_AGENT_USER}/{@code LIVECHAT_AGENT_PASSWORD} or {@code LIVECHAT_AGENT_ID}/{@code
 * LIVECHAT_AGENT_TOKEN}; without them the steps that need an agent are skipped, saying so).
 */
abstract class VisitorConversationSuite {
  private static final Duration AGENT_WAIT = Duration.ofSeconds(30);

  LivechatClient client;
  @Nullable LivechatAgent agent;
  String token;

  /** The client under test, pointed at the server. */
  abstract LivechatClient newClient();

  /** The fake server, or null on a real one. */
  abstract @Nullable FakeLivechatServer fake();

  /** The agent to play, logged in; null when there is none to play (no credentials for a real server). */
  abstract @Nullable LivechatAgent newAgent();

  @BeforeEach
  void registerAVisitor() {
    client = newClient();
    agent = newAgent();
    token = VisitorToken.random();
  }

  @AfterEach
  void closeClient() {
    client.close();
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void aWholeConversation() throws Exception {
    LivechatConfig config = client.config();
    assertThat(config.enabled()).as("Livechat enabled on this server").isTrue();

    Visitor visitor = client.registerVisitor(NewVisitor.of(token).withName("Suite Visitor").withEmail("suite@example.com"));
    assertThat(visitor.token()).isEqualTo(token);
    assertThat(client.getVisitor(token).id()).isEqualTo(visitor.id());

    if (agentAvailable("making the agent available")) {
      assertThat(agent.setAvailable(true)).isEqualTo("available");
    }
    Room room = client.openRoom(token).room();
    assertThat(room.open()).isTrue();
    assertThat(client.openRoom(token).newRoom()).as("the same room again").isFalse();
    if (agentAvailable("the agent taking the room")) {
      assertThat(agent.accept(room.id(), AGENT_WAIT).servedBy()).isEqualTo(agent.userId());
      agent.watchRoom(room.id());
    }

    EventRecorder events = new EventRecorder();
    try (LivechatRealtime realtime = client.realtime(token, room.id(), events)) {
      events.next(ConnectionState.CONNECTED);

      Message hello = client.sendMessage(token, room.id(), "Hello from the suite");
      assertThat(hello.text()).isEqualTo("Hello from the suite");
      assertThat(nextMessage(events, hello.id()).text()).isEqualTo("Hello from the suite");

      if (agentAvailable("the agent's reply over realtime")) {
        assertThat(agent.awaitVisitorMessage(room.id(), AGENT_WAIT).id()).isEqualTo(hello.id());
        agent.typing(room.id(), true);
        assertThat(events.next(RealtimeEvent.AgentTypingStarted.class).username()).isEqualTo(agent.username());
        Message reply = agent.sendMessage(room.id(), "Hello, visitor");
        assertThat(nextMessage(events, reply.id()).user().username()).isEqualTo(agent.username());
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
        agent.closeRoom(room.id(), "Closed by the suite");
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
    if (agent != null) {
      return true;
    }
    System.out.println(skip(step + " (no agent to play)"));
    return false;
  }

  /** How to name the agent to play, for the line saying that none is. */
  static final String NO_AGENT = "set LIVECHAT_AGENT_USER and LIVECHAT_AGENT_PASSWORD, or LIVECHAT_AGENT_ID and "
      + "LIVECHAT_AGENT_TOKEN";

  static String skip(String why) {
    return "[live] skipped: " + why;
  }
}
