package dev.livechat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.Fixtures;
import dev.livechat.client.webhook.LivechatWebhooks;
import dev.livechat.client.webhook.WebhookEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookReceiver} on a loopback port, sent what the server sends: the fixtures of {@code
 * livechat-client} (each reproducing a payload of {@code sendToCRM.ts}, {@code offlineMessage.ts} or
 * {@code webhookTest.ts}), POSTed as JSON with the secret in {@code X-RocketChat-Livechat-Token},
 * as {@code sendRequest} in {@code apps/meteor/app/livechat/server/lib/webhooks.ts} does.
 */
class WebhookReceiverTest {
  static final String SECRET = "bridge-secret-0042";
  static final MediaType JSON = MediaType.get("application/json");

  final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresToCome = new AtomicInteger();
  final OkHttpClient http = new OkHttpClient();
  WebhookReceiver receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = WebhookReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        LivechatWebhooks.create(SECRET), event -> {
          if (failuresToCome.getAndDecrement() > 0) {
            throw new IllegalStateException("the CRM is down");
          }
          handled.add(event);
        });
  }

  @AfterEach
  void stop() {
    receiver.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** A POST like the server's; returns the status. */
  int post(String fixture, String secret) throws IOException {
    Request.Builder request = new Request.Builder()
        .url(receiver.url().toString())
        .post(RequestBody.create(Fixtures.read("webhooks/" + fixture), JSON));
    if (secret != null) {
      request.header("X-RocketChat-Livechat-Token", secret);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    }
  }

  @Test
  void eachEventOfAConversationIsHandedOnTyped() throws IOException {
    assertThat(post("session-start.json", SECRET)).isEqualTo(200);
    assertThat(post("session-taken.json", SECRET)).isEqualTo(200);
    assertThat(post("message-from-visitor.json", SECRET)).isEqualTo(200);
    assertThat(post("message-from-agent.json", SECRET)).isEqualTo(200);
    assertThat(post("session-closed.json", SECRET)).isEqualTo(200);
    assertThat(post("offline-message.json", SECRET)).isEqualTo(200);
    assertThat(post("webhook-test.json", SECRET)).isEqualTo(200);
    assertThat(post("unknown-type.json", SECRET)).isEqualTo(200);

    assertThat(handled).extracting(event -> event.getClass().getSimpleName()).containsExactly(
        "SessionStarted", "SessionTaken", "MessageSent", "MessageSent", "SessionClosed",
        "OfflineMessageReceived", "TestPing", "Unknown");
    WebhookEvent.MessageSent reply = (WebhookEvent.MessageSent) handled.get(3);
    assertThat(reply.message().fromAgent()).isTrue();
    assertThat(reply.message().text()).isEqualTo("Sorry about that! Could you send a photo of the label?");
  }

  @Test
  void theServersRetriesAreAnsweredButHandedOnOnce() throws IOException {
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(post("message-from-visitor.json", SECRET)).isEqualTo(200);
    }
    assertThat(handled).hasSize(1);
  }

  @Test
  void aFailedHandlingIs500AndTheRetryIsHandled() throws IOException {
    failuresToCome.set(1);

    assertThat(post("message-from-visitor.json", SECRET)).isEqualTo(500);
    assertThat(handled).isEmpty();
    assertThat(post("message-from-visitor.json", SECRET)).isEqualTo(200);   // the server's retry
    assertThat(post("message-from-visitor.json", SECRET)).isEqualTo(200);
    assertThat(handled).hasSize(1);
  }

  @Test
  void aWrongOrMissingSecretIs401AndNothingIsHandled() throws IOException {
    assertThat(post("message-from-visitor.json", "guess")).isEqualTo(401);
    assertThat(post("message-from-visitor.json", null)).isEqualTo(401);
    assertThat(handled).isEmpty();
    // the refused posts left no trace: the genuine delivery is still new
    assertThat(post("message-from-visitor.json", SECRET)).isEqualTo(200);
    assertThat(handled).hasSize(1);
  }

  @Test
  void aBodyThatIsNotAnEventIs400() throws IOException {
    Request request = new Request.Builder()
        .url(receiver.url().toString())
        .header("X-RocketChat-Livechat-Token", SECRET)
        .post(RequestBody.create("{\"no\":\"type\"}", JSON))
        .build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("'type'");
    }
  }

  @Test
  void onlyPostIsAccepted() throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(receiver.url().toString()).build()).execute()) {
      assertThat(response.code()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("POST");
    }
  }
}
