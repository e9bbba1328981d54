package dev.livechat.client.testing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Livechat webhook of a {@link FakeLivechatServer}, as the server's settings under Omnichannel →
 * Webhooks (section {@code CRM_Integration} of {@code apps/meteor/server/settings/omnichannel.ts}):
 * where the fake POSTs its events, the secret it sends, which events are on, and how long it waits.
 *
 * <pre>{@code
 * FakeLivechatServer server = FakeLivechatServer.start(ServerSettings.defaults().withWebhook(
 *     WebhookSettings.to(receiverUrl)
 *         .withSecretToken("s3cret")
 *         .on(WebhookSettings.Trigger.AGENT_MESSAGE, WebhookSettings.Trigger.CLOSE)
 *         .withRetryDelay(Duration.ofMillis(50))));
 * }</pre>
 *
 * <p>The fake builds each body as {@code sendToCRM} does ({@code
 * apps/meteor/app/livechat/server/hooks/sendToCRM.ts}) and sends it as {@code sendRequest} does
 * ({@code apps/meteor/app/livechat/server/lib/webhooks.ts}): see {@link FakeLivechatServer#webhookAttempts()}.
 *
 * @param url {@code Livechat_webhookUrl}; empty (the server's default) posts nothing
 * @param secretToken {@code Livechat_secret_token}, sent as {@code X-RocketChat-Livechat-Token}; empty
 *     (the server's default) sends no such header
 * @param triggers the {@code Livechat_webhook_on_*} switches that are on (the server's default: none)
 * @param httpTimeout {@code Livechat_http_timeout} (the server's default 5 s): how long one attempt
 *     may take
 * @param retryDelay the wait before a retry; null (the default) for the server's, four times {@code
 *     httpTimeout} (20 s by default). Set it short in tests: {@link #delayBetweenTries()}
 */
public record WebhookSettings(
    String url, String secretToken, Set<Trigger> triggers, Duration httpTimeout, @Nullable Duration retryDelay) {

  /** One "Send request on ..." switch, with the setting it stands for. */
  public enum Trigger {
    /** {@code Livechat_webhook_on_start}: {@code LivechatSessionStart} when a room is created. */
    START("Livechat_webhook_on_start"),
    /** {@code Livechat_webhook_on_close}: {@code LivechatSession}, with every message, when a room closes. */
    CLOSE("Livechat_webhook_on_close"),
    /** {@code Livechat_webhook_on_chat_taken}: {@code LivechatSessionTaken} when an agent takes a room. */
    CHAT_TAKEN("Livechat_webhook_on_chat_taken"),
    /** {@code Livechat_webhook_on_chat_queued}: {@code LivechatSessionQueued} when a new room waits in the queue. */
    CHAT_QUEUED("Livechat_webhook_on_chat_queued"),
    /** {@code Livechat_webhook_on_forward}: {@code LivechatSessionForwarded} when a room goes to another agent or department. */
    FORWARD("Livechat_webhook_on_forward"),
    /** {@code Livechat_webhook_on_offline_msg}: {@code LivechatOfflineMessage} for each offline message sent. */
    OFFLINE_MSG("Livechat_webhook_on_offline_msg"),
    /** {@code Livechat_webhook_on_visitor_message}: {@code Message} for each visitor message, and its edits. */
    VISITOR_MESSAGE("Livechat_webhook_on_visitor_message"),
    /** {@code Livechat_webhook_on_agent_message}: {@code Message} for each agent message, and its edits. */
    AGENT_MESSAGE("Livechat_webhook_on_agent_message"),
    /** {@code Livechat_webhook_on_capture}: {@code LeadCapture} when a visitor's message gives an e-mail or phone. */
    CAPTURE("Livechat_webhook_on_capture");

    private final String setting;

    Trigger(String setting) {
      this.setting = setting;
    }

    /** The server's setting, for example {@code Livechat_webhook_on_close}. */
    public String setting() {
      return setting;
    }
  }

  /** The server's default timeout of one attempt ({@code Livechat_http_timeout}, 5000 ms). */
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofMillis(5000);

  /** Checks the values; the set is copied. */
  public WebhookSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secretToken, "secretToken");
    Objects.requireNonNull(httpTimeout, "httpTimeout");
    triggers = triggers == null || triggers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(triggers));
    if (httpTimeout.isNegative() || httpTimeout.isZero()) {
      throw new IllegalArgumentException("httpTimeout must be positive, was " + httpTimeout);
    }
    if (retryDelay != null && retryDelay.isNegative()) {
      throw new IllegalArgumentException("retryDelay must not be negative, was " + retryDelay);
    }
  }

  /** The server's defaults: no URL, no secret, every switch off; nothing is posted. */
  public static WebhookSettings off() {
    return new WebhookSettings("", "", Set.of(), DEFAULT_HTTP_TIMEOUT, null);
  }

  /** Posting to {@code url}, otherwise the server's defaults: no secret and every switch off (turn some {@link #on}). */
  public static WebhookSettings to(String url) {
    return off().withUrl(url);
  }

  /** With {@code Livechat_webhookUrl}. */
  public WebhookSettings withUrl(String url) {
    return new WebhookSettings(url, secretToken, triggers, httpTimeout, retryDelay);
  }

  /** With {@code Livechat_secret_token}; empty for none. */
  public WebhookSettings withSecretToken(String secretToken) {
    return new WebhookSettings(url, secretToken, triggers, httpTimeout, retryDelay);
  }

  /** With exactly these switches on. */
  public WebhookSettings withTriggers(Set<Trigger> triggers) {
    return new WebhookSettings(url, secretToken, triggers, httpTimeout, retryDelay);
  }

  /** With these switches on as well. */
  public WebhookSettings on(Trigger... more) {
    EnumSet<Trigger> all = EnumSet.noneOf(Trigger.class);
    all.addAll(triggers);
    all.addAll(java.util.List.of(more));
    return withTriggers(all);
  }

  /** With every switch on. */
  public WebhookSettings onAll() {
    return withTriggers(EnumSet.allOf(Trigger.class));
  }

  /** With {@code Livechat_http_timeout}. */
  public WebhookSettings withHttpTimeout(Duration timeout) {
    return new WebhookSettings(url, secretToken, triggers, timeout, retryDelay);
  }

  /** With the wait before a retry; null for the server's (four HTTP timeouts). */
  public WebhookSettings withRetryDelay(@Nullable Duration delay) {
    return new WebhookSettings(url, secretToken, triggers, httpTimeout, delay);
  }

  /** Whether {@code trigger} is on and there is a URL to post to ({@code sendToCRM} posts nothing without one). */
  public boolean isOn(Trigger trigger) {
    return !url.isEmpty() && triggers.contains(trigger);
  }

  /**
   * The wait before each retry: {@link #retryDelay()} if set, else four HTTP timeouts, as {@code
   * sendRequest}'s {@code const retryAfter = timeout * 4}.
   */
  public Duration delayBetweenTries() {
    return retryDelay != null ? retryDelay : httpTimeout.multipliedBy(4);
  }
}
