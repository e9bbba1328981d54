package dev.livechat.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The server answered, and the answer was a refusal: any HTTP status other than 2xx.
 *
 * <p>{@link #errorCode()} is normalised from every error shape the server uses, so callers can
 * compare it with a constant: {@code invalid-token} whether the body said {@code "invalid-token"},
 * {@code "[invalid-token]"} or {@code "Invalid token [invalid-token]"}; {@code invalid-params} for
 * both validation shapes; the {@code reason} of {@code {"reason": "error-no-file-uploaded"}}; and
 * the sentence itself when the body carries nothing else ({@code "Match error: Missing key 'token'"}).
 */
public class LivechatApiException extends LivechatException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final @Nullable String errorCode;
  private final @Nullable String serverText;

  /**
   * @param statusCode the HTTP status
   * @param errorCode the normalised error code, or null when the body carried none
   * @param serverText the server's own error text, or null when the body carried none
   * @param endpoint the endpoint as {@code "POST /api/v1/livechat/message"}
   */
  public LivechatApiException(
      int statusCode, @Nullable String errorCode, @Nullable String serverText, @Nullable String endpoint) {
    super(describe(statusCode, errorCode, serverText), endpoint, null);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.serverText = serverText;
  }

  /** The HTTP status code, for example 400. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The normalised error code, for example {@code invalid-token}, {@code invalid-params},
   * {@code room-closed}; null when the server sent no error text at all (a bare
   * {@code {"success":false}}, or a page that is not JSON, such as a proxy's 502).
   */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /**
   * The server's error text as it sent it, for example {@code "Invalid token [invalid-token]"};
   * null when it sent none.
   */
  public @Nullable String serverText() {
    return serverText;
  }

  private static String describe(int statusCode, @Nullable String errorCode, @Nullable String serverText) {
    StringBuilder out = new StringBuilder("HTTP ").append(statusCode);
    if (errorCode != null) {
      out.append(' ').append(errorCode);
    }
    String sentence = serverText == null ? null : stripCode(serverText, errorCode);
    if (sentence != null && !sentence.isEmpty() && !sentence.equals(errorCode)) {
      out.append(": ").append(sentence);
    }
    return out.toString();
  }

  /** {@code "Invalid token [invalid-token]"} reads as {@code "Invalid token"} after the code. */
  private static String stripCode(String text, @Nullable String errorCode) {
    String suffix = "[" + errorCode + "]";
    return errorCode != null && text.endsWith(suffix)
        ? text.substring(0, text.length() - suffix.length()).trim()
        : text;
  }
}
