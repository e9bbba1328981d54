package dev.livechat.client.exception;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * No complete answer arrived: the connection could not be made, was reset, or broke while the
 * answer was being read. The cause is the underlying {@link IOException}.
 *
 * <p>The server may or may not have acted on the request.
 */
public class LivechatNetworkException extends LivechatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param endpoint the endpoint as {@code "POST /api/v1/livechat/message"}
   * @param cause the I/O failure
   */
  public LivechatNetworkException(String message, @Nullable String endpoint, IOException cause) {
    super(message, endpoint, cause);
  }
}
