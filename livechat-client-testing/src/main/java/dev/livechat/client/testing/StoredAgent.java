package dev.livechat.client.testing;

import dev.livechat.client.model.Agent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An agent (a Rocket.Chat user with the livechat-agent role); guarded by the store. */
final class StoredAgent {
  final String id;
  final String username;
  final String name;
  String status = "online";
  /** {@code statusLivechat}: {@code available} (accepting chats) or {@code not-available}. */
  boolean accepting = true;
  /** The password {@code POST login} accepts for this agent ({@code FakeAgent.password()}). */
  String password = Ids.random();

  StoredAgent(String id, String username, String name) {
    this.id = id;
    this.username = username;
    this.name = name;
  }

  Author author() {
    return new Author(id, username, name);
  }

  String email() {
    return username + "@example.com";
  }

  /** The server's {@code normalizeAgent}: what a visitor may see, or {@code {"hiddenInfo":true}}. */
  Map<String, Object> toJson(boolean showInfo) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (!showInfo) {
      json.put("hiddenInfo", true);
      return json;
    }
    json.put("_id", id);
    json.put("username", username);
    json.put("name", name);
    json.put("status", status);
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("address", email());
    address.put("verified", true);
    json.put("emails", List.of(address));
    return json;
  }

  Agent toModel() {
    return new Agent(id, username, name, status, List.of(email()), false);
  }
}
