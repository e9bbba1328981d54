package dev.livechat.client.webhook;

import dev.livechat.client.internal.Checks;

/**
 * A request to the webhook endpoint that passed the secret check and was read.
 *
 * @param event what the server sent
 * @param key the delivery key ({@link LivechatWebhooks#deliveryKey}), equal for every retry of
 *     this delivery
 * @param duplicate whether the store had seen the key before: a retry of a delivery already
 *     received. Answer it with 200 as well, and do not act on it again
 */
public record WebhookDelivery(WebhookEvent event, String key, boolean duplicate) {
  public WebhookDelivery {
    Checks.notNull(event, "event");
    Checks.notNull(key, "key");
  }
}
