package dev.livechat.client.testing;

import static dev.livechat.client.testing.MatchPattern.STRING;
import static dev.livechat.client.testing.MatchPattern.maybe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room and agent routes (reference §1 rows 7, 8, 10–13), as the server's {@code room.ts} and {@code
 * agent.ts} in {@code apps/meteor/server/api/v1/omnichannel/}.
 */
final class RoomRoutes extends Routes {
  RoomRoutes(Store store) {
    super(store);
  }

  @Override
  void addTo(RestRouter router) {
    RateLimiter.Limit def = RateLimiter.Limit.DEFAULT;
    RateLimiter.Limit fivePerMinute = new RateLimiter.Limit(5, 60_000);
    router.add("GET", "livechat/room", fivePerMinute, this::openRoom);
    router.add("POST", "livechat/room.close", def, this::closeRoom);
    router.add("POST", "livechat/visitor/department.transfer", def, this::transfer);
    router.add("POST", "livechat/room.survey", def, this::survey);
    router.add("GET", "livechat/agent.info/:rid/:token", def, this::agentInfo);
    router.add("GET", "livechat/agent.next/:token", def, this::nextAgent);
  }

  /**
   * 7. {@code GET livechat/room?token=&rid=&agentId=} (Meteor check on the query): the visitor's open
   * room, or a new one ({@code newRoom}); with {@code rid}, that open room of the visitor.
   */
  private Map<String, Object> openRoom(Call call) {
    check(call.query(), MatchPattern.object("token", STRING, "rid", maybe(STRING), "agentId", maybe(STRING)));
    String token = (String) call.query().get("token");
    String rid = (String) call.query().get("rid");
    String agentId = (String) call.query().get("agentId");
    StoredVisitor visitor = token.isEmpty() ? null : store.visitor(token);
    if (visitor == null) {
      throw Refusal.error("invalid-token");
    }
    if (rid == null || rid.isEmpty()) {
      StoredRoom open = store.openRoomOf(token);
      if (open != null) {
        return payload("room", open.toJson(), "newRoom", false);
      }
      // createRoom (server/lib/omnichannel/rooms.ts), then QueueManager.requestRoom's online check
      if (!settings().livechatEnabled()) {
        throw Refusal.meteor("error-omnichannel-is-disabled");
      }
      if (store.blocked(visitor)) {
        throw Refusal.error("error-contact-channel-blocked");
      }
      if (!settings().agentsOnline()) {
        throw Refusal.meteor("no-agent-online", "Sorry, no online agents");
      }
      StoredAgent agent = agentId == null || agentId.isEmpty() ? null : store.agentById(agentId);
      StoredRoom created = store.createRoom(visitor, agent, source(call));
      return payload("room", created.toJson(), "newRoom", true);
    }
    StoredRoom room = store.room(rid);
    if (room == null || !room.open || !room.openedWith(token)) {
      throw Refusal.error("invalid-room");
    }
    return payload("room", room.toJson(), "newRoom", false);
  }

  /**
   * The new room's {@code source}: {@code widget} (with the {@code host} header as {@code
   * destination}) when {@code isWidget(request.headers)}, else {@code api}. Server: {@code
   * apps/meteor/server/api/lib/isWidget.ts} (cookies {@code rc_room_type=l} and {@code rc_is_widget=t})
   * and the {@code livechat/room} handler of {@code room.ts}.
   */
  private static Map<String, Object> source(Call call) {
    Map<String, String> cookies = new LinkedHashMap<>();
    String header = call.header("Cookie");
    if (header != null) {
      for (String pair : header.split(";")) {
        String[] nameAndValue = pair.trim().split("=", 2);
        if (nameAndValue.length == 2) {
          cookies.putIfAbsent(nameAndValue[0].trim(), nameAndValue[1].trim());
        }
      }
    }
    if ("l".equals(cookies.get("rc_room_type")) && "t".equals(cookies.get("rc_is_widget"))) {
      return JsonValues.object("type", "widget", "destination", call.header("Host"));
    }
    return JsonValues.object("type", "api");
  }

  /** 8. {@code POST livechat/room.close} (legacy validation). */
  private Map<String, Object> closeRoom(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("rid", Schema.string()));
    if (!settings().visitorsCanCloseChat()) {
      throw Refusal.error("error-not-allowed-to-close-conversation");
    }
    String token = (String) params.get("token");
    StoredVisitor visitor = guest(token);
    StoredRoom room = roomOf(token, (String) params.get("rid"));
    if (!room.open) {
      throw Refusal.error("room-closed");
    }
    String comment = "Closed by visitor";
    store.close(room, "visitor", visitor.author(), comment, token);
    return payload("rid", room.id, "comment", comment);
  }

  /** 10. {@code POST livechat/visitor/department.transfer} (typed body; plain failures). */
  private Map<String, Object> transfer(Call call) {
    Map<String, Object> body = typedBody(call, Schema.object().required("token", Schema.string())
        .required("rid", Schema.string()).required("department", Schema.string()));
    guest((String) body.get("token"));
    StoredRoom room = store.room((String) body.get("rid"));
    if (room == null) {
      throw Refusal.error("error-invalid-room");
    }
    if (!room.open) {
      throw Refusal.error("This_conversation_is_already_closed");
    }
    if (!store.transfer(room, (String) body.get("department"))) {
      throw Refusal.error("error-transfering-chat");
    }
    return payload();
  }

  /** 11. {@code POST livechat/room.survey} (legacy validation). */
  private Map<String, Object> survey(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string())
        .required("rid", Schema.string())
        .required("data", Schema.array(Schema.object()
            .required("name", Schema.string()).required("value", Schema.string())).minItems(1)));
    String token = (String) params.get("token");
    guest(token);
    StoredRoom room = roomOf(token, (String) params.get("rid"));
    Map<String, String> data = new LinkedHashMap<>();
    for (Object item : (List<?>) params.get("data")) {
      Map<?, ?> answer = (Map<?, ?>) item;
      String name = (String) answer.get("name");
      String value = (String) answer.get("value");
      if (SURVEY_ITEMS.contains(name) && SURVEY_VALUES.contains(value) || name.equals("additionalFeedback")) {
        data.put(name, value);
      }
    }
    if (data.isEmpty()) {
      throw Refusal.error("invalid-data");
    }
    room.surveyFeedback.putAll(data);
    return payload("rid", room.id, "data", new LinkedHashMap<String, Object>(data));
  }

  /** 12. {@code GET livechat/agent.info/:rid/:token}. */
  private Map<String, Object> agentInfo(Call call) {
    String token = call.param("token");
    guest(token);
    StoredRoom room = roomOf(token, call.param("rid"));
    if (room.servedBy == null) {
      throw Refusal.error("invalid-agent");
    }
    return payload("agent", room.servedBy.toJson(settings().showAgentInfo()));
  }

  /**
   * 13. {@code GET livechat/agent.next/:token?department=} (legacy validation of the query): nothing
   * while the visitor has an open room; otherwise the agent the routing method would pick, which
   * under manual selection is nobody ({@code ManualSelection.getNextAgent} resolves {@code
   * undefined}), refused as the plain {@code agent-not-found}. Server: {@code agent.ts}, {@code
   * server/lib/omnichannel/routing/*.ts}.
   */
  private Map<String, Object> nextAgent(Call call) {
    Map<String, Object> query = legacy(call, Schema.object().optional("department", Schema.string().nullable()));
    if (store.openRoomOf(call.param("token")) != null) {
      return payload();
    }
    String department = string(query, "department");
    StoredAgent agent = settings().routingMethod() == ServerSettings.RoutingMethod.MANUAL_SELECTION ? null
        : store.nextAgent(department == null || department.isEmpty() ? null : department);
    if (agent == null) {
      throw Refusal.error("agent-not-found");
    }
    return payload("agent", agent.toJson(settings().showAgentInfo()));
  }
}
