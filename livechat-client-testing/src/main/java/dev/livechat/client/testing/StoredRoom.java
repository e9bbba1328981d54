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
  /**
   * The visitor record, looked up by id (the server's {@code v._id}): for what the server reads from
   * the record itself (its name, e-mails, phones; the webhook's visitor, which {@code
   * getLivechatRoomGuestInfo} reads with {@code LivechatVisitors.findOneById(room.v._id)}).
   */
  final StoredVisitor visitor;
  /**
   * The room's own copy of its visitor ({@code room.v}), taken when the room is created
   * ({@code apps/meteor/app/livechat/server/lib/QueueManager.ts}, {@code createLivechatRoom}'s
   * {@code v: {_id, username, token, status}}) and never rewritten after: when the visitor registers
   * again with the same e-mail and takes a new token ({@code packages/omni-core/src/visitor/create.ts}),
   * the room keeps the old one, and every route that finds a room by {@code v.token} follows it.
   */
  final Snapshot v;
  final Instant ts;
  /** Its place among the rooms created (set by the store, for indexes that keep that order). */
  long order;
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
    this.v = new Snapshot(visitor.id, visitor.username, visitor.token);
    this.ts = ts;
    this.updatedAt = ts;
    this.visitorStatus = visitor.status;
    this.fname = visitor.name != null ? visitor.name : visitor.username;
    this.departmentId = visitor.department;
  }

  /** {@code room.v}: who opened the room, as it was then. */
  record Snapshot(String id, String username, String token) {}

  /** Whether {@code token} is the token the room was opened with ({@code 'v.token': token}). */
  boolean openedWith(@Nullable Object token) {
    return v.token.equals(token);
  }

  /** The room's copy of its visitor ({@code v}). */
  private Map<String, Object> visitorJson() {
    return JsonValues.object("_id", v.id, "username", v.username, "token", v.token,
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
    Visitor opener = new Visitor(v.id, v.token, v.username, null, visitorStatus, null, List.of(),
        List.of(), Map.of(), null, null);
    return new Room(id, open, fname, opener,
        servedBy == null ? null : new ServedBy(servedBy.id, servedBy.username, servedSince),
        departmentId, msgs, ts, updatedAt, lm, lastMessage == null ? null : lastMessage.toModel(), closedAt,
        waitingResponse);
  }
}
