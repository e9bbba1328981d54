package dev.livechat.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatWebhookException;
import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryEvent.WebhookReceived;
import dev.livechat.client.telemetry.TelemetryEvent.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the receiver tells its telemetry listener: one {@link WebhookReceived} per {@code receive},
 * with its result, the status to answer and the event's type; nothing for {@link
 * LivechatWebhooks#parse}, and nothing that a listener throws reaches the caller.
 */
class WebhookTelemetryTest {
  static final String SECRET = WebhookReceiveTest.SECRET;

  final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();
  final LivechatWebhooks webhooks = LivechatWebhooks.builder().secret(SECRET).telemetry(events::add).build();

  @Test
  void aDeliveryIsAcceptedThenItsRetryIsADuplicateEachWithItsType() {
    webhooks.receive(WebhookReceiveTest.HEADERS, WebhookReceiveTest.fixture("message-from-visitor.json"));
    webhooks.receive(SECRET, WebhookReceiveTest.fixture("message-from-visitor.json"));
    webhooks.receive(SECRET, WebhookReceiveTest.fixture("session-start.json"));

    assertThat(events).containsExactly(
        new WebhookReceived(WebhookResult.ACCEPTED, 200, "Message"),
        new WebhookReceived(WebhookResult.DUPLICATE, 200, "Message"),
        new WebhookReceived(WebhookResult.ACCEPTED, 200, "LivechatSessionStart"));
  }

  @Test
  void aWrongOrMissingSecretIsRefused401WithoutAType() {
    assertThatThrownBy(() -> webhooks.receive("wrong", WebhookReceiveTest.fixture("session-start.json")))
        .isInstanceOf(LivechatWebhookException.class);
    assertThatThrownBy(() -> webhooks.receive(java.util.Map.of(), WebhookReceiveTest.fixture("session-start.json")))
        .isInstanceOf(LivechatWebhookException.class);

    assertThat(events).containsExactly(
        new WebhookReceived(WebhookResult.REFUSED, 401, null),
        new WebhookReceived(WebhookResult.REFUSED, 401, null));
  }

  @Test
  void aBodyThatIsNoEventIsRefused400WithoutAType() {
    assertThatThrownBy(() -> webhooks.receive(SECRET, "{\"no\":\"type\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LivechatWebhookException.class);
    assertThatThrownBy(() -> webhooks.receive(SECRET, new byte[] {(byte) 0xff}))
        .isInstanceOf(LivechatWebhookException.class);

    assertThat(events).containsExactly(
        new WebhookReceived(WebhookResult.REFUSED, 400, null),
        new WebhookReceived(WebhookResult.REFUSED, 400, null));
  }

  @Test
  void parseReportsNothing() {
    LivechatWebhooks.parse(WebhookReceiveTest.fixture("session-start.json"));
    assertThatThrownBy(() -> LivechatWebhooks.parse("[]")).isInstanceOf(LivechatWebhookException.class);

    assertThat(events).isEmpty();
  }

  @Test
  void aTelemetryListenerThatThrowsChangesNothingOfWhatReceiveReturnsOrThrows() {
    LivechatWebhooks failing = LivechatWebhooks.builder().secret(SECRET).telemetry(event -> {
      throw new IllegalStateException("the telemetry listener failed");
    }).build();

    WebhookDelivery first = failing.receive(SECRET, WebhookReceiveTest.fixture("session-start.json"));
    WebhookDelivery again = failing.receive(SECRET, WebhookReceiveTest.fixture("session-start.json"));
    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThatThrownBy(() -> failing.receive("wrong", WebhookReceiveTest.fixture("session-start.json")))
        .isInstanceOfSatisfying(LivechatWebhookException.class, e -> assertThat(e.responseStatus()).isEqualTo(401));
    assertThatThrownBy(() -> failing.receive(SECRET, "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(LivechatWebhookException.class, e -> assertThat(e.responseStatus()).isEqualTo(400));
  }

  @Test
  void noTelemetryIsTheDefault() {
    WebhookDelivery delivery = LivechatWebhooks.create(SECRET).receive(SECRET, WebhookReceiveTest.fixture("session-start.json"));
    assertThat(delivery.duplicate()).isFalse();
    assertThatThrownBy(() -> LivechatWebhooks.builder().telemetry(null)).isInstanceOf(NullPointerException.class);
  }
}
