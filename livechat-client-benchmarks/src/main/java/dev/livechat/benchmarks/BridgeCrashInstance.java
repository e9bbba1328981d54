package dev.livechat.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.livechat.bridge.BridgeStore;
import dev.livechat.bridge.InboundMessage;
import dev.livechat.bridge.LivechatBridge;
import dev.livechat.bridge.OfflinePolicy;
import dev.livechat.bridge.Reply;
import dev.livechat.bridge.VisitorProfile;
import dev.livechat.client.LivechatClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One bridge process of {@link BridgeCrash}: a {@link LivechatBridge} on the shared PostgreSQL,
 * following its rooms (hub and leases), with a tiny HTTP endpoint in front of it. The driver kills
 * it with SIGKILL at random moments and starts it again.
 *
 * <pre>
 * java -cp benchmarks.jar dev.livechat.benchmarks.BridgeCrashInstance FAKE_URL PG_URL INSTANCE_ID PORT COLLECTOR_URL [LEASE_MS]
 * </pre>
 *
 * <p>{@code POST /inbound} with the body {@code conversationKey\nexternalId\ntext}: {@link
 * LivechatBridge#receive}, answered 200 once the message is durable (a duplicate external id too),
 * 503 if the bridge refused it. Each reply handed to the bridge's reply sender is posted to {@code
 * COLLECTOR_URL} with its message id as {@code Idempotency-Key}; anything but 200 there throws, so
 * the bridge retries it. Prints {@code listening PORT} on stdout once the bridge runs.
 */
public final class BridgeCrashInstance {
  private BridgeCrashInstance() {}

  public static void main(String[] args) throws Exception {
    String fakeUrl = args[0];
    String pgUrl = args[1];
    String instanceId = args[2];
    int port = Integer.parseInt(args[3]);
    URI collector = URI.create(args[4]);
    Duration lease = Duration.ofMillis(args.length > 5 ? Long.parseLong(args[5]) : 3000);

    LivechatClient client = LivechatClient.builder().baseUrl(fakeUrl).build();
    BridgeStore store = BridgeStore.postgres(pgUrl, "postgres", "postgres");
    LivechatBridge bridge = LivechatBridge.builder(client, store)
        .instanceId(instanceId)
        .visitorProfile(key -> VisitorProfile.named("Visitor " + key))
        .offlinePolicy(OfflinePolicy.WAIT_IN_QUEUE)
        .replySender(reply -> post(collector, instanceId, reply))
        .followRooms(true)
        .leaseTime(lease)
        .build();
    bridge.start();

    ExecutorService threads = Executors.newFixedThreadPool(8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext("/inbound", exchange -> inbound(bridge, exchange));
    server.setExecutor(threads);
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      threads.shutdownNow();
      try {
        bridge.close();
      } catch (Exception e) {
        // stopping anyway
      }
      client.close();
    }));
    System.out.println("listening " + server.getAddress().getPort());
    System.out.flush();
  }

  private static void inbound(LivechatBridge bridge, HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      String[] parts = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", 3);
      int status;
      try {
        bridge.receive(new InboundMessage(parts[0], parts[1], parts[2]));
        status = 200;
      } catch (RuntimeException e) {
        System.err.println("receive " + parts[1] + " refused: " + e);
        status = 503;
      }
      exchange.sendResponseHeaders(status, -1);
    }
  }

  /** Hands {@code reply} to the driver's collector; throws unless it answered 200. */
  static void post(URI collector, String instanceId, Reply reply) {
    try {
      HttpURLConnection connection = (HttpURLConnection) collector.toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(5000);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Idempotency-Key", reply.messageId());
      byte[] body = String.join("\n", reply.conversationKey(), reply.roomId(), instanceId, reply.text())
          .getBytes(StandardCharsets.UTF_8);
      connection.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      connection.disconnect();
      if (status != 200) {
        throw new IllegalStateException("collector answered " + status);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
