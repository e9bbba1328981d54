package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the payload out of a successful answer. Rocket.Chat merges {@code "success": true} into
 * the payload: most endpoints put the record under one key ({@code {"message": {...}}}), some
 * send it at the top level ({@code {"messages": [...], "success": true}}).
 */
@FunctionalInterface
public interface ResponseReader<T> {
  /** Reads the payload; null only for an endpoint that answers nothing ({@link #nothing()}). */
  @Nullable T read(JsonReader in) throws IOException;

  /** The record under {@code key}; other keys ({@code success}) are skipped. */
  static <T> ResponseReader<T> field(String key, JsonAdapter<T> adapter) {
    JsonReader.Options names = JsonReader.Options.of(key);
    return in -> ValueAdapters.required(valueOf(in, names, adapter), key, in);
  }

  /** The record under {@code key}, or empty when the answer has none ({@code {"success": true}}). */
  static <T> ResponseReader<Optional<T>> optionalField(String key, JsonAdapter<T> adapter) {
    JsonReader.Options names = JsonReader.Options.of(key);
    return in -> Optional.ofNullable(valueOf(in, names, adapter));
  }

  /** The record under {@code key}, or null when the answer has none ({@code {"success": true}}). */
  static <T> ResponseReader<T> nullableField(String key, JsonAdapter<T> adapter) {
    JsonReader.Options names = JsonReader.Options.of(key);
    return in -> valueOf(in, names, adapter);
  }

  /** Reads the object, keeping the value of its one named key (null if absent). */
  private static <T> @Nullable T valueOf(JsonReader in, JsonReader.Options key, JsonAdapter<T> adapter)
      throws IOException {
    T value = null;
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(key) == 0) {
        value = adapter.fromJson(in);
      } else {
        ValueAdapters.skip(in);
      }
    }
    in.endObject();
    return value;
  }

  /** The whole answer is the record; its adapter skips {@code success}. */
  static <T> ResponseReader<T> whole(JsonAdapter<T> adapter) {
    return in -> ValueAdapters.required(adapter.fromJson(in), "body", in);
  }

  /** An answer that carries nothing but {@code success}: it must still be a JSON object. */
  static ResponseReader<Void> nothing() {
    return in -> {
      in.beginObject();
      while (in.hasNext()) {
        ValueAdapters.skip(in);
      }
      in.endObject();
      return null;
    };
  }
}
