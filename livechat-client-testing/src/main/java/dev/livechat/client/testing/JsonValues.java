package dev.livechat.client.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * JSON as plain Java values, in and out: requests and DDP frames are read with Moshi's {@code
 * Object} adapter (maps, lists, strings, doubles, booleans); answers are written from maps and
 * lists with a {@link JsonWriter}, {@link Instant}s as the REST or the WebSocket side writes them.
 * Not the SDK's adapters: the fake server is the tests' oracle and reads JSON on its own.
 */
final class JsonValues {
  /** How timestamps are written. */
  enum Dates {
    /** REST: {@code "2023-10-31T13:14:29.804Z"}, like JavaScript's {@code toISOString()}. */
    ISO,
    /** WebSocket (EJSON): {@code {"$date": 1698758069804}}. */
    EJSON
  }

  /** A value written as JSON {@code null} (a plain null in a map is left out). */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static final JsonAdapter<Object> VALUES = new Moshi.Builder().build().adapter(Object.class);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private JsonValues() {}

  /** A JSON object with these names and values, in this order; null values are left out when written. */
  static Map<String, Object> object(Object... namesAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      object.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return object;
  }

  /** The value of {@code text}, or null if it is not JSON (or is JSON {@code null}). */
  static @Nullable Object parse(String text) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      Object value = VALUES.fromJson(reader);
      return reader.peek() == JsonReader.Token.END_DOCUMENT ? value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The value of {@code body}, or null if there is none or it is not JSON. */
  static @Nullable Object parse(@Nullable ByteString body) {
    return body == null || body.size() == 0 ? null : parse(body.utf8());
  }

  /** {@code value} as compact JSON; nulls inside maps are left out. */
  static String write(@Nullable Object value, Dates dates) {
    Buffer buffer = new Buffer();
    try (JsonWriter out = JsonWriter.of(buffer)) {
      write(out, value, dates);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer cannot fail", e);
    }
    return buffer.readUtf8();
  }

  /** As JavaScript's {@code Date.prototype.toISOString()}: always three fraction digits. */
  static String iso(Instant instant) {
    return ISO.format(instant);
  }

  private static void write(JsonWriter out, @Nullable Object value, Dates dates) throws IOException {
    if (value == null || value == NULL) {
      out.nullValue();
    } else if (value instanceof String s) {
      out.value(s);
    } else if (value instanceof Boolean b) {
      out.value(b);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        out.nullValue(); // as JSON.stringify
      } else {
        try (okio.BufferedSink sink = out.valueSink()) {
          sink.writeUtf8(JsNumbers.toString(d)); // as JSON.stringify: 12, 0.5, 1e+21
        }
      }
    } else if (value instanceof Number n) {
      out.value(n.longValue());
    } else if (value instanceof Instant instant) {
      if (dates == Dates.ISO) {
        out.value(iso(instant));
      } else {
        out.beginObject().name("$date").value(instant.toEpochMilli()).endObject();
      }
    } else if (value instanceof Map<?, ?> map) {
      out.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getValue() != null) {
          out.name(String.valueOf(entry.getKey()));
          if (entry.getValue() == NULL) {
            out.setSerializeNulls(true);
            out.nullValue();
            out.setSerializeNulls(false);
            continue;
          }
          write(out, entry.getValue(), dates);
        }
      }
      out.endObject();
    } else if (value instanceof List<?> list) {
      out.beginArray();
      for (Object item : list) {
        write(out, item, dates);
      }
      out.endArray();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }
}
