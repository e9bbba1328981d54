package dev.livechat.client.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The agent's routes, what a scripted agent ({@code dev.livechat.client.testing.agent.LivechatAgent})
 * calls: {@code login} and {@code me}, {@code livechat/agent.status}, {@code
 * livechat/inquiries.queuedForUser} and {@code .take}, {@code livechat/rooms} (an agent's own open
 * rooms), {@code chat.sendMessage}, {@code chat.update}, {@code livechat/room.forward} and {@code
 * livechat/room.closeByUser}. Each route runs as the server's {@code APIClass.addRoute} does
 * ({@code apps/meteor/app/api/server/ApiClass.ts}): authentication first ({@code X-User-Id} and
 * {@code X-Auth-Token}; else 401 {@code "You must be logged in to do this."} with the old API's
 * {@code status}/{@code message} as well), then the route's {@code validateParams} (legacy style,
 * {@code "<message> [invalid-params]"}), then its handler. Agents have the livechat-agent role's
 * permissions ({@code view-l-room}, {@code close-livechat-room}, {@code transfer-livechat-guest}),
 * not a manager's ({@code view-livechat-rooms}, {@code manage-livechat-agents}, {@code
 * close-others-livechat-room}, {@code edit-message}).
 */
final class AgentRoutes extends Routes {
  /** {@code Message_MaxAllowedSize}'s default. */
  static final int MAX_ALLOWED_SIZE = 5000;
  /** {@code API_Default_Count}'s default, the page size {@code getPaginationItems} gives without {@code count}. */
  private static final int DEFAULT_COUNT = 50;
  private static final String LOGGED_OUT = "You must be logged in to do this.";

  AgentRoutes(Store store) {
    super(store);
  }

  @Override
  void addTo(RestRouter router) {
    RateLimiter.Limit def = RateLimiter.Limit.DEFAULT;
    router.add("POST", "login", def, this::login);
    router.add("GET", "me", def, this::me);
    router.add("POST", "livechat/agent.status", def, this::agentStatus);
    router.add("GET", "livechat/inquiries.queuedForUser", def, this::queuedForUser);
    router.add("POST", "livechat/inquiries.take", def, this::take);
    router.add("GET", "livechat/rooms", def, this::rooms);
    router.add("POST", "chat.sendMessage", def, this::sendMessage);
    router.add("POST", "chat.update", def, this::update);
    router.add("POST", "livechat/room.forward", def, this::forward);
    router.add("POST", "livechat/room.closeByUser", def, this::closeByUser);
  }

  /** {@code authRequired}: the agent the headers name, else 401 as {@code _internalRouteActionHandler} answers. */
  private StoredAgent user(Call call) {
    StoredAgent agent = store.agentByLoginToken(call.header("X-User-Id"), call.header("X-Auth-Token"));
    if (agent == null || call.header("X-User-Id") == null) {
      throw Refusal.body(401, JsonValues.object("success", false, "error", LOGGED_OUT, "status", "error",
          "message", LOGGED_OUT));
    }
    return agent;
  }

  // ---- login ----

  /**
   * {@code POST login} ({@code APIClass._initAuth}): {@code loginCompatibility} turns {@code
   * {user|username|email, password}} into Meteor's {@code login}; {@code {resume: token}} goes to it
   * as it is. Answers {@code {"status":"success","data":{"userId","authToken","me"}}}; a failed login
   * is 401 with {@code unauthorized()}'s body and the Meteor error's: {@code "error":403,
   * "message":"Incorrect password"}, or {@code "Unauthorized"} twice for a user not found.
   */
  private Map<String, Object> login(Call call) {
    Map<String, Object> params = call.bodyParams();
    StoredAgent agent;
    if (params.get("resume") instanceof String resume && params.size() == 1) {
      agent = store.agentByLoginToken(null, resume);
      if (agent == null) {
        throw failedLogin(403, "You've been logged out by the server. Please log in again.");
      }
    } else {
      Object password = params.get("password");
      String user = params.get("user") instanceof String u ? u
          : params.get("username") instanceof String u ? u : params.get("email") instanceof String e ? e : null;
      boolean known = params.keySet().stream().allMatch(List.of("user", "username", "email", "password", "code")::contains);
      if (password == null || user == null || !known) {
        throw failedLogin(400, "Unrecognized options for login request");
      }
      agent = store.agentByLogin(user);
      if (agent == null) {
        throw Refusal.body(401, JsonValues.object("success", false, "error", "Unauthorized", "status", "error",
            "message", "Unauthorized"));
      }
      if (!agent.password.equals(password)) {
        throw failedLogin(403, "Incorrect password");
      }
    }
    return payload("status", "success", "data", JsonValues.object("userId", agent.id,
        "authToken", store.newLoginToken(agent), "me", me(agent)));
  }

  private static Refusal failedLogin(int code, String message) {
    return Refusal.body(401, JsonValues.object("success", false, "error", code, "status", "error", "message", message));
  }

  /** {@code GET me} ({@code apps/meteor/app/api/server/v1/misc.ts}): the user's own record. */
  private Map<String, Object> me(Call call) {
    return me(user(call));
  }

  private Map<String, Object> me(StoredAgent agent) {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("_id", agent.id);
    me.put("username", agent.username);
    me.put("name", agent.name);
    me.put("emails", List.of(JsonValues.object("address", agent.email(), "verified", true)));
    me.put("status", agent.status);
    me.put("statusConnection", agent.status);
    me.put("statusLivechat", agent.accepting ? "available" : "not-available");
    me.put("active", true);
    me.put("roles", List.of("user", "livechat-agent"));
    me.put("type", "user");
    return me;
  }

  // ---- availability and the queue ----

  /**
   * {@code POST livechat/agent.status} ({@code apps/meteor/app/livechat/server/api/v1/agent.ts},
   * validated by {@code isPOSTLivechatAgentStatusProps}): the status given, or the other one; the
   * same status is answered as it is; another agent's needs {@code manage-livechat-agents} (401
   * {@code unauthorized}); an unknown agent is 404 {@code Agent not found}.
   */
  private Map<String, Object> agentStatus(Call call) {
    StoredAgent self = user(call);
    Map<String, Object> params = legacy(call, Schema.object()
        .optional("status", Schema.string().nullable().enumOf("available", "not-available"))
        .optional("agentId", Schema.string().nullable()));
    String agentId = truthy(params.get("agentId")) ? (String) params.get("agentId") : self.id;
    StoredAgent agent = store.agentById(agentId);
    if (agent == null) {
      throw Refusal.status(404, "Agent not found");
    }
    String current = agent.accepting ? "available" : "not-available";
    String wanted = truthy(params.get("status")) ? (String) params.get("status")
        : agent.accepting ? "not-available" : "available";
    if (wanted.equals(current)) {
      return payload("status", current);
    }
    if (agent != self) {
      throw Refusal.body(401, JsonValues.object("success", false, "error", "unauthorized"));
    }
    agent.accepting = wanted.equals("available");
    return payload("status", wanted);
  }

  /**
   * {@code GET livechat/inquiries.queuedForUser} ({@code
   * apps/meteor/app/livechat/imports/server/rest/inquiries.ts}, {@code
   * isGETLivechatInquiriesQueuedForUserParams}): the queued inquiries the agent may take, paged by
   * {@code offset} and {@code count}.
   */
  private Map<String, Object> queuedForUser(Call call) {
    StoredAgent agent = user(call);
    Map<String, Object> params = legacy(call, Schema.object()
        .optional("count", Schema.number().nullable())
        .optional("offset", Schema.number().nullable())
        .optional("sort", Schema.string().nullable())
        .optional("department", Schema.string().nullable()));
    int offset = Math.max(0, parseInt(params.get("offset"), 0));
    int count = parseInt(params.get("count"), DEFAULT_COUNT);
    List<StoredRoom> queued = store.queuedFor(agent);
    String department = string(params, "department");
    if (department != null && !department.isEmpty()) {
      queued.removeIf(room -> !department.equals(room.departmentId));
    }
    List<Object> page = new ArrayList<>();
    for (int i = offset; i < queued.size() && (count <= 0 || page.size() < count); i++) {
      page.add(store.inquiryJson(queued.get(i)));
    }
    return payload("inquiries", page, "count", page.size(), "offset", offset, "total", queued.size());
  }

  /**
   * {@code POST livechat/inquiries.take} ({@code isPOSTLivechatInquiriesTakeParams}; {@code
   * takeInquiry} in {@code apps/meteor/app/livechat/server/lib/takeInquiry.ts}): an unknown {@code
   * userId} is refused with {@code The user is invalid}; then {@code error-not-found}, {@code
   * error-inquiry-taken}, {@code error-agent-status-service-offline} (the agent offline or not
   * available), each a Meteor error with {@code details.method}; then the agent takes the room.
   */
  private Map<String, Object> take(Call call) {
    StoredAgent self = user(call);
    Map<String, Object> params = legacy(call, Schema.object()
        .required("inquiryId", Schema.string())
        .optional("userId", Schema.string().nullable())
        .optional("options", Schema.object().nullable()
            .required("clientAction", Schema.bool())
            .optional("forwardingToDepartment", Schema.object().nullable()
                .required("oldDepartmentId", Schema.string())
                .required("transferData", Schema.object().allowingOthers()))));
    StoredAgent agent = self;
    if (truthy(params.get("userId"))) {
      agent = store.agentById((String) params.get("userId"));
      if (agent == null) {
        throw Refusal.error("The user is invalid");
      }
    }
    Map<String, Object> details = JsonValues.object("method", "livechat:takeInquiry");
    StoredRoom room = store.roomOfInquiry((String) params.get("inquiryId"));
    if (room == null) {
      throw Refusal.meteor("error-not-found", "Inquiry not found", details);
    }
    if (room.servedBy != null) {
      throw Refusal.meteor("error-inquiry-taken", "Inquiry already taken", details);
    }
    if (!settings().agentsOnline() || !agent.status.equals("online") || !agent.accepting) {
      throw Refusal.meteor("error-agent-status-service-offline",
          "Agent status is offline or Omnichannel service is not active", details);
    }
    if (!store.underChatLimit(agent)) { // the premium livechat.checkAgentBeforeTakeInquiry
      throw Refusal.meteor("error-max-number-simultaneous-chats-reached");
    }
    store.assign(room, agent);
    return payload();
  }

  /**
   * {@code GET livechat/rooms} ({@code apps/meteor/app/livechat/imports/server/rest/rooms.ts},
   * {@code isGETLivechatRoomsParams}) as an agent may call it: {@code agents} naming only itself
   * (else 401 {@code unauthorized}, the {@code view-livechat-rooms} of a manager being needed),
   * filtered by {@code open}. The query is read as the server's {@code qs} reads it: {@code
   * agents[]=x} is the list {@code agents}.
   */
  private Map<String, Object> rooms(Call call) {
    StoredAgent agent = user(call);
    Map<String, Object> query = new LinkedHashMap<>();
    call.query().forEach((name, value) -> {
      if (name.endsWith("[]")) {
        query.put(name.substring(0, name.length() - 2), value instanceof List<?> ? value : List.of(value));
      } else {
        query.put(name, value);
      }
    });
    Call parsed = new Call(call.request(), call.path(), query, call.body());
    Map<String, Object> params = legacy(parsed, Schema.object()
        .optional("count", Schema.number().nullable())
        .optional("offset", Schema.number().nullable())
        .optional("sort", Schema.string().nullable())
        .optional("query", Schema.string().nullable())
        .optional("fields", Schema.string().nullable())
        .optional("createdAt", Schema.string().nullable())
        .optional("customFields", Schema.string().nullable())
        .optional("closedAt", Schema.string().nullable())
        .optional("agents", Schema.array(Schema.string()).nullable())
        .optional("roomName", Schema.string().nullable())
        .optional("departmentId", Schema.anyOf(Schema.string(), Schema.array(Schema.string())))
        .optional("open", Schema.anyOf(Schema.string().nullable(), Schema.bool().nullable()))
        .optional("onhold", Schema.anyOf(Schema.string().nullable(), Schema.bool().nullable()))
        .optional("queued", Schema.anyOf(Schema.string().nullable(), Schema.bool().nullable()))
        .optional("tags", Schema.array(Schema.string()).nullable())
        .optional("units", Schema.array(Schema.string())));
    Object agents = params.get("agents");
    if (!(agents instanceof List<?> ids) || ids.size() != 1 || !agent.id.equals(ids.get(0))) {
      throw Refusal.body(401, JsonValues.object("success", false, "error", "unauthorized"));
    }
    Object open = params.get("open");
    Boolean wantOpen = "true".equals(open) ? Boolean.TRUE : "false".equals(open) ? Boolean.FALSE : null;
    int offset = Math.max(0, parseInt(params.get("offset"), 0));
    int count = parseInt(params.get("count"), DEFAULT_COUNT);
    List<Object> found = new ArrayList<>();
    List<StoredRoom> rooms = store.rooms();
    java.util.Collections.reverse(rooms); // findRooms sorts by ts, newest first
    for (StoredRoom room : rooms) {
      if (room.servedBy == agent && (wantOpen == null || wantOpen == room.open)) {
        found.add(room.toJson());
      }
    }
    List<Object> page = found.subList(Math.min(offset, found.size()),
        count <= 0 ? found.size() : Math.min(found.size(), offset + count));
    return payload("rooms", new ArrayList<>(page), "count", page.size(), "offset", offset, "total", found.size());
  }

  // ---- messages ----

  /**
   * {@code POST chat.sendMessage} ({@code apps/meteor/app/api/server/v1/chat.ts}, {@code
   * isChatSendMessageProps}; {@code executeSendMessage} in {@code
   * apps/meteor/app/lib/server/methods/sendMessage.ts}): over {@code Message_MaxAllowedSize} {@code
   * error-message-size-exceeded}; no {@code rid} the plain {@code The 'rid' property on the message
   * object is missing.}; an unknown room {@code error-invalid-room}; a room the agent does not serve,
   * or a closed one, the plain {@code error-not-allowed} ({@code canSendMessageAsync}); then the
   * message is stored and reaches the visitor as {@link FakeAgent#reply} does.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> sendMessage(Call call) {
    StoredAgent agent = user(call);
    Map<String, Object> params = legacy(call, Schema.object()
        .required("message", Schema.object().allowingOthers()
            .optional("_id", Schema.string().nullable())
            .optional("rid", Schema.string())
            .optional("tmid", Schema.string().nullable())
            .optional("msg", Schema.string().nullable())
            .optional("alias", Schema.string().nullable())
            .optional("emoji", Schema.string().nullable())
            .optional("tshow", Schema.bool().nullable())
            .optional("avatar", Schema.string().nullable())
            .optional("attachments", Schema.array(Schema.object().allowingOthers()).nullable())
            .optional("blocks", Schema.array(Schema.object().allowingOthers()).nullable())
            .optional("customFields", Schema.object().nullable().allowingOthers()))
        .optional("previewUrls", Schema.array(Schema.string()).nullable()));
    Map<String, Object> message = (Map<String, Object>) params.get("message");
    String text = message.get("msg") instanceof String msg ? msg : "";
    if (text.length() > MAX_ALLOWED_SIZE) {
      throw Refusal.meteor("error-message-size-exceeded", "Message size exceeds Message_MaxAllowedSize",
          JsonValues.object("method", "sendMessage"));
    }
    String rid = string(message, "rid");
    if (rid == null || rid.isEmpty()) {
      throw Refusal.error("The 'rid' property on the message object is missing.");
    }
    StoredRoom room = store.room(rid);
    if (room == null) {
      throw Refusal.meteor("error-invalid-room", "Invalid room", JsonValues.object("method", "canSendMessage"));
    }
    if (room.servedBy != agent || !room.open) {
      throw Refusal.error("error-not-allowed");
    }
    String id = string(message, "_id");
    if (id == null || id.isEmpty()) {
      id = Ids.random();
    } else if (store.message(id) != null) { // Messages.insertOne: MongoDB's unique _id
      throw Refusal.error("E11000 duplicate key error collection: rocketchat.rocketchat_message index: _id_ dup key: "
          + "{ _id: \"" + id + "\" }");
    }
    StoredMessage stored = store.add(room, new StoredMessage(id, room.id, text, null, null, null, agent.author(),
        store.now()));
    return payload("message", stored.toJson());
  }

  /**
   * {@code POST chat.update} ({@code apps/meteor/app/api/server/v1/chat.ts}, {@code isChatUpdateProps},
   * its first branch; {@code executeUpdateMessage} in {@code
   * apps/meteor/app/lib/server/methods/updateMessage.ts}): an unknown message or another room's is
   * refused plainly; the same text changes nothing; another's message, or any while {@code
   * Message_AllowEditing} is off, is {@code error-action-not-allowed} (agents lack {@code
   * edit-message}); then the edit reaches the visitor as {@link FakeAgent#edit} does.
   */
  private Map<String, Object> update(Call call) {
    StoredAgent agent = user(call);
    Map<String, Object> params = legacyOneOf(call, Schema.object()
        .required("roomId", Schema.string())
        .required("msgId", Schema.string())
        .required("text", Schema.string())
        .optional("previewUrls", Schema.array(Schema.string()).nullable())
        .optional("customFields", Schema.object().nullable().allowingOthers()),
        Schema.object()
            .required("roomId", Schema.string())
            .required("msgId", Schema.string())
            .required("content", Schema.object().allowingOthers())
            .optional("e2eMentions", Schema.object().nullable().allowingOthers()));
    String msgId = (String) params.get("msgId");
    StoredMessage message = store.message(msgId);
    if (message == null) {
      throw Refusal.error("No message found with the id of \"" + msgId + "\".");
    }
    if (!message.rid.equals(params.get("roomId"))) {
      throw Refusal.error("The room id provided does not match where the message is from.");
    }
    String text = (String) params.get("text");
    if (text != null && !text.equals(message.msg)) {
      if (!settings().messageEditing() || !message.user.id().equals(agent.id)) {
        throw Refusal.meteor("error-action-not-allowed", "Message editing not allowed",
            JsonValues.object("method", "updateMessage", "action", "Message_editing"));
      }
      StoredRoom room = store.room(message.rid);
      if (room == null || room.servedBy != agent || !room.open) {
        throw Refusal.error("error-not-allowed");
      }
      store.edit(message, text, agent.author());
    }
    return payload("message", message.toJson());
  }

  /**
   * A {@code oneOf} of two object schemas as ajv reports it: valid if exactly one branch is, else
   * each failing branch's first error, then {@code must match exactly one schema in oneOf}.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> legacyOneOf(Call call, Schema first, Schema second) {
    Schema.Outcome one = first.validate(call.bodyParams(), Schema.Coercion.BODY);
    Schema.Outcome two = second.validate(call.bodyParams(), Schema.Coercion.BODY);
    if (one.error() == null && two.error() != null) {
      return (Map<String, Object>) one.value();
    }
    if (two.error() == null && one.error() != null) {
      return (Map<String, Object>) two.value();
    }
    String errors = one.error() == null ? "must match exactly one schema in oneOf"
        : one.error() + "\n " + two.error() + "\n must match exactly one schema in oneOf";
    throw Refusal.legacyParams(errors);
  }

  // ---- transfer and close ----

  /**
   * {@code POST livechat/room.forward} ({@code apps/meteor/app/livechat/server/api/v1/room.ts},
   * {@code isLiveChatRoomForwardProps}): {@code error-invalid-room}, {@code
   * This_conversation_is_already_closed}, {@code error-invalid-visitor}; to an agent ({@code
   * forwardRoomToAgent}): {@code error-user-is-offline} unless online and available, {@code
   * error-selected-agent-room-agent-are-same}; to a department: {@code error-forwarding-chat} when it
   * does not exist or is the room's.
   */
  private Map<String, Object> forward(Call call) {
    StoredAgent agent = user(call);
    Map<String, Object> params = legacy(call, Schema.object()
        .required("roomId", Schema.string())
        .optional("userId", Schema.string().nullable())
        .optional("departmentId", Schema.string().nullable())
        .optional("comment", Schema.string().nullable())
        .optional("clientAction", Schema.bool().nullable()));
    StoredRoom room = store.room((String) params.get("roomId"));
    if (room == null) {
      throw Refusal.error("error-invalid-room");
    }
    if (!room.open) {
      throw Refusal.error("This_conversation_is_already_closed");
    }
    if (store.visitor(room.v.token()) == null) {
      throw Refusal.error("error-invalid-visitor");
    }
    if (truthy(params.get("userId"))) {
      StoredAgent to = store.agentById((String) params.get("userId"));
      if (to == null || !settings().agentsOnline() || !to.status.equals("online") || !to.accepting) {
        throw Refusal.error("error-user-is-offline");
      }
      if (room.servedBy == to) {
        throw Refusal.error("error-selected-agent-room-agent-are-same");
      }
      store.forward(room, to, agent);
      return payload();
    }
    String department = string(params, "departmentId");
    if (department == null || department.isEmpty() || !store.transferByAgent(room, department, agent)) {
      throw Refusal.error("error-forwarding-chat");
    }
    return payload();
  }

  /**
   * {@code POST livechat/room.closeByUser} ({@code apps/meteor/app/livechat/server/api/v1/room.ts},
   * {@code isPOSTLivechatRoomCloseByUserParams}; {@code closeLivechatRoom} in {@code
   * apps/meteor/app/lib/server/functions/closeLivechatRoom.ts}): {@code error-invalid-room}; a closed
   * room {@code error-room-already-closed} (its subscriptions were removed when it closed); a room
   * the agent does not serve {@code error-not-authorized} (no {@code close-others-livechat-room});
   * then closed as {@link FakeAgent#closeRoom} closes it, the comment as the {@code livechat-close}
   * message's text. Tags and transcript options are accepted and not kept.
   */
  private Map<String, Object> closeByUser(Call call) {
    StoredAgent agent = user(call);
    Map<String, Object> params = legacy(call, Schema.object()
        .required("rid", Schema.string())
        .optional("comment", Schema.string().nullable())
        .optional("tags", Schema.array(Schema.string()).nullable())
        .optional("generateTranscriptPdf", Schema.bool().nullable())
        .optional("transcriptEmail", Schema.object()
            .required("sendToVisitor", Schema.bool())
            .optional("requestData", Schema.object()
                .required("email", Schema.string()).required("subject", Schema.string())))
        .optional("forceClose", Schema.bool()));
    StoredRoom room = store.room((String) params.get("rid"));
    if (room == null) {
      throw Refusal.error("error-invalid-room");
    }
    if (!room.open) {
      throw Refusal.error("error-room-already-closed");
    }
    if (room.servedBy != agent) {
      throw Refusal.error("error-not-authorized");
    }
    String comment = string(params, "comment");
    store.close(room, "user", agent.author(), comment == null ? "" : comment, null);
    return payload();
  }

  static @Nullable String text(@Nullable Object value) {
    return value instanceof String s ? s : null;
  }
}
