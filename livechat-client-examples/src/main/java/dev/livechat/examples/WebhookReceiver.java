package dev.livechat.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.livechat.client.exception.LivechatWebhookException;
import dev.livechat.client.webhook.LivechatWebhooks;
import dev.livechat.client.webhook.WebhookDelivery;
import dev.livechat.client.webhook.WebhookEvent;
import dev.livechat.client.webhook.WebhookMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A Livechat webhook endpoint in the JDK's own HTTP server ({@code com.sun.net.httpserver}), the
 * receiving end of a bridge: set its URL and secret in Rocket.Chat under Omnichannel → Webhooks
 * (or Settings → Omnichannel → CRM Integration), and it receives the events.
 *
 * <pre>
 * LIVECHAT_WEBHOOK_SECRET=... PORT=8080 mvn -B -ntp -q -Pdemo -DskipTests verify \
 *     -Dexample=dev.livechat.examples.WebhookReceiver
 * </pre>
 *
 * <p>What it answers, and why: 200 for every delivery it has (a retry included, which it does not
 * hand on again), since the server takes anything but 200 as a failure and sends the body again;
 * 500 when the handler failed, after forgetting the delivery, so that the server's retry is
 * handled; 401 for a wrong or missing secret and 400 for a body that is not an event, which the
 * current server does not retry; 405 for anything but POST; 413 past 16 MiB (a closed room's
 * event carries its whole conversation). The 200 answer is empty: the server stores an answer's
 * text as the room's {@code crmData} and sends it back in the room's later events.
 */
public final class WebhookReceiver implements AutoCloseable {
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final LivechatWebhooks webhooks;
  private final Consumer<WebhookEvent> handler;

  private WebhookReceiver(
      HttpServer server, ExecutorService executor, LivechatWebhooks webhooks, Consumer<WebhookEvent> handler) {
    this.server = server;
    this.executor = executor;
    this.webhooks = webhooks;
    this.handler = handler;
  }

  /**
   * Starts an endpoint at {@code http://<address>/livechat/webhook} handing each new event to
   * {@code handler} (on one of 4 threads; the server waits 5 s by default, so hand long work on).
   */
  public static WebhookReceiver start(
      InetSocketAddress address, LivechatWebhooks webhooks, Consumer<WebhookEvent> handler) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    WebhookReceiver receiver = new WebhookReceiver(server, executor, webhooks, handler);
    server.createContext("/livechat/webhook", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  /**
   * The endpoint's URL: on all interfaces, as {@code localhost}; configure Rocket.Chat with the
   * name under which it reaches this machine.
   */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    InetAddress ip = address.getAddress();
    String host = ip.isAnyLocalAddress()
        ? "localhost"
        : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    return URI.create("http://" + host + ":" + address.getPort() + "/livechat/webhook");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        answer(exchange, 405, "Only POST");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        answer(exchange, 413, "Body over " + MAX_BODY_BYTES + " bytes");
        return;
      }
      WebhookDelivery delivery;
      try {
        delivery = webhooks.receive(exchange.getRequestHeaders(), body);
      } catch (LivechatWebhookException e) {
        answer(exchange, e.responseStatus(), e.getMessage());
        return;
      }
      if (!delivery.duplicate()) {
        try {
          handler.accept(delivery.event());
        } catch (RuntimeException e) {
          webhooks.forget(delivery);
          answer(exchange, 500, "Could not handle the event; send it again");
          return;
        }
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops accepting requests, lets those under way finish for up to a second, and ends the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
  }

  /** What a bridge does with each kind of event; here it prints. */
  static void bridge(WebhookEvent event) {
    if (event instanceof WebhookEvent.MessageSent sent) {
      WebhookMessage message = sent.message();
      if (message != null && message.fromAgent()) {
        // A bridge sends this to the person on the other channel, found by the visitor's token.
        System.out.println("agent " + message.username() + " -> visitor " + sent.room().visitor().username()
            + ": " + message.text());
      } else if (message != null) {
        System.out.println("visitor " + message.username() + ": " + message.text());
      }
    } else if (event instanceof WebhookEvent.SessionClosed closed) {
      System.out.println("room " + closed.room().id() + " closed by " + closed.closer() + " with "
          + closed.room().messages().size() + " messages");
    } else if (event instanceof WebhookEvent.OfflineMessageReceived offline) {
      System.out.println("offline message from " + offline.email() + ": " + offline.message());
    } else if (event instanceof WebhookEvent.TestPing) {
      System.out.println("test from the webhook settings: it works");
    } else if (event instanceof WebhookEvent.RoomEvent room) {
      System.out.println(room.type() + " for room " + room.room().id());
    } else {
      System.out.println("unknown event type " + event.type() + " (" + event.otherFields().keySet() + ")");
    }
  }

  public static void main(String[] args) throws Exception {
    String secret = System.getenv("LIVECHAT_WEBHOOK_SECRET");
    if (secret == null || secret.isBlank()) {
      System.err.println("Set LIVECHAT_WEBHOOK_SECRET to the webhook's Secret Token in Rocket.Chat.");
      System.exit(2);
    }
    String port = System.getenv("PORT");
    InetSocketAddress address = new InetSocketAddress(port == null || port.isBlank() ? 8080 : Integer.parseInt(port));
    CountDownLatch stopped = new CountDownLatch(1);
    try (WebhookReceiver receiver = start(address, LivechatWebhooks.create(secret), WebhookReceiver::bridge)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.println("Receiving Livechat webhooks at " + receiver.url() + " (Ctrl-C stops)");
      stopped.await();
    }
  }
}
