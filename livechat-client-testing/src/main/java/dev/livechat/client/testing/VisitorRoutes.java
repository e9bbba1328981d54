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

  /** 1. {@code GET livechat/config?token=&department=&businessUnit=} (legacy validation of the query, {@code config.ts}). */
  private Map<String, Object> config(Call call) {
    Map<String, Object> query = legacy(call, Schema.object()
        .optional("token", Schema.string().nullable()).optional("department", Schema.string().nullable())
        .optional("businessUnit", Schema.string().nullable()));
    if (!settings().livechatEnabled()) {
      return payload("config", JsonValues.object("enabled", false));
    }
    String token = string(query, "token");
    StoredVisitor guest = token == null || token.isEmpty() ? null : store.visitor(token);
    StoredRoom room = guest == null ? null : store.openRoomOf(guest.token);
    StoredAgent agent = room == null ? null : room.servedBy;
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("enabled", true);
    config.put("settings", JsonValues.object(
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
    config.put("theme", JsonValues.object("title", "Rocket.Chat", "color", "#C1272D", "offlineTitle", "Leave a message",
        "offlineColor", "#666666", "position", "right", "actionLinks", JsonValues.object("jitsi", List.of(
            JsonValues.object("icon", "icon-videocam", "i18nLabel", "Accept"),
            JsonValues.object("icon", "icon-cancel", "i18nLabel", "Decline")))));
    config.put("messages", JsonValues.object("offlineMessage", "", "offlineSuccessMessage", "",
        "offlineUnavailableMessage", "", "conversationFinishedMessage", "", "conversationFinishedText", "",
        "transcriptMessage", "", "registrationFormMessage", "", "dataProcessingConsentText", ""));
    config.put("survey", JsonValues.object("items", SURVEY_ITEMS, "values", SURVEY_VALUES));
    config.put("triggers", List.of());
    // findDepartments -> LivechatDepartment.findEnabledWithAgentsAndBusinessUnit: {numAgents: {$gt: 0}, enabled: true}
    List<Object> departments = new ArrayList<>();
    store.departments().forEach((id, name) -> {
      if (!store.departmentAgents(id).isEmpty()) {
        departments.add(JsonValues.object("_id", id, "name", name, "showOnRegistration", true, "showOnOfflineForm", true,
            "departmentsAllowedToForward", List.of()));
      }
    });
    config.put("departments", departments);
    HttpUrl sound = call.request().getUrl().newBuilder().encodedPath("/sounds/chime.mp3").query(null).build();
    config.put("resources", JsonValues.object("sound", sound.toString(), "emojis", List.of()));
    config.put("online", settings().agentsOnline());
    config.put("customFields", configCustomFields());
    config.put("guest", guest == null ? null : guest.toGuestJson());
    config.put("room", room == null ? null : room.toConfigJson());
    config.put("agent", agent == null ? null : agent.toJson(settings().showAgentInfo()));
    return payload("config", config);
  }

  /**
   * {@code config.customFields}, as the premium {@code getLivechatCustomFields} ({@code
   * apps/meteor/ee/server/lib/.../Helper.ts}, patched into {@code getExtraConfigInfo}): the visible,
   * public, visitor-scoped fields as {@code {_id, label, regexp?, required, type, defaultValue,
   * options?}} ({@code defaultValue} null when unset; {@code options} only for a choice list).
   */
  private List<Object> configCustomFields() {
    List<Object> fields = new ArrayList<>();
    for (CustomFieldDefinition field : settings().customFields()) {
      if (field.visible() && field.isPublic() && field.scope() == CustomFieldDefinition.Scope.VISITOR) {
        Map<String, Object> json = JsonValues.object("_id", field.id(), "label", field.label(), "regexp", field.regexp(),
            "required", field.required(), "type", field.type(),
            "defaultValue", field.defaultValue() == null ? JsonValues.NULL : field.defaultValue());
        if (!field.options().isEmpty()) {
          json.put("options", field.options());
        }
        fields.add(json);
      }
    }
    return fields;
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
    if (visitor.get("customFields") instanceof List<?> fields && !fields.isEmpty()) {
      registrationFields(stored, fields);
    }
    return payload("visitor", stored.toJson());
  }

  /**
   * {@code setMultipleVisitorCustomFields} ({@code apps/meteor/server/lib/omnichannel/custom-fields.ts}),
   * run after the visitor is saved: every required visible visitor-scoped field must be among the
   * keys ({@code Missing required custom fields: ...}); keys that are not visible visitor-scoped
   * fields are ignored; values are not tested against the fields' patterns.
   */
  private void registrationFields(StoredVisitor visitor, List<?> fields) {
    List<String> keys = new ArrayList<>();
    for (Object field : fields) {
      keys.add((String) ((Map<?, ?>) field).get("key"));
    }
    List<String> missing = new ArrayList<>();
    for (CustomFieldDefinition definition : settings().customFields()) {
      if (definition.scope() == CustomFieldDefinition.Scope.VISITOR && definition.visible() && definition.required()
          && !keys.contains(definition.id())) {
        missing.add(definition.id());
      }
    }
    if (!missing.isEmpty()) {
      throw Refusal.error("Missing required custom fields: " + String.join(", ", missing));
    }
    for (Object field : fields) {
      Map<?, ?> f = (Map<?, ?>) field;
      CustomFieldDefinition definition = settings().customField((String) f.get("key"));
      if (definition != null && definition.scope() == CustomFieldDefinition.Scope.VISITOR && definition.visible()) {
        store.setCustomField(visitor, definition.id(), (String) f.get("value"), (Boolean) f.get("overwrite"));
      }
    }
  }

  /**
   * A defined field whose pattern {@code value} passes ({@code setCustomFields} and {@code
   * setMultipleCustomFields} of {@code custom-fields.ts}): {@code invalid-custom-field} for an
   * undefined key, {@code Invalid value for <key> field} (the i18n text of {@code
   * error-invalid-custom-field-value}) for a value the pattern refuses; both plain errors.
   */
  private CustomFieldDefinition definedField(String key, String value) {
    CustomFieldDefinition definition = settings().customField(key);
    if (definition == null) {
      throw Refusal.error("invalid-custom-field");
    }
    if (!definition.accepts(value)) {
      throw Refusal.error("Invalid value for " + key + " field");
    }
    return definition;
  }

  private void setField(StoredVisitor visitor, CustomFieldDefinition definition, String value, boolean overwrite) {
    if (definition.scope() == CustomFieldDefinition.Scope.ROOM) {
      store.setRoomCustomField(visitor, definition.id(), value, overwrite);
    } else {
      store.setCustomField(visitor, definition.id(), value, overwrite);
    }
  }

  /** 3. {@code GET livechat/visitor/:token}. */
  private Map<String, Object> getVisitor(Call call) {
    StoredVisitor visitor = store.visitor(call.param("token"));
    if (visitor == null) {
      throw Refusal.meteor("invalid-token");
    }
    return payload("visitor", visitor.toJson());
  }

  /**
   * 4. {@code DELETE livechat/visitor/:token}: refused while the visitor has an open room, unless
   * {@code Livechat_Allow_collect_and_store_HTTP_header_informations} is on (the server's "if gdpr
   * is enabled, bypass rooms check" in {@code visitor.ts}).
   */
  private Map<String, Object> deleteVisitor(Call call) {
    StoredVisitor visitor = store.visitor(call.param("token"));
    if (visitor == null) {
      throw Refusal.meteor("invalid-token");
    }
    // "if gdpr is enabled, bypass rooms check" (visitor.ts)
    if (store.openRoomOf(visitor.token) != null && !settings().storeHttpHeaders()) {
      throw Refusal.meteor("visitor-has-open-rooms", "Cannot remove visitors with opened rooms");
    }
    store.remove(visitor);
    return payload("visitor", JsonValues.object("_id", visitor.id, "ts", store.now()));
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
    for (StoredRoom room : store.roomsOpenedWith(token)) {
      if (room.open) {
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
    setField(visitor, definedField(key, value), value, overwrite);
    return payload("field", JsonValues.object("key", key, "value", value, "overwrite", overwrite));
  }

  private static List<Map<?, ?>> concat(List<Map<?, ?>> first, List<Map<?, ?>> second) {
    List<Map<?, ?>> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** 23. {@code POST livechat/custom.fields} (legacy validation): answers with a capital {@code Key}. */
  private Map<String, Object> customFields(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string())
        .required("customFields", Schema.array(Schema.object()
            .required("key", Schema.string()).required("value", Schema.string())
            .required("overwrite", Schema.bool()))));
    StoredVisitor visitor = guest((String) params.get("token"));
    // Every key checked before anything is stored; room fields answered first, then visitor fields.
    List<Map<?, ?>> roomFields = new ArrayList<>();
    List<Map<?, ?>> visitorFields = new ArrayList<>();
    for (Object item : (List<?>) params.get("customFields")) {
      Map<?, ?> field = (Map<?, ?>) item;
      CustomFieldDefinition definition = definedField((String) field.get("key"), (String) field.get("value"));
      (definition.scope() == CustomFieldDefinition.Scope.ROOM ? roomFields : visitorFields).add(field);
    }
    List<Object> fields = new ArrayList<>();
    for (Map<?, ?> field : concat(roomFields, visitorFields)) {
      setField(visitor, settings().customField((String) field.get("key")), (String) field.get("value"),
          (Boolean) field.get("overwrite"));
      fields.add(JsonValues.object("Key", field.get("key"), "value", field.get("value"), "overwrite", field.get("overwrite")));
    }
    return payload("fields", fields);
  }
}
