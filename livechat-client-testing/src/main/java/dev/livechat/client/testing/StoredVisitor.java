package dev.livechat.client.testing;

import dev.livechat.client.model.Visitor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A visitor as the server stores it ({@code ILivechatVisitor}); guarded by the store. */
final class StoredVisitor {
  final String id;
  /** Changes when a new token registers with this visitor's email address ({@code registerGuest}). */
  String token;
  final String username;
  final Instant ts;
  /** Its place in the store's visitors, last put last (set by the store, for the phone and e-mail indexes). */
  long order;
  @Nullable String name;
  @Nullable String email;
  @Nullable String phone;
  @Nullable String department;
  String status = "online";
  Instant updatedAt;
  final Map<String, String> livechatData = new LinkedHashMap<>();
  /** Addresses and numbers lead capture found in the visitor's messages ({@code saveGuestEmailPhoneById}). */
  final List<String> capturedEmails = new ArrayList<>();
  final List<String> capturedPhones = new ArrayList<>();

  StoredVisitor(String id, String token, String username, Instant ts) {
    this.id = id;
    this.token = token;
    this.username = username;
    this.ts = ts;
    this.updatedAt = ts;
  }

  /** {@code visitorEmails}: the registered address, then those captured; each once. */
  List<String> emails() {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    if (email != null) {
      all.add(email);
    }
    all.addAll(capturedEmails);
    return new ArrayList<>(all);
  }

  /** {@code phone}: the registered number, then those captured; each once. */
  List<String> phones() {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    if (phone != null) {
      all.add(phone);
    }
    all.addAll(capturedPhones);
    return new ArrayList<>(all);
  }

  Author author() {
    return new Author(id, username, name);
  }

  /** The whole document, as {@code GET livechat/visitor/:token} returns it. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", id);
    json.put("username", username);
    json.put("token", token);
    json.put("status", status);
    json.put("ts", ts);
    json.put("_updatedAt", updatedAt);
    json.put("name", name);
    if (!phones().isEmpty()) {
      json.put("phone", phones().stream().map(number -> Map.of("phoneNumber", number)).toList());
    }
    if (!emails().isEmpty()) {
      json.put("visitorEmails", emails().stream().map(address -> Map.of("address", address)).toList());
    }
    json.put("department", department);
    if (!livechatData.isEmpty()) {
      json.put("livechatData", new LinkedHashMap<>(livechatData));
    }
    return json;
  }

  /** What {@code config} shows as {@code guest} (the server's {@code findGuestWithoutActivity}). */
  Map<String, Object> toGuestJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", id);
    json.put("username", username);
    json.put("token", token);
    json.put("name", name);
    if (email != null) {
      json.put("visitorEmails", List.of(Map.of("address", email)));
    }
    json.put("department", department);
    return json;
  }

  Visitor toModel() {
    return new Visitor(id, token, username, name, status, department, phones(), emails(), livechatData, ts, updatedAt);
  }
}
