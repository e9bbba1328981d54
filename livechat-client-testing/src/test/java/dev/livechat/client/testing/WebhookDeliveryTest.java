package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.webhook.LivechatWebhooks;
import dev.livechat.client.webhook.WebhookDelivery;
import dev.livechat.client.webhook.WebhookEvent;
import dev.livechat.client.webhook.WebhookMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's Livechat webhook, checked against the server's source and read back with the SDK's
 * {@link LivechatWebhooks} (the fake builds its bodies without it):
 * <ul>
 *   <li>which event is sent when, and under which switch: {@code
 *       apps/meteor/app/livechat/server/hooks/sendToCRM.ts} (close, forwards, messages, lead
 *       capture), {@code apps/meteor/app/livechat/server/lib/hooks.ts} ({@code onNewRoom},
 *       {@code afterTakeInquiry}, {@code afterRoomQueued}), {@code
 *       apps/meteor/app/livechat/server/hooks/offlineMessage.ts} and {@code
 *       apps/meteor/app/livechat/server/hooks/leadCapture.ts}; the switches' names and defaults in
 *       {@code apps/meteor/server/settings/omnichannel.ts};
 *   <li>the room part of each body: {@code getLivechatRoomGuestInfo} in {@code
 *       apps/meteor/app/livechat/server/lib/guests.ts};
 *   <li>how it is sent and retried: {@code sendRequest} in {@code
 *       apps/meteor/app/livechat/server/lib/webhooks.ts} (5 tries, only after no answer, 5xx or 429,
 *       {@code Livechat_http_timeout * 4} apart, the secret in {@code X-RocketChat-Livechat-Token}
 *       only when set) and {@code packages/server-fetch/src/parsers.ts} ({@code JSON.stringify},
 *       {@code Content-Type: application/json}).
 * </ul>
 */
class WebhookDeliveryTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Duration FAST_RETRY = Duration.ofMillis(50);
  static final String SECRET = "webhook-secret-17";
  static final String TOKEN = "ada-token-0001";

  final MockWebServer endpoint = new MockWebServer();
  final BlockingQueue<RecordedRequest> received = new LinkedBlockingQueue<>();
  volatile IntSupplier status = () -> 200;
  FakeLivechatServer server;
  LivechatClient client;

  @BeforeEach
  void start() throws IOException {
    endpoint.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        received.add(request);
        return new MockResponse.Builder().code(status.getAsInt()).build();
      }
    });
    endpoint.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    endpoint.close();
  }

  void startFake(ServerSettings settings) {
    server = FakeLivechatServer.start(settings);
    client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build();
  }

  WebhookSettings toEndpoint() {
    return WebhookSettings.to(endpoint.url("/livechat/webhook").toString()).withRetryDelay(FAST_RETRY);
  }

  /** The next {@code n} requests the endpoint received, in the order they arrived. */
  List<RecordedRequest> take(int n) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RecordedRequest request = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(request).as("request %d of %d", i + 1, n).isNotNull();
      requests.add(request);
    }
    return requests;
  }

  /** A request read as the SDK reads it, after checking what every request of the server carries. */
  static WebhookEvent parse(RecordedRequest request, @Nullable String secret) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/livechat/webhook");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeaders().get(LivechatWebhooks.TOKEN_HEADER)).isEqualTo(secret);
    byte[] body = request.getBody().toByteArray();
    // Without a secret the SDK's receiver refuses every delivery (by design); read the body alone.
    return secret == null ? LivechatWebhooks.parse(body) : LivechatWebhooks.create(secret).receive(secret, body).event();
  }

  <T extends WebhookEvent> T only(List<WebhookEvent> events, Class<T> kind) {
    List<T> found = events.stream().filter(kind::isInstance).map(kind::cast).toList();
    assertThat(found).as(kind.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @Test
  void aRoomsLifeSendsEachEventTypedUnderItsSwitch() throws InterruptedException {
    startFake(ServerSettings.defaults()
        .withRoutingMethod(ServerSettings.RoutingMethod.MANUAL_SELECTION)
        .withWebhook(toEndpoint().withSecretToken(SECRET).onAll()));
    server.addDepartment("sales", "Sales");
    FakeAgent kim = server.agent("kim.jane", "Kim Jane");
    FakeAgent sam = server.agent("sam.lee", "Sam Lee");

    client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada Lovelace").withEmail("ada@example.com"));
    String rid = client.openRoom(TOKEN).room().id();                  // LivechatSessionStart, LivechatSessionQueued
    kim.assign(rid);                                                    // LivechatSessionTaken
    Message hello = client.sendMessage(TOKEN, rid, "My order has not arrived"); // Message (visitor)
    Message reply = kim.reply(rid, "Sorry! Which order?");            // Message (agent)
    client.sendMessage(TOKEN, rid, "Call me on 4155550123 or ada.l@example.org"); // Message, LeadCapture
    kim.forward(rid, sam);                                              // LivechatSessionTaken, LivechatSessionForwarded
    client.transferToDepartment(TOKEN, rid, "sales");                   // LivechatSessionForwarded
    client.closeRoom(TOKEN, rid);                                       // Message (closing), LivechatSession
    client.sendOfflineMessage(OfflineMessage.of("Grace", "grace@example.com", "Call me back")); // LivechatOfflineMessage

    List<WebhookEvent> events = new ArrayList<>();
    for (RecordedRequest request : take(13)) {
      events.add(parse(request, SECRET));
    }
    assertThat(events).extracting(WebhookEvent::type).containsExactlyInAnyOrder(
        "LivechatSessionStart", "LivechatSessionQueued", "LivechatSessionTaken", "Message", "Message",
        "Message", "LeadCapture", "LivechatSessionTaken", "LivechatSessionForwarded",
        "LivechatSessionForwarded", "Message", "LivechatSession", "LivechatOfflineMessage");
    // the command, uj, livechat-started and transfer-history messages are system messages: never sent

    WebhookEvent.SessionStarted started = only(events, WebhookEvent.SessionStarted.class);
    assertThat(started.room().id()).isEqualTo(rid);
    assertThat(started.room().visitor().token()).isEqualTo(TOKEN);
    assertThat(started.room().visitor().name()).isEqualTo("Ada Lovelace");
    assertThat(started.room().visitor().emails()).containsExactly("ada@example.com");
    assertThat(started.room().agent()).isNull();
    assertThat(started.room().messages()).isEmpty();                    // before livechat-started, a system message anyway

    WebhookEvent.SessionQueued queued = only(events, WebhookEvent.SessionQueued.class);
    assertThat(queued.room().agent()).isNull();

    List<WebhookEvent.SessionTaken> taken = events.stream()
        .filter(WebhookEvent.SessionTaken.class::isInstance).map(WebhookEvent.SessionTaken.class::cast).toList();
    assertThat(taken).extracting(t -> t.servedBy().username()).containsExactlyInAnyOrder("kim.jane", "sam.lee");
    assertThat(taken).extracting(t -> t.room().agent().email())
        .containsExactlyInAnyOrder("kim.jane@example.com", "sam.lee@example.com");

    List<WebhookEvent.MessageSent> messages = events.stream()
        .filter(WebhookEvent.MessageSent.class::isInstance).map(WebhookEvent.MessageSent.class::cast).toList();
    WebhookMessage fromVisitor = messages.stream().map(WebhookEvent.MessageSent::message)
        .filter(m -> hello.id().equals(m.id())).findFirst().orElseThrow();
    assertThat(fromVisitor.text()).isEqualTo("My order has not arrived");
    assertThat(fromVisitor.fromAgent()).isFalse();
    assertThat(fromVisitor.timestamp()).isEqualTo(hello.timestamp());
    WebhookMessage fromAgent = messages.stream().map(WebhookEvent.MessageSent::message)
        .filter(m -> reply.id().equals(m.id())).findFirst().orElseThrow();
    assertThat(fromAgent.text()).isEqualTo("Sorry! Which order?");
    assertThat(fromAgent.fromAgent()).isTrue();
    assertThat(fromAgent.agentId()).isEqualTo(kim.id());
    assertThat(fromAgent.user().username()).isEqualTo("kim.jane");
    WebhookMessage closing = messages.stream().map(WebhookEvent.MessageSent::message)
        .filter(WebhookMessage::closingMessage).findFirst().orElseThrow();
    assertThat(closing.text()).isEqualTo("Closed by visitor");

    WebhookEvent.LeadCaptured lead = only(events, WebhookEvent.LeadCaptured.class);
    assertThat(lead.room().messages()).isEmpty();
    assertThat(lead.room().visitor().emails()).containsExactly("ada@example.com", "ada.l@example.org");
    assertThat(lead.room().visitor().phones()).containsExactly("4155550123");

    List<WebhookEvent.SessionForwarded> forwarded = events.stream()
        .filter(WebhookEvent.SessionForwarded.class::isInstance).map(WebhookEvent.SessionForwarded.class::cast)
        .toList();
    WebhookEvent.SessionForwarded toAgent = forwarded.stream().filter(f -> f.oldServedBy() != null)
        .findFirst().orElseThrow();
    assertThat(toAgent.oldServedBy().username()).isEqualTo("kim.jane");
    assertThat(toAgent.servedBy().username()).isEqualTo("sam.lee");
    assertThat(toAgent.oldDepartmentId()).isNull();
    WebhookEvent.SessionForwarded toDepartment = forwarded.stream().filter(f -> f.oldServedBy() == null)
        .findFirst().orElseThrow();
    assertThat(toDepartment.departmentId()).isEqualTo("sales");
    assertThat(toDepartment.servedBy()).isNull();                       // back in the queue

    WebhookEvent.SessionClosed closed = only(events, WebhookEvent.SessionClosed.class);
    assertThat(closed.closer()).isEqualTo("visitor");
    assertThat(closed.closedBy().username()).isEqualTo(server.visitor(TOKEN).orElseThrow().username());
    assertThat(closed.closedAt()).isNotNull();
    assertThat(closed.departmentId()).isEqualTo("sales");
    // every visible message but the system ones (livechat-started, command, uj, transfer history)
    assertThat(closed.room().messages()).extracting(WebhookMessage::text).containsExactly(
        "My order has not arrived", "Sorry! Which order?", "Call me on 4155550123 or ada.l@example.org",
        "Closed by visitor");
    assertThat(closed.room().messages().get(3).closingMessage()).isTrue();

    WebhookEvent.OfflineMessageReceived offline = only(events, WebhookEvent.OfflineMessageReceived.class);
    assertThat(offline.name()).isEqualTo("Grace");
    assertThat(offline.email()).isEqualTo("grace@example.com");
    assertThat(offline.message()).isEqualTo("Call me back");
    assertThat(offline.sentAt()).isNotNull();

    assertThat(server.await(s -> s.webhookAttempts().size() == 13, WAIT)).isTrue();
    assertThat(server.webhookAttempts()).hasSize(13).allMatch(WebhookAttempt::delivered)
        .extracting(WebhookAttempt::token).containsOnly(SECRET);
  }

  @Test
  void autoSelectionSendsStartThenTakenAndNoQueued() throws InterruptedException {
    startFake(ServerSettings.defaults().withWebhook(toEndpoint().onAll()));
    server.agent("kim.jane");
    client.registerVisitor(NewVisitor.of(TOKEN));
    client.openRoom(TOKEN);
    // the room is created (onNewRoom), then its inquiry is READY and taken at once: QueueManager.requestRoom
    List<WebhookEvent> events = new ArrayList<>();
    for (RecordedRequest request : take(2)) {
      events.add(parse(request, null));
    }
    assertThat(events).extracting(WebhookEvent::type)
        .containsExactlyInAnyOrder("LivechatSessionStart", "LivechatSessionTaken");
    assertThat(server.await(s -> s.webhookAttempts().size() == 2, WAIT)).isTrue();   // recorded once answered
    assertThat(server.webhookAttempts()).extracting(WebhookAttempt::delivery, WebhookAttempt::type)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(1, "LivechatSessionStart"),
            org.assertj.core.groups.Tuple.tuple(2, "LivechatSessionTaken"));
  }

  @Test
  void theSecretIsSentOnlyWhenSet() throws InterruptedException {
    startFake(ServerSettings.defaults().withWebhook(toEndpoint().on(WebhookSettings.Trigger.OFFLINE_MSG)));
    client.sendOfflineMessage(OfflineMessage.of("Grace", "grace@example.com", "no secret"));
    RecordedRequest without = take(1).get(0);
    assertThat(without.getHeaders().names()).doesNotContain(LivechatWebhooks.TOKEN_HEADER);
    assertThat(parse(without, null)).isInstanceOf(WebhookEvent.OfflineMessageReceived.class);

    server.reconfigure(s -> s.withWebhook(s.webhook().withSecretToken(SECRET)));
    client.sendOfflineMessage(OfflineMessage.of("Grace", "grace@example.com", "with secret"));
    RecordedRequest with = take(1).get(0);
    assertThat(with.getHeaders().values(LivechatWebhooks.TOKEN_HEADER)).containsExactly(SECRET);
    assertThat(((WebhookEvent.OfflineMessageReceived) parse(with, SECRET)).message()).isEqualTo("with secret");
  }

  @Test
  void switchesOffPostNothing() throws InterruptedException {
    startFake(ServerSettings.defaults().withWebhook(toEndpoint().withSecretToken(SECRET)));   // a URL, no switch on
    FakeAgent kim = server.agent("kim.jane");
    client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada"));
    String rid = client.openRoom(TOKEN).room().id();
    client.sendMessage(TOKEN, rid, "Hello, write to ada@example.com");
    kim.reply(rid, "Hi");
    kim.closeRoom(rid);

    // One switch on, as a marker: its delivery is the fake's first, so none came before it.
    server.reconfigure(s -> s.withWebhook(s.webhook().on(WebhookSettings.Trigger.OFFLINE_MSG)));
    client.sendOfflineMessage(OfflineMessage.of("Grace", "grace@example.com", "marker"));
    assertThat(parse(take(1).get(0), SECRET)).isInstanceOf(WebhookEvent.OfflineMessageReceived.class);
    assertThat(server.await(s -> !s.webhookAttempts().isEmpty(), WAIT)).isTrue();
    assertThat(server.webhookAttempts()).singleElement().extracting(WebhookAttempt::delivery).isEqualTo(1);
    assertThat(received).isEmpty();
  }

  @Test
  void withoutAUrlNothingIsPostedWhateverTheSwitches() {
    startFake(ServerSettings.defaults().withWebhook(WebhookSettings.off().onAll()));
    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    client.sendMessage(TOKEN, rid, "Hello");
    server.reconfigure(s -> s.withWebhook(toEndpoint().on(WebhookSettings.Trigger.VISITOR_MESSAGE)));
    client.sendMessage(TOKEN, rid, "marker");
    assertThat(server.await(s -> s.webhookAttempts().size() == 1, WAIT)).isTrue();
    assertThat(server.webhookAttempts().get(0).delivery()).isEqualTo(1);
  }

  /**
   * A delivery whose 200 got lost (the endpoint handled it, then answered 500): the fake tries again
   * after the delay with the very same bytes, and the SDK's receiver recognises the retry.
   */
  @Test
  void aDeliveryAnswered500IsRetriedWithTheSameBodyAndTheReceiverDropsTheDuplicate() throws Exception {
    LivechatWebhooks webhooks = LivechatWebhooks.create(SECRET);
    List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    List<String> handled = new CopyOnWriteArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/livechat/webhook", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        WebhookDelivery delivery = webhooks.receive(exchange.getRequestHeaders(), in.readAllBytes());
        deliveries.add(delivery);
        if (!delivery.duplicate()) {
          handled.add(((WebhookEvent.MessageSent) delivery.event()).message().text());
        }
        exchange.sendResponseHeaders(requests.incrementAndGet() == 1 ? 500 : 200, -1);
      }
    });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/livechat/webhook";
      startFake(ServerSettings.defaults().withWebhook(WebhookSettings.to(url).withSecretToken(SECRET)
          .on(WebhookSettings.Trigger.AGENT_MESSAGE).withRetryDelay(FAST_RETRY)));
      FakeAgent kim = server.agent("kim.jane");
      client.registerVisitor(NewVisitor.of(TOKEN));
      String rid = client.openRoom(TOKEN).room().id();
      kim.reply(rid, "Your parcel left today");

      assertThat(server.await(s -> s.webhookAttempts().size() == 2, WAIT)).isTrue();
      List<WebhookAttempt> attempts = server.webhookAttempts();
      assertThat(attempts).extracting(WebhookAttempt::attempt, WebhookAttempt::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500), org.assertj.core.groups.Tuple.tuple(2, 200));
      assertThat(attempts.get(0).retried()).isTrue();
      assertThat(attempts.get(1).delivered()).isTrue();
      assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
      assertThat(attempts).extracting(WebhookAttempt::delivery).containsOnly(1);
      assertThat(Duration.between(attempts.get(0).sentAt(), attempts.get(1).sentAt())).isGreaterThanOrEqualTo(FAST_RETRY);

      assertThat(deliveries).extracting(WebhookDelivery::duplicate).containsExactly(false, true);
      assertThat(deliveries.get(1).key()).isEqualTo(deliveries.get(0).key());
      assertThat(handled).containsExactly("Your parcel left today");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void retriesAfterNoAnswer5xxAnd429FiveTriesInAll() throws InterruptedException {
    AtomicInteger answers = new AtomicInteger();
    status = () -> switch (answers.incrementAndGet()) {
      case 1 -> 503;
      case 2 -> 429;
      default -> 502;
    };
    startFake(ServerSettings.defaults().withWebhook(toEndpoint().on(WebhookSettings.Trigger.OFFLINE_MSG)));
    client.sendOfflineMessage(OfflineMessage.of("Grace", "grace@example.com", "again and again"));

    List<RecordedRequest> requests = take(5);
    assertThat(requests).extracting(r -> r.getBody().utf8()).containsOnly(requests.get(0).getBody().utf8());
    assertThat(server.await(s -> s.webhookAttempts().size() == 5, WAIT)).isTrue();
    assertThat(server.webhookAttempts()).extracting(WebhookAttempt::status).containsExactly(503, 429, 502, 502, 502);
    assertThat(server.webhookAttempts().get(4).retried()).isFalse();
    assertThat(received.poll(FAST_RETRY.multipliedBy(6).toMillis(), TimeUnit.MILLISECONDS)).isNull();   // no sixth
  }

  @Test
  void anotherStatusIsNotRetried() throws InterruptedException {
    status = () -> 404;
    startFake(ServerSettings.defaults().withWebhook(toEndpoint().on(WebhookSettings.Trigger.OFFLINE_MSG)));
    client.sendOfflineMessage(OfflineMessage.of("Grace", "grace@example.com", "once"));
    take(1);
    assertThat(server.await(s -> s.webhookAttempts().size() == 1, WAIT)).isTrue();
    assertThat(server.webhookAttempts().get(0).retried()).isFalse();
    assertThat(received.poll(FAST_RETRY.multipliedBy(6).toMillis(), TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aRefusedConnectionIsRetried() {
    int closedPort = endpoint.getPort();
    endpoint.close();                                                  // nothing listens there now
    startFake(ServerSettings.defaults().withWebhook(WebhookSettings.to("http://127.0.0.1:" + closedPort + "/hook")
        .on(WebhookSettings.Trigger.OFFLINE_MSG).withRetryDelay(Duration.ofMillis(10))));
    client.sendOfflineMessage(OfflineMessage.of("Grace", "grace@example.com", "anyone?"));
    assertThat(server.await(s -> s.webhookAttempts().size() == 5, WAIT)).isTrue();
    assertThat(server.webhookAttempts()).allSatisfy(attempt -> {
      assertThat(attempt.status()).isNull();
      assertThat(attempt.failure()).isNotBlank();
    });
  }

  @Test
  void theAnswerOf200ComesBackAsCrmData() throws InterruptedException {
    endpoint.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        received.add(request);
        return new MockResponse.Builder().code(200).body("{\"contact\":\"crm-7\"}").build();
      }
    });
    startFake(ServerSettings.defaults().withWebhook(toEndpoint().on(WebhookSettings.Trigger.VISITOR_MESSAGE)));
    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    client.sendMessage(TOKEN, rid, "first");
    assertThat(((WebhookEvent.RoomEvent) parse(take(1).get(0), null)).room().crmData()).isNull();
    assertThat(server.await(s -> s.webhookAttempts().size() == 1, WAIT)).isTrue();
    client.sendMessage(TOKEN, rid, "second");
    assertThat(((WebhookEvent.RoomEvent) parse(take(1).get(0), null)).room().crmData())
        .isEqualTo("{\"contact\":\"crm-7\"}");
  }

  @Test
  void theDelayIsFourHttpTimeoutsUnlessSet() {
    assertThat(WebhookSettings.off().delayBetweenTries()).isEqualTo(Duration.ofSeconds(20));
    assertThat(WebhookSettings.off().withHttpTimeout(Duration.ofSeconds(2)).delayBetweenTries())
        .isEqualTo(Duration.ofSeconds(8));
    assertThat(WebhookSettings.off().withRetryDelay(Duration.ofMillis(5)).delayBetweenTries())
        .isEqualTo(Duration.ofMillis(5));
    assertThat(ServerSettings.defaults().webhook()).isEqualTo(WebhookSettings.off());
  }
}
