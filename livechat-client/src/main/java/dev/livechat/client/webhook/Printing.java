package dev.livechat.client.webhook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the records of this package share: copying maps that keep nulls, and safe printing. */
final class Printing {
  private Printing() {}

  /**
   * An unmodifiable copy of fields read as they came, in their order; JSON {@code null} values
   * are kept (which {@code Map.copyOf} would refuse).
   */
  static Map<String, @Nullable Object> copyOfFields(@Nullable Map<String, @Nullable Object> fields) {
    if (fields == null || fields.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The names of fields only: their values may hold anything, a token included. */
  static String names(Map<String, @Nullable Object> fields) {
    return fields.keySet().toString();
  }

  /** The length of the raw body, never the body: it carries the visitor token. */
  static String raw(String rawJson) {
    return "<" + rawJson.length() + " chars>";
  }

  /** A URL without its query: a file URL carries a JWT there. */
  static @Nullable String withoutQuery(@Nullable String url) {
    if (url == null) {
      return null;
    }
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?***";
  }
}
