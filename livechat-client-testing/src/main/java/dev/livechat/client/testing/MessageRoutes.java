package dev.livechat.client.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The message routes (reference §1 rows 14–18), as the server's {@code message.ts} in {@code
 * apps/meteor/server/api/v1/omnichannel/}.
 */
final class MessageRoutes extends Routes {
  MessageRoutes(Store store) {
    super(store);
  }

  @Override
  void addTo(RestRouter router) {
    RateLimiter.Limit def = RateLimiter.Limit.DEFAULT;
    RateLimiter.Limit fivePerMinute = new RateLimiter.Limit(5, 60_000);
    router.add("POST", "livechat/message", def, this::sendMessage);
    router.add("GET", "livechat/message/:_id", def, this::getMessage);
    router.add("PUT", "livechat/message/:_id", def, this::updateMessage);
    router.add("DELETE", "livechat/message/:_id", def, this::deleteMessage);
    router.add("GET", "livechat/messages.history/:rid", def, this::history);
  }

  /** 14. {@code POST livechat/message} (legacy validation): a second message with the same id is refused bare. */
  private Map<String, Object> sendMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string())
        .required("rid", Schema.string())
        .required("msg", Schema.string())
        .optional("_id", Schema.string())
        .optional("agent", Schema.object()
            .required("agentId", Schema.string()).required("username", Schema.string())));
    String token = (String) params.get("token");
    StoredVisitor visitor = guest(token);
    StoredRoom room = roomOf(token, (String) params.get("rid"));
    if (!room.open) {
      throw Refusal.error("room-closed");
    }
    String text = (String) params.get("msg");
    if (settings().messageCharacterLimit() > 0 && text.length() > settings().messageCharacterLimit()) {
      throw Refusal.error("message-length-exceeds-character-limit");
    }
    // sendMessage -> getRoom (server/lib/omnichannel/rooms.ts)
    if (!settings().livechatEnabled()) {
      throw Refusal.meteor("error-omnichannel-is-disabled");
    }
    if (store.blocked(visitor)) {
      throw Refusal.error("error-contact-channel-blocked");
    }
    String id = string(params, "_id");
    if (id == null || id.isEmpty()) {
      id = Ids.random();
    }
    if (store.message(id) != null) {
      throw Refusal.bare();
    }
    StoredMessage message = store.add(room, new StoredMessage(id, room.id, text, null, token, visitor.name,
        visitor.author(), store.now()));
    return payload("message", message.toJson());
  }

  /** 15. {@code GET livechat/message/:_id?token=&rid=} (legacy validation of the query). */
  private Map<String, Object> getMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("rid", Schema.string()));
    String token = (String) params.get("token");
    guest(token);
    StoredRoom room = roomOf(token, (String) params.get("rid"));
    StoredMessage message = store.message(call.param("_id"));
    if (message == null || !message.rid.equals(room.id)) {
      throw Refusal.error("invalid-message");
    }
    return payload("message", message.toJson());
  }

  /** 16. {@code PUT livechat/message/:_id} (legacy validation): only the visitor's own messages, if editing is allowed. */
  private Map<String, Object> updateMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("rid", Schema.string()).required("msg", Schema.string()));
    String token = (String) params.get("token");
    StoredVisitor visitor = guest(token);
    roomOf(token, (String) params.get("rid"));
    StoredMessage message = store.message(call.param("_id"));
    if (message == null) {
      throw Refusal.error("invalid-message");
    }
    if (!settings().messageEditing() || !message.user.id().equals(visitor.id)) {
      throw Refusal.error("error-action-not-allowed"); // plain Error in the livechat lib's updateMessage
    }
    store.edit(message, (String) params.get("msg"), visitor.author());
    return payload("message", message.toJson());
  }

  /** 17. {@code DELETE livechat/message/:_id}, token and rid in a JSON body (legacy validation). */
  private Map<String, Object> deleteMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("rid", Schema.string())
        .optional("count", Schema.number()).optional("offset", Schema.number()).optional("sort", Schema.string()));
    String token = (String) params.get("token");
    StoredVisitor visitor = guest(token);
    roomOf(token, (String) params.get("rid"));
    StoredMessage message = store.message(call.param("_id"));
    if (message == null) {
      throw Refusal.error("invalid-message");
    }
    if (!settings().messageDeleting() || !message.user.id().equals(visitor.id)) {
      throw Refusal.error("error-action-not-allowed"); // plain Error in the livechat lib's deleteMessage
    }
    store.delete(message);
    return payload("message", Json.object("_id", message.id, "ts", store.now()));
  }

  /** 18. {@code GET livechat/messages.history/:rid?token=&ls=&end=&limit=} (legacy validation of the query). */
  private Map<String, Object> history(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .optional("searchText", Schema.string())
        .required("token", Schema.string())
        .optional("count", Schema.number())
        .optional("offset", Schema.number())
        .optional("sort", Schema.string())
        .optional("ls", Schema.string())
        .optional("end", Schema.string())
        .optional("limit", Schema.number()));
    String token = (String) params.get("token");
    if (token.isEmpty()) {
      throw Refusal.error("error-token-param-not-provided");
    }
    guest(token);
    StoredRoom room = roomOf(token, call.param("rid"));
    String end = string(params, "end");
    Instant before = null;
    if (end != null && !end.isEmpty()) {
      before = instant(end);
      if (before == null) {
        return payload("messages", List.of()); // new Date("nonsense") matches nothing
      }
    }
    // As the server: parseInt of the raw query values (limit=0 means no limit, as MongoDB's).
    int limit = parseInt(call.query().get("limit"), 20);
    int offset = parseInt(call.query().get("offset"), 0);
    List<Object> messages = new ArrayList<>();
    for (StoredMessage message : store.history(room.id, before, limit, offset)) {
      messages.add(message.toJson());
    }
    return payload("messages", messages);
  }
}
