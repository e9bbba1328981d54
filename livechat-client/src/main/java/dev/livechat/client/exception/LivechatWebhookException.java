package dev.livechat.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * A request that reached a webhook endpoint is not a delivery from the Livechat server: the
 * {@code X-RocketChat-Livechat-Token} header is missing or wrong, or the body is not a JSON object
 * with a {@code type}. Thrown by {@code dev.livechat.client.webhook}, before anything else is done
 * with the request.
 *
 * <p>{@link #responseStatus()} is the HTTP status to answer with: 401 for the secret, 400 for the
 * body. The current server ({@code sendRequest} in {@code
 * apps/meteor/app/livechat/server/lib/webhooks.ts}) does not retry a 4xx; older servers retry
 * every answer but 200. The message never contains the body, the secret or the visitor token.
 */
public class LivechatWebhookException extends LivechatException {
  private static final long serialVersionUID = 1L;

  private final int responseStatus;

  /**
   * @param message what was wrong with the request (never its body or headers' values)
   * @param responseStatus the HTTP status to answer with: 401 or 400
   * @param cause the decoding failure, or null
   */
  public LivechatWebhookException(String message, int responseStatus, @Nullable Throwable cause) {
    super(message, null, cause);
    this.responseStatus = responseStatus;
  }

  /** The HTTP status to answer the request with: 401 when the secret failed, 400 for a bad body. */
  public int responseStatus() {
    return responseStatus;
  }
}
