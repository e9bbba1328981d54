package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The adapters of the values inside our records, and the few reading steps every reader shares.
 *
 * <p>The value adapters are not null-safe: a {@link RecordAdapter} reads a JSON {@code null} as an
 * absent field before it asks them, and a list refuses a null element.
 */
public final class ValueAdapters {
  /** A string; a number is read as its text. */
  public static final JsonAdapter<String> STRING = value(JsonReader::nextString, JsonWriter::value);
  public static final JsonAdapter<Boolean> BOOLEAN = value(JsonReader::nextBoolean, JsonWriter::value);
  public static final JsonAdapter<Integer> INTEGER = value(JsonReader::nextInt, JsonWriter::value);
  public static final JsonAdapter<Long> LONG = value(JsonReader::nextLong, JsonWriter::value);
  /** An integer, or null for any other value (a setting the admin left as text or {@code false}). */
  public static final JsonAdapter<Integer> INTEGER_OR_NULL = value(
      in -> in.peek() == JsonReader.Token.NUMBER ? Integer.valueOf(in.nextInt()) : skipToNull(in),
      JsonWriter::value);
  /**
   * A string, number or boolean as text (numbers without a fraction print without one); an object
   * or array reads as null.
   */
  public static final JsonAdapter<String> SCALAR = value(ValueAdapters::scalar, JsonWriter::value);
  /**
   * An object of scalar values as text ({@code livechatData}, survey {@code data}, trigger
   * parameters); null and non-scalar values are left out.
   */
  public static final JsonAdapter<Map<String, String>> STRING_MAP = value(ValueAdapters::stringMap, (out, map) -> {
    out.beginObject();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      out.name(entry.getKey()).value(entry.getValue());
    }
    out.endObject();
  });
  /** Any value, as read: strings, numbers as {@code Double}, booleans, lists, maps. */
  public static final JsonAdapter<Object> ANY = value(JsonReader::readJsonValue, JsonWriter::jsonValue);
  public static final JsonAdapter<List<String>> STRINGS = listOf(STRING);

  private ValueAdapters() {}

  /** Reads one value. */
  @FunctionalInterface
  public interface Read<T> {
    T read(JsonReader in) throws IOException;
  }

  /** Writes one value, never null. */
  @FunctionalInterface
  public interface Write<T> {
    void write(JsonWriter out, T value) throws IOException;
  }

  /** The adapter of a value read by {@code read} and written by {@code write}. */
  public static <T> JsonAdapter<T> value(Read<T> read, Write<T> write) {
    return new JsonAdapter<T>() {
      @Override
      public T fromJson(JsonReader in) throws IOException {
        return read.read(in);
      }

      @Override
      public void toJson(JsonWriter out, @Nullable T value) throws IOException {
        if (value == null) {
          out.nullValue();
        } else {
          write.write(out, value);
        }
      }
    };
  }

  /** An array of {@code element}; a null element is a decoding error. */
  public static <T> JsonAdapter<List<T>> listOf(JsonAdapter<T> element) {
    return value(in -> {
      List<T> list = new ArrayList<>();
      in.beginArray();
      while (in.hasNext()) {
        if (in.peek() == JsonReader.Token.NULL) {
          throw new JsonDataException("Required value 'element' missing at " + in.getPath());
        }
        list.add(element.fromJson(in));
      }
      in.endArray();
      return list;
    }, (out, values) -> {
      out.beginArray();
      for (T value : values) {
        element.toJson(out, value);
      }
      out.endArray();
    });
  }

  /**
   * An object of which one string field matters, such as {@code {"phoneNumber": "+1"}} or {@code
   * {"address": "a@b.c"}}: it reads and writes that field alone.
   */
  public static JsonAdapter<String> singleField(String name) {
    return RecordAdapter.of(String.class, f -> f.required(name, STRING, text -> text));
  }

  private static @Nullable String scalar(JsonReader in) throws IOException {
    Object value = in.readJsonValue();
    if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
      return Long.toString(number.longValue());
    }
    return value instanceof String || value instanceof Double || value instanceof Boolean
        ? value.toString()
        : null;
  }

  private static Map<String, String> stringMap(JsonReader in) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      String key = in.nextName();
      String value = scalar(in);
      if (value != null) {
        map.put(key, value);
      }
    }
    in.endObject();
    return map;
  }

  private static <T> @Nullable T skipToNull(JsonReader in) throws IOException {
    in.skipValue();
    return null;
  }

  /** Fails with the JSON path when a required value was absent. */
  public static <T> T required(@Nullable T value, String wireName, JsonReader in) {
    if (value == null) {
      throw new JsonDataException("Required value '" + wireName + "' missing at " + in.getPath());
    }
    return value;
  }

  /**
   * Keeps the name and value the reader stands on in {@code other}, as read: the name was not one
   * of ours.
   */
  static void keep(JsonReader in, Map<String, @Nullable Object> other) throws IOException {
    String name = in.nextName();
    other.put(name, in.readJsonValue());
  }

  /** Skips the name and value the reader stands on: the name was not one of ours. */
  public static void skip(JsonReader in) throws IOException {
    in.skipName();
    in.skipValue();
  }
}
