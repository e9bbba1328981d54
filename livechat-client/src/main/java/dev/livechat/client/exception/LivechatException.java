package dev.livechat.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception this SDK throws. Unchecked.
 *
 * <p>Subclasses say what went wrong: {@link LivechatApiException} when the server refused the call,
 * {@link LivechatNetworkException} when no answer arrived, {@link LivechatDecodingException} when
 * the answer could not be read, {@link LivechatWebhookException} when a request to a webhook
 * endpoint is not a delivery from the server. Messages never contain the visitor token.
 */
public class LivechatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String endpoint;

  /**
   * @param message what went wrong, without the visitor token
   * @param endpoint the endpoint as {@code "POST /api/v1/livechat/message"}, or null
   * @param cause the underlying failure, or null
   */
  public LivechatException(String message, @Nullable String endpoint, @Nullable Throwable cause) {
    super(endpoint == null ? message : message + " (" + endpoint + ")", cause);
    this.endpoint = endpoint;
  }

  /**
   * The endpoint that failed, as its route template ({@code "DELETE /api/v1/livechat/message/:_id"}),
   * so that no path parameter (a visitor token travels in some) is ever printed; null when the
   * failure did not come from a call.
   */
  public @Nullable String endpoint() {
    return endpoint;
  }
}
