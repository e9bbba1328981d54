package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.FileUpload;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.SurveyAnswer;
import dev.livechat.client.model.SurveyResult;
import dev.livechat.client.model.Visitor;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@link LivechatClient} and {@link LivechatRealtime} against the fake, end to end. */
class ClientHappyPathTest {
  private static final Duration WAIT = FakeServerTestBase.WAIT;
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  private static final RealtimeOptions FAST = RealtimeOptions.defaults()
      .withReconnectDelays(Duration.ofMillis(10), Duration.ofMillis(50))
      .withTyping(Duration.ofMillis(300), Duration.ofSeconds(5));

  private FakeLivechatServer server;
  private LivechatClient client;
  private final List<LivechatRealtime> sessions = new ArrayList<>();

  @BeforeEach
  void start() {
    server = FakeLivechatServer.start();
    client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    sessions.forEach(LivechatRealtime::close);
    client.close();
    server.close();
  }

  /** A session on the room, connected, with its five subscriptions in place on the server. */
  private LivechatRealtime connectedSession(String rid, EventRecorder events) {
    LivechatRealtime session = client.realtime(TOKEN, rid, FAST, events);
    sessions.add(session);
    events.next(ConnectionState.CONNECTED);
    assertThat(server.await(s -> s.subscriptionCount(rid) == 5, WAIT)).as("subscribed").isTrue();
    return session;
  }

  @Test
  void conversationFromRegistrationToClose() {
    Visitor ada = client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada").withEmail("Ada@Example.com"));
    assertThat(ada.username()).isEqualTo("guest-1");
    assertThat(ada.emails()).containsExactly("ada@example.com");

    RoomResult opened = client.openRoom(TOKEN);
    assertThat(opened.newRoom()).isTrue();
    String rid = opened.room().id();
    RoomResult again = client.openRoom(TOKEN);
    assertThat(again.newRoom()).isFalse();
    assertThat(again.room().id()).isEqualTo(rid);

    EventRecorder events = new EventRecorder();
    LivechatRealtime session = connectedSession(rid, events);

    Message hello = client.sendMessage(TOKEN, rid, "Hello!");
    assertThat(hello.id()).hasSize(17);
    assertThat(events.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo(hello.id());

    FakeAgent smith = server.agent("agent.smith", "Agent Smith");
    smith.assign(rid);
    assertThat(events.next(RealtimeEvent.AgentChanged.class).agent().username()).isEqualTo("agent.smith");
    smith.typing(rid, true);
    assertThat(events.next(RealtimeEvent.AgentTypingStarted.class).username()).isEqualTo("agent.smith");
    Message reply = smith.reply(rid, "Hi Ada, how can I help?");
    RealtimeEvent.MessageReceived received = events.next(RealtimeEvent.MessageReceived.class);
    assertThat(received.message().id()).isEqualTo(reply.id());
    assertThat(received.message().text()).isEqualTo("Hi Ada, how can I help?");
    assertThat(received.message().user().name()).isEqualTo("Agent Smith");
    assertThat(received.message().timestamp()).isEqualTo(reply.timestamp());

    session.typing(true);
    assertThat(server.await(s -> !s.typingSignals().isEmpty(), WAIT)).isTrue();
    assertThat(server.typingSignals().get(0)).satisfies(signal -> {
      assertThat(signal.username()).isEqualTo("guest-1");
      assertThat(signal.typing()).isTrue();
    });

    Message edited = client.updateMessage(TOKEN, rid, hello.id(), "Hello again!");
    assertThat(edited.editedAt()).isNotNull();
    assertThat(edited.editedBy().username()).isEqualTo("guest-1");
    assertThat(events.next(RealtimeEvent.MessageEdited.class).message().text()).isEqualTo("Hello again!");

    DeletedMessage deleted = client.deleteMessage(TOKEN, rid, hello.id());
    assertThat(deleted.id()).isEqualTo(hello.id());
    assertThat(events.next(RealtimeEvent.MessageDeleted.class).messageId()).isEqualTo(hello.id());

    List<Message> history = client.loadHistory(TOKEN, rid).messages();
    assertThat(history).extracting(Message::id).first().isEqualTo(reply.id());
    // Taking the room stored "command" (connected) and "uj" (RoutingManager.assignAgent).
    assertThat(history).extracting(Message::type).containsExactly(null, "uj", "command", "livechat-started");

    assertThat(client.requestTranscript(TOKEN, rid, "ada@example.com")).isEqualTo("Livechat transcript sent");
    assertThat(server.transcripts()).singleElement().satisfies(t -> {
      assertThat(t.roomId()).isEqualTo(rid);
      assertThat(t.email()).isEqualTo("ada@example.com");
    });
    assertThat(events.next(RealtimeEvent.MessageReceived.class).message().type())
        .isEqualTo("livechat_transcript_history");

    ClosedRoom closed = client.closeRoom(TOKEN, rid);
    assertThat(closed.comment()).isEqualTo("Closed by visitor");
    assertThat(events.next(RealtimeEvent.RoomClosed.class).message().type()).isEqualTo("livechat-close");
    assertThat(server.room(rid).orElseThrow().open()).isFalse();
    assertThat(client.openRoom(TOKEN).newRoom()).as("a new room once the last is closed").isTrue();

    assertThat(events.recorded(RealtimeEvent.SubscriptionFailed.class)).isEmpty();
    assertThat(events.recorded(RealtimeEvent.MessageReceived.class)).extracting(e -> e.message().id())
        .doesNotHaveDuplicates();
  }

  @Test
  void offlinePath() {
    server.agentsOnline(false).addDepartment("d1", "Support");
    server.agent("agent.jones").joinDepartment("d1"); // config lists only departments with agents

    LivechatConfig config = client.config();
    assertThat(config.enabled()).isTrue();
    assertThat(config.online()).isFalse();
    assertThat(config.departments()).extracting(d -> d.name()).containsExactly("Support");

    client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada"));
    assertThatThrownBy(() -> client.openRoom(TOKEN))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.errorCode()).isEqualTo("no-agent-online");
        });

    OfflineMessage left = OfflineMessage.of("Ada", "ada@example.com", "Please call me back").withDepartment("Support");
    OfflineMessageResult result = client.sendOfflineMessage(left);

    assertThat(result.message()).isEqualTo("Livechat offline message sent");
    assertThat(server.offlineMessages()).containsExactly(left);
  }

  @Test
  void theRestOfTheVisitorApi() {
    server.addDepartment("sales", "Sales");
    // The server takes only defined custom fields (custom-fields.ts).
    server.reconfigure(s -> s.withCustomFields(List.of(CustomFieldDefinition.visitor("plan"),
        CustomFieldDefinition.visitor("city"))));
    FakeAgent smith = server.agent("agent.smith", "Agent Smith");
    client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada").withCustomField(CustomField.of("plan", "pro")));
    assertThat(client.nextAgent(TOKEN)).map(Agent::username).hasValue("agent.smith");
    String rid = client.openRoom(TOKEN, null, smith.id()).room().id();
    assertThat(server.room(rid).orElseThrow().servedBy().username()).as("served by the agent asked for")
        .isEqualTo("agent.smith");
    assertThat(client.nextAgent(TOKEN)).as("none while a room is open").isEmpty();

    LivechatConfig config = client.config(TOKEN, null);
    assertThat(config.guest().username()).isEqualTo("guest-1");
    assertThat(config.room().id()).isEqualTo(rid);
    assertThat(config.agent().username()).isEqualTo("agent.smith");
    assertThat(client.agentInfo(TOKEN, rid).name()).isEqualTo("Agent Smith");

    assertThat(client.setVisitorStatus(TOKEN, "away")).isEqualTo("away");
    assertThat(server.room(rid).orElseThrow().visitor().status()).isEqualTo("away");
    assertThat(client.setCustomField(TOKEN, "plan", "free", false).value()).isEqualTo("free");
    assertThat(client.setCustomFields(TOKEN, List.of(new CustomField("city", "Paris", true))))
        .containsExactly(new CustomField("city", "Paris", true));
    assertThat(client.getVisitor(TOKEN).customFields()).containsEntry("plan", "pro").containsEntry("city", "Paris");

    client.sendPageVisited(TOKEN, rid, PageVisit.of("https://shop.example.com/cart", "Cart"));
    assertThat(server.pageVisits()).containsExactly(PageVisit.of("https://shop.example.com/cart", "Cart"));

    SurveyResult survey = client.submitSurvey(TOKEN, rid,
        List.of(new SurveyAnswer("satisfaction", "5"), new SurveyAnswer("additionalFeedback", "Great")));
    assertThat(survey.answers()).containsEntry("satisfaction", "5").containsEntry("additionalFeedback", "Great");
    assertThat(server.surveyAnswers(rid)).containsEntry("satisfaction", "5");

    Message sent = client.uploadFile(TOKEN, rid, FileUpload.of("receipt".getBytes(StandardCharsets.UTF_8),
        "receipt.pdf", "application/pdf").withDescription("My receipt"));
    assertThat(sent.file().name()).isEqualTo("receipt.pdf");
    assertThat(sent.attachments()).singleElement().satisfies(a -> {
      assertThat(a.description()).isEqualTo("My receipt");
      assertThat(a.titleLink()).isEqualTo("/file-upload/" + sent.file().id() + "/receipt.pdf");
    });
    assertThat(server.uploads()).singleElement().satisfies(file -> {
      assertThat(file.content().utf8()).isEqualTo("receipt");
      assertThat(file.type()).isEqualTo("application/pdf");
      assertThat(file.messageId()).isEqualTo(sent.id());
    });
    assertThat(client.getMessage(TOKEN, rid, sent.id()).file().id()).isEqualTo(sent.file().id());

    client.transferToDepartment(TOKEN, rid, "sales");
    assertThat(server.room(rid).orElseThrow().departmentId()).isEqualTo("sales");
    assertThat(server.room(rid).orElseThrow().servedBy()).as("back in the queue").isNull();

    client.closeRoom(TOKEN, rid);
    String visitorId = server.visitor(TOKEN).orElseThrow().id();
    assertThat(client.deleteVisitor(TOKEN).id()).isEqualTo(visitorId);
    assertThat(server.visitors()).isEmpty();
    assertThat(server.rooms()).as("removed with the visitor").isEmpty();
  }

  @Test
  void historyIsPagedWithoutGapsOrRepeats() {
    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    FakeAgent smith = server.agent("agent.smith");
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      sent.add(i % 2 == 0 ? client.sendMessage(TOKEN, rid, "visitor " + i).id() : smith.reply(rid, "agent " + i).id());
    }

    List<String> streamed = client.streamHistory(TOKEN, rid, 7).map(Message::id).collect(Collectors.toList());

    List<String> expected = new ArrayList<>(sent);
    expected.add(0, server.messages(rid).get(0).id()); // livechat-started
    java.util.Collections.reverse(expected);
    assertThat(streamed).containsExactlyElementsOf(expected);
  }

  @Test
  void refusalsSurfaceAsApiExceptions() {
    assertThatThrownBy(() -> client.sendMessage(TOKEN, "nowhere", "hi"))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.errorCode()).isEqualTo("invalid-token"));
    assertThatThrownBy(() -> client.getVisitor(TOKEN))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.errorCode()).isEqualTo("invalid-token"));

    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    Message reply = server.agent("agent.smith").reply(rid, "mine");
    assertThatThrownBy(() -> client.updateMessage(TOKEN, rid, reply.id(), "yours"))
        .isInstanceOfSatisfying(LivechatApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo("error-action-not-allowed"));

    server.refuseNext(1);
    assertThatThrownBy(() -> client.getVisitor(TOKEN))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
  }

  @Test
  void aRetryingClientRidesOutRefusedRequests() {
    try (LivechatClient retrying = LivechatClient.builder().baseUrl(server.url()).build()) {
      retrying.registerVisitor(NewVisitor.of(TOKEN));
      server.refuseNext(2);

      assertThat(retrying.getVisitor(TOKEN).token()).isEqualTo(TOKEN);
      assertThat(server.requests()).endsWith("GET /api/v1/livechat/visitor/" + TOKEN,
          "GET /api/v1/livechat/visitor/" + TOKEN, "GET /api/v1/livechat/visitor/" + TOKEN);
    }
  }

  @Test
  void aSendWhoseAnswerIsLostIsRecoveredByItsId() {
    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    SendMessageRequest request = SendMessageRequest.of(TOKEN, rid, "Are you there?");
    try (LivechatClient impatient = LivechatClient.builder().baseUrl(server.url())
        .readTimeout(Duration.ofMillis(300)).build()) {
      server.delayResponses(Duration.ofSeconds(2)); // the first attempt is stored, its answer comes too late
      CompletableFuture<Message> sending = impatient.async().sendMessage(request);
      assertThat(server.await(s -> s.messages(rid).stream().anyMatch(m -> m.id().equals(request.id())), WAIT))
          .isTrue();
      server.delayResponses(Duration.ZERO);

      Message sent = sending.join();

      assertThat(sent.id()).isEqualTo(request.id());
      assertThat(server.messages(rid)).filteredOn(m -> "Are you there?".equals(m.text())).hasSize(1);
      assertThat(server.requests()).containsSubsequence("POST /api/v1/livechat/message",
          "POST /api/v1/livechat/message", "GET /api/v1/livechat/message/" + request.id());
    }
  }

  @Test
  void aRoomIdOfTheVisitorsChoosingIsRefused() {
    client.registerVisitor(NewVisitor.of(TOKEN));

    // The current server opens no room under a given rid (livechat/room answers invalid-room).
    assertThatThrownBy(() -> client.openRoom(TOKEN, "myOwnRoomId123456", null))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.errorCode()).isEqualTo("invalid-room"));
  }

  @Test
  void aClientThatWaitsWhenRateLimitedDoesNotSendToAnExhaustedRoute() {
    server.enableRateLimits();
    try (LivechatClient patient = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none())
        .waitWhenRateLimited(true).build()) {
      for (int i = 0; i < 10; i++) {
        patient.config();
      }
      int sent = server.requestCount();

      assertThatThrownBy(patient::config).isInstanceOf(LivechatRateLimitException.class);
      assertThat(server.requestCount()).as("refused before sending").isEqualTo(sent);
    }
  }

  @Test
  void rateLimitsReachTheClient() {
    server.enableRateLimits();
    for (int i = 0; i < 10; i++) {
      client.config();
    }
    assertThat(client.rateLimits()).containsKey("GET /api/v1/livechat/config");

    assertThatThrownBy(() -> client.config()).isInstanceOfSatisfying(LivechatRateLimitException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
    });
  }

  @Test
  void aDroppedSessionReconnectsAndDeliversWhatItMissed() {
    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    EventRecorder events = new EventRecorder();
    connectedSession(rid, events);
    FakeAgent smith = server.agent("agent.smith");
    Message before = smith.reply(rid, "before the drop");
    assertThat(events.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo(before.id());

    server.dropAllConnections();
    Message during = smith.reply(rid, "while you were away");

    events.next(ConnectionState.WAITING);
    // The gap is filled from the history before the session reports itself connected again.
    assertThat(events.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo(during.id());
    events.next(ConnectionState.CONNECTED);
    assertThat(server.connectionsOpened()).isEqualTo(2);
    Message after = smith.reply(rid, "welcome back");
    assertThat(events.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo(after.id());
    assertThat(events.recorded(RealtimeEvent.MessageReceived.class)).extracting(e -> e.message().id())
        .containsExactly(before.id(), during.id(), after.id());
  }

  /**
   * The visitor's app was away while the agent said goodbye and closed the chat. The fake refuses
   * the closed room's messages as the server does ({@code roomAccessValidator.compatibility.ts}),
   * and the session still delivers the goodbye and the close from history, then ends.
   */
  @Test
  void aRoomClosedWhileTheVisitorWasAwayEndsTheSessionWithTheGoodbyeAndTheClose() {
    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    EventRecorder events = new EventRecorder();
    LivechatRealtime session = client.realtime(TOKEN, rid,
        FAST.withReconnectDelays(Duration.ofMillis(300), Duration.ofMillis(300)), events);
    sessions.add(session);
    events.next(ConnectionState.CONNECTED);
    // Every subscription in place first: agentData follows the command and uj messages now.
    assertThat(server.await(s -> s.subscriptionCount(rid) == 5, WAIT)).as("subscribed").isTrue();
    FakeAgent smith = server.agent("agent.smith");
    smith.assign(rid);
    events.next(RealtimeEvent.AgentChanged.class);

    server.dropAllConnections();
    Message goodbye = smith.reply(rid, "Goodbye!");
    Message close = smith.closeRoom(rid);

    events.next(ConnectionState.WAITING);
    events.next(ConnectionState.CONNECTING);
    assertThat(events.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo(goodbye.id());
    assertThat(events.next(RealtimeEvent.RoomClosed.class).message().id()).isEqualTo(close.id());
    events.next(ConnectionState.CLOSED);
    assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(server.connectionsOpened()).as("the refused subscription is not tried again").isEqualTo(2);
  }

  @Test
  void agentStatusQueueAndVisitorEventsReachTheSession() {
    client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada"));
    String rid = client.openRoom(TOKEN).room().id();
    EventRecorder events = new EventRecorder();
    connectedSession(rid, events);

    server.announceQueuePosition(rid, 2, 90);
    RealtimeEvent.QueuePositionChanged queue = events.next(RealtimeEvent.QueuePositionChanged.class);
    assertThat(queue.position()).isEqualTo(2);
    assertThat(queue.estimatedWait()).isEqualTo(90);

    FakeAgent smith = server.agent("agent.smith");
    smith.assign(rid);
    assertThat(events.next(RealtimeEvent.AgentChanged.class).agent().hiddenInfo()).isFalse();
    smith.setStatus("away");
    assertThat(events.next(RealtimeEvent.AgentStatusChanged.class).status()).isEqualTo("away");

    smith.renameVisitor(rid, "Ada Lovelace");
    assertThat(events.next(RealtimeEvent.VisitorChanged.class).visitor().name()).isEqualTo("Ada Lovelace");

    server.showAgentInfo(false);
    server.agent("agent.jones").assign(rid);
    assertThat(events.next(RealtimeEvent.AgentChanged.class).agent().hiddenInfo()).isTrue();
  }
}
