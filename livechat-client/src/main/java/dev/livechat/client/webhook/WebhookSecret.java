package dev.livechat.client.webhook;

import dev.livechat.client.exception.LivechatWebhookException;
import dev.livechat.client.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The secret the server sends in {@value LivechatWebhooks#TOKEN_HEADER} with every delivery (the
 * "Secret Token" of the webhook settings, {@code Livechat_secret_token}), checked in constant time.
 *
 * <p>Both sides are compared as SHA-256 digests of their UTF-8 bytes with {@link
 * MessageDigest#isEqual}, so the time taken depends neither on where they first differ nor on the
 * length of what was presented. The header value is compared exactly as received: no trimming, no
 * case folding. {@link #toString()} never prints the secret.
 *
 * <p>The server leaves the header out when no secret is configured; this check refuses such a
 * delivery, so configure one.
 */
public final class WebhookSecret {
  private final byte[] expectedDigest;

  private WebhookSecret(String secret) {
    this.expectedDigest = sha256(secret);
  }

  /**
   * The secret configured in the server's webhook settings.
   *
   * @throws NullPointerException if {@code secret} is null
   * @throws IllegalArgumentException if it is empty or only whitespace: a receiver without a
   *     secret would accept anyone's posts
   */
  public static WebhookSecret of(String secret) {
    return new WebhookSecret(Checks.notBlank(secret, "secret"));
  }

  /**
   * Whether {@code presented}, the header's value, is the secret; false for null (no header).
   * Takes the same time whatever is presented.
   */
  public boolean matches(@Nullable String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, sha256(presented));
  }

  /**
   * Refuses a request whose header value is not the secret.
   *
   * @param presented the value of the {@value LivechatWebhooks#TOKEN_HEADER} header, or null when
   *     the request had none
   * @throws LivechatWebhookException with {@code responseStatus()} 401 when the header is missing
   *     or wrong
   */
  public void verify(@Nullable String presented) {
    if (presented == null) {
      throw new LivechatWebhookException(
          "Missing " + LivechatWebhooks.TOKEN_HEADER + " header: not a delivery from the Livechat server", 401, null);
    }
    if (!matches(presented)) {
      throw new LivechatWebhookException(
          "Wrong " + LivechatWebhooks.TOKEN_HEADER + " header: not a delivery from the Livechat server", 401, null);
    }
  }

  /**
   * Refuses a request whose headers do not carry the secret exactly once. Header names are
   * matched without regard to case ({@code com.sun.net.httpserver} gives {@code
   * X-rocketchat-livechat-token}, others keep the case sent).
   *
   * @param headers the request's headers, each name with its values
   * @throws LivechatWebhookException with {@code responseStatus()} 401 when the header is missing,
   *     repeated or wrong
   */
  public void verify(Map<String, ? extends List<String>> headers) {
    verify(tokenHeader(headers));
  }

  /**
   * The one value of the token header in {@code headers}, or null when there is none.
   *
   * @throws LivechatWebhookException with {@code responseStatus()} 401 when it has several values
   */
  static @Nullable String tokenHeader(Map<String, ? extends List<String>> headers) {
    Checks.notNull(headers, "headers");
    String found = null;
    int count = 0;
    for (Map.Entry<String, ? extends List<String>> header : headers.entrySet()) {
      if (header.getKey() == null || !LivechatWebhooks.TOKEN_HEADER.equalsIgnoreCase(header.getKey())
          || header.getValue() == null) {
        continue;
      }
      for (String value : header.getValue()) {
        found = value;
        count++;
      }
    }
    if (count > 1) {
      throw new LivechatWebhookException(
          "More than one " + LivechatWebhooks.TOKEN_HEADER + " header: not a delivery from the Livechat server",
          401, null);
    }
    return found;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "WebhookSecret[***]";
  }
}
