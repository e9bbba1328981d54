package dev.livechat.client.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.exception.LivechatWebhookException;
import dev.livechat.client.exception.RateLimit;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeListener;
import dev.livechat.client.realtime.RealtimeOptions;
import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryListener;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.ServerSettings;
import dev.livechat.client.testing.WebhookSettings;
import dev.livechat.client.webhook.LivechatWebhooks;
import dev.livechat.client.webhook.WebhookDelivery;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LivechatMetrics} bound to a {@link SimpleMeterRegistry}, fed by a real client, realtime
 * session and webhook receiver against {@link FakeLivechatServer}: the values, not only the names.
 */
class LivechatMetricsServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LivechatMetrics metrics = new LivechatMetrics();
  /** Every event, after the metrics recorded it: what the tests wait on. */
  private final BlockingQueue<TelemetryEvent> seen = new LinkedBlockingQueue<>();
  private final TelemetryListener listener = event -> {
    metrics.onEvent(event);
    seen.add(event);
  };
  private FakeLivechatServer server;
  private LivechatClient client;

  private void start(ServerSettings settings, LivechatClient.Builder builder) {
    metrics.bindTo(registry);
    server = FakeLivechatServer.start(settings);
    client = builder.baseUrl(server.url()).telemetry(listener).build();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The next event of {@code type} the listener was given, skipping others; fails after WAIT. */
  private <T extends TelemetryEvent> T next(Class<T> type) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      TelemetryEvent event = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(event).as("a %s", type.getSimpleName()).isNotNull();
      if (type.isInstance(event)) {
        return type.cast(event);
      }
    }
  }

  @Test
  void aSuccessfulCallIsTimedWithItsMethodRouteOutcomeAndStatusClass() {
    start(ServerSettings.defaults(), LivechatClient.builder());

    long started = System.nanoTime();
    client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada"));
    long elapsed = System.nanoTime() - started;

    Timer requests = registry.get("livechat.client.requests")
        .tags("method", "POST", "route", "livechat/visitor", "outcome", "SUCCESS", "status", "2xx").timer();
    assertThat(requests.count()).isEqualTo(1);
    assertThat(requests.totalTime(TimeUnit.NANOSECONDS)).isPositive().isLessThanOrEqualTo(elapsed);
    assertThat(registry.find("livechat.client.requests").timers()).hasSize(1);
    Timer attempts = registry.get("livechat.client.attempts")
        .tags("method", "POST", "route", "livechat/visitor", "status", "2xx").timer();
    assertThat(attempts.count()).isEqualTo(1);
    assertThat(attempts.totalTime(TimeUnit.NANOSECONDS)).isLessThanOrEqualTo(requests.totalTime(TimeUnit.NANOSECONDS));
    assertThat(registry.find("livechat.client.retries").counters()).isEmpty();
  }

  @Test
  void aCallRetriedAfterTwo503sCountsTwoRetriesAndThreeAttempts() {
    start(ServerSettings.defaults(), LivechatClient.builder()
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(20))));
    server.refuseNext(2);

    client.config();

    assertThat(registry.get("livechat.client.retries")
        .tags("method", "GET", "route", "livechat/config", "reason", "UNAVAILABLE").counter().count()).isEqualTo(2);
    assertThat(registry.get("livechat.client.attempts").tags("route", "livechat/config", "status", "5xx").timer()
        .count()).isEqualTo(2);
    assertThat(registry.get("livechat.client.attempts").tags("route", "livechat/config", "status", "2xx").timer()
        .count()).isEqualTo(1);
    Timer requests = registry.get("livechat.client.requests")
        .tags("method", "GET", "route", "livechat/config", "outcome", "SUCCESS", "status", "2xx").timer();
    assertThat(requests.count()).as("one call, however many attempts").isEqualTo(1);
    assertThat(requests.totalTime(TimeUnit.NANOSECONDS)).as("the call includes its attempts and backoff")
        .isGreaterThanOrEqualTo((long) registry.get("livechat.client.attempts").timers().stream()
            .mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS)).sum());
    assertThat(server.requestCount()).isEqualTo(3);
  }

  /**
   * {@code POST livechat/offline.message} allows one call per 5 s: the first answer says none is
   * left until its reset, and the client told to wait waits for it before sending the second.
   */
  @Test
  void aWaitForTheRateLimitsResetIsTimedUntilThatReset() {
    start(ServerSettings.defaults().withRateLimiter(true), LivechatClient.builder().waitWhenRateLimited(true));
    OfflineMessage message = OfflineMessage.of("Ada", "ada@example.com", "Please call me back");

    client.sendOfflineMessage(message);
    RateLimit limit = client.rateLimits().get("POST /api/v1/livechat/offline.message");
    assertThat(limit.remaining()).isZero();
    Instant before = Instant.now();
    client.sendOfflineMessage(message);

    Timer waits = registry.get("livechat.client.rate.limit.wait")
        .tags("method", "POST", "route", "livechat/offline.message").timer();
    assertThat(waits.count()).isEqualTo(1);
    Duration waited = Duration.ofNanos((long) waits.totalTime(TimeUnit.NANOSECONDS));
    Duration untilReset = Duration.between(before, limit.resetAt());
    // It waited from a moment after `before` until the reset: at most untilReset, and not much less.
    assertThat(waited).isLessThanOrEqualTo(untilReset.plusMillis(1))
        .isGreaterThanOrEqualTo(untilReset.minusMillis(500))
        .isGreaterThan(Duration.ofSeconds(2));
    assertThat(registry.find("livechat.client.attempts").tag("status", "4xx").timers())
        .as("no 429 collected").isEmpty();
    assertThat(registry.get("livechat.client.requests").tags("route", "livechat/offline.message",
        "outcome", "SUCCESS").timer().count()).isEqualTo(2);
    assertThat(server.offlineMessages()).hasSize(2);
  }

  /**
   * Without {@code waitWhenRateLimited} the second call collects the 429, and the retry policy
   * waits for the server's stated reset before trying again: a retry for RATE_LIMITED whose delay
   * reaches the reset, and a 4xx attempt before the 2xx one.
   */
  @Test
  void a429IsRetriedAfterTheServersResetAndCountedAsARateLimitedRetry() throws InterruptedException {
    start(ServerSettings.defaults().withRateLimiter(true), LivechatClient.builder());
    OfflineMessage message = OfflineMessage.of("Ada", "ada@example.com", "Please call me back");

    client.sendOfflineMessage(message);
    Instant resetAt = client.rateLimits().get("POST /api/v1/livechat/offline.message").resetAt();
    seen.clear();
    Instant before = Instant.now();
    client.sendOfflineMessage(message);

    TelemetryEvent.RetryScheduled retry = next(TelemetryEvent.RetryScheduled.class);
    assertThat(retry.reason()).isEqualTo(TelemetryEvent.RetryReason.RATE_LIMITED);
    Duration untilReset = Duration.between(before, resetAt);
    assertThat(retry.delay()).as("the server's reset").isBetween(untilReset.minusSeconds(1), untilReset.plusSeconds(1));
    assertThat(registry.get("livechat.client.retries").tags("method", "POST", "route", "livechat/offline.message",
        "reason", "RATE_LIMITED").counter().count()).isEqualTo(1);
    assertThat(registry.get("livechat.client.attempts").tags("route", "livechat/offline.message", "status", "4xx")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get("livechat.client.attempts").tags("route", "livechat/offline.message", "status", "2xx")
        .timer().count()).isEqualTo(2);
    Timer second = registry.get("livechat.client.requests").tags("route", "livechat/offline.message",
        "outcome", "SUCCESS", "status", "2xx").timer();
    assertThat(second.count()).isEqualTo(2);
    assertThat(Duration.ofNanos((long) second.max(TimeUnit.NANOSECONDS)))
        .as("the retried call lasted at least the delay it waited").isGreaterThanOrEqualTo(retry.delay());
    assertThat(server.offlineMessages()).hasSize(2);
  }

  @Test
  void aDroppedConnectionCountsOneReconnectAndTheGapFillOfWhatCameMeanwhile() throws InterruptedException {
    start(ServerSettings.defaults(), LivechatClient.builder());
    client.registerVisitor(NewVisitor.of(TOKEN));
    String rid = client.openRoom(TOKEN).room().id();
    BlockingQueue<RealtimeEvent> events = new LinkedBlockingQueue<>();
    // A second between losing the connection and the next attempt: the agent's two replies are
    // stored while the room is away, and only the gap fill can bring them.
    RealtimeOptions slowReconnect = RealtimeOptions.defaults()
        .withReconnectDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
    FakeAgent smith = server.agent("agent.smith");
    try (LivechatRealtime session = client.realtime(TOKEN, rid, slowReconnect, new RealtimeListener() {
      @Override
      public void onEvent(RealtimeEvent event) {
        events.add(event);
      }
    })) {
      awaitState(events, ConnectionState.CONNECTED);
      assertThat(server.await(s -> s.subscriptionCount(rid) == 5, WAIT)).as("subscribed").isTrue();
      smith.reply(rid, "before the drop");
      assertThat(nextMessage(events).text()).isEqualTo("before the drop");
      assertThat(connections("CONNECTED")).isEqualTo(1);

      // The first connection may load history too (a catch-up when a subscription began after its
      // baseline); only what comes from now on is this drop's.
      long fillsBefore = registry.get("livechat.realtime.gap.fills").timer().count();
      double recoveredBefore = registry.get("livechat.realtime.gap.fill.messages").summary().totalAmount();
      seen.clear();
      server.dropAllConnections();
      awaitState(events, ConnectionState.WAITING);
      assertThat(connections("CONNECTED")).isZero();
      assertThat(connections("WAITING")).isEqualTo(1);
      smith.reply(rid, "while you were away");
      smith.reply(rid, "are you still there?");

      int recovered = 0;
      while (recovered < 2) {
        recovered += next(TelemetryEvent.GapFilled.class).messages();
      }
      awaitState(events, ConnectionState.CONNECTED);

      assertThat(recovered).isEqualTo(2);
      assertThat(registry.get("livechat.realtime.reconnects").counter().count()).isEqualTo(1);
      assertThat(registry.get("livechat.realtime.gap.fills").timer().count()).isGreaterThan(fillsBefore);
      assertThat(registry.get("livechat.realtime.gap.fill.messages").summary().totalAmount() - recoveredBefore)
          .as("the messages stored while away").isEqualTo(2);
      assertThat(registry.get("livechat.realtime.events").tag("type", "MessageReceived").counter().count())
          .isEqualTo(3);
      assertThat(connections("CONNECTED")).isEqualTo(1);
      assertThat(connections("WAITING")).isZero();
    }
    assertThat(connections("CONNECTED")).as("a closed room leaves the gauge").isZero();
  }

  private double connections(String state) {
    return registry.get("livechat.realtime.connections").tag("state", state).gauge().value();
  }

  private static void awaitState(BlockingQueue<RealtimeEvent> events, ConnectionState state)
      throws InterruptedException {
    while (true) {
      RealtimeEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("state %s", state).isNotNull();
      if (event instanceof RealtimeEvent.ConnectionStateChanged changed && changed.state() == state) {
        return;
      }
    }
  }

  private static Message nextMessage(BlockingQueue<RealtimeEvent> events) throws InterruptedException {
    while (true) {
      RealtimeEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("a message").isNotNull();
      if (event instanceof RealtimeEvent.MessageReceived received) {
        return received.message();
      }
    }
  }

  /**
   * The fake posts the visitor's message to an endpoint that handles it and answers 500 (as if its
   * 200 were lost): the fake tries again, and the receiver counts the retry as a duplicate.
   */
  @Test
  void aRetriedWebhookDeliveryIsCountedAsADuplicate() throws Exception {
    String secret = "s3cret";
    LivechatWebhooks webhooks = LivechatWebhooks.builder().secret(secret).telemetry(listener).build();
    AtomicInteger loseAnswers = new AtomicInteger(1);
    HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext("/webhook", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        int status;
        try {
          WebhookDelivery delivery = webhooks.receive(exchange.getRequestHeaders(), in.readAllBytes());
          status = !delivery.duplicate() && loseAnswers.getAndDecrement() > 0 ? 500 : 200;
        } catch (LivechatWebhookException e) {
          status = e.responseStatus();
        }
        exchange.sendResponseHeaders(status, -1);
      }
    });
    endpoint.start();
    try {
      String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/webhook";
      start(ServerSettings.defaults().withWebhook(WebhookSettings.to(url).withSecretToken(secret)
          .on(WebhookSettings.Trigger.VISITOR_MESSAGE).withRetryDelay(Duration.ofMillis(50))),
          LivechatClient.builder());
      client.registerVisitor(NewVisitor.of(TOKEN));
      String rid = client.openRoom(TOKEN).room().id();
      client.sendMessage(TOKEN, rid, "Hello!");

      assertThat(server.await(s -> s.webhookAttempts().stream().anyMatch(a -> a.delivered()), WAIT)).isTrue();
      assertThatThrownBy(() -> webhooks.receive("wrong", "{}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(LivechatWebhookException.class);

      assertThat(server.webhookAttempts()).extracting(a -> a.status()).containsExactly(500, 200);
      assertThat(deliveries("ACCEPTED", "200")).isEqualTo(1);
      assertThat(deliveries("DUPLICATE", "200")).isEqualTo(1);
      assertThat(deliveries("REFUSED", "401")).isEqualTo(1);
    } finally {
      endpoint.stop(0);
    }
  }

  private double deliveries(String result, String status) {
    return registry.get("livechat.webhook.deliveries").tags("result", result, "status", status).counter().count();
  }
}
