package dev.livechat.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.Fixtures;
import dev.livechat.client.exception.LivechatWebhookException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receiving: the secret first, then the body, then the delivery key. Retries follow {@code
 * sendRequest} in {@code apps/meteor/app/livechat/server/lib/webhooks.ts}: on failure it calls
 * {@code setTimeout(() => sendRequest(postData, attempts - 1), timeout * 4)} with the same
 * {@code postData} object, up to 10 tries before PR #37433 and 5 since, so a retry's body is the
 * first attempt's, byte for byte.
 */
class WebhookReceiveTest {
  static final String SECRET = "hunter2-but-longer";
  static final Map<String, List<String>> HEADERS = Map.of("X-rocketchat-livechat-token", List.of(SECRET));

  final RecordingStore store = new RecordingStore(InMemoryDeliveryStore.create());
  final LivechatWebhooks webhooks = LivechatWebhooks.builder().secret(SECRET).deliveryStore(store).build();

  static byte[] fixture(String name) {
    return Fixtures.read("webhooks/" + name).getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "session-start.json", "session-queued.json", "session-taken.json", "session-forwarded-to-agent.json",
      "session-forwarded-to-department.json", "session-closed.json", "session-edited.json",
      "message-from-visitor.json", "message-from-agent.json", "message-edited.json", "lead-capture.json",
      "offline-message.json", "unknown-type.json"})
  void theServersTenTriesOfOneDeliveryAreHandledOnce(String name) {
    List<WebhookDelivery> tries = new ArrayList<>();
    for (int attempt = 1; attempt <= 10; attempt++) {
      tries.add(webhooks.receive(HEADERS, fixture(name)));
    }

    assertThat(tries.get(0).duplicate()).isFalse();
    assertThat(tries.subList(1, 10)).allMatch(WebhookDelivery::duplicate);
    assertThat(tries).extracting(WebhookDelivery::key).containsOnly(tries.get(0).key());
    assertThat(tries).extracting(WebhookDelivery::event).containsOnly(tries.get(0).event());
  }

  @Test
  void everyEventOfTheConversationHasItsOwnKey() {
    Set<String> keys = new HashSet<>();
    for (String name : List.of("session-start.json", "session-queued.json", "session-taken.json",
        "session-forwarded-to-agent.json", "session-forwarded-to-department.json", "session-closed.json",
        "session-edited.json", "message-from-visitor.json", "message-from-agent.json", "message-edited.json",
        "lead-capture.json", "offline-message.json", "webhook-test.json")) {
      WebhookDelivery delivery = webhooks.receive(HEADERS, fixture(name));
      assertThat(delivery.duplicate()).as(name).isFalse();
      keys.add(delivery.key());
    }
    assertThat(keys).hasSize(13);
  }

  @Test
  void anEditIsANewDeliveryOfTheSameMessage() {
    WebhookDelivery original = webhooks.receive(HEADERS, fixture("message-from-visitor.json"));
    WebhookDelivery edit = webhooks.receive(HEADERS, fixture("message-edited.json"));

    assertThat(edit.duplicate()).isFalse();
    assertThat(original.key()).startsWith("Message:Z7tDPqMYZa6bAuKXm:vM3qCXvF4bWPtvgNs:");
    assertThat(edit.key()).startsWith("Message:Z7tDPqMYZa6bAuKXm:vM3qCXvF4bWPtvgNs:").isNotEqualTo(original.key());
  }

  @Test
  void keysNameTypeRoomAndMessageThenTheBodysHash() {
    assertThat(webhooks.receive(HEADERS, fixture("session-closed.json")).key())
        .matches("LivechatSession:Z7tDPqMYZa6bAuKXm:-:[A-Za-z0-9_-]{43}");
    assertThat(webhooks.receive(HEADERS, fixture("offline-message.json")).key())
        .matches("LivechatOfflineMessage:-:-:[A-Za-z0-9_-]{43}");
    assertThat(webhooks.receive(HEADERS, fixture("webhook-test.json")).key())
        .startsWith("LivechatSession:fasd6f5a4sd6f8a4sdf:-:");
    assertThat(webhooks.receive(HEADERS, fixture("unknown-type.json")).key())
        .startsWith("LivechatSessionOnHold:-:-:");
  }

  @Test
  void theKeyDependsOnTheBytesAlone() {
    WebhookEvent event = LivechatWebhooks.parse(fixture("session-taken.json"));

    assertThat(LivechatWebhooks.deliveryKey(event)).isEqualTo(LivechatWebhooks.deliveryKey(
        LivechatWebhooks.parse(fixture("session-taken.json"))));
    // sha256("{\"type\":\"X\"}") in base64url
    assertThat(LivechatWebhooks.deliveryKey(LivechatWebhooks.parse("{\"type\":\"X\"}")))
        .isEqualTo("X:-:-:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
            sha256("{\"type\":\"X\"}")));
  }

  static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aRetryReachingAnotherInstanceOfTheBridgeIsADuplicateThroughTheSharedStore() {
    DeliveryStore shared = InMemoryDeliveryStore.create();
    LivechatWebhooks first = LivechatWebhooks.builder().secret(SECRET).deliveryStore(shared).build();
    LivechatWebhooks second = LivechatWebhooks.builder().secret(SECRET).deliveryStore(shared).build();

    assertThat(first.receive(HEADERS, fixture("message-from-agent.json")).duplicate()).isFalse();
    assertThat(second.receive(HEADERS, fixture("message-from-agent.json")).duplicate()).isTrue();
  }

  @Test
  void aForgottenDeliveryIsHandledWhenTheServerRetriesIt() {
    WebhookDelivery failed = webhooks.receive(HEADERS, fixture("message-from-visitor.json"));
    webhooks.forget(failed);   // handling failed; the endpoint answers 500

    WebhookDelivery retry = webhooks.receive(HEADERS, fixture("message-from-visitor.json"));
    assertThat(retry.duplicate()).isFalse();
    assertThat(webhooks.receive(HEADERS, fixture("message-from-visitor.json")).duplicate()).isTrue();
  }

  @Test
  void theSecretIsCheckedBeforeTheBodyIsRead() {
    assertThatThrownBy(() -> webhooks.receive(Map.of(), "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LivechatWebhookException.class)
        .extracting(e -> ((LivechatWebhookException) e).responseStatus()).isEqualTo(401);
    assertThatThrownBy(() -> webhooks.receive("wrong", fixture("session-start.json")))
        .extracting(e -> ((LivechatWebhookException) e).responseStatus()).isEqualTo(401);
    assertThatThrownBy(() -> webhooks.receive((String) null, fixture("session-start.json")))
        .hasMessageStartingWith("Missing");
    assertThat(store.seen).isEmpty();
  }

  @Test
  void aBadBodyWithTheRightSecretIs400AndNotRecorded() {
    assertThatThrownBy(() -> webhooks.receive(SECRET, "{\"no\":\"type\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LivechatWebhookException.class)
        .extracting(e -> ((LivechatWebhookException) e).responseStatus()).isEqualTo(400);
    assertThat(store.seen).isEmpty();
  }

  @Test
  void theTokenMayBeGivenAsTheOneHeadersValue() {
    WebhookDelivery delivery = webhooks.receive(SECRET, fixture("lead-capture.json"));

    assertThat(delivery.event()).isInstanceOf(WebhookEvent.LeadCaptured.class);
    assertThat(webhooks.receive(HEADERS, fixture("lead-capture.json")).duplicate()).isTrue();
  }

  @Test
  void argumentsAreCheckedFirst() {
    assertThatThrownBy(() -> webhooks.receive(HEADERS, null))
        .isInstanceOf(NullPointerException.class).hasMessage("body must not be null");
    assertThatThrownBy(() -> webhooks.receive((Map<String, List<String>>) null, new byte[0]))
        .isInstanceOf(NullPointerException.class).hasMessage("headers must not be null");
    assertThatThrownBy(() -> webhooks.receive((String) null, null))
        .isInstanceOf(NullPointerException.class).hasMessage("body must not be null");
    assertThatThrownBy(() -> LivechatWebhooks.builder().build())
        .isInstanceOf(NullPointerException.class).hasMessage("secret must not be null");
    assertThatThrownBy(() -> LivechatWebhooks.create(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("secret must not be blank");
    assertThatThrownBy(() -> LivechatWebhooks.builder().deliveryStore(null))
        .isInstanceOf(NullPointerException.class).hasMessage("store must not be null");
  }

  @Test
  void noEventPrintsTheVisitorTokenOrTheFileJwt() {
    for (String name : List.of("session-start.json", "session-closed.json", "message-from-visitor.json",
        "unknown-type.json", "session-taken-unknown-fields.json")) {
      WebhookDelivery delivery = webhooks.receive(HEADERS, fixture(name));
      assertThat(delivery.toString()).as(name)
          .doesNotContain(WebhookEventsTest.TOKEN)
          .doesNotContain("eyJhbGciOiJIUzI1NiJ9");
    }
  }

  /** A store that records what it was asked, over another. */
  static final class RecordingStore implements DeliveryStore {
    final DeliveryStore delegate;
    final List<String> seen = new ArrayList<>();

    RecordingStore(DeliveryStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized boolean firstSeen(String key) {
      seen.add(key);
      return delegate.firstSeen(key);
    }

    @Override
    public synchronized void forget(String key) {
      delegate.forget(key);
    }
  }
}
