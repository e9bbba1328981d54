package dev.livechat.client.testing;

import dev.livechat.client.model.User;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Who wrote or edited a message: the {@code u} and {@code editedBy} of a stored message. */
record Author(String id, String username, @Nullable String name) {

  /** {@code {"_id":..,"username":..,"name":..}}; the name left out when there is none. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", id);
    json.put("username", username);
    json.put("name", name);
    return json;
  }

  User toModel() {
    return new User(id, username, name);
  }
}
