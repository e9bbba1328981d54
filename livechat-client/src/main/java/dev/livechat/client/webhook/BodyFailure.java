package dev.livechat.client.webhook;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.EOFException;

/**
 * What the refusal of a malformed webhook body may say: where in the body (the reader's JSON path)
 * and what was expected there, never a value from it. A webhook endpoint is public and its body
 * untrusted, and visitor tokens and personal data live there; Moshi quotes the values it could not
 * read ({@code Expected a long but was <value> at path $.size}, {@code Map key 'a' has multiple
 * values at path $.a: <value> and <value>}) and a {@code DateTimeParseException} quotes the text
 * it could not parse, so no such message is passed on, nor is such a cause. The path is the
 * reader's own, not read out of a message.
 */
final class BodyFailure {
  private BodyFailure() {}

  /**
   * A stand-in for {@code failure}, thrown where the body was being read at {@code path}: its
   * stack trace, a message such as {@code expected a long at path $.messages[0].fileUpload.size},
   * and no cause.
   */
  static JsonDataException at(Exception failure, String path) {
    JsonDataException safe = new JsonDataException(what(failure) + " at path " + path);
    safe.setStackTrace(failure.getStackTrace());
    return safe;
  }

  /** The kind of failure, in words that hold no value from the body. */
  private static String what(Exception failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (failure instanceof JsonEncodingException || failure instanceof EOFException) {
      return "malformed JSON";
    }
    if (message.startsWith("Expected ") && message.contains(" but was ")) {
      // Moshi's and ours: "Expected <kind> but was <value or token> ..."; the kind is ours to say.
      return "expected " + message.substring("Expected ".length(), message.indexOf(" but was "));
    }
    if (message.startsWith("Expected ") || message.startsWith("Required ")) {
      // The SDK's own, naming a kind or a field, then where: "Expected an ISO-8601 instant at $.x".
      int where = message.indexOf(" at ");
      String head = where < 0 ? message : message.substring(0, where);
      return Character.toLowerCase(head.charAt(0)) + head.substring(1);
    }
    if (message.startsWith("Map key ")) {
      return "a key given twice";
    }
    return "a value of the wrong shape";
  }
}
