package dev.livechat.client.testing;

import static dev.livechat.client.testing.MatchPattern.BOOLEAN;
import static dev.livechat.client.testing.MatchPattern.STRING;
import static dev.livechat.client.testing.MatchPattern.arrayOf;
import static dev.livechat.client.testing.MatchPattern.maybe;
import static dev.livechat.client.testing.MatchPattern.objectIncluding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The visitor routes (reference §1 rows 1–5, 22, 23), as the server's {@code config.ts}, {@code visitor.ts}
 * and {@code customField.ts} in {@code apps/meteor/server/api/v1/omnichannel/}.
 */
final class VisitorRoutes extends Routes {
  VisitorRoutes(Store store) {
    super(store);
  }

  @Override
  void addTo(RestRouter router) {
    RateLimiter.Limit def = RateLimiter.Limit.DEFAULT;
    RateLimiter.Limit fivePerMinute = new RateLimiter.Limit(5, 60_000);
    router.add("GET", "livechat/config", def, this::config);
    router.add("POST", "livechat/visitor", fivePerMinute, this::registerVisitor);
    router.add("GET", "livechat/visitor/:token", def, this::getVisitor);
    router.add("DELETE", "livechat/visitor/:token", fivePerMinute, this::deleteVisitor);
    router.add("POST", "livechat/visitor.status", def, this::visitorStatus);
    router.add("POST", "livechat/custom.field", def, this::customField);
    router.add("POST", "livechat/custom.fields", def, this::customFields);
  }

  /** 1. {@code GET livechat/config?token=&department=&businessUnit=} (typed query). */
  private Map<String, Object> config(Call call) {
    Map<String, Object> query = typedQuery(call, Schema.object()
        .optional("token", Schema.string()).optional("department", Schema.string())
        .optional("businessUnit", Schema.string()));
    if (!settings().livechatEnabled()) {
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
        "displayOfflineForm", settings().offlineForm(),
        "videoCall", false,
        "fileUpload", (settings().fileUpload() && settings().livechatFileUpload()),
        "language", "",
        "transcript", false,
        "historyMonitorType", "url",
        "forceAcceptDataProcessingConsent", false,
        "showConnecting", false,
        "agentHiddenInfo", !settings().showAgentInfo(),
        "clearLocalStorageWhenChatEnded", false,
        "limitTextLength", settings().messageCharacterLimit() > 0 ? (Object) settings().messageCharacterLimit() : (Object) false,
        "hiddenSystemMessages", List.of(),
        "hideWatermark", false,
        "visitorsCanCloseChat", settings().visitorsCanCloseChat()));
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
    config.put("online", settings().agentsOnline());
    config.put("guest", guest == null ? null : guest.toGuestJson());
    config.put("room", room == null ? null : room.toConfigJson());
    config.put("agent", agent == null ? null : agent.toJson(settings().showAgentInfo()));
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
    String department = (String) visitor.get("department");
    if (department != null && !department.isEmpty() && !store.departmentExists(department)) {
      throw Refusal.error("error-invalid-department"); // omni-core registerGuest: throw new Error(...)
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
}
