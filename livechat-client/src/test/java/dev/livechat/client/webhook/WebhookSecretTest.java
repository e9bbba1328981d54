package dev.livechat.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatWebhookException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secret the server sends as {@code X-RocketChat-Livechat-Token} ({@code sendRequest} in
 * {@code apps/meteor/app/livechat/server/lib/webhooks.ts}: {@code ...(secretToken &&
 * {'X-RocketChat-Livechat-Token': secretToken})}, so no header when no secret is set).
 */
class WebhookSecretTest {
  static final String SECRET = "s3cr3t-Ωmega-token";
  final WebhookSecret secret = WebhookSecret.of(SECRET);

  @Test
  void theRightSecretMatches() {
    assertThat(secret.matches(SECRET)).isTrue();
    secret.verify(SECRET);
  }

  @Test
  void aWrongSecretOfTheSameLengthDoesNotMatch() {
    String wrong = "s3cr3t-Ωmega-tokeN";
    assertThat(wrong).hasSameSizeAs(SECRET);

    assertThat(secret.matches(wrong)).isFalse();
    assertThatThrownBy(() -> secret.verify(wrong))
        .isInstanceOf(LivechatWebhookException.class)
        .hasMessage("Wrong X-RocketChat-Livechat-Token header: not a delivery from the Livechat server")
        .extracting(e -> ((LivechatWebhookException) e).responseStatus()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "s3cr3t-Ωmega-toke", "s3cr3t-Ωmega-token ", " s3cr3t-Ωmega-token",
      "s3cr3t-Ωmega-token-and-more", "S3CR3T-ΩMEGA-TOKEN", "s3cr3t-Omega-token"})
  void aSecretOfAnotherLengthOrSpellingDoesNotMatch(String presented) {
    assertThat(secret.matches(presented)).isFalse();
    assertThatThrownBy(() -> secret.verify(presented)).isInstanceOf(LivechatWebhookException.class);
  }

  @Test
  void theSecretIsComparedAsUtf8NotAsUtf16Units() {
    // "Ω" is 2 bytes in UTF-8; a look-alike in another encoding must not pass
    assertThat(secret.matches(new String(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.nio.charset.StandardCharsets.ISO_8859_1))).isFalse();
  }

  @Test
  void aMissingHeaderIsRefused() {
    assertThat(secret.matches(null)).isFalse();
    assertThatThrownBy(() -> secret.verify((String) null))
        .isInstanceOf(LivechatWebhookException.class)
        .hasMessage("Missing X-RocketChat-Livechat-Token header: not a delivery from the Livechat server")
        .extracting(e -> ((LivechatWebhookException) e).responseStatus()).isEqualTo(401);
    assertThatThrownBy(() -> secret.verify(Map.of("Content-Type", List.of("application/json"))))
        .isInstanceOf(LivechatWebhookException.class)
        .hasMessageStartingWith("Missing");
    assertThatThrownBy(() -> secret.verify(Map.of(LivechatWebhooks.TOKEN_HEADER, List.of())))
        .hasMessageStartingWith("Missing");
  }

  @Test
  void headerNamesMatchWithoutRegardToCase() {
    // com.sun.net.httpserver.Headers normalises to this form
    secret.verify(Map.of("X-rocketchat-livechat-token", List.of(SECRET)));
    secret.verify(Map.of("x-rocketchat-livechat-token", List.of(SECRET)));
    secret.verify(Map.of("X-RocketChat-Livechat-Token", List.of(SECRET)));
  }

  @Test
  void aRepeatedHeaderIsRefusedEvenWhenOneValueIsRight() {
    assertThatThrownBy(() -> secret.verify(Map.of(LivechatWebhooks.TOKEN_HEADER, List.of("guess", SECRET))))
        .isInstanceOf(LivechatWebhookException.class)
        .hasMessageStartingWith("More than one");
    assertThatThrownBy(() -> secret.verify(Map.of(
            "x-rocketchat-livechat-token", List.of(SECRET), "X-ROCKETCHAT-LIVECHAT-TOKEN", List.of(SECRET))))
        .hasMessageStartingWith("More than one");
  }

  @Test
  void aWrongHeaderInAMapIsRefused() {
    assertThatThrownBy(() -> secret.verify(Map.of(LivechatWebhooks.TOKEN_HEADER, List.of("guess"))))
        .hasMessageStartingWith("Wrong");
  }

  @Test
  void aBlankSecretIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> WebhookSecret.of(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("secret must not be blank");
    assertThatThrownBy(() -> WebhookSecret.of(" \t"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSecret.of(null))
        .isInstanceOf(NullPointerException.class).hasMessage("secret must not be null");
  }

  @Test
  void theSecretIsNeverPrinted() {
    assertThat(secret.toString()).doesNotContain(SECRET).isEqualTo("WebhookSecret[***]");
    assertThat(LivechatWebhooks.create(SECRET).toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> secret.verify("s3cr3t-Ωmega-tokeX")).hasMessageNotContaining("s3cr3t");
  }
}
