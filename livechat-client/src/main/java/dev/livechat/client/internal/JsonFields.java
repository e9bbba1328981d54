package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The few reading and writing steps every adapter shares. */
final class JsonFields {
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

  /** Reads an array of values with {@code adapter}; a null element is a decoding error. */
  static <T> List<T> list(JsonReader in, JsonAdapter<T> adapter) throws IOException {
    List<T> list = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      list.add(required(adapter.fromJson(in), "element", in));
    }
    in.endArray();
    return list;
  }

  /** Fails with the JSON path when a required value was absent. */
  static <T> T required(@Nullable T value, String wireName, JsonReader in) {
    if (value == null) {
      throw new JsonDataException("Required value '" + wireName + "' missing at " + in.getPath());
    }
    return value;
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
