package dev.livechat.client.contract;

import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One request the SDK sent to Prism and what came back, as the {@link ViolationRecorder} saw it.
 *
 * @param method the HTTP method
 * @param url the full request URL
 * @param requestBody the request body as text; empty if there was none
 * @param status the HTTP status of the answer
 * @param violations what Prism reported about the request; empty if the request matched the file
 * @param answer the answer body as text
 * @param answerJson the answer body parsed into maps, lists, strings, doubles and booleans; null if
 *     it is not JSON
 */
public record Exchange(
    String method,
    HttpUrl url,
    String requestBody,
    int status,
    List<Violation> violations,
    String answer,
    @Nullable Object answerJson) {

  public Exchange {
    violations = List.copyOf(violations);
  }

  /** {@code POST /api/v1/livechat/offline.message}: the method and the path, without query. */
  public String describe() {
    return method + " " + url.encodedPath();
  }

  /**
   * The value at {@code path} in the JSON answer: a string is an object key, an integer a list
   * index. {@code at("messages", 0, "_id")}. Null if any step is missing.
   */
  public @Nullable Object at(Object... path) {
    Object node = answerJson;
    for (Object step : path) {
      if (step instanceof String key && node instanceof Map<?, ?> map) {
        node = map.get(key);
      } else if (step instanceof Integer index && node instanceof List<?> list && index < list.size()) {
        node = list.get(index);
      } else {
        return null;
      }
    }
    return node;
  }

  /** The string at {@code path} (see {@link #at}); null if absent or not a string. */
  public @Nullable String string(Object... path) {
    return at(path) instanceof String value ? value : null;
  }

  @Override
  public String toString() {
    return describe() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery())
        + (requestBody.isEmpty() ? "" : " " + requestBody)
        + " -> HTTP " + status + " " + violations;
  }
}
