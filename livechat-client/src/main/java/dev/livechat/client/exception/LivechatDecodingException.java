package dev.livechat.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with a success status, but the body is not what the endpoint promises:
 * empty, not JSON (an HTML page from a proxy), truncated, or of the wrong shape.
 */
public class LivechatDecodingException extends LivechatException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  /**
   * @param message what was wrong with the body (never the body itself)
   * @param statusCode the HTTP status of the answer
   * @param endpoint the endpoint as {@code "POST /api/v1/livechat/message"}
   * @param cause the decoding failure
   */
  public LivechatDecodingException(
      String message, int statusCode, @Nullable String endpoint, @Nullable Throwable cause) {
    super(message, endpoint, cause);
    this.statusCode = statusCode;
  }

  /** The HTTP status of the answer that could not be read. */
  public int statusCode() {
    return statusCode;
  }
}
