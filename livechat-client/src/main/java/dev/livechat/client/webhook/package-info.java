/**
 * Receiving the Livechat webhooks a Rocket.Chat server posts to a backend (a bridge from WhatsApp,
 * SMS or e-mail, a CRM): typed events, the secret check and the de-duplication of the server's
 * retries. Framework-neutral: it takes the request's headers and body bytes, and works in any HTTP
 * server, servlet container or Android-free backend alike.
 *
 * <pre>{@code
 * LivechatWebhooks webhooks = LivechatWebhooks.create(System.getenv("LIVECHAT_WEBHOOK_SECRET"));
 *
 * // in your HTTP handler, for POST <your webhook URL>:
 * WebhookDelivery delivery = webhooks.receive(requestHeaders, requestBody);  // throws LivechatWebhookException
 * if (!delivery.duplicate() && delivery.event() instanceof WebhookEvent.MessageSent sent) {
 *   forwardToWhatsApp(sent.room().visitor(), sent.message());
 * }
 * // answer 200: any other status makes the server send the same body again
 * }</pre>
 *
 * <p>Components are non-null unless marked {@code @Nullable}; lists and maps are never null.
 * Records that hold the visitor token, or the raw body that contains it, never print it.
 */
@NullMarked
package dev.livechat.client.webhook;

import org.jspecify.annotations.NullMarked;
