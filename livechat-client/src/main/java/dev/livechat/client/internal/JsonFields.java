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

/** The few reading and writing steps every adapter shares. */
final class JsonFields {
  /** Strings, as the element adapter of string lists. */
  static final JsonAdapter<String> STRINGS = new JsonAdapter<String>() {
    @Override
    public @Nullable String fromJson(JsonReader in) throws IOException {
      return string(in);
    }

    @Override
    public void toJson(JsonWriter out, @Nullable String value) throws IOException {
      out.value(value);
    }
  };

  private JsonFields() {}

  /** Reads a string, or null for a JSON {@code null}. */
  static @Nullable String string(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    return in.nextString();
  }

  /** Reads a boolean, or null for a JSON {@code null}. */
  static @Nullable Boolean bool(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    return in.nextBoolean();
  }

  /** Reads an integer, or null for a JSON {@code null}. */
  static @Nullable Integer integer(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    return in.nextInt();
  }

  /** Reads a long, or null for a JSON {@code null}. */
  static @Nullable Long longValue(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    return in.nextLong();
  }

  /**
   * Reads a string, number or boolean as text (numbers without a fraction print without one), or
   * null for a JSON {@code null}; an object or array is skipped as null.
   */
  static @Nullable String scalar(JsonReader in) throws IOException {
    Object value = in.readJsonValue();
    if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
      return Long.toString(number.longValue());
    }
    return value instanceof String || value instanceof Double || value instanceof Boolean
        ? value.toString()
        : null;
  }

  /**
   * Reads an object of scalar values into text ({@code livechatData}, survey {@code data}, trigger
   * parameters), or null for a JSON {@code null}; null and non-scalar values are left out.
   */
  static @Nullable Map<String, String> stringMap(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
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

  /** Writes {@code "name": {"key": "value", ...}}. */
  static void writeMap(JsonWriter out, String name, Map<String, String> map) throws IOException {
    out.name(name).beginObject();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      out.name(entry.getKey()).value(entry.getValue());
    }
    out.endObject();
  }

  /**
   * Reads an array of values with {@code adapter}, or null for a JSON {@code null} (the records
   * turn that into an empty list); a null element is a decoding error.
   */
  static <T> @Nullable List<T> list(JsonReader in, JsonAdapter<T> adapter) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    List<T> list = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      list.add(required(adapter.fromJson(in), "element", in));
    }
    in.endArray();
    return list;
  }

  /**
   * An adapter for objects of which one string field matters, such as {@code {"phoneNumber": "+1"}}
   * or {@code {"address": "a@b.c"}}: it reads and writes that field alone.
   */
  static JsonAdapter<String> singleField(String name) {
    JsonReader.Options names = JsonReader.Options.of(name);
    return new JsonAdapter<String>() {
      @Override
      public @Nullable String fromJson(JsonReader in) throws IOException {
        String value = null;
        in.beginObject();
        while (in.hasNext()) {
          if (in.selectName(names) == 0) {
            value = string(in);
          } else {
            skip(in);
          }
        }
        in.endObject();
        return required(value, name, in);
      }

      @Override
      public void toJson(JsonWriter out, @Nullable String value) throws IOException {
        out.beginObject();
        write(out, name, value);
        out.endObject();
      }
    };
  }

  /** An adapter for arrays of {@code element}; a null element is a decoding error. */
  static <T> JsonAdapter<List<T>> listAdapter(JsonAdapter<T> element) {
    return new JsonAdapter<List<T>>() {
      @Override
      public @Nullable List<T> fromJson(JsonReader in) throws IOException {
        return list(in, element);
      }

      @Override
      public void toJson(JsonWriter out, @Nullable List<T> values) throws IOException {
        if (values == null) {
          out.nullValue();
          return;
        }
        out.beginArray();
        for (T value : values) {
          element.toJson(out, value);
        }
        out.endArray();
      }
    };
  }

  /** Fails with the JSON path when a required value was absent. */
  static <T> T required(@Nullable T value, String wireName, JsonReader in) {
    if (value == null) {
      throw new JsonDataException("Required value '" + wireName + "' missing at " + in.getPath());
    }
    return value;
  }

  /**
   * Keeps the name and value the reader stands on in {@code other}, as read (strings, numbers as
   * {@code Double}, booleans, lists, maps, nulls): the name was not one of ours.
   */
  static void keep(JsonReader in, Map<String, @Nullable Object> other) throws IOException {
    String name = in.nextName();
    other.put(name, in.readJsonValue());
  }

  /** Writes each of {@code other} as it was read. */
  static void writeOther(JsonWriter out, Map<String, @Nullable Object> other) throws IOException {
    for (Map.Entry<String, @Nullable Object> entry : other.entrySet()) {
      out.name(entry.getKey()).jsonValue(entry.getValue());
    }
  }

  /** Skips the name and value the reader stands on: the name was not one of ours. */
  static void skip(JsonReader in) throws IOException {
    in.skipName();
    in.skipValue();
  }

  /** Writes {@code "name": value} unless the value is null (the server rejects null fields). */
  static void write(JsonWriter out, String name, @Nullable String value) throws IOException {
    if (value != null) {
      out.name(name).value(value);
    }
  }

  /** Writes {@code "name": value} with {@code adapter} unless the value is null. */
  static <T> void write(JsonWriter out, String name, JsonAdapter<T> adapter, @Nullable T value)
      throws IOException {
    if (value != null) {
      adapter.toJson(out.name(name), value);
    }
  }

  /** Writes {@code "name": [values]} with {@code adapter} for each element. */
  static <T> void writeList(JsonWriter out, String name, JsonAdapter<T> adapter, List<T> values)
      throws IOException {
    out.name(name).beginArray();
    for (T value : values) {
      adapter.toJson(out, value);
    }
    out.endArray();
  }

  /** Writes {@code "name": value} unless the value is null. */
  static void write(JsonWriter out, String name, @Nullable Boolean value) throws IOException {
    if (value != null) {
      out.name(name).value(value);
    }
  }
}
