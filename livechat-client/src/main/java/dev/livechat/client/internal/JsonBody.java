package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/** A JSON request body, encoded once so every attempt sends the same bytes. */
public final class JsonBody {
  private final ByteString bytes;
  private final List<String> secrets;

  private JsonBody(ByteString bytes, List<String> secrets) {
    this.bytes = bytes;
    this.secrets = secrets;
  }

  /** {@code value} written by its adapter (null components are omitted). */
  public static <T> JsonBody of(T value, JsonAdapter<T> adapter) {
    Buffer buffer = new Buffer();
    try (JsonWriter out = JsonWriter.of(buffer)) {
      adapter.toJson(out, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer cannot fail", e);
    }
    return new JsonBody(buffer.readByteString(), List.of());
  }

  /**
   * An object of string fields, given as name, value, name, value...; null values are omitted,
   * because the server rejects null fields.
   */
  public static JsonBody fields(@Nullable String... namesAndValues) {
    ObjectBuilder object = object();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      object.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return object.build();
  }

  /** An object built field by field, for bodies that mix strings, booleans and records. */
  public static ObjectBuilder object() {
    return new ObjectBuilder();
  }

  /**
   * The values of the {@code token} and {@code visitorToken} string fields put by an {@link
   * ObjectBuilder}, to keep out of messages (a call's secrets); empty for {@link #of}.
   */
  public List<String> secrets() {
    return secrets;
  }

  /** The encoded body. */
  public ByteString bytes() {
    return bytes;
  }

  /** Writes the fields of one JSON object as they are put; null values are omitted. */
  public static final class ObjectBuilder {
    private final Buffer buffer = new Buffer();
    private final JsonWriter out = JsonWriter.of(buffer);
    private final List<String> secrets = new ArrayList<>(1);

    private ObjectBuilder() {
      write(() -> out.beginObject());
    }

    public ObjectBuilder put(String name, @Nullable String value) {
      if (value != null && (name.equals("token") || name.equals("visitorToken"))) {
        secrets.add(value);
      }
      return value == null ? this : write(() -> out.name(name).value(value));
    }

    public ObjectBuilder put(String name, boolean value) {
      return write(() -> out.name(name).value(value));
    }

    public <T> ObjectBuilder put(String name, @Nullable T value, JsonAdapter<T> adapter) {
      return value == null ? this : write(() -> adapter.toJson(out.name(name), value));
    }

    public <T> ObjectBuilder putList(String name, List<T> values, JsonAdapter<T> adapter) {
      return write(() -> ValueAdapters.listOf(adapter).toJson(out.name(name), values));
    }

    public JsonBody build() {
      write(() -> out.endObject());
      write(out::close);
      return new JsonBody(buffer.readByteString(), List.copyOf(secrets));
    }

    private ObjectBuilder write(Writing writing) {
      try {
        writing.write();
      } catch (IOException e) {
        throw new IllegalStateException("writing to a buffer cannot fail", e);
      }
      return this;
    }

    private interface Writing {
      void write() throws IOException;
    }
  }
}
