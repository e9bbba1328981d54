package dev.livechat.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Messages as the server writes them, for the scripted servers of the tests: written here, field
 * by field, not by the SDK's adapters, so that what the SDK reads is checked against an
 * independent writer.
 */
public final class WireMessages {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private WireMessages() {}

  /** The EJSON form a message takes on the WebSocket: {@code {"$date": millis}} timestamps. */
  public static Map<String, Object> ejson(Message message) {
    return map(message, at -> Map.of("$date", at.toEpochMilli()));
  }

  /** The form a message takes in a REST answer: ISO-8601 timestamps. */
  public static Map<String, Object> rest(Message message) {
    return map(message, Instant::toString);
  }

  /** A {@code messages.history} answer holding {@code messages}, latest first as given. */
  public static String history(List<Message> messages) {
    return JSON.toJson(Map.of("messages", messages.stream().map(WireMessages::rest).toList(), "success", true));
  }

  private static Map<String, Object> map(Message message, Function<Instant, Object> time) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("_id", message.id());
    map.put("rid", message.roomId());
    map.put("msg", message.text());
    if (message.type() != null) {
      map.put("t", message.type());
    }
    map.put("ts", time.apply(message.timestamp()));
    if (message.user() != null) {
      map.put("u", user(message.user()));
    }
    if (message.updatedAt() != null) {
      map.put("_updatedAt", time.apply(message.updatedAt()));
    }
    if (message.editedAt() != null) {
      map.put("editedAt", time.apply(message.editedAt()));
      map.put("editedBy", user(message.editedBy()));
    }
    return map;
  }

  private static Map<String, Object> user(User user) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("_id", user.id());
    map.put("username", user.username());
    if (user.name() != null) {
      map.put("name", user.name());
    }
    return map;
  }
}
