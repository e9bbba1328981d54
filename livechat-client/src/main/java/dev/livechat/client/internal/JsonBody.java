package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/** A JSON request body, encoded once so every attempt sends the same bytes. */
public final class JsonBody {
  private final ByteString bytes;

  private JsonBody(ByteString bytes) {
    this.bytes = bytes;
  }

  /** {@code value} written by its adapter (null components are omitted). */
  public static <T> JsonBody of(T value, JsonAdapter<T> adapter) {
    Buffer buffer = new Buffer();
    try (JsonWriter out = JsonWriter.of(buffer)) {
      adapter.toJson(out, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer cannot fail", e);
    }
    return new JsonBody(buffer.readByteString());
  }

  /**
   * An object of string fields, given as name, value, name, value...; null values are omitted,
   * because the server rejects null fields.
   */
  public static JsonBody fields(@Nullable String... namesAndValues) {
    Buffer buffer = new Buffer();
    try (JsonWriter out = JsonWriter.of(buffer)) {
      out.beginObject();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        JsonFields.write(out, namesAndValues[i], namesAndValues[i + 1]);
      }
      out.endObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer cannot fail", e);
    }
    return new JsonBody(buffer.readByteString());
  }

  /** The encoded body. */
  public ByteString bytes() {
    return bytes;
  }
}
