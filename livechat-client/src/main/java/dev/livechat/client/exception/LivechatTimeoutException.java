package dev.livechat.client.exception;

import java.io.InterruptedIOException;
import org.jspecify.annotations.Nullable;

/** A connect, read, write or whole-call timeout expired before the answer was complete. */
public class LivechatTimeoutException extends LivechatNetworkException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the endpoint as {@code "POST /api/v1/livechat/message"}
   * @param cause the timeout as OkHttp reported it
   */
  public LivechatTimeoutException(@Nullable String endpoint, InterruptedIOException cause) {
    super("Timed out", endpoint, cause);
  }
}
