package dev.livechat.examples;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.RateLimit;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.VisitorToken;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.testing.FakeLivechatServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A backend integration sending on behalf of many visitors through one client, without blocking
 * a thread per call: each visitor is registered, gets a room, and sends a message; every message
 * carries its id from the start, so a retried send can never store it twice.
 *
 * <p>Without {@code LIVECHAT_URL} it runs against {@link FakeLivechatServer}; a real server's rate
 * limiter (10 calls per minute per route and IP by default) makes large batches wait, which the
 * client does by itself with {@code waitWhenRateLimited(true)}.
 */
public final class BackendSender {
  private static final int VISITORS = 50;

  private BackendSender() {}

  public static void main(String[] args) {
    String url = System.getenv("LIVECHAT_URL");
    try (FakeLivechatServer fake = url == null || url.isBlank() ? FakeLivechatServer.start() : null;
        LivechatClient client = LivechatClient.builder()
            .baseUrl(fake != null ? fake.url().toString() : url)
            .retryPolicy(RetryPolicy.defaults().withMaxRateLimitWait(Duration.ofSeconds(60)))
            .waitWhenRateLimited(true)
            .build()) {
      List<CompletableFuture<Message>> sends = new ArrayList<>();
      for (int i = 1; i <= VISITORS; i++) {
        String token = VisitorToken.random();
        String text = "Order #" + (1000 + i) + " is ready for pickup.";
        sends.add(client.async().registerVisitor(NewVisitor.of(token).withName("Customer " + i))
            .thenCompose(visitor -> client.async().openRoom(token))
            .thenCompose(room -> {
              SendMessageRequest request = SendMessageRequest.of(token, room.room().id(), text);
              return client.async().sendMessage(request);   // request.id() is known already
            }));
      }
      int sent = 0;
      for (CompletableFuture<Message> send : sends) {
        try {
          send.join();
          sent++;
        } catch (java.util.concurrent.CompletionException e) {
          LivechatException cause = (LivechatException) e.getCause();
          System.err.println("failed: " + cause.getMessage());
        }
      }
      System.out.println("sent " + sent + " of " + VISITORS + " messages for " + VISITORS + " visitors");
      for (Map.Entry<String, RateLimit> limit : client.rateLimits().entrySet()) {
        System.out.println("rate limit " + limit.getKey() + ": " + limit.getValue().remaining() + " of "
            + limit.getValue().limit() + " left");
      }
      if (fake != null) {
        System.out.println("the fake server holds " + fake.rooms().size() + " rooms");
      }
    }
  }
}
