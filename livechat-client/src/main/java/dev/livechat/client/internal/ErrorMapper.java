package dev.livechat.client.internal;

import com.squareup.moshi.JsonReader;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatRateLimitException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * The only code that reads a failure body. It accepts every shape Rocket.Chat sends (reference
 * §3) and bodies that are not JSON at all, and never copies the request into the message.
 */
public final class ErrorMapper {
  private static final JsonReader.Options NAMES =
      JsonReader.Options.of("error", "errorType", "reason", "message");
  /** {@code "Invalid token [invalid-token]"} and {@code "[invalid-token]"}. */
  private static final Pattern CODE_SUFFIX = Pattern.compile("\\[([^\\[\\]\\s]+)]\\s*$");
  /** {@code "You must wait 42 seconds before trying this endpoint again."} */
  private static final Pattern WAIT_SECONDS = Pattern.compile("wait (\\d{1,9}) seconds?");

  private ErrorMapper() {}

  /**
   * The exception for a non-2xx answer.
   *
   * @param body the whole body; read through a peek, so it stays intact
   * @param now when the answer arrived, to turn the reset time into a wait
   * @param secrets what the code and text must not hold, though the server echoed it ({@link
   *     Redaction})
   */
  public static LivechatApiException toException(
      int status, Headers headers, BufferedSource body, String endpoint, Instant now, List<String> secrets) {
    Fields fields = parse(body);
    String code = Redaction.scrubNullable(normalise(fields), secrets);
    String text = Redaction.scrubNullable(
        fields.error != null ? fields.error : fields.reason != null ? fields.reason : fields.message, secrets);
    if (status != 429) {
      return new LivechatApiException(status, code, text, endpoint);
    }
    Instant resetAt = epochMillis(headers.get("X-RateLimit-Reset"));
    Duration wait = null;
    if (resetAt != null) {
      wait = resetAt.isAfter(now) ? Duration.between(now, resetAt) : Duration.ZERO;
    } else if (text != null) {
      Matcher m = WAIT_SECONDS.matcher(text);
      if (m.find()) {
        wait = Duration.ofSeconds(Long.parseLong(m.group(1)));
        resetAt = now.plus(wait);
      }
    }
    return new LivechatRateLimitException(code, text, endpoint, resetAt, wait);
  }

  /** The error code: {@code errorType}, else the {@code [code]} suffix, else the plain text. */
  private static @Nullable String normalise(Fields fields) {
    if (fields.errorType != null) {
      return fields.errorType;
    }
    if (fields.error != null) {
      Matcher m = CODE_SUFFIX.matcher(fields.error);
      return m.find() ? m.group(1) : fields.error;
    }
    return fields.reason != null ? fields.reason : fields.message;
  }

  private static Fields parse(BufferedSource body) {
    Fields fields = new Fields();
    try (JsonReader in = JsonReader.of(body.peek())) {
      if (in.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return fields;
      }
      readFields(in, fields, false);
    } catch (IOException | RuntimeException e) {
      // Not JSON (an HTML page from a proxy, an empty or truncated body): keep what was read.
    }
    return fields;
  }

  /**
   * Reads the string fields of one object. A 0.70 server put the whole Meteor error object in
   * {@code error} ({@code {"error": {"error": "invalid-token", "reason": "...", "errorType":
   * "Meteor.Error"}}}); its fields are read the same way, except that {@code errorType} there
   * names the JavaScript class, not the code.
   */
  private static void readFields(JsonReader in, Fields fields, boolean nested) throws IOException {
    in.beginObject();
    while (in.hasNext()) {
      int index = in.selectName(NAMES);
      if (index == 0 && !nested && in.peek() == JsonReader.Token.BEGIN_OBJECT) {
        readFields(in, fields, true);
      } else if (index < 0) {
        ValueAdapters.skip(in);
      } else if (in.peek() != JsonReader.Token.STRING || (nested && index == 1)) {
        in.skipValue();
      } else {
        String value = in.nextString();
        switch (index) {
          case 0 -> fields.error = value;
          case 1 -> fields.errorType = value;
          case 2 -> fields.reason = value;
          default -> fields.message = value;
        }
      }
    }
    in.endObject();
  }

  private static @Nullable Instant epochMillis(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final class Fields {
    @Nullable String error;
    @Nullable String errorType;
    @Nullable String reason;
    @Nullable String message;
  }
}
