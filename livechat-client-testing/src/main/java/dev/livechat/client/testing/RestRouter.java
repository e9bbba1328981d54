package dev.livechat.client.testing;

import static dev.livechat.client.testing.MatchPattern.BOOLEAN;
import static dev.livechat.client.testing.MatchPattern.STRING;
import static dev.livechat.client.testing.MatchPattern.arrayOf;
import static dev.livechat.client.testing.MatchPattern.maybe;
import static dev.livechat.client.testing.MatchPattern.objectIncluding;

import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.PageVisit;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The visitor REST API of reference §1 (rows 1–5, 7, 8, 10–24) over the {@link Store}: each route
 * validates as the server's does (legacy {@code validateParams}, typed {@code body:}/{@code query:}
 * schemas, or Meteor {@code check()}), refuses with the server's error bodies, and answers with the
 * server's success bodies. With rate limits on, every answer of a route carries the {@code
 * X-RateLimit-*} headers and the limit is enforced before the route runs.
 */
final class RestRouter {
  /** An answer to write: status, JSON body, extra headers. */
  record Reply(int status, String body, Map<String, String> headers) {}

  private interface Handler {
    Map<String, Object> handle(Call call);
  }

  private record Route(String method, String pattern, RateLimiter.Limit limit, Handler handler) {}

  /** One request, routed: its path parameters, query (a string, or a list for a repeated name) and JSON body. */
  private record Call(RecordedRequest request, Map<String, String> path, Map<String, Object> query,
      @Nullable Object body) {
    String param(String name) {
      return path.get(name);
    }

    /** The body as the server's {@code bodyParams}: the JSON object, or {@code {}}. */
    Map<String, Object> bodyParams() {
      Map<String, Object> params = new LinkedHashMap<>();
      if (body instanceof Map<?, ?> map) {
        map.forEach((key, value) -> params.put(String.valueOf(key), value));
      }
      return params;
    }
  }

  private static final List<String> SURVEY_ITEMS =
      List.of("satisfaction", "agentKnowledge", "agentResposiveness", "agentFriendliness");
  private static final List<String> SURVEY_VALUES = List.of("1", "2", "3", "4", "5");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern DISPOSITION_NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern DISPOSITION_FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
  private static final String OFFLINE_FAILED = "Error sending Omnichannel offline message";

  private final Store store;
  private final RateLimiter limiter;
  private final List<Route> routes = new ArrayList<>();

  RestRouter(Store store, RateLimiter limiter) {
    this.store = store;
    this.limiter = limiter;
    RateLimiter.Limit def = RateLimiter.Limit.DEFAULT;
    RateLimiter.Limit fivePerMinute = new RateLimiter.Limit(5, 60_000);
    route("GET", "livechat/config", def, this::config);
    route("POST", "livechat/visitor", fivePerMinute, this::registerVisitor);
    route("GET", "livechat/visitor/:token", def, this::getVisitor);
    route("DELETE", "livechat/visitor/:token", fivePerMinute, this::deleteVisitor);
    route("POST", "livechat/visitor.status", def, this::visitorStatus);
    route("GET", "livechat/room", fivePerMinute, this::openRoom);
    route("POST", "livechat/room.close", def, this::closeRoom);
    route("POST", "livechat/visitor/department.transfer", def, this::transfer);
    route("POST", "livechat/room.survey", def, this::survey);
    route("GET", "livechat/agent.info/:rid/:token", def, this::agentInfo);
    route("GET", "livechat/agent.next/:token", def, this::nextAgent);
    route("POST", "livechat/message", def, this::sendMessage);
    route("GET", "livechat/message/:_id", def, this::getMessage);
    route("PUT", "livechat/message/:_id", def, this::updateMessage);
    route("DELETE", "livechat/message/:_id", def, this::deleteMessage);
    route("GET", "livechat/messages.history/:rid", def, this::history);
    route("POST", "livechat/offline.message", new RateLimiter.Limit(1, 5_000), this::offlineMessage);
    route("POST", "livechat/page.visited", def, this::pageVisited);
    route("POST", "livechat/transcript", fivePerMinute, this::transcript);
    route("POST", "livechat/custom.field", def, this::customField);
    route("POST", "livechat/custom.fields", def, this::customFields);
    route("POST", "livechat/upload/:rid", def, this::upload);
  }

  private void route(String method, String pattern, RateLimiter.Limit limit, Handler handler) {
    routes.add(new Route(method, pattern, limit, handler));
  }

  /** The answer to {@code request}; {@code rateLimited} switches the server's limiter on. */
  Reply answer(RecordedRequest request, boolean rateLimited) {
    HttpUrl url = request.getUrl();
    List<String> segments = url.pathSegments();
    for (Route route : routes) {
      Map<String, String> path = match(route, request.getMethod(), segments);
      if (path == null) {
        continue;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (rateLimited) {
        RateLimiter.Verdict verdict = limiter.hit(route.method() + " /api/v1/" + route.pattern(), route.limit());
        headers.put("X-RateLimit-Limit", String.valueOf(verdict.limit()));
        headers.put("X-RateLimit-Remaining", String.valueOf(verdict.remaining()));
        headers.put("X-RateLimit-Reset", String.valueOf(verdict.resetAtMillis()));
        if (!verdict.allowed()) {
          long seconds = (verdict.waitMillis() + 999) / 1000;
          return reply(Refusal.status(429, "Error, too many requests. Please slow down. You must wait " + seconds
              + " seconds before trying this endpoint again. [error-too-many-requests]"), headers);
        }
      }
      String contentType = String.valueOf(request.getHeaders().get("Content-Type"));
      Object json = contentType.startsWith("multipart/") ? null : Json.parse(request.getBody());
      Call call = new Call(request, path, query(url), json);
      try {
        Map<String, Object> payload;
        synchronized (store) {
          try {
            payload = route.handler().handle(call);
          } finally {
            store.changed();
          }
        }
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.put("success", true);
        return new Reply(200, Json.write(body, Json.Dates.ISO), headers);
      } catch (Refusal refusal) {
        return reply(refusal, headers);
      }
    }
    return reply(Refusal.status(404, "Resource not found"), Map.of());
  }

  private static Reply reply(Refusal refusal, Map<String, String> headers) {
    return new Reply(refusal.status, Json.write(refusal.body, Json.Dates.ISO), headers);
  }

  /** The path parameters if {@code segments} is {@code /api/v1/<pattern>} and the method is the route's. */
  private static @Nullable Map<String, String> match(Route route, String method, List<String> segments) {
    String[] pattern = ("api/v1/" + route.pattern()).split("/");
    if (!route.method().equals(method) || segments.size() != pattern.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String segment = segments.get(i);
      if (pattern[i].startsWith(":")) {
        if (segment.isEmpty()) {
          return null;
        }
        params.put(pattern[i].substring(1), segment);
      } else if (!pattern[i].equals(segment)) {
        return null;
      }
    }
    return params;
  }

  private static Map<String, Object> query(HttpUrl url) {
    Map<String, Object> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      List<String> values = new ArrayList<>();
      for (String value : url.queryParameterValues(name)) {
        values.add(value == null ? "" : value);
      }
      query.put(name, values.size() == 1 ? values.get(0) : values);
    }
    return query;
  }

  // ---- validation, in the server's three styles ----

  /** A route's {@code validateParams} (legacy): query and body merged, refused as {@code "... [invalid-params]"}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> legacy(Call call, Schema schema) {
    Map<String, Object> params = new LinkedHashMap<>(call.query());
    params.putAll(call.bodyParams());
    Schema.Outcome outcome = schema.validate(params);
    if (outcome.error() != null) {
      throw Refusal.legacyParams(outcome.error());
    }
    return (Map<String, Object>) outcome.value();
  }

  /** A typed route's {@code body:} schema, refused as {@code {"errorType":"invalid-params","error":...}}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> typedBody(Call call, Schema schema) {
    Schema.Outcome outcome = schema.validate(call.body() instanceof Map ? call.body() : call.bodyParams());
    if (outcome.error() != null) {
      throw Refusal.typedParams(outcome.error());
    }
    return (Map<String, Object>) outcome.value();
  }

  /** A typed route's {@code query:} schema. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> typedQuery(Call call, Schema schema) {
    Schema.Outcome outcome = schema.validate(call.query());
    if (outcome.error() != null) {
      throw Refusal.typedParams(outcome.error());
    }
    return (Map<String, Object>) outcome.value();
  }

  /** Meteor's {@code check(value, pattern)}, refused as {@code {"error":"Match error: ..."}}. */
  private static void check(Object value, MatchPattern pattern) {
    String error = pattern.check(value);
    if (error != null) {
      throw Refusal.match(error);
    }
  }

  private static @Nullable String string(Map<String, Object> params, String name) {
    return params.get(name) instanceof String s ? s : null;
  }

  // ---- helpers shared by routes ----

  private StoredVisitor guest(String token) {
    StoredVisitor visitor = store.visitor(token);
    if (visitor == null) {
      throw Refusal.error("invalid-token");
    }
    return visitor;
  }

  /** The server's {@code findRoom(token, rid)}: the visitor's room {@code rid}, open or not. */
  private StoredRoom roomOf(String token, String rid) {
    StoredRoom room = store.room(rid);
    if (room == null || !room.visitor.token.equals(token)) {
      throw Refusal.error("invalid-room");
    }
    return room;
  }

  private static Map<String, Object> payload(Object... namesAndValues) {
    return Json.object(namesAndValues);
  }

  // ---- routes ----

  /** 1. {@code GET livechat/config?token=&department=&businessUnit=} (typed query). */
  private Map<String, Object> config(Call call) {
    Map<String, Object> query = typedQuery(call, Schema.object()
        .optional("token", Schema.string()).optional("department", Schema.string())
        .optional("businessUnit", Schema.string()));
    if (!store.livechatEnabled) {
      return payload("config", Json.object("enabled", false));
    }
    String token = string(query, "token");
    StoredVisitor guest = token == null || token.isEmpty() ? null : store.visitor(token);
    StoredRoom room = guest == null ? null : store.openRoomOf(guest.token);
    StoredAgent agent = room == null ? null : room.servedBy;
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("enabled", true);
    config.put("settings", Json.object(
        "registrationForm", true,
        "allowSwitchingDepartments", true,
        "nameFieldRegistrationForm", true,
        "emailFieldRegistrationForm", true,
        "displayOfflineForm", store.offlineFormEnabled,
        "videoCall", false,
        "fileUpload", store.fileUploadEnabled,
        "language", "",
        "transcript", false,
        "historyMonitorType", "url",
        "forceAcceptDataProcessingConsent", false,
        "showConnecting", false,
        "agentHiddenInfo", !store.showAgentInfo,
        "clearLocalStorageWhenChatEnded", false,
        "limitTextLength", store.characterLimit > 0 ? (Object) store.characterLimit : (Object) false,
        "hiddenSystemMessages", List.of(),
        "hideWatermark", false,
        "visitorsCanCloseChat", store.visitorsMayClose));
    config.put("theme", Json.object("title", "Rocket.Chat", "color", "#C1272D", "offlineTitle", "Leave a message",
        "offlineColor", "#666666", "position", "right", "actionLinks", Json.object("jitsi", List.of(
            Json.object("icon", "icon-videocam", "i18nLabel", "Accept"),
            Json.object("icon", "icon-cancel", "i18nLabel", "Decline")))));
    config.put("messages", Json.object("offlineMessage", "", "offlineSuccessMessage", "",
        "offlineUnavailableMessage", "", "conversationFinishedMessage", "", "conversationFinishedText", "",
        "transcriptMessage", "", "registrationFormMessage", "", "dataProcessingConsentText", ""));
    config.put("survey", Json.object("items", SURVEY_ITEMS, "values", SURVEY_VALUES));
    config.put("triggers", List.of());
    List<Object> departments = new ArrayList<>();
    store.departments().forEach((id, name) -> departments.add(Json.object("_id", id, "name", name,
        "showOnRegistration", true, "showOnOfflineForm", true, "departmentsAllowedToForward", List.of())));
    config.put("departments", departments);
    HttpUrl sound = call.request().getUrl().newBuilder().encodedPath("/sounds/chime.mp3").query(null).build();
    config.put("resources", Json.object("sound", sound.toString(), "emojis", List.of()));
    config.put("online", store.online);
    config.put("guest", guest == null ? null : guest.toGuestJson());
    config.put("room", room == null ? null : room.toConfigJson());
    config.put("agent", agent == null ? null : agent.toJson(store.showAgentInfo));
    return payload("config", config);
  }

  /** 2. {@code POST livechat/visitor} (Meteor check): creates or updates the visitor of the token. */
  private Map<String, Object> registerVisitor(Call call) {
    Map<String, Object> body = call.bodyParams();
    check(body, MatchPattern.object("visitor", objectIncluding(
        "token", STRING,
        "name", maybe(STRING),
        "email", maybe(STRING),
        "department", maybe(STRING),
        "phone", maybe(STRING),
        "username", maybe(STRING),
        "customFields", maybe(arrayOf(objectIncluding("key", STRING, "value", STRING, "overwrite", BOOLEAN))))));
    Map<?, ?> visitor = (Map<?, ?>) body.get("visitor");
    String token = (String) visitor.get("token");
    if (token.trim().isEmpty()) {
      throw Refusal.meteor("error-invalid-token", "Token cannot be empty");
    }
    StoredVisitor stored = store.register(token,
        visitor.get("id") instanceof String id ? id : null,
        (String) visitor.get("name"), (String) visitor.get("email"), (String) visitor.get("department"),
        (String) visitor.get("phone"), (String) visitor.get("username"));
    if (visitor.get("customFields") instanceof List<?> fields) {
      for (Object field : fields) {
        Map<?, ?> f = (Map<?, ?>) field;
        store.setCustomField(stored, (String) f.get("key"), (String) f.get("value"), (Boolean) f.get("overwrite"));
      }
    }
    return payload("visitor", stored.toJson());
  }

  /** 3. {@code GET livechat/visitor/:token}. */
  private Map<String, Object> getVisitor(Call call) {
    StoredVisitor visitor = store.visitor(call.param("token"));
    if (visitor == null) {
      throw Refusal.meteor("invalid-token");
    }
    return payload("visitor", visitor.toJson());
  }

  /** 4. {@code DELETE livechat/visitor/:token}: refused while the visitor has an open room. */
  private Map<String, Object> deleteVisitor(Call call) {
    StoredVisitor visitor = store.visitor(call.param("token"));
    if (visitor == null) {
      throw Refusal.meteor("invalid-token");
    }
    if (store.openRoomOf(visitor.token) != null) {
      throw Refusal.meteor("visitor-has-open-rooms", "Cannot remove visitors with opened rooms");
    }
    store.remove(visitor);
    return payload("visitor", Json.object("_id", visitor.id, "ts", store.now()));
  }

  /** 5. {@code POST livechat/visitor.status} (Meteor check): the status of the visitor's open rooms. */
  private Map<String, Object> visitorStatus(Call call) {
    Map<String, Object> body = call.bodyParams();
    check(body, MatchPattern.object("token", STRING, "status", STRING));
    String token = (String) body.get("token");
    String status = (String) body.get("status");
    if (store.visitor(token) == null) {
      throw Refusal.meteor("invalid-token");
    }
    for (StoredRoom room : store.rooms()) {
      if (room.open && room.visitor.token.equals(token)) {
        room.visitorStatus = status;
      }
    }
    return payload("token", token, "status", status);
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
      if (!store.livechatEnabled) {
        throw Refusal.meteor("error-omnichannel-is-disabled");
      }
      if (!store.online) {
        throw Refusal.meteor("no-agent-online", "Sorry, no online agents");
      }
      StoredAgent agent = agentId == null || agentId.isEmpty() ? null : store.agentById(agentId);
      StoredRoom created = store.createRoom(visitor, agent != null && agent.status.equals("online") ? agent : null);
      return payload("room", created.toJson(), "newRoom", true);
    }
    StoredRoom room = store.room(rid);
    if (room == null || !room.open || !room.visitor.token.equals(token)) {
      throw Refusal.error("invalid-room");
    }
    return payload("room", room.toJson(), "newRoom", false);
  }

  /** 8. {@code POST livechat/room.close} (legacy validation). */
  private Map<String, Object> closeRoom(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("rid", Schema.string()));
    if (!store.visitorsMayClose) {
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
    return payload("agent", room.servedBy.toJson(store.showAgentInfo));
  }

  /** 13. {@code GET livechat/agent.next/:token?department=} (legacy validation of the query). */
  private Map<String, Object> nextAgent(Call call) {
    legacy(call, Schema.object().optional("department", Schema.string()));
    if (store.openRoomOf(call.param("token")) != null) {
      return payload();
    }
    StoredAgent agent = store.nextAgent();
    if (agent == null) {
      throw Refusal.error("agent-not-found");
    }
    return payload("agent", agent.toJson(store.showAgentInfo));
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
    if (store.characterLimit > 0 && text.length() > store.characterLimit) {
      throw Refusal.error("message-length-exceeds-character-limit");
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
    if (!store.allowEditing || !message.user.id().equals(visitor.id)) {
      throw Refusal.meteor("error-action-not-allowed", "Message editing not allowed");
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
    if (!store.allowDeleting || !message.user.id().equals(visitor.id)) {
      throw Refusal.meteor("error-action-not-allowed", "Message deleting not allowed");
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

  /** JavaScript's {@code parseInt} of a non-empty query value (validated as a number), else {@code fallback}. */
  private static int parseInt(@Nullable Object raw, int fallback) {
    if (!(raw instanceof String text) || text.isEmpty()) {
      return fallback;
    }
    Matcher digits = Pattern.compile("^\\s*([+-]?\\d+)").matcher(text);
    if (!digits.find()) {
      return fallback;
    }
    try {
      return Integer.parseInt(digits.group(1));
    } catch (NumberFormatException tooLong) {
      return digits.group(1).startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
  }

  /** JavaScript's {@code new Date(text)} for the ISO forms a client sends; null if it is not one. */
  private static @Nullable Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notOffset) {
        return null;
      }
    }
  }

  /** 19. {@code POST livechat/offline.message} (legacy validation): recorded; failures hidden behind one text. */
  private Map<String, Object> offlineMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("name", Schema.string())
        .required("email", Schema.string())
        .required("message", Schema.string())
        .optional("department", Schema.string())
        .optional("host", Schema.string()));
    String name = (String) params.get("name");
    String email = (String) params.get("email");
    String text = (String) params.get("message");
    if (!store.offlineFormEnabled || !EMAIL.matcher(email.trim()).matches() || name.isBlank() || text.isBlank()) {
      throw Refusal.error(OFFLINE_FAILED);
    }
    String department = string(params, "department");
    String host = string(params, "host");
    store.offlineMessages.add(new OfflineMessage(name, email, text,
        department == null || department.isBlank() ? null : department, host == null || host.isBlank() ? null : host));
    return payload("message", "Livechat offline message sent");
  }

  /** 20. {@code POST livechat/page.visited} (typed body): recorded when {@code change} is {@code url}. */
  private Map<String, Object> pageVisited(Call call) {
    Map<String, Object> body = typedBody(call, Schema.object()
        .required("token", Schema.string())
        .optional("rid", Schema.string())
        .required("pageInfo", Schema.object()
            .required("title", Schema.string())
            .required("change", Schema.string())
            .required("location", Schema.object().required("href", Schema.string()))));
    Map<?, ?> pageInfo = (Map<?, ?>) body.get("pageInfo");
    String change = (String) pageInfo.get("change");
    if (!change.equals("url")) {
      return payload();
    }
    String title = (String) pageInfo.get("title");
    String href = (String) ((Map<?, ?>) pageInfo.get("location")).get("href");
    if (!href.isBlank()) {
      store.pageVisits.add(new PageVisit(href, title, change));
    }
    return payload("page", Json.object("msg", title + " - " + href,
        "navigation", Json.object("page", pageInfo, "token", body.get("token"))));
  }

  /** 21. {@code POST livechat/transcript} (typed body): recorded, with the server's system message in the room. */
  private Map<String, Object> transcript(Call call) {
    Map<String, Object> body = typedBody(call, Schema.object()
        .required("rid", Schema.string()).required("token", Schema.string()).required("email", Schema.string()));
    StoredRoom room = store.room((String) body.get("rid"));
    if (room == null) {
      throw Refusal.error("error-invalid-room");
    }
    if (!room.visitor.token.equals(body.get("token"))) {
      throw Refusal.error("error-invalid-visitor");
    }
    Instant now = store.now();
    store.transcripts.add(new TranscriptRequest(room.id, (String) body.get("email"), now));
    StoredMessage history = new StoredMessage(Ids.random(), room.id, "", "livechat_transcript_history", null, null,
        Store.ROCKET_CAT, store.now());
    history.extra.put("requestData", Json.object("type", "visitor",
        "visitor", Json.object("_id", room.visitor.id, "username", room.visitor.username, "token", room.visitor.token),
        "user", Store.ROCKET_CAT.toJson()));
    store.add(room, history);
    return payload("message", "Livechat transcript sent");
  }

  /** 22. {@code POST livechat/custom.field} (legacy validation). */
  private Map<String, Object> customField(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("key", Schema.string())
        .required("value", Schema.string()).required("overwrite", Schema.bool()));
    StoredVisitor visitor = guest((String) params.get("token"));
    String key = (String) params.get("key");
    String value = (String) params.get("value");
    boolean overwrite = (Boolean) params.get("overwrite");
    store.setCustomField(visitor, key, value, overwrite);
    return payload("field", Json.object("key", key, "value", value, "overwrite", overwrite));
  }

  /** 23. {@code POST livechat/custom.fields} (legacy validation): answers with a capital {@code Key}. */
  private Map<String, Object> customFields(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string())
        .required("customFields", Schema.array(Schema.object()
            .required("key", Schema.string()).required("value", Schema.string())
            .required("overwrite", Schema.bool()))));
    StoredVisitor visitor = guest((String) params.get("token"));
    List<Object> fields = new ArrayList<>();
    for (Object item : (List<?>) params.get("customFields")) {
      Map<?, ?> field = (Map<?, ?>) item;
      store.setCustomField(visitor, (String) field.get("key"), (String) field.get("value"), (Boolean) field.get("overwrite"));
      fields.add(Json.object("Key", field.get("key"), "value", field.get("value"), "overwrite", field.get("overwrite")));
    }
    return payload("fields", fields);
  }

  /**
   * 24. {@code POST livechat/upload/:rid}: multipart {@code file} (and {@code description}), the token
   * in {@code x-visitor-token}; answers with the file's message at the top level.
   */
  private Map<String, Object> upload(Call call) {
    RecordedRequest request = call.request();
    String token = request.getHeaders().get("x-visitor-token");
    if (token == null || token.isEmpty()) {
      throw Refusal.forbidden();
    }
    if (!store.fileUploadEnabled) {
      throw Refusal.reason("error-file-upload-disabled");
    }
    StoredVisitor visitor = store.visitor(token);
    if (visitor == null) {
      throw Refusal.forbidden();
    }
    StoredRoom room = store.room(call.param("rid"));
    if (room == null || !room.open || !room.visitor.token.equals(token)) {
      throw Refusal.forbidden();
    }
    Multipart form = Multipart.read(request);
    if (form.file == null) {
      throw Refusal.reason("error-no-file-uploaded");
    }
    MediaType fileType = MediaType.parse(form.fileType);
    if (fileType != null && (fileType.type() + "/" + fileType.subtype()).equals("image/svg+xml")) {
      // FileUpload_MediaTypeBlackList's default
      throw Refusal.reason("error-type-not-allowed");
    }
    Instant now = store.now();
    String messageId = Ids.random();
    UploadedFile file = new UploadedFile(Ids.random(), room.id, messageId, form.fileName, form.fileType,
        form.description, form.file, now);
    store.uploads.add(file);
    StoredMessage message = new StoredMessage(messageId, room.id, "", null, token, visitor.name, visitor.author(), now);
    message.file = file;
    store.add(room, message);
    Map<String, Object> answer = message.toJson();
    answer.put("newRoom", false);
    answer.put("showConnecting", false);
    return answer;
  }

  /** The parts of a {@code multipart/form-data} upload the server reads. */
  private static final class Multipart {
    @Nullable ByteString file;
    String fileName = "";
    String fileType = "application/octet-stream";
    @Nullable String description;

    static Multipart read(RecordedRequest request) {
      Multipart form = new Multipart();
      MediaType type = MediaType.parse(String.valueOf(request.getHeaders().get("Content-Type")));
      ByteString body = request.getBody();
      String boundary = type == null ? null : type.parameter("boundary");
      if (body == null || boundary == null || !type.subtype().equals("form-data")) {
        return form;
      }
      try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
        MultipartReader.Part part;
        while ((part = reader.nextPart()) != null) {
          try (MultipartReader.Part current = part) {
            String disposition = String.valueOf(current.headers().get("Content-Disposition"));
            Matcher name = DISPOSITION_NAME.matcher(disposition);
            ByteString bytes = current.body().readByteString();
            if (!name.find()) {
              continue;
            }
            if (name.group(1).equals("file") && form.file == null) {
              Matcher fileName = DISPOSITION_FILENAME.matcher(disposition);
              form.file = bytes;
              form.fileName = fileName.find() ? fileName.group(1) : "";
              String contentType = current.headers().get("Content-Type");
              if (contentType != null) {
                form.fileType = contentType;
              }
            } else if (name.group(1).equals("description")) {
              form.description = bytes.utf8();
            }
          }
        }
      } catch (IOException malformed) {
        // What was read is kept: a cut-off form may still have carried its file.
      }
      return form;
    }
  }
}
