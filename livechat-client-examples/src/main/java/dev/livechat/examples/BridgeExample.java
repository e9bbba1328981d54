package dev.livechat.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.exception.LivechatWebhookException;
import dev.livechat.client.micrometer.LivechatMetrics;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.LivechatHub;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.ServerSettings;
import dev.livechat.client.testing.WebhookSettings;
import dev.livechat.client.webhook.LivechatWebhooks;
import dev.livechat.client.webhook.WebhookDelivery;
import dev.livechat.client.webhook.WebhookEvent;
import dev.livechat.client.webhook.WebhookMessage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A bridge from another channel into Livechat: visitors on "WhatsApp" (simulated in this process:
 * a few users who write text lines and receive them) talk to Rocket.Chat's agents. Each user's lines
 * go to Livechat through one {@link LivechatClient}, asynchronously and in order per user; the
 * agents' replies come back either by the Livechat webhook (an endpoint on the JDK's HTTP server
 * reading deliveries with {@link LivechatWebhooks}, retries dropped as duplicates) or over the
 * realtime streams of one {@link LivechatHub}, and go to the right user. The client's and the
 * webhook receiver's telemetry goes to Micrometer ({@link LivechatMetrics}), which Prometheus can
 * scrape at {@code GET /metrics} on the same HTTP server.
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -DskipTests verify -Dexample=dev.livechat.examples.BridgeExample
 * mvn -B -ntp -q -Pdemo -DskipTests verify -Dexample=dev.livechat.examples.BridgeExample -Dbridge.mode=hub
 * </pre>
 *
 * <p><b>Without {@code LIVECHAT_URL}</b> it starts {@link FakeLivechatServer} in this process with a
 * scripted agent who answers every message, has it post its webhook to the bridge (retrying after
 * 200 ms rather than the server's 20 s), loses the bridge's first two 200 answers on the way (so the
 * fake retries those deliveries and the bridge drops them as duplicates), prints the relayed
 * conversation, and stops once every reply reached its user; last, it reads its own {@code /metrics}
 * and prints the request and webhook counts it found there.
 *
 * <p><b>With {@code LIVECHAT_URL}</b> it talks to that server: the simulated users write, and the
 * bridge relays what agents answer in the server's agent view for {@code BRIDGE_WAIT_SECONDS}
 * (default 120). The webhook mode then needs the bridge reachable from the server and the server
 * configured for it (Omnichannel → Webhooks): Webhook URL {@code http://<this host>:<PORT>/livechat/webhook}
 * ({@code PORT}, default 8080), Secret Token equal to {@code LIVECHAT_WEBHOOK_SECRET}, and "Send
 * request on agent messages" on. The hub mode needs nothing but the URL. In both modes Prometheus
 * can scrape {@code http://<this host>:<PORT>/metrics}.
 *
 * <p>Choose the mode with {@code -Dbridge.mode=webhook|hub} or {@code BRIDGE_MODE} (default webhook).
 */
public final class BridgeExample {
  /** How the bridge hears agents' replies. */
  public enum Mode {
    /** Rocket.Chat POSTs each agent message to the bridge's endpoint. */
    WEBHOOK,
    /** The bridge follows every room over a few WebSockets. */
    HUB
  }

  /** A line on the other channel: who (their phone number) and what. */
  public record Line(String phone, String text) {}

  /**
   * What a run relayed: the users' lines sent to Livechat, and the lines the users received; and the
   * bridge's {@code /metrics} (Prometheus text format) as scraped at the end.
   */
  public record Result(List<Line> toLivechat, List<Line> toUsers, List<Line> agentReplies, int duplicatesDropped,
      String metrics) {}

  /** The simulated users: phone number, name, and what each writes. */
  static final List<User> USERS = List.of(
      new User("+4915110000001", "Ada", List.of("Hi, my parcel has not arrived", "Order 1234, sent last Monday")),
      new User("+4915110000002", "Grace", List.of("Can I change my delivery address?", "It is 1 Main Street now")),
      new User("+4915110000003", "Linus", List.of("Do you ship to Finland?", "Thanks!")));

  record User(String phone, String name, List<String> lines) {}

  private BridgeExample() {}

  public static void main(String[] args) throws Exception {
    String modeName = System.getProperty("bridge.mode", env("BRIDGE_MODE", "webhook"));
    Mode mode = Mode.valueOf(modeName.trim().toUpperCase(Locale.ROOT));
    String url = System.getenv("LIVECHAT_URL");
    if (url == null || url.isBlank()) {
      Result result = runWithFakeServer(mode, System.out);
      if (result.toUsers().size() != result.agentReplies().size()) {
        throw new IllegalStateException("not every reply reached its user");
      }
      return;
    }
    runAgainst(url, mode, System.out);
  }

  // ---- the channel ----

  /**
   * The other channel, simulated: users write lines (to the bridge) and receive lines (from it). A
   * real bridge has the WhatsApp, SMS or e-mail API here.
   */
  static final class FakeChannel {
    private final PrintStream out;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    final List<Line> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger expected = new AtomicInteger();
    private final Object lock = new Object();

    FakeChannel(PrintStream out) {
      this.out = out;
      USERS.forEach(user -> names.put(user.phone(), user.name()));
    }

    /** The bridge sends {@code text} to the user with {@code phone}. */
    void deliver(String phone, String text) {
      out.printf("  whatsapp  %-6s <- %s%n", names.getOrDefault(phone, phone), text);
      synchronized (lock) {
        received.add(new Line(phone, text));
        lock.notifyAll();
      }
    }

    /** Waits until {@code count} lines were delivered, or {@code timeout} passed. */
    boolean awaitReceived(int count, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lock) {
        while (received.size() < count) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
        return true;
      }
    }
  }

  // ---- the bridge ----

  /**
   * The bridge: a visitor per phone number (its token derived from the number, so a restart finds
   * the same visitor and open room), one room each, and the way back from room to phone.
   */
  static final class Bridge {
    private final LivechatClient client;
    private final FakeChannel channel;
    private final PrintStream out;
    private final Map<String, String> phoneByToken = new ConcurrentHashMap<>();
    private final Map<String, String> phoneByRoom = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> roomByPhone = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> caughtUp = new ConcurrentHashMap<>();
    final List<Line> sent = new CopyOnWriteArrayList<>();
    private volatile LivechatHub hub;

    Bridge(LivechatClient client, FakeChannel channel, PrintStream out) {
      this.client = client;
      this.channel = channel;
      this.out = out;
    }

    static String token(String phone) {
      return "whatsapp-" + phone.replaceAll("[^0-9]", "");
    }

    /** Hear replies over realtime: every room opened from now on is added to {@code hub}. */
    void useHub(LivechatHub hub) {
      this.hub = hub;
    }

    /**
     * A user wrote {@code text}: registered and given a room on their first line, then sent; the lines
     * of one user go out one after the other, those of different users at once.
     */
    CompletableFuture<?> fromUser(String phone, String name, String text) {
      out.printf("  whatsapp  %-6s -> %s%n", name, text);
      return tails.compute(phone, (p, previous) -> (previous == null ? CompletableFuture.completedFuture(null)
          : previous.exceptionally(failure -> null))
          .thenCompose(ignored -> room(phone, name))
          .thenCompose(rid -> client.async().sendMessage(SendMessageRequest.of(token(phone), rid, text)))
          .thenAccept(message -> sent.add(new Line(phone, text))));
    }

    private CompletableFuture<String> room(String phone, String name) {
      return roomByPhone.computeIfAbsent(phone, p -> {
        String token = token(phone);
        phoneByToken.put(token, phone);
        return client.async().registerVisitor(NewVisitor.of(token).withName(name).withPhone(phone))
            .thenCompose(visitor -> client.async().openRoom(token))
            .thenCompose(result -> {
              String rid = result.room().id();
              phoneByRoom.put(rid, phone);
              if (hub == null) {
                return CompletableFuture.completedFuture(rid);
              }
              // The hub starts a room at its newest message when it subscribes: send only once it
              // is CONNECTED, or an agent's quick reply could predate the hub's starting point.
              CompletableFuture<Void> connected = caughtUp.computeIfAbsent(rid, r -> new CompletableFuture<>());
              hub.add(token, rid);
              return connected.thenApply(ignored -> rid);
            });
      });
    }

    /** The webhook's way back: an agent's message, by the visitor token of its room. */
    void onWebhookEvent(WebhookEvent event) {
      if (event instanceof WebhookEvent.MessageSent sent && sent.message() != null && sent.room().visitor() != null) {
        WebhookMessage message = sent.message();
        String phone = phoneByToken.get(sent.room().visitor().token());
        if (phone != null && message.fromAgent() && !message.closingMessage() && message.text() != null) {
          channel.deliver(phone, message.text());
        }
      }
    }

    /** The hub's way back: a message without a visitor token and without a type is an agent's. */
    void onHubEvent(String roomId, RealtimeEvent event) {
      if (event instanceof RealtimeEvent.ConnectionStateChanged changed && changed.state() == ConnectionState.CONNECTED) {
        caughtUp.computeIfAbsent(roomId, r -> new CompletableFuture<>()).complete(null);
      } else if (event instanceof RealtimeEvent.MessageReceived received) {
        Message message = received.message();
        String phone = phoneByRoom.get(roomId);
        if (phone != null && message.token() == null && message.type() == null && message.text() != null) {
          channel.deliver(phone, message.text());
        }
      }
    }
  }

  // ---- the webhook endpoint ----

  /**
   * The bridge's HTTP server (the JDK's). {@code POST /livechat/webhook}, when given a secret: the
   * secret checked and the event read by {@link LivechatWebhooks}, each delivery handed on once (a
   * retry is answered 200 and dropped). {@code loseAnswers} of the first deliveries are answered 500
   * after they were handled, as if the 200 had been lost on the way: the server then sends them
   * again. {@code GET /metrics}: the Prometheus scrape of {@code registry}.
   */
  static final class Endpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final LivechatWebhooks webhooks;
    private final Consumer<WebhookEvent> handler;
    private final AtomicInteger loseAnswers;
    private final PrometheusMeterRegistry registry;
    private final PrintStream out;
    final AtomicInteger duplicates = new AtomicInteger();

    /**
     * @param secret the webhook's secret token, or null to serve {@code /metrics} only
     * @param metrics the webhook receiver's telemetry
     */
    Endpoint(InetSocketAddress address, String secret, Consumer<WebhookEvent> handler, int loseAnswers,
        LivechatMetrics metrics, PrometheusMeterRegistry registry, PrintStream out) throws IOException {
      this.webhooks = secret == null ? null : LivechatWebhooks.builder().secret(secret).telemetry(metrics).build();
      this.handler = handler;
      this.loseAnswers = new AtomicInteger(loseAnswers);
      this.registry = registry;
      this.out = out;
      this.server = HttpServer.create(address, 0);
      if (webhooks != null) {
        server.createContext("/livechat/webhook", this::handle);
      }
      server.createContext("/metrics", this::metrics);
      server.setExecutor(threads);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/livechat/webhook";
    }

    String metricsUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
    }

    /** {@code GET /metrics}: the meters in Prometheus's text format. */
    private void metrics(HttpExchange exchange) throws IOException {
      try (exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream response = exchange.getResponseBody()) {
          response.write(body);
        }
      }
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        if (!"POST".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        WebhookDelivery delivery;
        try {
          delivery = webhooks.receive(exchange.getRequestHeaders(), in.readNBytes(16 * 1024 * 1024));
        } catch (LivechatWebhookException e) {
          exchange.sendResponseHeaders(e.responseStatus(), -1);
          return;
        }
        if (delivery.duplicate()) {
          duplicates.incrementAndGet();
          out.println("  (webhook  a retry of a delivery already relayed: dropped)");
          exchange.sendResponseHeaders(200, -1);
          return;
        }
        try {
          handler.accept(delivery.event());
        } catch (RuntimeException e) {
          webhooks.forget(delivery);                 // let the server's retry through
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        boolean lose = delivery.event() instanceof WebhookEvent.MessageSent && loseAnswers.getAndDecrement() > 0;
        if (lose) {
          out.println("  (webhook  the 200 for that delivery gets lost: the server will send it again)");
        }
        exchange.sendResponseHeaders(lose ? 500 : 200, -1);   // answer 200 with an empty body: no crmData
      }
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdown();
    }
  }

  // ---- runs ----

  /**
   * Runs the bridge against an in-process {@link FakeLivechatServer} with a scripted agent, until
   * every reply reached its user (30 s at most), and returns what was relayed.
   */
  public static Result runWithFakeServer(Mode mode, PrintStream out) throws Exception {
    String secret = "bridge-" + Long.toHexString(new SecureRandom().nextLong());
    FakeChannel channel = new FakeChannel(out);
    List<Line> replies = new CopyOnWriteArrayList<>();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.bindTo(registry);
    try (Scope scope = new Scope()) {
      Bridge[] bridge = new Bridge[1];   // made once the fake runs; the endpoint must be up before that
      Endpoint endpoint = scope.add(new Endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          mode == Mode.WEBHOOK ? secret : null, event -> bridge[0].onWebhookEvent(event), 2, metrics, registry, out));
      ServerSettings settings = ServerSettings.defaults();
      if (mode == Mode.WEBHOOK) {
        settings = settings.withWebhook(WebhookSettings.to(endpoint.url()).withSecretToken(secret)
            .on(WebhookSettings.Trigger.AGENT_MESSAGE).withRetryDelay(Duration.ofMillis(200)));
      }
      FakeLivechatServer server = scope.add(FakeLivechatServer.start(settings));
      LivechatClient client = scope.add(LivechatClient.builder().baseUrl(server.url()).telemetry(metrics).build());
      out.println("LIVECHAT_URL is not set: bridging to an in-process FakeLivechatServer at " + server.url()
          + " with a scripted agent; replies by " + (mode == Mode.WEBHOOK
              ? "webhook at " + endpoint.url() : "realtime hub") + ".");
      bridge[0] = new Bridge(client, channel, out);
      if (mode == Mode.HUB) {
        bridge[0].useHub(scope.add(client.hub(bridge[0]::onHubEvent)));
      }
      ScriptedAgent agent = scope.add(new ScriptedAgent(server, server.agent("kim.jane", "Kim Jane"), bridge[0],
          replies));

      int lines = 0;
      boolean all = true;
      for (int turn = 0; turn < 2 && all; turn++) {   // each user writes, then waits for the answer
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (User user : USERS) {
          sends.add(bridge[0].fromUser(user.phone(), user.name(), user.lines().get(turn)));
          lines++;
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        all = channel.awaitReceived(lines, Duration.ofSeconds(30));
      }
      agent.stop();
      int duplicates = endpoint.duplicates.get();
      if (mode == Mode.WEBHOOK) {
        // the lost answers' retries come 200 ms later: wait for them so that the run shows them
        server.await(s -> s.webhookAttempts().stream().filter(a -> a.delivered()).count() == replies.size(),
            Duration.ofSeconds(10));
        duplicates = endpoint.duplicates.get();
      }
      out.printf("%s: %d lines relayed to Livechat, %d replies relayed to %d users%s%n",
          all ? "done" : "timed out", bridge[0].sent.size(), channel.received.size(), USERS.size(),
          mode == Mode.WEBHOOK ? ", " + duplicates + " retried deliveries dropped as duplicates" : "");
      String scraped = scrape(endpoint.metricsUrl());
      out.printf("metrics at %s:%n", endpoint.metricsUrl());
      scraped.lines()
          .filter(line -> line.startsWith("livechat_client_requests_seconds_count")
              || line.startsWith("livechat_webhook_deliveries_total"))
          .forEach(line -> out.println("  " + line));
      return new Result(List.copyOf(bridge[0].sent), List.copyOf(channel.received), List.copyOf(replies), duplicates,
          scraped);
    }
  }

  /** Against a real server: the users write, and the bridge relays agents' replies for a while. */
  static void runAgainst(String url, Mode mode, PrintStream out) throws Exception {
    long waitSeconds = Long.parseLong(env("BRIDGE_WAIT_SECONDS", "120"));
    FakeChannel channel = new FakeChannel(out);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.bindTo(registry);
    try (Scope scope = new Scope()) {
      LivechatClient client = scope.add(LivechatClient.builder().baseUrl(url).telemetry(metrics).build());
      Bridge bridge = new Bridge(client, channel, out);
      int port = Integer.parseInt(env("PORT", "8080"));
      if (mode == Mode.WEBHOOK) {
        String secret = System.getenv("LIVECHAT_WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
          out.println("Set LIVECHAT_WEBHOOK_SECRET to the webhook's Secret Token in Rocket.Chat, or use -Dbridge.mode=hub.");
          System.exit(2);
        }
        scope.add(new Endpoint(new InetSocketAddress(port), secret, bridge::onWebhookEvent, 0, metrics, registry, out));
        out.println("Receiving agents' replies at http://<this host>:" + port + "/livechat/webhook: configure it"
            + " in Rocket.Chat (Omnichannel → Webhooks) with the same secret and \"Send request on agent messages\".");
      } else {
        scope.add(new Endpoint(new InetSocketAddress(port), null, event -> {}, 0, metrics, registry, out));
        bridge.useHub(scope.add(client.hub(bridge::onHubEvent)));
      }
      out.println("Prometheus can scrape http://<this host>:" + port + "/metrics.");
      out.println("Bridging " + USERS.size() + " simulated WhatsApp users to " + url + "; answer them in the agent"
          + " view. Relaying replies for " + waitSeconds + " s.");
      List<CompletableFuture<?>> sends = new ArrayList<>();
      for (User user : USERS) {
        sends.add(bridge.fromUser(user.phone(), user.name(), user.lines().get(0)));
      }
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      new CountDownLatch(1).await(waitSeconds, TimeUnit.SECONDS);
      out.printf("done: %d lines relayed to Livechat, %d replies relayed to users%n",
          bridge.sent.size(), channel.received.size());
    }
  }

  /**
   * The agent of the fake server, played by a thread: it answers each visitor message once, by
   * watching the fake's rooms ({@link FakeLivechatServer#await}, no polling).
   */
  static final class ScriptedAgent implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;

    ScriptedAgent(FakeLivechatServer server, FakeAgent agent, Bridge bridge, List<Line> replies) {
      Set<String> answered = new HashSet<>();
      this.thread = new Thread(() -> {
        while (!stopped) {
          server.await(s -> stopped || !unanswered(s, answered).isEmpty(), Duration.ofMillis(500));
          for (Message message : unanswered(server, answered)) {
            answered.add(message.id());
            String phone = bridge.phoneByRoom.get(message.roomId());
            String reply = "Kim here: about \"" + message.text() + "\", let me check that for you.";
            agent.reply(message.roomId(), reply);
            replies.add(new Line(phone, reply));
          }
        }
      }, "scripted-agent");
      thread.setDaemon(true);
      thread.start();
    }

    private static List<Message> unanswered(FakeLivechatServer server, Set<String> answered) {
      List<Message> found = new ArrayList<>();
      server.rooms().forEach(room -> server.messages(room.id()).stream()
          .filter(m -> m.token() != null && m.type() == null && !answered.contains(m.id()))
          .forEach(found::add));
      return found;
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(2000);
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }

  /** Closes what was added, last first. */
  private static final class Scope implements AutoCloseable {
    private final List<AutoCloseable> resources = new ArrayList<>();

    <T extends AutoCloseable> T add(T resource) {
      resources.add(resource);
      return resource;
    }

    @Override
    public void close() throws Exception {
      for (int i = resources.size() - 1; i >= 0; i--) {
        resources.get(i).close();
      }
    }
  }

  /** What Prometheus would read: {@code GET url}. */
  static String scrape(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try (InputStream in = connection.getInputStream()) {
      if (connection.getResponseCode() != 200) {
        throw new IOException("HTTP " + connection.getResponseCode() + " from " + url);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
