package dev.livechat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.Visitor;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.WebhookAttempt;
import dev.livechat.client.testing.WebhookSettings;
import dev.livechat.client.webhook.LivechatWebhooks;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, run against each: {@link H2BridgeTest} and {@link PostgresBridgeTest}
 * subclass it with their store. The server is {@link FakeLivechatServer}, in this process; the
 * server behaviour each test relies on is cited from Rocket.Chat's source where it matters.
 */
abstract class BridgeContract {
  static final String KEY = "whatsapp:+5511987654321";
  static final String SECRET = "webhook-secret";

  FakeLivechatServer server;
  LivechatClient client;
  BridgeStore store;
  final List<LivechatBridge> bridges = new ArrayList<>();
  final List<Reply> delivered = new CopyOnWriteArrayList<>();
  final List<DeadLetter> deadReported = new CopyOnWriteArrayList<>();
  final List<AutoCloseable> closeables = new ArrayList<>();

  /** A new, empty store for one test. */
  abstract BridgeStore newStore() throws Exception;

  /** The same database opened again, as after a restart of the process; the old store is closed first. */
  abstract BridgeStore reopen(BridgeStore old) throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    server = FakeLivechatServer.start();
    client = LivechatClient.builder().baseUrl(server.url()).build();
    store = newStore();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (LivechatBridge bridge : bridges) {
      bridge.close();
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    store.close();
    client.close();
    server.close();
  }

  LivechatBridge.Builder builder(String instanceId) {
    return builder(instanceId, client, store);
  }

  LivechatBridge.Builder builder(String instanceId, LivechatClient client, BridgeStore store) {
    return LivechatBridge.builder(client, store)
        .instanceId(instanceId)
        .visitorProfile(key -> VisitorProfile.named("Maria").withPhone(phoneOf(key)))
        .replySender(delivered::add)
        .onDeadLetter(deadReported::add)
        .webhookSecret(SECRET)
        .leaseTime(Duration.ofMillis(900))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .pollInterval(Duration.ofMillis(50));
  }

  /**
   * A phone number of each conversation's own: the server takes a new token with a known phone
   * number for that number's visitor ({@code packages/omni-core/src/visitor/create.ts}).
   */
  static String phoneOf(String key) {
    return key.equals(KEY) ? "+5511987654321" : "+49" + Math.abs(key.hashCode());
  }

  LivechatBridge started(LivechatBridge.Builder builder) {
    LivechatBridge bridge = builder.build();
    bridges.add(bridge);
    bridge.start();
    return bridge;
  }

  LivechatBridge started() {
    return started(builder("bridge-1"));
  }

  JdbcBridgeStore jdbc() {
    return (JdbcBridgeStore) store;
  }

  String token(String key) {
    return jdbc().conversationRow(key).orElseThrow().token();
  }

  /** The visitor's messages in every room of the conversation, oldest first (system messages left out). */
  List<Message> visitorMessages(String key) {
    String token = token(key);
    List<Message> messages = new ArrayList<>();
    for (Room room : server.rooms()) {
      if (room.visitor() != null && token.equals(room.visitor().token())) {
        server.messages(room.id()).stream().filter(m -> token.equals(m.token()) && m.type() == null)
            .forEach(messages::add);
      }
    }
    return messages;
  }

  List<Room> rooms(String key) {
    String token = token(key);
    return server.rooms().stream().filter(r -> r.visitor() != null && token.equals(r.visitor().token())).toList();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  /**
   * A process killed while it held a conversation's claim, and started again under the same
   * instance id (as a supervisor does): the new process must not go on renewing the dead one's
   * claim (its heartbeat renews every claim of its id) but drain the conversation.
   */
  @Test
  void anInstanceRestartedUnderItsIdDrainsWhatItsDeadPredecessorHeld() throws Exception {
    LivechatBridge restarted = builder("bridge-1").build();
    bridges.add(restarted);
    restarted.receive(new InboundMessage(KEY, "wamid.1", "before the crash"));
    restarted.receive(new InboundMessage(KEY, "wamid.2", "and this one"));
    Instant now = Instant.now();
    // the dead process's claim, still valid for an hour
    assertThat(jdbc().claimDue("bridge-1", now, now.plus(Duration.ofHours(1)), 1)).containsExactly(KEY);

    restarted.start();
    idle(restarted);

    String roomId = restarted.conversation(KEY).orElseThrow().roomId();
    assertThat(server.messages(roomId).stream().filter(m -> m.type() == null))
        .extracting(Message::text).containsExactly("before the crash", "and this one");
  }

  /** How many of the requests the fake received so far are exactly {@code request} ({@code "GET /api/v1/livechat/room"}). */
  static long count(FakeLivechatServer server, String request) {
    return server.requests().stream().filter(request::equals).count();
  }

  /** Waits, without sleeping, until the fake has received {@code request} at least {@code n} times. */
  void awaitRequests(String request, int n) {
    assertThat(server.await(s -> count(s, request) >= n, Duration.ofSeconds(20)))
        .as("the fake received %s %d times; it received %s", request, n, server.requests()).isTrue();
  }

  static void idle(LivechatBridge bridge) throws InterruptedException {
    assertThat(bridge.awaitIdle(Duration.ofSeconds(20))).as("the bridge drained its work").isTrue();
  }

  /** A webhook endpoint on this host that hands every delivery to {@code bridge}. */
  String webhookEndpoint(LivechatBridge bridge, AtomicInteger loseAnswers) throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/webhook", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        int status = bridge.handleWebhook(exchange.getRequestHeaders().getFirst(LivechatWebhooks.TOKEN_HEADER),
            in.readAllBytes());
        if (status == 200 && loseAnswers.getAndDecrement() > 0) {
          status = 500; // handled, but the answer is lost: the server sends it again
        }
        exchange.sendResponseHeaders(status, -1);
      }
    });
    ExecutorService executor = Executors.newFixedThreadPool(2);
    http.setExecutor(executor);
    http.start();
    closeables.add(executor::shutdownNow);
    closeables.add(() -> http.stop(0));
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/webhook";
  }

  void webhookTo(String url, WebhookSettings.Trigger... triggers) {
    server.reconfigure(s -> s.withWebhook(WebhookSettings.to(url).withSecretToken(SECRET).on(triggers)
        .withRetryDelay(Duration.ofMillis(100))));
  }

  // ---- conversations ----

  @Test
  void firstMessageRegistersTheVisitorWithItsProfileAndOpensARoom() throws Exception {
    LivechatBridge bridge = started();
    Accepted accepted = bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(bridge);

    assertThat(accepted.duplicate()).isFalse();
    assertThat(accepted.sequence()).isEqualTo(1);
    Visitor visitor = server.visitor(token(KEY)).orElseThrow();
    assertThat(visitor.name()).isEqualTo("Maria");
    assertThat(visitor.phones()).containsExactly("+5511987654321");
    assertThat(rooms(KEY)).hasSize(1);
    assertThat(visitorMessages(KEY)).extracting(Message::id, Message::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(accepted.messageId(), "Hello"));
    Conversation conversation = bridge.conversation(KEY).orElseThrow();
    assertThat(conversation.state()).isEqualTo(Conversation.State.OPEN);
    assertThat(conversation.roomId()).isEqualTo(rooms(KEY).get(0).id());
    assertThat(conversation.roomGeneration()).isEqualTo(1);
    assertThat(conversation.pending()).isZero();
    assertThat(conversation.toString()).doesNotContain(token(KEY));
  }

  @Test
  void messagesOfAConversationReachTheRoomInTheOrderReceived() throws Exception {
    LivechatBridge bridge = builder("bridge-1").build();
    bridges.add(bridge);
    for (int i = 1; i <= 30; i++) {
      bridge.receive(new InboundMessage(KEY, "wamid." + i, "message " + i));
    }
    bridge.start();
    idle(bridge);

    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      expected.add("message " + i);
    }
    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactlyElementsOf(expected);
  }

  @Test
  void aRepeatedExternalIdIsDroppedAsADuplicate() throws Exception {
    LivechatBridge bridge = started();
    Accepted first = bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    Accepted again = bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    Accepted elsewhere = bridge.receive(new InboundMessage("sms:+4915110000001", "wamid.1", "Hi"));
    idle(bridge);

    assertThat(again.duplicate()).isTrue();
    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.sequence()).isEqualTo(1);
    assertThat(elsewhere.duplicate()).as("external ids are unique per conversation").isFalse();
    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactly("Hello");
  }

  /**
   * The agent closed the room without the bridge hearing of it: the first send is refused with
   * {@code room-closed} ({@code apps/meteor/app/livechat/server/api/v1/message.ts}: {@code if
   * (!room.open) throw new Error('room-closed')}, before anything is stored), and the 20 messages
   * that arrived at once open exactly one new room.
   */
  @Test
  void twentyMessagesAtOnceToAClosedConversationOpenExactlyOneRoom() throws Exception {
    LivechatBridge bridge = started(builder("bridge-1").drainThreads(8));
    bridge.receive(new InboundMessage(KEY, "wamid.0", "first"));
    idle(bridge);
    String firstRoom = bridge.conversation(KEY).orElseThrow().roomId();
    server.agent("kim.jane").closeRoom(firstRoom);

    concurrently(20, i -> bridge.receive(new InboundMessage(KEY, "wamid.x" + i, "again " + i)));
    idle(bridge);

    assertThat(rooms(KEY)).hasSize(2);
    Conversation conversation = bridge.conversation(KEY).orElseThrow();
    assertThat(conversation.roomId()).isNotEqualTo(firstRoom);
    assertThat(conversation.roomGeneration()).isEqualTo(2);
    assertThat(server.messages(conversation.roomId()).stream().filter(m -> m.type() == null))
        .hasSize(20);
    assertThat(visitorMessages(KEY)).hasSize(21);
  }

  @Test
  void twentyFirstMessagesAtOnceRegisterOneVisitorAndOpenOneRoom() throws Exception {
    LivechatBridge bridge = started(builder("bridge-1").drainThreads(8));
    concurrently(20, i -> bridge.receive(new InboundMessage(KEY, "wamid." + i, "hello " + i)));
    idle(bridge);

    assertThat(server.visitors()).hasSize(1);
    assertThat(rooms(KEY)).hasSize(1);
    assertThat(visitorMessages(KEY)).hasSize(20);
    assertThat(bridge.conversation(KEY).orElseThrow().roomGeneration()).isEqualTo(1);
  }

  @Test
  void aRoomClosedByWebhookIsReplacedByOneNewRoomOnTheNextMessage() throws Exception {
    LivechatBridge bridge = started();
    webhookTo(webhookEndpoint(bridge, new AtomicInteger()), WebhookSettings.Trigger.CLOSE);
    bridge.receive(new InboundMessage(KEY, "wamid.0", "first"));
    idle(bridge);
    String firstRoom = bridge.conversation(KEY).orElseThrow().roomId();
    server.agent("kim.jane").closeRoom(firstRoom);
    await(() -> bridge.conversation(KEY).orElseThrow().state() == Conversation.State.CLOSED,
        "the webhook's LivechatSession closed the conversation");

    bridge.receive(new InboundMessage(KEY, "wamid.1", "second"));
    bridge.receive(new InboundMessage(KEY, "wamid.2", "third"));
    idle(bridge);

    assertThat(rooms(KEY)).hasSize(2);
    assertThat(server.messages(bridge.conversation(KEY).orElseThrow().roomId()))
        .filteredOn(m -> m.type() == null).extracting(Message::text).containsExactly("second", "third");
  }

  @Test
  void aProfileUpdateReachesTheVisitorWithTheSameToken() throws Exception {
    LivechatBridge bridge = started();
    bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(bridge);

    bridge.updateProfile(KEY, VisitorProfile.named("Maria Silva").withEmail("maria@example.com").withPhone("+5511900000000"));
    String token = token(KEY);
    await(() -> "Maria Silva".equals(server.visitor(token).orElseThrow().name()), "the visitor was renamed");

    Visitor visitor = server.visitor(token).orElseThrow();
    assertThat(visitor.emails()).containsExactly("maria@example.com");
    assertThat(server.visitors()).hasSize(1);
  }

  /**
   * The visitor was deleted on the server (its room closed first): {@code GET livechat/room} is
   * refused with {@code invalid-token}, and the bridge registers the same token again.
   */
  @Test
  void aVisitorDeletedOnTheServerIsRegisteredAgainWithTheSameToken() throws Exception {
    LivechatBridge bridge = started();
    bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(bridge);
    String token = token(KEY);
    server.agent("kim.jane").closeRoom(bridge.conversation(KEY).orElseThrow().roomId());
    client.deleteVisitor(token);

    bridge.receive(new InboundMessage(KEY, "wamid.2", "me again"));
    idle(bridge);

    assertThat(server.visitor(token)).isPresent();
    assertThat(visitorMessages(KEY)).extracting(Message::text).contains("me again");
    assertThat(bridge.deadLetters()).isEmpty();
  }

  @Test
  void aWebhookWithAWrongSecretOrNoEventIsRefusedAndRecordsNothing() throws Exception {
    LivechatBridge bridge = started();
    byte[] body = "{\"type\":\"Message\",\"_id\":\"r1\",\"messages\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(bridge.handleWebhook("wrong", body)).isEqualTo(401);
    assertThat(bridge.handleWebhook(null, body)).isEqualTo(401);
    assertThat(bridge.handleWebhook(SECRET, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(400);
    assertThat(rowCount("bridge_webhook_delivery")).isZero();
  }

  // ---- crashes ----

  /**
   * A crash after the message was stored but before the store heard of it: the row is still
   * {@code SENDING}. The bridge looks the id up ({@code GET livechat/message/:_id}) and sends
   * nothing.
   */
  @Test
  void aSendingRowWhoseMessageLandedIsNotSentAgain() throws Exception {
    LivechatBridge bridge = builder("bridge-1").build();
    bridges.add(bridge);
    Accepted accepted = bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    String roomId = landBehindTheStoresBack(accepted);
    jdbc().markSending(KEY, 1, roomId);
    int before = server.requests().size();

    bridge.start();
    idle(bridge);

    assertThat(server.requests().subList(before, server.requests().size()))
        .as("the bridge only looked the message up, and sent nothing")
        .containsExactly("GET /api/v1/livechat/message/" + accepted.messageId());
    assertThat(visitorMessages(KEY)).extracting(Message::id).containsExactly(accepted.messageId());
    assertThat(bridge.deadLetters()).isEmpty();
  }

  /**
   * The message landed and the row still says {@code PENDING}: the send with the same id is
   * refused, {@code 400 {"success":false}} ({@code sendMessage.ts} returns nothing for an
   * existing {@code _id}, and {@code message.ts} answers {@code API.v1.failure()}); the bridge
   * looks it up, finds it and counts it sent.
   */
  @Test
  void aRepeatedIdRefusedByTheServerIsRecoveredByLookingItUp() throws Exception {
    LivechatBridge bridge = builder("bridge-1").build();
    bridges.add(bridge);
    Accepted accepted = bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    landBehindTheStoresBack(accepted);

    bridge.start();
    idle(bridge);

    assertThat(visitorMessages(KEY)).extracting(Message::id).containsExactly(accepted.messageId());
    assertThat(bridge.deadLetters()).isEmpty();
  }

  /** A row left {@code SENDING} whose message never arrived is sent, once. */
  @Test
  void aSendingRowWhoseMessageNeverLandedIsSentOnce() throws Exception {
    LivechatBridge bridge = builder("bridge-1").build();
    bridges.add(bridge);
    bridge.receive(new InboundMessage(KEY, "wamid.0", "first"));
    bridge.start();
    idle(bridge);
    bridge.close();

    LivechatBridge next = builder("bridge-2").build();
    bridges.add(next);
    next.receive(new InboundMessage(KEY, "wamid.1", "second"));
    jdbc().markSending(KEY, 2, next.conversation(KEY).orElseThrow().roomId());
    next.start();
    idle(next);

    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactly("first", "second");
  }

  /** Stores the message in Livechat as a first attempt would have, then leaves the store as a crash would. */
  private String landBehindTheStoresBack(Accepted accepted) {
    JdbcBridgeStore.ConversationRow row = jdbc().conversationRow(KEY).orElseThrow();
    client.registerVisitor(dev.livechat.client.model.NewVisitor.of(row.token()).withName("Maria"));
    String roomId = client.openRoom(row.token()).room().id();
    client.sendMessage(SendMessageRequest.of(row.token(), roomId, "Hello").withId(accepted.messageId()));
    jdbc().registered(KEY, 0);
    jdbc().roomOpened(KEY, roomId, java.time.Instant.now());
    return roomId;
  }

  /**
   * The server stores the message but its answer never arrives (the client times out): the row
   * stays {@code SENDING}, and the next attempt finds the message by its id instead of sending it
   * again.
   */
  @Test
  void aLostAnswerDoesNotDuplicateTheMessage() throws Exception {
    LivechatClient impatient = LivechatClient.builder().baseUrl(server.url()).readTimeout(Duration.ofMillis(300))
        .retryPolicy(RetryPolicy.none()).build();
    closeables.add(impatient);
    LivechatBridge bridge = started(builder("bridge-1", impatient, store));
    bridge.receive(new InboundMessage(KEY, "wamid.1", "first"));
    idle(bridge);
    String roomId = bridge.conversation(KEY).orElseThrow().roomId();

    server.delayResponses(Duration.ofMillis(1500));
    Accepted second = bridge.receive(new InboundMessage(KEY, "wamid.2", "second"));
    await(() -> server.messages(roomId).stream().anyMatch(m -> "second".equals(m.text())), "the server stored it");
    // the POST's answer keeps the delay it arrived with (1.5 s, past the client's 300 ms): it is lost
    server.delayResponses(Duration.ZERO);
    // the bridge saw no answer, so its next attempt looks the message up by its id
    String lookup = "GET /api/v1/livechat/message/" + second.messageId();
    awaitRequests(lookup, 1);
    idle(bridge);

    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactly("first", "second");
    assertThat(count(server, "POST /api/v1/livechat/message")).as("one POST per message, none again").isEqualTo(2);
    List<String> requests = server.requests();
    assertThat(requests.lastIndexOf("POST /api/v1/livechat/message")).isLessThan(requests.indexOf(lookup));
    assertThat(bridge.deadLetters()).isEmpty();
  }

  /**
   * A message refused for good ({@code message-length-exceeds-character-limit}, {@code message.ts})
   * becomes a dead letter, is reported, and the conversation goes on.
   */
  @Test
  void aDeadLetterDoesNotBlockTheConversation() throws Exception {
    server.messageCharacterLimit(10);
    LivechatBridge bridge = builder("bridge-1").build();
    bridges.add(bridge);
    bridge.receive(new InboundMessage(KEY, "wamid.1", "short"));
    Accepted tooLong = bridge.receive(new InboundMessage(KEY, "wamid.2", "this one is far too long"));
    bridge.receive(new InboundMessage(KEY, "wamid.3", "ok"));
    bridge.start();
    idle(bridge);

    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactly("short", "ok");
    assertThat(bridge.deadLetters()).singleElement().satisfies(dead -> {
      assertThat(dead.messageId()).isEqualTo(tooLong.messageId());
      assertThat(dead.externalId()).isEqualTo("wamid.2");
      assertThat(dead.code()).isEqualTo("message-length-exceeds-character-limit");
    });
    assertThat(deadReported).hasSize(1);
  }

  // ---- no agent ----

  /**
   * No agent online: {@code GET livechat/room} is refused with {@code no-agent-online} ({@code
   * QueueManager.requestRoom}: {@code throw new Meteor.Error('no-agent-online', 'Sorry, no online
   * agents')}, {@code apps/meteor/app/livechat/server/lib/QueueManager.ts}); the messages wait
   * and go in order once an agent is back.
   */
  @Test
  void withNoAgentOnlineMessagesWaitInTheQueue() throws Exception {
    server.agentsOnline(false);
    LivechatBridge bridge = started();
    bridge.receive(new InboundMessage(KEY, "wamid.1", "anyone there?"));
    bridge.receive(new InboundMessage(KEY, "wamid.2", "hello?"));
    // refused (no room stored), backed off and tried again: the messages wait through a retry
    awaitRequests("GET /api/v1/livechat/room", 2);
    assertThat(server.rooms()).isEmpty();
    assertThat(bridge.pending()).isEqualTo(2);
    assertThat(count(server, "POST /api/v1/livechat/message")).isZero();

    server.agentsOnline(true);
    idle(bridge);
    assertThat(rooms(KEY)).hasSize(1);
    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactly("anyone there?", "hello?");
  }

  /**
   * Livechat switched off: {@code error-omnichannel-is-disabled} ({@code getRoom} / {@code
   * createRoom} in {@code apps/meteor/server/lib/omnichannel/rooms.ts}: {@code if
   * (!settings.get('Livechat_enabled')) throw new Meteor.Error('error-omnichannel-is-disabled')}).
   */
  @Test
  void withLivechatDisabledMessagesWaitInTheQueue() throws Exception {
    server.livechatEnabled(false);
    LivechatBridge bridge = started();
    bridge.receive(new InboundMessage(KEY, "wamid.1", "hello?"));
    // refused, backed off and tried again: the message waits through a retry
    awaitRequests("GET /api/v1/livechat/room", 2);
    assertThat(server.rooms()).isEmpty();
    assertThat(bridge.pending()).isEqualTo(1);
    assertThat(count(server, "POST /api/v1/livechat/message")).isZero();

    server.livechatEnabled(true);
    idle(bridge);
    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactly("hello?");
  }

  @Test
  void leaveOfflineMessageSendsOneWithEveryPendingText() throws Exception {
    server.agentsOnline(false);
    LivechatBridge bridge = builder("bridge-1")
        .visitorProfile(key -> VisitorProfile.named("Maria").withEmail("maria@example.com"))
        .offlinePolicy(OfflinePolicy.LEAVE_OFFLINE_MESSAGE).build();
    bridges.add(bridge);
    bridge.receive(new InboundMessage(KEY, "wamid.1", "anyone there?"));
    bridge.receive(new InboundMessage(KEY, "wamid.2", "call me back please"));
    bridge.start();
    idle(bridge);

    assertThat(server.offlineMessages()).singleElement().satisfies(offline -> {
      assertThat(offline.name()).isEqualTo("Maria");
      assertThat(offline.email()).isEqualTo("maria@example.com");
      assertThat(offline.message()).isEqualTo("anyone there?\ncall me back please");
    });
    assertThat(server.rooms()).isEmpty();
    assertThat(bridge.conversation(KEY).orElseThrow().pending()).isZero();
  }

  /**
   * The offline form switched off: the server refuses the offline message ({@code
   * apps/meteor/app/livechat/server/api/v1/offlineMessage.ts} turns any failure of {@code
   * sendOfflineMessage} into {@code API.v1.failure(i18n.t('Error_sending_livechat_offline_message'))});
   * the bridge waits in the queue instead and loses nothing.
   */
  @Test
  void leaveOfflineMessageFallsBackToWaitingWhenTheOfflineFormIsOff() throws Exception {
    server.agentsOnline(false).offlineFormEnabled(false);
    LivechatBridge bridge = started(builder("bridge-1")
        .visitorProfile(key -> VisitorProfile.named("Maria").withEmail("maria@example.com"))
        .offlinePolicy(OfflinePolicy.LEAVE_OFFLINE_MESSAGE));
    bridge.receive(new InboundMessage(KEY, "wamid.1", "anyone there?"));
    // the offline message was tried, refused, and tried again after the backoff
    awaitRequests("POST /api/v1/livechat/offline.message", 2);
    assertThat(server.offlineMessages()).isEmpty();
    assertThat(bridge.pending()).isEqualTo(1);

    server.agentsOnline(true);
    idle(bridge);
    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactly("anyone there?");
  }

  // ---- replies ----

  /**
   * A process died between recording a delivery's key and recording its reply: the server's retry
   * is a "duplicate" by key, and must still be handled (recording a reply is idempotent by its
   * message id), or the reply is lost.
   */
  @Test
  void aWebhookRetryAfterACrashBetweenItsKeyAndItsReplyStillHandsTheReplyOver() throws Exception {
    LivechatBridge bridge = started();
    webhookTo("http://127.0.0.1:9/webhook", WebhookSettings.Trigger.AGENT_MESSAGE); // nobody answers: we take the body
    bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(bridge);
    String roomId = bridge.conversation(KEY).orElseThrow().roomId();
    Message reply = server.agent("kim.jane").reply(roomId, "Hi, how can I help?");
    await(() -> server.webhookAttempts().stream().anyMatch(a -> a.body().contains(reply.id())), "the server tried");
    byte[] body = server.webhookAttempts().stream().filter(a -> a.body().contains(reply.id())).findFirst()
        .orElseThrow().body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String key = LivechatWebhooks.deliveryKey(LivechatWebhooks.create(SECRET).receive(SECRET, body).event());
    assertThat(jdbc().firstSeen(key, Instant.now())).as("the dead process recorded the key").isTrue();

    assertThat(bridge.handleWebhook(SECRET, body)).isEqualTo(200);
    await(() -> !delivered.isEmpty(), "the reply was handed over");
    idle(bridge);

    assertThat(delivered).extracting(Reply::messageId).containsExactly(reply.id());
  }

  @Test
  void anAgentsReplyByWebhookIsHandedOverOnceEvenWhenTheServerRetries() throws Exception {
    LivechatBridge bridge = started();
    webhookTo(webhookEndpoint(bridge, new AtomicInteger(1)), WebhookSettings.Trigger.AGENT_MESSAGE,
        WebhookSettings.Trigger.VISITOR_MESSAGE, WebhookSettings.Trigger.CLOSE);
    bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(bridge);
    String roomId = bridge.conversation(KEY).orElseThrow().roomId();
    FakeAgent agent = server.agent("kim.jane", "Kim Jane");
    Message reply = agent.reply(roomId, "Hi Maria, how can I help?");
    await(() -> server.webhookAttempts().stream().filter(a -> a.status() != null && a.status() == 200
        && a.body().contains(reply.id())).count() == 1, "the retried delivery was answered 200");
    idle(bridge);

    assertThat(delivered).singleElement().satisfies(r -> {
      assertThat(r.conversationKey()).isEqualTo(KEY);
      assertThat(r.messageId()).isEqualTo(reply.id());
      assertThat(r.roomId()).isEqualTo(roomId);
      assertThat(r.text()).isEqualTo("Hi Maria, how can I help?");
      assertThat(r.agentUsername()).isEqualTo("kim.jane");
    });
    agent.closeRoom(roomId, "solved, internal note");
    await(() -> bridge.conversation(KEY).orElseThrow().state() == Conversation.State.CLOSED, "closed");
    idle(bridge);
    assertThat(delivered).as("the visitor's own message and the closing message are not replies").hasSize(1);
  }

  @Test
  void aReplyNotHandedOverBeforeAShutdownIsHandedOverAfterTheRestart() throws Exception {
    AtomicBoolean channelDown = new AtomicBoolean(true);
    List<Reply> attempts = new CopyOnWriteArrayList<>();
    LivechatBridge first = started(builder("bridge-1").replySender(reply -> {
      attempts.add(reply);
      if (channelDown.get()) {
        throw new java.io.IOException("WhatsApp is down");
      }
      delivered.add(reply);
    }));
    webhookTo(webhookEndpoint(first, new AtomicInteger()), WebhookSettings.Trigger.AGENT_MESSAGE);
    first.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    await(() -> first.conversation(KEY).map(c -> c.roomId() != null && c.pending() == 0).orElse(false), "sent");
    Message reply = server.agent("kim.jane").reply(first.conversation(KEY).orElseThrow().roomId(), "Hi!");
    await(() -> !attempts.isEmpty(), "the sender was tried");
    first.close();
    bridges.remove(first);
    store = reopen(store);

    channelDown.set(false);
    LivechatBridge second = started(builder("bridge-2"));
    idle(second);

    assertThat(delivered).extracting(Reply::messageId).containsExactly(reply.id());
  }

  @Test
  void followedRoomsDeliverRepliesAndCloseTheConversation() throws Exception {
    LivechatBridge bridge = started(builder("bridge-1").followRooms(true));
    bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(bridge);
    String roomId = bridge.conversation(KEY).orElseThrow().roomId();
    FakeAgent agent = server.agent("kim.jane");
    Message reply = agent.reply(roomId, "Hi from realtime");
    await(() -> delivered.size() == 1, "the reply came over realtime");
    assertThat(delivered.get(0).messageId()).isEqualTo(reply.id());

    agent.closeRoom(roomId);
    await(() -> bridge.conversation(KEY).orElseThrow().state() == Conversation.State.CLOSED,
        "RoomClosed closed the conversation");
    idle(bridge);

    // a later reply, in the room the next message opens, is handed over after anything the first
    // room could still have produced: the closing message was not handed over, the reply not twice
    bridge.receive(new InboundMessage(KEY, "wamid.2", "one more thing"));
    idle(bridge);
    String secondRoom = bridge.conversation(KEY).orElseThrow().roomId();
    assertThat(secondRoom).isNotEqualTo(roomId);
    Message later = agent.reply(secondRoom, "Hi again");
    await(() -> delivered.size() >= 2, "the reply in the new room came over");
    idle(bridge);
    assertThat(delivered).extracting(Reply::messageId).containsExactly(reply.id(), later.id());
  }

  // ---- storage ----

  @Test
  void pruningDeletesFinishedRecordsAndKeepsPendingOnes() throws Exception {
    LivechatBridge bridge = started();
    bridge.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(bridge);
    bridge.close();
    bridge.receive(new InboundMessage(KEY, "wamid.2", "not sent yet"));

    int deleted = jdbc().prune(java.time.Instant.now().plusSeconds(1));

    assertThat(deleted).isGreaterThanOrEqualTo(1);
    assertThat(bridge.pending()).isEqualTo(1);
    assertThat(jdbc().unfinished(KEY)).extracting(JdbcBridgeStore.OutboxRow::text).containsExactly("not sent yet");
  }

  /**
   * Pruning keeps an open room's newest reply: a later catch-up starts from it. Were every reply
   * pruned, a restart would read the room's whole history and hand old replies over again.
   */
  @Test
  void pruningKeepsAnOpenRoomsNewestReplySoACatchUpHandsNothingOverAgain() throws Exception {
    LivechatBridge first = started(builder("bridge-1").followRooms(true));
    first.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(first);
    String roomId = first.conversation(KEY).orElseThrow().roomId();
    FakeAgent agent = server.agent("kim.jane");
    Message one = agent.reply(roomId, "first");
    await(() -> delivered.size() == 1, "the first reply handed over"); // (one at a time: their order is not the point)
    Message two = agent.reply(roomId, "second");
    await(() -> delivered.size() == 2, "both replies handed over");
    first.close();

    jdbc().prune(Instant.now().plusSeconds(1));
    assertThat(rowCount("bridge_reply")).as("the newest reply of the open room stays").isEqualTo(1);

    LivechatBridge second = started(builder("bridge-1").followRooms(true));
    Message three = agent.reply(roomId, "third");
    await(() -> delivered.stream().anyMatch(r -> r.messageId().equals(three.id())), "the next reply came");
    idle(second);
    assertThat(delivered).extracting(Reply::messageId).containsExactly(one.id(), two.id(), three.id());
  }

  @Test
  void theBridgePrunesWhatIsOlderThanItsRetentionWhenItStarts() throws Exception {
    LivechatBridge first = started();
    first.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(first);
    first.close();
    assertThat(rowCount("bridge_outbox")).isEqualTo(1);

    // an hour later by the second bridge's clock: the row sent just now is past a minute's retention
    started(builder("bridge-2").retention(Duration.ofMinutes(1))
        .clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(1))));
    await(() -> rowCount("bridge_outbox") == 0, "the sent message was pruned");
    assertThat(token(KEY)).as("conversations stay").isNotBlank();
  }

  long rowCount(String table) {
    return jdbc().inTransaction("test", c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void theSchemaIsMigratedOnceAndRecorded() throws Exception {
    assertThat(store.schemaVersion()).isEqualTo(JdbcBridgeStore.MIGRATIONS.size());
    store = reopen(store);
    assertThat(store.schemaVersion()).isEqualTo(JdbcBridgeStore.MIGRATIONS.size());
  }

  // ---- helpers ----

  interface IndexedTask {
    void run(int index) throws Exception;
  }

  static void concurrently(int n, IndexedTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await();
          task.run(index);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static List<WebhookAttempt> delivered(FakeLivechatServer server) {
    return server.webhookAttempts();
  }
}
