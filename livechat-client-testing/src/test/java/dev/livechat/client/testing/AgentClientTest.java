package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeOptions;
import dev.livechat.client.testing.ServerSettings.RoutingMethod;
import dev.livechat.client.testing.agent.AgentCredentials;
import dev.livechat.client.testing.agent.AgentListener;
import dev.livechat.client.testing.agent.AgentRoom;
import dev.livechat.client.testing.agent.Inquiry;
import dev.livechat.client.testing.agent.LivechatAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LivechatAgent} over HTTP and DDP against the fake, with the SDK as the visitor: what the
 * agent does reaches the visitor exactly as {@link FakeAgent}'s shortcuts do, and the visitor's
 * messages reach the agent.
 */
class AgentClientTest {
  private static final Duration WAIT = FakeServerTestBase.WAIT;
  private static final String TOKEN = "agent-test-visitor";
  private static final RealtimeOptions FAST = RealtimeOptions.defaults()
      .withReconnectDelays(Duration.ofMillis(10), Duration.ofMillis(50));

  private FakeLivechatServer server;
  private LivechatClient client;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void start() {
    server = FakeLivechatServer.start();
    client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
    client.close();
    server.close();
  }

  private LivechatAgent login(FakeAgent agent) {
    LivechatAgent scripted = LivechatAgent.login(server.url().toString(), agent.username(), agent.password());
    closeables.add(scripted);
    return scripted;
  }

  private String visitorRoom() {
    client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada"));
    return client.openRoom(TOKEN).room().id();
  }

  private EventRecorder visitorListening(String rid) {
    EventRecorder events = new EventRecorder();
    LivechatRealtime session = client.realtime(TOKEN, rid, FAST, events);
    closeables.add(session);
    events.next(ConnectionState.CONNECTED);
    assertThat(server.await(s -> s.subscriptionCount(rid) == 5, WAIT)).as("visitor subscribed").isTrue();
    return events;
  }

  // ---- login ----

  @Test
  void logsInWithThePasswordOfTheFakesAgent() {
    FakeAgent ana = server.agent("ana", "Ana Agent");

    LivechatAgent agent = login(ana);

    assertThat(agent.userId()).isEqualTo(ana.id());
    assertThat(agent.username()).isEqualTo("ana");
    assertThat(server.requests()).containsExactly("POST /api/v1/login");
  }

  @Test
  void aWrongPasswordIsRefusedWith401AndNeverPrinted() {
    server.agent("ana").password("right-password");

    assertThatThrownBy(() -> LivechatAgent.login(server.url().toString(), "ana", "wrong-password-42"))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.serverText()).isEqualTo("Incorrect password");
        })
        .hasMessageNotContaining("wrong-password-42");
  }

  @Test
  void logsInWithAnAuthTokenAndLearnsItsUsernameFromMe() {
    FakeAgent ana = server.agent("ana");
    String token = ana.newAuthToken();

    LivechatAgent agent = LivechatAgent.builder().baseUrl(server.url())
        .credentials(AgentCredentials.token(ana.id(), token)).build();
    closeables.add(agent);

    assertThat(agent.username()).isEqualTo("ana");
    assertThat(agent.toString()).doesNotContain(token).contains("ana");
    assertThat(server.requests()).containsExactly("GET /api/v1/me");
  }

  @Test
  void aBadTokenIsRefusedAtTheFirstCall() {
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = LivechatAgent.builder().baseUrl(server.url())
        .credentials(AgentCredentials.token(ana.id(), "not-a-token-123")).build();
    closeables.add(agent);

    assertThatThrownBy(() -> agent.setAvailable(true))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.serverText()).isEqualTo("You must be logged in to do this.");
        })
        .hasMessageNotContaining("not-a-token-123");
  }

  // ---- availability and the queue ----

  @Test
  void availabilityDecidesWhetherAutoSelectionRoutesToTheAgent() {
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = login(ana);

    assertThat(agent.setAvailable(false)).isEqualTo("not-available");
    String first = visitorRoom();
    assertThat(server.room(first).orElseThrow().servedBy()).isNull();

    assertThat(agent.setAvailable(true)).isEqualTo("available");
    assertThat(agent.setAvailable(true)).isEqualTo("available");
  }

  @Test
  void takesAQueuedChatUnderManualSelection() {
    server.reconfigure(s -> s.withRoutingMethod(RoutingMethod.MANUAL_SELECTION));
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = login(ana);
    String rid = visitorRoom();
    EventRecorder visitor = visitorListening(rid);

    List<Inquiry> queued = agent.queuedInquiries();
    assertThat(queued).singleElement().satisfies(inquiry -> {
      assertThat(inquiry.roomId()).isEqualTo(rid);
      assertThat(inquiry.status()).isEqualTo("queued");
      assertThat(inquiry.name()).isEqualTo("Ada");
    });

    agent.takeInquiry(queued.get(0).id());

    assertThat(visitor.next(RealtimeEvent.AgentChanged.class).agent().username()).isEqualTo("ana");
    assertThat(server.room(rid).orElseThrow().servedBy().id()).isEqualTo(ana.id());
    assertThat(agent.queuedInquiries()).isEmpty();
    assertThat(agent.openRooms()).extracting(AgentRoom::id).containsExactly(rid);
    assertThatThrownBy(() -> agent.takeInquiry(queued.get(0).id()))
        .isInstanceOfSatisfying(LivechatApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo("error-inquiry-taken"));
  }

  @Test
  void acceptFindsARoomRoutedByAutoSelectionOrTakesItFromTheQueue() {
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = login(ana);
    String routed = visitorRoom();

    AgentRoom room = agent.accept(routed, WAIT);

    assertThat(room.id()).isEqualTo(routed);
    assertThat(room.servedBy()).isEqualTo(ana.id());
    assertThat(room.name()).isEqualTo("Ada");

    server.reconfigure(s -> s.withRoutingMethod(RoutingMethod.MANUAL_SELECTION));
    client.registerVisitor(NewVisitor.of("second-visitor").withName("Bo"));
    String queued = client.openRoom("second-visitor").room().id();
    assertThat(agent.acceptNext(WAIT).id()).isEqualTo(queued);
    assertThatThrownBy(() -> agent.acceptNext(Duration.ofMillis(150))).isInstanceOf(LivechatTimeoutException.class);
  }

  // ---- messages reach the visitor ----

  @Test
  void sentAndEditedMessagesReachTheVisitorsRealtimeAsFakeAgentRepliesDo() {
    FakeAgent ana = server.agent("ana", "Ana Agent");
    LivechatAgent agent = login(ana);
    String rid = visitorRoom();
    EventRecorder visitor = visitorListening(rid);

    Message sent = agent.sendMessage(rid, "Hello Ada, how can I help?");
    Message received = visitor.next(RealtimeEvent.MessageReceived.class).message();
    assertThat(received.id()).isEqualTo(sent.id());
    assertThat(received.text()).isEqualTo("Hello Ada, how can I help?");
    assertThat(received.user().username()).isEqualTo("ana");

    Message edited = agent.editMessage(rid, sent.id(), "Hello Ada! How can I help?");
    assertThat(edited.editedAt()).isNotNull();
    assertThat(visitor.next(RealtimeEvent.MessageEdited.class).message().text()).isEqualTo("Hello Ada! How can I help?");

    Message chosenId = agent.sendMessage(rid, "agent-msg-1", "One more thing");
    assertThat(chosenId.id()).isEqualTo("agent-msg-1");
    assertThat(client.loadHistory(TOKEN, rid).messages()).extracting(Message::text)
        .contains("Hello Ada! How can I help?", "One more thing");
  }

  @Test
  void typingReachesTheVisitorAsAgentTyping() {
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = login(ana);
    String rid = visitorRoom();
    EventRecorder visitor = visitorListening(rid);

    agent.typing(rid, true);
    assertThat(visitor.next(RealtimeEvent.AgentTypingStarted.class).username()).isEqualTo("ana");
    agent.typing(rid, false);
    assertThat(visitor.next(RealtimeEvent.AgentTypingStopped.class).username()).isEqualTo("ana");
  }

  @Test
  void closingEndsTheVisitorsConversation() {
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = login(ana);
    String rid = visitorRoom();
    EventRecorder visitor = visitorListening(rid);

    agent.closeRoom(rid, "Solved, thanks");

    Message closing = visitor.next(RealtimeEvent.RoomClosed.class).message();
    assertThat(closing.type()).isEqualTo("livechat-close");
    assertThat(closing.text()).isEqualTo("Solved, thanks");
    assertThat(server.room(rid).orElseThrow().open()).isFalse();
    assertThatThrownBy(() -> agent.closeRoom(rid))
        .isInstanceOfSatisfying(LivechatApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo("error-room-already-closed"));
  }

  @Test
  void forwardGivesTheRoomToAnotherAgent() {
    FakeAgent ana = server.agent("ana");
    FakeAgent bo = server.agent("bo");
    LivechatAgent agent = login(ana);
    String rid = visitorRoom(); // auto selection: ana, the first
    EventRecorder visitor = visitorListening(rid);

    agent.forward(rid, bo.id());

    assertThat(visitor.next(RealtimeEvent.AgentChanged.class).agent().username()).isEqualTo("bo");
    assertThat(server.room(rid).orElseThrow().servedBy().id()).isEqualTo(bo.id());
  }

  // ---- realtime: the agent hears ----

  @Test
  void hearsTheVisitorsMessagesAndNewRoomsInRealtime() throws InterruptedException {
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = login(ana);
    BlockingQueue<String> assigned = new LinkedBlockingQueue<>();
    BlockingQueue<Message> heard = new LinkedBlockingQueue<>();
    agent.listen(new AgentListener() {
      @Override
      public void onRoomAssigned(String roomId) {
        assigned.add(roomId);
      }

      @Override
      public void onVisitorMessage(String roomId, Message message) {
        heard.add(message);
      }
    });

    String rid = visitorRoom();
    assertThat(assigned.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(rid);
    agent.watchRoom(rid);
    assertThat(server.await(s -> s.subscriptionCount(rid) == 1, WAIT)).isTrue();

    Message question = client.sendMessage(TOKEN, rid, "Where is my order?");
    agent.sendMessage(rid, "Let me look.");

    Message awaited = agent.awaitVisitorMessage(rid, WAIT);
    assertThat(awaited.id()).isEqualTo(question.id());
    assertThat(awaited.text()).isEqualTo("Where is my order?");
    assertThat(awaited.toString()).doesNotContain(TOKEN);
    assertThat(heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS).id()).isEqualTo(question.id());
    assertThat(heard).isEmpty(); // its own message is not the visitor's
    assertThatThrownBy(() -> agent.awaitVisitorMessage(rid, Duration.ofMillis(100)))
        .isInstanceOf(LivechatTimeoutException.class);
  }

  @Test
  void hearsChatsEnteringTheQueue() throws InterruptedException {
    server.reconfigure(s -> s.withRoutingMethod(RoutingMethod.MANUAL_SELECTION));
    LivechatAgent agent = login(server.agent("ana"));
    BlockingQueue<Inquiry> inquiries = new LinkedBlockingQueue<>();
    agent.listen(new AgentListener() {
      @Override
      public void onInquiryQueued(Inquiry inquiry) {
        inquiries.add(inquiry);
      }
    });

    String rid = visitorRoom();

    Inquiry inquiry = inquiries.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(inquiry).isNotNull();
    assertThat(inquiry.roomId()).isEqualTo(rid);
    assertThat(inquiry.status()).isEqualTo("queued");
    assertThat(agent.queuedInquiries()).extracting(Inquiry::id).containsExactly(inquiry.id());
  }

  @Test
  void aRoomTheAgentDoesNotServeCannotBeWatchedOrWrittenTo() {
    server.agent("bo"); // serves the room
    String rid = visitorRoom();
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = login(ana);

    assertThatThrownBy(() -> agent.watchRoom(rid))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.errorCode()).isEqualTo("not-allowed"));
    assertThatThrownBy(() -> agent.sendMessage(rid, "Hi"))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.errorCode()).isEqualTo("error-not-allowed"));
    assertThat(server.messages(rid)).extracting(Message::text).doesNotContain("Hi");
  }

  @Test
  void aRealtimeLoginWithABadTokenIsRefusedAndLeavesNoConnection() {
    FakeAgent ana = server.agent("ana");
    LivechatAgent agent = LivechatAgent.builder().baseUrl(server.url())
        .credentials(AgentCredentials.token(ana.id(), "stale-token-123")).build();
    closeables.add(agent);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> agent.listen(new AgentListener() {}))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("403");
            assertThat(e.serverText()).isEqualTo("You've been logged out by the server. Please log in again.");
          })
          .hasMessageNotContaining("stale-token-123");
    }
    assertThat(server.await(s -> s.openConnections() == 0, WAIT)).isTrue();
  }

  @Test
  void credentialsComeFromTheEnvironmentAndNeverPrintTheirSecrets() {
    assertThat(AgentCredentials.fromEnvironment(Map.of())).isEmpty();
    assertThat(AgentCredentials.fromEnvironment(Map.of("LIVECHAT_AGENT_USER", "ana"))).isEmpty();
    AgentCredentials password = AgentCredentials.fromEnvironment(
        Map.of("LIVECHAT_AGENT_USER", "ana", "LIVECHAT_AGENT_PASSWORD", "s3cret-pw")).orElseThrow();
    assertThat(password.usesPassword()).isTrue();
    assertThat(password.toString()).doesNotContain("s3cret-pw");
    AgentCredentials token = AgentCredentials.fromEnvironment(
        Map.of("LIVECHAT_AGENT_ID", "uid1", "LIVECHAT_AGENT_TOKEN", "tok-secret")).orElseThrow();
    assertThat(token.usesPassword()).isFalse();
    assertThat(token.toString()).doesNotContain("tok-secret").contains("uid1");
  }
}
