package dev.livechat.client.webhook;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.EOFException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What the refusal of a malformed webhook body may say: where in the body (the JSON path) and what
 * was expected there, never a value from it. A webhook endpoint is public and its body untrusted,
 * and visitor tokens and personal data live there; Moshi quotes the value it could not read
 * ({@code Expected a long but was <value> at path $.size}) and a {@code DateTimeParseException}
 * quotes the text it could not parse, so neither message is passed on, nor is such a cause.
 */
final class BodyFailure {
  private BodyFailure() {}

  /**
   * {@code expected a long at path $.messages[0].fileUpload.size}, {@code required value '_id'
   * missing at $}, {@code malformed JSON at path $.x}: the failure's kind and path, no value.
   */
  static String describe(Exception failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    int at = pathStart(message);
    String where = at < 0 ? "" : message.substring(at);
    String head = at < 0 ? message : message.substring(0, at);
    String what;
    if (failure instanceof JsonEncodingException || failure instanceof EOFException) {
      what = "malformed JSON";
    } else if (head.startsWith("Expected ") && head.contains(" but was ")) {
      // Moshi's and ours: "Expected <kind> but was <value or token>"; the kind is ours to say.
      what = "expected " + head.substring("Expected ".length(), head.indexOf(" but was "));
    } else if (head.startsWith("Expected ") || head.startsWith("Required ")) {
      // The SDK's own, naming a kind or a field only ("Expected an ISO-8601 instant").
      what = Character.toLowerCase(head.charAt(0)) + head.substring(1);
    } else {
      what = "a value of the wrong shape";
    }
    return where.isEmpty() ? what : what + where;
  }

  /**
   * A stand-in for {@code failure} to keep as the refusal's cause: its kind and stack trace, the
   * {@link #describe} message, and no cause of its own (a parse failure's cause quotes the text).
   */
  static Exception withoutValues(Exception failure) {
    String message = describe(failure);
    Exception copy = failure instanceof IOException ? new IOException(message) : new JsonDataException(message);
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }

  /**
   * Where the path begins: the last {@code " at path $"} or {@code " at $"}; the value, when quoted,
   * stands before it. -1 when the message names none.
   */
  private static int pathStart(@Nullable String message) {
    if (message == null) {
      return -1;
    }
    int longForm = message.lastIndexOf(" at path $");
    return longForm >= 0 ? longForm : message.lastIndexOf(" at $");
  }
}
