package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the payload out of a successful answer. Rocket.Chat merges {@code "success": true} into
 * the payload: most endpoints put the record under one key ({@code {"message": {...}}}), some
 * send it at the top level ({@code {"messages": [...], "success": true}}).
 */
@FunctionalInterface
public interface ResponseReader<T> {
  /** Reads the payload; null means the answer held none. */
  @Nullable T read(JsonReader in) throws IOException;

  /** The record under {@code key}; other keys ({@code success}) are skipped. */
  static <T> ResponseReader<T> field(String key, JsonAdapter<T> adapter) {
    JsonReader.Options names = JsonReader.Options.of(key);
    return in -> {
      T value = null;
      in.beginObject();
      while (in.hasNext()) {
        if (in.selectName(names) == 0) {
          value = adapter.fromJson(in);
        } else {
          JsonFields.skip(in);
        }
      }
      in.endObject();
      return JsonFields.required(value, key, in);
    };
  }

  /** The whole answer is the record; its adapter skips {@code success}. */
  static <T> ResponseReader<T> whole(JsonAdapter<T> adapter) {
    return adapter::fromJson;
  }
}
