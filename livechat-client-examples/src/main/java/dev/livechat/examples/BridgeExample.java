package dev.livechat.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.livechat.bridge.BridgeStore;
import dev.livechat.bridge.InboundMessage;
import dev.livechat.bridge.LivechatBridge;
import dev.livechat.bridge.VisitorProfile;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.micrometer.LivechatMetrics;
import dev.livechat.client.model.Message;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.ServerSettings;
import dev.livechat.client.testing.WebhookSettings;
import dev.livechat.client.webhook.LivechatWebhooks;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A bridge from another channel into Livechat, on {@link LivechatBridge}: visitors on "WhatsApp"
 * (simulated in this process: a few users who write text lines and receive them) talk to
 * Rocket.Chat's agents. Each line is handed to {@link LivechatBridge#receive} (durable when it
 * returns: a real bridge acknowledges the channel's webhook then), and the bridge sends it to
 * Livechat once, in order per user, opening the user's room as needed. Agents' replies come back
 * either by the Livechat webhook (an endpoint on the JDK's HTTP server handing each delivery to
 * {@link LivechatBridge#handleWebhook}, retries dropped as duplicates) or over realtime ({@code
 * followRooms}), and the bridge hands each to the user once. The client's telemetry goes to
 * Micrometer ({@link LivechatMetrics}), which Prometheus can scrape at {@code GET /metrics} on the
 * same HTTP server.
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -DskipTests verify -Dexample=dev.livechat.examples.BridgeExample
 * mvn -B -ntp -q -Pdemo -DskipTests verify -Dexample=dev.livechat.examples.BridgeExample -Dbridge.mode=hub
 * </pre>
 *
 * <p><b>The store.</b> The bridge keeps its outbox, visitors, rooms and replies in a database: by
 * default the embedded one ({@link BridgeStore#embedded}, an H2 file in {@code target/bridge-data},
 * or in a temporary directory against the fake server). With {@code
 * -Dbridge.store=jdbc:postgresql://host:5432/db} ({@code BRIDGE_STORE}; user and password from
 * {@code BRIDGE_STORE_USER} and {@code BRIDGE_STORE_PASSWORD}) it uses PostgreSQL, and several
 * copies of this program can run on the same database: each message is still sent once.
 *
 * <p><b>Without {@code LIVECHAT_URL}</b> it starts {@link FakeLivechatServer} in this process with a
 * scripted agent who answers every message, has it post its webhook to the bridge (retrying after
 * 200 ms rather than the server's 20 s), loses the bridge's first two 200 answers on the way (so the
 * fake retries those deliveries and the bridge drops them as duplicates), prints the relayed
 * conversation, and stops once every reply reached its user; last, it reads its own {@code /metrics}
 * and prints the request counts it found there.
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
    /** The bridge follows every open room over realtime ({@code followRooms}). */
    HUB
  }

  /** A line on the other channel: who (their phone number) and what. */
  public record Line(String phone, String text) {}

  /**
   * What a run relayed: the users' lines stored in Livechat, the lines the users received, the
   * agent's replies, the webhook retries the bridge dropped; and the bridge's {@code /metrics}
   * (Prometheus text format) as scraped at the end.
   */
  public record Result(List<Line> toLivechat, List<Line> toUsers, List<Line> agentReplies, int duplicatesDropped,
      String metrics) {}

  /** The simulated users: phone number (the bridge's conversation key), name, and what each writes. */
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

  /** The other channel, simulated: a real bridge has the WhatsApp, SMS or e-mail API here. */
  static final class FakeChannel {
    private final PrintStream out;
    final List<Line> received = new CopyOnWriteArrayList<>();

    FakeChannel(PrintStream out) {
      this.out = out;
    }

    /** A user wrote {@code text}: the bridge has it, durably, once this returns. */
    void write(LivechatBridge bridge, User user, int turn) {
      String text = user.lines().get(turn);
      out.printf("  whatsapp  %-6s -> %s%n", user.name(), text);
      bridge.receive(new InboundMessage(user.phone(), "wamid." + user.phone() + "." + turn, text));
    }

    /** The bridge's reply sender: sends {@code text} to the user with {@code phone}. */
    synchronized void deliver(String phone, String text) {
      out.printf("  whatsapp  %-6s <- %s%n", name(phone), text);
      received.add(new Line(phone, text));
      notifyAll();
    }

    /** Waits until {@code count} lines were delivered, or {@code timeout} passed. */
    synchronized boolean awaitReceived(int count, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (received.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  static String name(String phone) {
    return USERS.stream().filter(user -> user.phone().equals(phone)).map(User::name).findFirst().orElse(phone);
  }

  /** The bridge: visitors named after the users, replies to the channel, webhook or realtime. */
  static LivechatBridge bridge(LivechatClient client, BridgeStore store, Mode mode, String secret,
      FakeChannel channel) {
    LivechatBridge.Builder builder = LivechatBridge.builder(client, store)
        .visitorProfile(phone -> VisitorProfile.named(name(phone)).withPhone(phone))
        .replySender(reply -> channel.deliver(reply.conversationKey(), reply.text()))
        .followRooms(mode == Mode.HUB);
    if (mode == Mode.WEBHOOK) {
      builder.webhookSecret(secret);
    }
    return builder.build();
  }

  /** {@code -Dbridge.store=jdbc:postgresql://...} or {@code BRIDGE_STORE}, else the embedded store in {@code dir}. */
  static BridgeStore store(Path dir) {
    String url = System.getProperty("bridge.store", env("BRIDGE_STORE", ""));
    if (url.startsWith("jdbc:postgresql:")) {
      return BridgeStore.postgres(url, env("BRIDGE_STORE_USER", "postgres"), env("BRIDGE_STORE_PASSWORD", ""));
    }
    return BridgeStore.embedded(url.isEmpty() ? dir : Path.of(url));
  }

  /**
   * The bridge's HTTP server (the JDK's). {@code POST /livechat/webhook}: {@link
   * LivechatBridge#handleWebhook}, answered with its status; {@code loseAnswers} of the first 200s
   * are answered 500 instead, as if lost on the way, so that the server sends them again. {@code GET
   * /metrics}: the Prometheus scrape of {@code registry}.
   */
  static HttpServer endpoint(InetSocketAddress address, AtomicReference<LivechatBridge> bridge, int loseAnswers,
      PrometheusMeterRegistry registry) throws IOException {
    AtomicInteger toLose = new AtomicInteger(loseAnswers);
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/livechat/webhook", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        int status = bridge.get().handleWebhook(exchange.getRequestHeaders().getFirst(LivechatWebhooks.TOKEN_HEADER),
            in.readNBytes(16 * 1024 * 1024));
        if (status == 200 && toLose.getAndDecrement() > 0) {
          status = 500;
        }
        registry.counter("bridge_webhook_answers", "status", Integer.toString(status)).increment();
        exchange.sendResponseHeaders(status, -1);
      }
    });
    server.createContext("/metrics", exchange -> respond(exchange, registry.scrape()));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  private static void respond(HttpExchange exchange, String text) throws IOException {
    try (exchange; OutputStream response = exchange.getResponseBody()) {
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      response.write(body);
    }
  }

  /**
   * Runs the bridge against an in-process {@link FakeLivechatServer} with a scripted agent, until
   * every reply reached its user (30 s at most), and returns what was relayed.
   */
  public static Result runWithFakeServer(Mode mode, PrintStream out) throws Exception {
    String secret = "bridge-" + Long.toHexString(new SecureRandom().nextLong());
    FakeChannel channel = new FakeChannel(out);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.bindTo(registry);
    AtomicReference<LivechatBridge> bridgeRef = new AtomicReference<>();
    Path dir = Files.createTempDirectory("bridge-example");
    HttpServer endpoint = endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), bridgeRef, 2,
        registry);
    String base = "http://127.0.0.1:" + endpoint.getAddress().getPort();
    ServerSettings settings = ServerSettings.defaults();
    if (mode == Mode.WEBHOOK) {
      settings = settings.withWebhook(WebhookSettings.to(base + "/livechat/webhook").withSecretToken(secret)
          .on(WebhookSettings.Trigger.AGENT_MESSAGE).withRetryDelay(Duration.ofMillis(200)));
    }
    try (FakeLivechatServer server = FakeLivechatServer.start(settings);
        LivechatClient client = LivechatClient.builder().baseUrl(server.url()).telemetry(metrics).build();
        BridgeStore store = BridgeStore.embedded(dir);
        LivechatBridge bridge = bridge(client, store, mode, secret, channel)) {
      bridgeRef.set(bridge);
      bridge.start();
      out.println("LIVECHAT_URL is not set: bridging to an in-process FakeLivechatServer at " + server.url()
          + " with a scripted agent; store in " + dir + "; replies by "
          + (mode == Mode.WEBHOOK ? "webhook at " + base + "/livechat/webhook" : "realtime") + ".");
      List<Line> replies = new CopyOnWriteArrayList<>();
      ScriptedAgent agent = new ScriptedAgent(server, server.agent("kim.jane", "Kim Jane"), replies);
      boolean all = true;
      int lines = 0;
      for (int turn = 0; turn < 2 && all; turn++) {   // each user writes, then waits for the answer
        for (User user : USERS) {
          channel.write(bridge, user, turn);
          lines++;
        }
        all = channel.awaitReceived(lines, Duration.ofSeconds(30));
      }
      agent.stop();
      all &= bridge.awaitIdle(Duration.ofSeconds(10));
      if (mode == Mode.WEBHOOK) {
        // the lost answers' retries come 200 ms later: wait for them so that the run shows them
        server.await(s -> s.webhookAttempts().stream().filter(a -> a.delivered()).count() == replies.size(),
            Duration.ofSeconds(10));
      }
      int duplicates = (int) server.webhookAttempts().stream().filter(a -> a.delivered() && a.attempt() > 1).count();
      List<Line> toLivechat = new ArrayList<>();
      server.rooms().forEach(room -> server.messages(room.id()).stream()
          .filter(m -> m.token() != null && m.type() == null)
          .forEach(m -> toLivechat.add(new Line(agent.phoneOf(room.id()), m.text()))));
      out.printf("%s: %d lines relayed to Livechat, %d replies relayed to %d users%s%n",
          all ? "done" : "timed out", toLivechat.size(), channel.received.size(), USERS.size(),
          mode == Mode.WEBHOOK ? ", " + duplicates + " retried deliveries dropped as duplicates" : "");
      String scraped = scrape(base + "/metrics");
      out.printf("metrics at %s/metrics:%n", base);
      scraped.lines()
          .filter(line -> line.startsWith("livechat_client_requests_seconds_count")
              || line.startsWith("bridge_webhook_answers_total"))
          .forEach(line -> out.println("  " + line));
      return new Result(toLivechat, List.copyOf(channel.received), List.copyOf(replies), duplicates, scraped);
    } finally {
      endpoint.stop(0);
      ((java.util.concurrent.ExecutorService) endpoint.getExecutor()).shutdown();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Against a real server: the users write, and the bridge relays agents' replies for a while. */
  static void runAgainst(String url, Mode mode, PrintStream out) throws Exception {
    long waitSeconds = Long.parseLong(env("BRIDGE_WAIT_SECONDS", "120"));
    String secret = System.getenv("LIVECHAT_WEBHOOK_SECRET");
    if (mode == Mode.WEBHOOK && (secret == null || secret.isBlank())) {
      out.println("Set LIVECHAT_WEBHOOK_SECRET to the webhook's Secret Token in Rocket.Chat, or use -Dbridge.mode=hub.");
      System.exit(2);
    }
    FakeChannel channel = new FakeChannel(out);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.bindTo(registry);
    AtomicReference<LivechatBridge> bridgeRef = new AtomicReference<>();
    int port = Integer.parseInt(env("PORT", "8080"));
    HttpServer endpoint = endpoint(new InetSocketAddress(port), bridgeRef, 0, registry);
    try (LivechatClient client = LivechatClient.builder().baseUrl(url).telemetry(metrics).build();
        BridgeStore store = store(Path.of("target", "bridge-data"));
        LivechatBridge bridge = bridge(client, store, mode, secret, channel)) {
      bridgeRef.set(bridge);
      bridge.start();
      if (mode == Mode.WEBHOOK) {
        out.println("Receiving agents' replies at http://<this host>:" + port + "/livechat/webhook: configure it"
            + " in Rocket.Chat (Omnichannel → Webhooks) with the same secret and \"Send request on agent messages\".");
      }
      out.println("Prometheus can scrape http://<this host>:" + port + "/metrics.");
      out.println("Bridging " + USERS.size() + " simulated WhatsApp users to " + url + " (store: " + store.dialect()
          + "); answer them in the agent view. Relaying replies for " + waitSeconds + " s.");
      for (User user : USERS) {
        channel.write(bridge, user, 0);
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(waitSeconds));
      out.printf("done: %d replies relayed to users, %d messages still pending%n", channel.received.size(),
          bridge.pending());
    } finally {
      endpoint.stop(0);
      ((java.util.concurrent.ExecutorService) endpoint.getExecutor()).shutdown();
    }
  }

  /**
   * The agent of the fake server, played by a thread: it answers each visitor message once, by
   * watching the fake's rooms ({@link FakeLivechatServer#await}, no polling).
   */
  static final class ScriptedAgent {
    private final FakeLivechatServer server;
    private final Thread thread;
    private volatile boolean stopped;

    ScriptedAgent(FakeLivechatServer server, FakeAgent agent, List<Line> replies) {
      this.server = server;
      Set<String> answered = new HashSet<>();
      this.thread = new Thread(() -> {
        while (!stopped) {
          server.await(s -> stopped || !unanswered(s, answered).isEmpty(), Duration.ofMillis(500));
          for (Message message : unanswered(server, answered)) {
            answered.add(message.id());
            String reply = "Kim here: about \"" + message.text() + "\", let me check that for you.";
            agent.reply(message.roomId(), reply);
            replies.add(new Line(phoneOf(message.roomId()), reply));
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

    /** The phone number the bridge registered the room's visitor with. */
    String phoneOf(String roomId) {
      return server.room(roomId).flatMap(room -> server.visitor(room.visitor().token()))
          .map(visitor -> visitor.phones().get(0)).orElseThrow();
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(2000);
    }
  }

  /** What Prometheus would read: {@code GET url}. */
  static String scrape(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try (InputStream in = connection.getInputStream()) {
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
