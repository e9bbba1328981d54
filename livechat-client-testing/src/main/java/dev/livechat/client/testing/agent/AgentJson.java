package dev.livechat.client.testing.agent;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.User;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The agent client's JSON: plain values (maps, lists, strings, doubles, booleans) read and written
 * by Moshi's own value adapter, and the few records read from them by hand. The SDK's {@code
 * internal} package stays the SDK's: its module does not export it, so this module repeats the
 * little it needs (the error code's normalisation, the timestamp forms, the redaction of secrets).
 */
final class AgentJson {
  private static final JsonAdapter<Object> VALUES = new Moshi.Builder().build().adapter(Object.class);
  /** {@code "Invalid token [invalid-token]"} and {@code "[invalid-token]"}. */
  private static final Pattern CODE_SUFFIX = Pattern.compile("\\[([^\\[\\]\\s]+)]\\s*$");
  /** {@code "You must wait 42 seconds before trying this endpoint again."} */
  private static final Pattern WAIT_SECONDS = Pattern.compile("wait (\\d{1,9}) seconds?");

  private AgentJson() {}

  /** The JSON value of {@code text}. */
  static @Nullable Object parse(String text) throws IOException {
    return VALUES.fromJson(text);
  }

  /** {@code value} as compact JSON. */
  static String write(Object value) {
    return VALUES.toJson(value);
  }

  /** A string field, or null. */
  static @Nullable String text(@Nullable Object value) {
    return value instanceof String s ? s : null;
  }

  /** An ISO-8601 string, epoch milliseconds, or {@code {"$date": millis}}; null for anything else. */
  static @Nullable Instant instant(@Nullable Object value) {
    if (value instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException notInstant) {
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
          return null;
        }
      }
    }
    if (value instanceof Number millis) {
      return Instant.ofEpochMilli(millis.longValue());
    }
    if (value instanceof Map<?, ?> date && date.get("$date") instanceof Number millis) {
      return Instant.ofEpochMilli(millis.longValue());
    }
    return null;
  }

  /** A stored message ({@code IMessage}): its text fields, author and times; null if it has no {@code _id}. */
  static @Nullable Message message(@Nullable Object value) {
    if (!(value instanceof Map<?, ?> message) || !(message.get("_id") instanceof String id)) {
      return null;
    }
    return new Message(id, text(message.get("rid")), text(message.get("msg")), text(message.get("t")),
        text(message.get("token")), text(message.get("alias")), user(message.get("u")),
        instant(message.get("ts") != null ? message.get("ts") : message.get("ls")), instant(message.get("_updatedAt")),
        instant(message.get("editedAt")), user(message.get("editedBy")), null, List.of());
  }

  private static @Nullable User user(@Nullable Object value) {
    return value instanceof Map<?, ?> user && user.get("_id") instanceof String id
        ? new User(id, text(user.get("username")), text(user.get("name")))
        : null;
  }

  /** An inquiry ({@code ILivechatInquiryRecord}); null without {@code _id} and {@code rid}. */
  static @Nullable Inquiry inquiry(@Nullable Object value) {
    if (value instanceof Map<?, ?> inquiry && inquiry.get("_id") instanceof String id
        && inquiry.get("rid") instanceof String rid) {
      return new Inquiry(id, rid, text(inquiry.get("name")), text(inquiry.get("status")),
          text(inquiry.get("department")), instant(inquiry.get("ts")));
    }
    return null;
  }

  /**
   * The exception for a refusal, as the SDK reads one: the code is {@code errorType}, else the
   * {@code [code]} suffix of {@code error}, else {@code error} (or {@code reason}, {@code message});
   * the text {@code error}, {@code reason} or {@code message}; 429 a {@link
   * LivechatRateLimitException}. Secrets the server echoed are scrubbed from both.
   */
  static LivechatApiException refusal(int status, @Nullable String resetHeader, String body, String endpoint,
      List<String> secrets) {
    Object parsed;
    try {
      parsed = parse(body);
    } catch (IOException | RuntimeException notJson) {
      parsed = null;
    }
    Map<?, ?> fields = parsed instanceof Map<?, ?> map ? map : Map.of();
    String error = text(fields.get("error"));
    String errorType = text(fields.get("errorType"));
    String reason = text(fields.get("reason"));
    String message = text(fields.get("message"));
    String code;
    if (errorType != null) {
      code = errorType;
    } else if (error != null) {
      Matcher suffix = CODE_SUFFIX.matcher(error);
      code = suffix.find() ? suffix.group(1) : error;
    } else if (fields.get("error") instanceof Number number) {
      code = String.valueOf(number.intValue()); // the login's Meteor error code, for example 403
    } else {
      code = reason != null ? reason : message;
    }
    String text = error != null ? error : reason != null ? reason : message;
    code = code == null ? null : scrub(code, secrets);
    text = text == null ? null : scrub(text, secrets);
    if (status != 429) {
      return new LivechatApiException(status, code, text, endpoint);
    }
    Instant now = Instant.now();
    Instant resetAt = null;
    try {
      resetAt = resetHeader == null ? null : Instant.ofEpochMilli(Long.parseLong(resetHeader.trim()));
    } catch (NumberFormatException ignored) {
      // no usable reset time
    }
    Duration wait = resetAt == null ? null : resetAt.isAfter(now) ? Duration.between(now, resetAt) : Duration.ZERO;
    if (wait == null && text != null) {
      Matcher seconds = WAIT_SECONDS.matcher(text);
      if (seconds.find()) {
        wait = Duration.ofSeconds(Long.parseLong(seconds.group(1)));
        resetAt = now.plus(wait);
      }
    }
    return new LivechatRateLimitException(code, text, endpoint, resetAt, wait);
  }

  /** {@code text} with every secret replaced by {@code ***}. */
  static String scrub(String text, List<String> secrets) {
    String scrubbed = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        scrubbed = scrubbed.replace(secret, "***");
      }
    }
    return scrubbed;
  }

  /** A failure whose message is safe to show: the original if it names no secret, else a copy saying what it was. */
  static IOException scrub(IOException failure, List<String> secrets) {
    String message = String.valueOf(failure.getMessage());
    String scrubbed = scrub(message, secrets);
    if (scrubbed.equals(message)) {
      return failure;
    }
    IOException copy = failure instanceof java.io.InterruptedIOException
        ? new java.io.InterruptedIOException(failure.getClass().getName() + ": " + scrubbed)
        : new IOException(failure.getClass().getName() + ": " + scrubbed);
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }
}
