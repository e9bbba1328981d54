package dev.livechat.client.testing;

import dev.livechat.client.model.Room;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.Visitor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Livechat room ({@code IOmnichannelRoom}, {@code t: "l"}); guarded by the store. */
final class StoredRoom {
  final String id;
  final StoredVisitor visitor;
  final Instant ts;
  String visitorStatus;
  String fname;
  @Nullable String departmentId;
  boolean open = true;
  boolean waitingResponse = true;
  int msgs;
  Instant updatedAt;
  @Nullable Instant lm;
  @Nullable StoredMessage lastMessage;
  @Nullable StoredAgent servedBy;
  @Nullable Instant servedSince;
  @Nullable Instant closedAt;
  @Nullable String closer;
  @Nullable Author closedBy;
  /** What the webhook endpoint answered last with 200 ({@code saveCRMDataByRoomId}), or null. */
  @Nullable String crmData;
  final Map<String, String> surveyFeedback = new LinkedHashMap<>();
  /** Values of room-scoped custom fields. */
  final Map<String, String> livechatData = new LinkedHashMap<>();
  /** {@code source}: {@code {"type":"api"}}, or {@code {"type":"widget","destination":host}}. */
  final Map<String, Object> source;

  StoredRoom(String id, StoredVisitor visitor, Instant ts, Map<String, Object> source) {
    this.id = id;
    this.source = source;
    this.visitor = visitor;
    this.ts = ts;
    this.updatedAt = ts;
    this.visitorStatus = visitor.status;
    this.fname = visitor.name != null ? visitor.name : visitor.username;
    this.departmentId = visitor.department;
  }

  /** The room's copy of its visitor ({@code v}). */
  private Map<String, Object> visitorJson() {
    return JsonValues.object("_id", visitor.id, "username", visitor.username, "token", visitor.token,
        "status", visitorStatus, "lastMessageTs", lastVisitorMessageTs());
  }

  private @Nullable Instant lastVisitorMessageTs() {
    return lastMessage != null && lastMessage.token != null ? lastMessage.ts : null;
  }

  /** The whole document, as {@code GET livechat/room} returns it. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", id);
    json.put("fname", fname);
    json.put("t", "l");
    json.put("v", visitorJson());
    json.put("departmentId", departmentId);
    json.put("ro", false);
    json.put("sysMes", true);
    json.put("cl", false);
    json.put("open", open);
    json.put("waitingResponse", waitingResponse ? true : null);
    json.put("msgs", msgs);
    json.put("usersCount", servedBy == null ? 1 : 2);
    json.put("ts", ts);
    json.put("_updatedAt", updatedAt);
    json.put("lm", lm);
    json.put("lastMessage", lastMessage == null ? null : lastMessage.toJson());
    json.put("servedBy", servedBy == null ? null
        : JsonValues.object("_id", servedBy.id, "username", servedBy.username, "ts", servedSince));
    json.put("closedAt", closedAt);
    json.put("closer", closer);
    json.put("closedBy", closedBy == null ? null : JsonValues.object("_id", closedBy.id(), "username", closedBy.username()));
    json.put("surveyFeedback", surveyFeedback.isEmpty() ? null : new LinkedHashMap<>(surveyFeedback));
    json.put("livechatData", livechatData.isEmpty() ? null : new LinkedHashMap<>(livechatData));
    json.put("source", new LinkedHashMap<>(source));
    return json;
  }

  /** What {@code config} shows as {@code room} (the server's {@code findOpenRoom} projection). */
  Map<String, Object> toConfigJson() {
    return JsonValues.object("_id", id, "departmentId", departmentId,
        "servedBy", servedBy == null ? null : JsonValues.object("_id", servedBy.id, "username", servedBy.username, "ts", servedSince),
        "open", open);
  }

  Room toModel() {
    Visitor v = new Visitor(visitor.id, visitor.token, visitor.username, null, visitorStatus, null, List.of(),
        List.of(), Map.of(), null, null);
    return new Room(id, open, fname, v,
        servedBy == null ? null : new ServedBy(servedBy.id, servedBy.username, servedSince),
        departmentId, msgs, ts, updatedAt, lm, lastMessage == null ? null : lastMessage.toModel(), closedAt,
        waitingResponse);
  }
}
