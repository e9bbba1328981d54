package dev.livechat.client.internal;

import static dev.livechat.client.internal.ValueAdapters.ANY;
import static dev.livechat.client.internal.ValueAdapters.INTEGER;
import static dev.livechat.client.internal.ValueAdapters.INTEGER_OR_NULL;
import static dev.livechat.client.internal.ValueAdapters.LONG;
import static dev.livechat.client.internal.ValueAdapters.SCALAR;
import static dev.livechat.client.internal.ValueAdapters.STRING;
import static dev.livechat.client.internal.ValueAdapters.STRINGS;
import static dev.livechat.client.internal.ValueAdapters.STRING_MAP;
import static dev.livechat.client.internal.ValueAdapters.listOf;
import static dev.livechat.client.internal.ValueAdapters.singleField;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.AgentRef;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.AttachmentAuthor;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.CustomFieldDefinition;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.DeletedVisitor;
import dev.livechat.client.model.Department;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.LivechatSettings;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.RecordedPageVisit;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.RoomSource;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.SurveyAnswer;
import dev.livechat.client.model.SurveyResult;
import dev.livechat.client.model.Theme;
import dev.livechat.client.model.Trigger;
import dev.livechat.client.model.TriggerAction;
import dev.livechat.client.model.TriggerCondition;
import dev.livechat.client.model.User;
import dev.livechat.client.model.Visitor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The wire format of every model record, one line a field, and the Moshi that holds them.
 *
 * <p>Each record's adapter is its constructor call with each argument a wire field ({@link
 * RecordAdapter}); request records name an accessor too, and are written the same way. To add a
 * field to a record, add the component and one line here. The adapters registered with {@link
 * #MOSHI} are null-safe; a last factory refuses any type of ours that has none, so Moshi can
 * never fall back to reflection over our records: Android's D8/R8 desugar records and ignore the
 * Java 16 part of Moshi's jar, and R8 renames what reflection looks up.
 */
public final class ModelAdapters {
  /** An ISO-8601 string, epoch milliseconds, or Mongo's {@code {"$date": millis}}. */
  public static final JsonAdapter<Instant> INSTANT = new InstantAdapter();

  private static final JsonAdapter<String> EMAIL_ADDRESS = singleField("address");
  private static final JsonAdapter<String> PHONE_NUMBER = singleField("phoneNumber");
  private static final JsonAdapter<String> HREF = singleField("href");
  private static final JsonAdapter<List<String>> PHONE_NUMBERS = listOf(PHONE_NUMBER);
  /**
   * A stored visitor has {@code phone: [{"phoneNumber": ...}]}; the copy inside a room ({@code v})
   * may have {@code phone: "..."}.
   */
  private static final JsonAdapter<List<String>> PHONES = ValueAdapters.value(
      in -> in.peek() == JsonReader.Token.STRING ? List.of(in.nextString()) : PHONE_NUMBERS.fromJson(in),
      (out, phones) -> PHONE_NUMBERS.toJson(out, phones));

  static final JsonAdapter<User> USER_FIELDS = RecordAdapter.of(User.class, f -> new User(
      f.required("_id", STRING),
      f.get("username", STRING),
      f.get("name", STRING)));

  static final JsonAdapter<FileInfo> FILE_INFO_FIELDS = RecordAdapter.of(FileInfo.class, f -> new FileInfo(
      f.required("_id", STRING),
      f.get("name", STRING),
      f.get("type", STRING),
      f.get("size", LONG),
      f.get("typeGroup", STRING)));

  static final JsonAdapter<Attachment> ATTACHMENT_FIELDS = RecordAdapter.of(Attachment.class, f -> new Attachment(
      f.get("type", STRING),
      f.get("title", STRING),
      f.get("title_link", STRING),
      f.get("description", STRING),
      f.get("image_url", STRING),
      f.get("image_type", STRING),
      f.get("image_size", LONG),
      f.get("text", STRING),
      f.get("message_link", STRING),
      author(f.get("author_name", STRING), f.get("author_icon", STRING), f.get("author_link", STRING)),
      f.get("ts", INSTANT),
      f.list("attachments", f.self())));

  /**
   * A stored message. The timestamp is {@code ts}; the API's own examples for edit, delete and
   * history say {@code ls} instead (a documentation slip), so {@code ls} is read when {@code ts} is
   * absent.
   */
  static final JsonAdapter<Message> MESSAGE_FIELDS = RecordAdapter.of(Message.class, f -> new Message(
      f.required("_id", STRING),
      f.get("rid", STRING),
      f.get("msg", STRING),
      f.get("t", STRING),
      f.get("token", STRING),
      f.get("alias", STRING),
      f.get("u", USER_FIELDS),
      f.get("ts|ls", INSTANT),
      f.get("_updatedAt", INSTANT),
      f.get("editedAt", INSTANT),
      f.get("editedBy", USER_FIELDS),
      f.get("file", FILE_INFO_FIELDS),
      f.list("files", FILE_INFO_FIELDS),
      f.list("attachments", ATTACHMENT_FIELDS)));

  /** A stored visitor: phones, e-mails and {@code livechatData} flattened into strings. */
  static final JsonAdapter<Visitor> VISITOR_FIELDS = RecordAdapter.of(Visitor.class, f -> new Visitor(
      f.required("_id", STRING),
      f.get("token", STRING),
      f.get("username", STRING),
      f.get("name", STRING),
      f.get("status", STRING),
      f.get("department", STRING),
      f.get("phone", PHONES),
      f.list("visitorEmails", EMAIL_ADDRESS),
      f.get("livechatData", STRING_MAP),
      f.get("ts", INSTANT),
      f.get("_updatedAt", INSTANT)));

  static final JsonAdapter<ServedBy> SERVED_BY_FIELDS = RecordAdapter.of(ServedBy.class, f -> new ServedBy(
      f.required("_id", STRING),
      f.get("username", STRING),
      f.get("ts", INSTANT)));

  static final JsonAdapter<RoomSource> ROOM_SOURCE_FIELDS = RecordAdapter.of(RoomSource.class, f -> new RoomSource(
      f.required("type", STRING),
      f.get("id", STRING),
      f.get("alias", STRING),
      f.get("label", STRING),
      f.get("destination", STRING)));

  static final JsonAdapter<Room> ROOM_FIELDS = RecordAdapter.of(Room.class, f -> new Room(
      f.required("_id", STRING),
      f.flag("open"),
      f.get("fname", STRING),
      f.get("v", VISITOR_FIELDS),
      f.get("servedBy", SERVED_BY_FIELDS),
      f.get("departmentId", STRING),
      f.get("msgs", INTEGER),
      f.get("ts", INSTANT),
      f.get("_updatedAt", INSTANT),
      f.get("lm", INSTANT),
      f.get("lastMessage", MESSAGE_FIELDS),
      f.get("closedAt", INSTANT),
      f.get("waitingResponse", ValueAdapters.BOOLEAN),
      f.get("source", ROOM_SOURCE_FIELDS)));

  /** The answer of {@code GET livechat/room}: {@code room} and {@code newRoom}, see {@link #ROOM_RESULT}. */
  private record RoomAnswer(@Nullable Room room, boolean newRoom, @Nullable Object legacyId) {}

  private static final JsonAdapter<RoomAnswer> ROOM_ANSWER = RecordAdapter.of(RoomAnswer.class, f -> new RoomAnswer(
      f.get("room", ROOM_FIELDS),
      f.flag("newRoom"),
      f.get("_id", ANY)));

  static final JsonAdapter<Agent> AGENT_FIELDS = RecordAdapter.of(Agent.class, f -> new Agent(
      f.get("_id", STRING),
      f.get("username", STRING),
      f.get("name", STRING),
      f.get("status", STRING),
      f.list("emails", EMAIL_ADDRESS),
      f.flag("hiddenInfo")));

  static final JsonAdapter<LivechatSettings> SETTINGS_FIELDS = RecordAdapter.of(LivechatSettings.class,
      f -> new LivechatSettings(
          f.get("registrationForm", ValueAdapters.BOOLEAN),
          f.get("nameFieldRegistrationForm", ValueAdapters.BOOLEAN),
          f.get("emailFieldRegistrationForm", ValueAdapters.BOOLEAN),
          f.get("allowSwitchingDepartments", ValueAdapters.BOOLEAN),
          f.get("displayOfflineForm", ValueAdapters.BOOLEAN),
          f.get("fileUpload", ValueAdapters.BOOLEAN),
          f.get("transcript", ValueAdapters.BOOLEAN),
          f.get("videoCall", ValueAdapters.BOOLEAN),
          f.get("language", STRING),
          f.get("historyMonitorType", STRING),
          f.get("forceAcceptDataProcessingConsent", ValueAdapters.BOOLEAN),
          f.get("showConnecting", ValueAdapters.BOOLEAN),
          f.get("agentHiddenInfo", ValueAdapters.BOOLEAN),
          f.get("clearLocalStorageWhenChatEnded", ValueAdapters.BOOLEAN),
          f.get("visitorsCanCloseChat", ValueAdapters.BOOLEAN),
          f.get("limitTextLength", INTEGER_OR_NULL),
          f.get("hiddenSystemMessages", STRINGS)));

  static final JsonAdapter<Theme> THEME_FIELDS = RecordAdapter.of(Theme.class, f -> new Theme(
      f.get("title", STRING),
      f.get("color", STRING),
      f.get("offlineTitle", STRING),
      f.get("offlineColor", STRING)));

  static final JsonAdapter<Department> DEPARTMENT_FIELDS = RecordAdapter.of(Department.class, f -> new Department(
      f.required("_id", STRING),
      f.get("name", STRING),
      f.flag("showOnRegistration"),
      f.flag("showOnOfflineForm"),
      f.get("departmentsAllowedToForward", STRINGS)));

  /** A condition's value is a number for {@code time-on-site}, a string for the others. */
  static final JsonAdapter<TriggerCondition> TRIGGER_CONDITION_FIELDS = RecordAdapter.of(TriggerCondition.class,
      f -> new TriggerCondition(f.required("name", STRING), f.get("value", SCALAR)));

  static final JsonAdapter<TriggerAction> TRIGGER_ACTION_FIELDS = RecordAdapter.of(TriggerAction.class,
      f -> new TriggerAction(f.required("name", STRING), f.get("params", STRING_MAP)));

  /** A trigger is enabled unless it says {@code "enabled": false}. */
  static final JsonAdapter<Trigger> TRIGGER_FIELDS = RecordAdapter.of(Trigger.class, f -> new Trigger(
      f.required("_id", STRING),
      f.get("name", STRING),
      f.get("description", STRING),
      !Boolean.FALSE.equals(f.get("enabled", ValueAdapters.BOOLEAN)),
      f.flag("runOnce"),
      f.list("conditions", TRIGGER_CONDITION_FIELDS),
      f.list("actions", TRIGGER_ACTION_FIELDS)));

  static final JsonAdapter<CustomFieldDefinition> CUSTOM_FIELD_DEFINITION_FIELDS = RecordAdapter.of(
      CustomFieldDefinition.class, f -> new CustomFieldDefinition(
          f.required("_id", STRING),
          f.get("label", STRING),
          f.get("regexp", STRING),
          f.flag("required"),
          f.get("type", STRING),
          f.get("defaultValue", SCALAR),
          f.get("options", STRINGS)));

  /** {@code config.survey}: the items and the values a visitor may give each. */
  private record Survey(@Nullable List<String> items, @Nullable List<String> values) {}

  private static final JsonAdapter<Survey> SURVEY = RecordAdapter.of(Survey.class, f -> new Survey(
      f.get("items", STRINGS),
      f.get("values", STRINGS)));

  static final JsonAdapter<LivechatConfig> CONFIG_FIELDS = RecordAdapter.of(LivechatConfig.class, f -> config(
      f.flag("enabled"),
      f.flag("online"),
      f.get("settings", SETTINGS_FIELDS),
      f.get("theme", THEME_FIELDS),
      f.get("messages", STRING_MAP),
      f.get("survey", SURVEY),
      f.list("departments", DEPARTMENT_FIELDS),
      f.list("triggers", TRIGGER_FIELDS),
      f.get("guest", VISITOR_FIELDS),
      f.get("room", ROOM_FIELDS),
      f.get("agent", AGENT_FIELDS),
      f.list("customFields", CUSTOM_FIELD_DEFINITION_FIELDS)));

  /** {@code navigation.page} of a page.visited answer. */
  private record Page(@Nullable String change, @Nullable String title, @Nullable String href) {}

  private static final JsonAdapter<Page> PAGE = RecordAdapter.of(Page.class, f -> new Page(
      f.get("change", STRING),
      f.get("title", STRING),
      f.get("location", HREF)));

  private static final JsonAdapter<Page> NAVIGATION = RecordAdapter.of(Page.class, f -> f.get("page", PAGE));

  /**
   * The answer of page.visited: the {@code msg} and {@code navigation} of the system message RC
   * apps/meteor/app/livechat/server/lib/tracking.ts {@code savePageHistory} stores. The visitor
   * {@code token} (beside or inside {@code navigation.page}) is skipped.
   */
  static final JsonAdapter<RecordedPageVisit> RECORDED_PAGE_VISIT_FIELDS = RecordAdapter.of(
      RecordedPageVisit.class, f -> recordedPageVisit(
          f.required("msg", STRING),
          f.get("navigation", NAVIGATION)));

  private static final JsonAdapter<List<Message>> MESSAGES = listOf(MESSAGE_FIELDS);

  /** {@code {"_id", "ts"}}: the receipt of a deletion; {@code ls} read as in the API's examples. */
  static final JsonAdapter<DeletedMessage> DELETED_MESSAGE_FIELDS = RecordAdapter.of(DeletedMessage.class,
      f -> new DeletedMessage(f.required("_id", STRING), f.get("ts|ls", INSTANT)));

  static final JsonAdapter<DeletedVisitor> DELETED_VISITOR_FIELDS = RecordAdapter.of(DeletedVisitor.class,
      f -> new DeletedVisitor(f.required("_id", STRING), f.get("ts|ls", INSTANT)));

  static final JsonAdapter<MessageHistory> MESSAGE_HISTORY_FIELDS = RecordAdapter.of(MessageHistory.class,
      f -> new MessageHistory(f.required("messages", MESSAGES)));

  static final JsonAdapter<ClosedRoom> CLOSED_ROOM_FIELDS = RecordAdapter.of(ClosedRoom.class,
      f -> new ClosedRoom(f.required("rid", STRING), f.get("comment", STRING)));

  static final JsonAdapter<SurveyResult> SURVEY_RESULT_FIELDS = RecordAdapter.of(SurveyResult.class,
      f -> new SurveyResult(f.required("rid", STRING), f.get("data", STRING_MAP)));

  static final JsonAdapter<OfflineMessageResult> OFFLINE_MESSAGE_RESULT_FIELDS = RecordAdapter.of(
      OfflineMessageResult.class, f -> new OfflineMessageResult(f.required("message", STRING)));

  // Sent in request bodies: each field names its accessor as well.

  /** {@code {"key", "value", "overwrite"}}; the answer of {@code custom.fields} spells it {@code Key}. */
  static final JsonAdapter<CustomField> CUSTOM_FIELD_FIELDS = RecordAdapter.of(CustomField.class, f -> new CustomField(
      f.required("key|Key", STRING, CustomField::key),
      f.required("value", STRING, CustomField::value),
      f.flag("overwrite", CustomField::overwrite)));

  /** The inside of the {@code visitor} object that {@code POST livechat/visitor} takes. */
  static final JsonAdapter<NewVisitor> NEW_VISITOR_FIELDS = RecordAdapter.of(NewVisitor.class, f -> new NewVisitor(
      f.required("token", STRING, NewVisitor::token),
      f.get("name", STRING, NewVisitor::name),
      f.get("email", STRING, NewVisitor::email),
      f.get("department", STRING, NewVisitor::department),
      f.get("phone", STRING, NewVisitor::phone),
      f.get("username", STRING, NewVisitor::username),
      f.list("customFields", CUSTOM_FIELD_FIELDS, NewVisitor::customFields)));

  static final JsonAdapter<AgentRef> AGENT_REF_FIELDS = RecordAdapter.of(AgentRef.class, f -> new AgentRef(
      f.required("agentId", STRING, AgentRef::agentId),
      f.required("username", STRING, AgentRef::username)));

  static final JsonAdapter<SendMessageRequest> SEND_MESSAGE_REQUEST_FIELDS = RecordAdapter.of(
      SendMessageRequest.class, f -> new SendMessageRequest(
          f.required("token", STRING, SendMessageRequest::token),
          f.required("rid", STRING, SendMessageRequest::roomId),
          f.required("msg", STRING, SendMessageRequest::text),
          f.get("_id", STRING, SendMessageRequest::id),
          f.get("agent", AGENT_REF_FIELDS, SendMessageRequest::agent)));

  static final JsonAdapter<OfflineMessage> OFFLINE_MESSAGE_FIELDS = RecordAdapter.of(OfflineMessage.class,
      f -> new OfflineMessage(
          f.required("name", STRING, OfflineMessage::name),
          f.required("email", STRING, OfflineMessage::email),
          f.required("message", STRING, OfflineMessage::message),
          f.get("department", STRING, OfflineMessage::department),
          f.get("host", STRING, OfflineMessage::host)));

  static final JsonAdapter<SurveyAnswer> SURVEY_ANSWER_FIELDS = RecordAdapter.of(SurveyAnswer.class,
      f -> new SurveyAnswer(f.required("name", STRING, SurveyAnswer::name), f.required("value", STRING, SurveyAnswer::value)));

  /** {@code {"change", "title", "location": {"href"}}}: the {@code pageInfo} of page.visited, in the API's order. */
  static final JsonAdapter<PageVisit> PAGE_VISIT_FIELDS = RecordAdapter.of(PageVisit.class, f -> pageVisit(
      f.required("change", STRING, PageVisit::change),
      f.get("title", STRING, PageVisit::title),
      f.required("location", HREF, PageVisit::href)));

  /**
   * {@code GET livechat/room} answers {@code {"room", "newRoom"}}; servers before 3.x answered the
   * room itself, which is read when there is an {@code _id} and no {@code room}.
   */
  static final JsonAdapter<RoomResult> ROOM_RESULT_FIELDS = ValueAdapters.value(in -> {
    JsonReader whole = in.peekJson();
    RoomAnswer answer = ROOM_ANSWER.fromJson(in);
    Room room = answer.room() == null && answer.legacyId() != null ? ROOM_FIELDS.fromJson(whole) : answer.room();
    return new RoomResult(ValueAdapters.required(room, "room", in), answer.newRoom());
  }, (out, result) -> {
    throw new UnsupportedOperationException("RoomResult is only read, never sent");
  });

  /** Moshi with all of our adapters, null-safe, and no reflective fallback for our types. */
  public static final Moshi MOSHI = new Moshi.Builder()
      .add(Instant.class, INSTANT.nullSafe())
      .add(User.class, USER_FIELDS.nullSafe())
      .add(FileInfo.class, FILE_INFO_FIELDS.nullSafe())
      .add(Attachment.class, ATTACHMENT_FIELDS.nullSafe())
      .add(Message.class, MESSAGE_FIELDS.nullSafe())
      .add(Visitor.class, VISITOR_FIELDS.nullSafe())
      .add(ServedBy.class, SERVED_BY_FIELDS.nullSafe())
      .add(RoomSource.class, ROOM_SOURCE_FIELDS.nullSafe())
      .add(Room.class, ROOM_FIELDS.nullSafe())
      .add(RoomResult.class, ROOM_RESULT_FIELDS.nullSafe())
      .add(Agent.class, AGENT_FIELDS.nullSafe())
      .add(LivechatSettings.class, SETTINGS_FIELDS.nullSafe())
      .add(Theme.class, THEME_FIELDS.nullSafe())
      .add(Department.class, DEPARTMENT_FIELDS.nullSafe())
      .add(TriggerCondition.class, TRIGGER_CONDITION_FIELDS.nullSafe())
      .add(TriggerAction.class, TRIGGER_ACTION_FIELDS.nullSafe())
      .add(Trigger.class, TRIGGER_FIELDS.nullSafe())
      .add(CustomFieldDefinition.class, CUSTOM_FIELD_DEFINITION_FIELDS.nullSafe())
      .add(LivechatConfig.class, CONFIG_FIELDS.nullSafe())
      .add(RecordedPageVisit.class, RECORDED_PAGE_VISIT_FIELDS.nullSafe())
      .add(DeletedMessage.class, DELETED_MESSAGE_FIELDS.nullSafe())
      .add(DeletedVisitor.class, DELETED_VISITOR_FIELDS.nullSafe())
      .add(MessageHistory.class, MESSAGE_HISTORY_FIELDS.nullSafe())
      .add(ClosedRoom.class, CLOSED_ROOM_FIELDS.nullSafe())
      .add(SurveyResult.class, SURVEY_RESULT_FIELDS.nullSafe())
      .add(OfflineMessageResult.class, OFFLINE_MESSAGE_RESULT_FIELDS.nullSafe())
      .add(CustomField.class, CUSTOM_FIELD_FIELDS.nullSafe())
      .add(NewVisitor.class, NEW_VISITOR_FIELDS.nullSafe())
      .add(AgentRef.class, AGENT_REF_FIELDS.nullSafe())
      .add(SendMessageRequest.class, SEND_MESSAGE_REQUEST_FIELDS.nullSafe())
      .add(OfflineMessage.class, OFFLINE_MESSAGE_FIELDS.nullSafe())
      .add(SurveyAnswer.class, SURVEY_ANSWER_FIELDS.nullSafe())
      .add(PageVisit.class, PAGE_VISIT_FIELDS.nullSafe())
      .add(ModelAdapters::refuseReflection)
      .build();

  public static final JsonAdapter<Message> MESSAGE = MOSHI.adapter(Message.class);
  public static final JsonAdapter<DeletedMessage> DELETED_MESSAGE = MOSHI.adapter(DeletedMessage.class);
  public static final JsonAdapter<MessageHistory> MESSAGE_HISTORY = MOSHI.adapter(MessageHistory.class);
  public static final JsonAdapter<OfflineMessageResult> OFFLINE_MESSAGE_RESULT =
      MOSHI.adapter(OfflineMessageResult.class);
  public static final JsonAdapter<SendMessageRequest> SEND_MESSAGE_REQUEST = MOSHI.adapter(SendMessageRequest.class);
  public static final JsonAdapter<OfflineMessage> OFFLINE_MESSAGE = MOSHI.adapter(OfflineMessage.class);
  public static final JsonAdapter<DeletedVisitor> DELETED_VISITOR = MOSHI.adapter(DeletedVisitor.class);
  public static final JsonAdapter<CustomField> CUSTOM_FIELD = MOSHI.adapter(CustomField.class);
  public static final JsonAdapter<List<CustomField>> CUSTOM_FIELDS = listOf(CUSTOM_FIELD_FIELDS).nullSafe();
  public static final JsonAdapter<Visitor> VISITOR = MOSHI.adapter(Visitor.class);
  public static final JsonAdapter<NewVisitor> NEW_VISITOR = MOSHI.adapter(NewVisitor.class);
  public static final JsonAdapter<RoomResult> ROOM_RESULT = MOSHI.adapter(RoomResult.class);
  public static final JsonAdapter<ClosedRoom> CLOSED_ROOM = MOSHI.adapter(ClosedRoom.class);
  public static final JsonAdapter<SurveyAnswer> SURVEY_ANSWER = MOSHI.adapter(SurveyAnswer.class);
  public static final JsonAdapter<SurveyResult> SURVEY_RESULT = MOSHI.adapter(SurveyResult.class);
  public static final JsonAdapter<Agent> AGENT = MOSHI.adapter(Agent.class);
  public static final JsonAdapter<LivechatConfig> LIVECHAT_CONFIG = MOSHI.adapter(LivechatConfig.class);
  public static final JsonAdapter<PageVisit> PAGE_VISIT = MOSHI.adapter(PageVisit.class);
  public static final JsonAdapter<RecordedPageVisit> RECORDED_PAGE_VISIT = MOSHI.adapter(RecordedPageVisit.class);
  public static final JsonAdapter<ServedBy> SERVED_BY = MOSHI.adapter(ServedBy.class);
  public static final JsonAdapter<User> USER = MOSHI.adapter(User.class);
  public static final JsonAdapter<FileInfo> FILE_INFO = MOSHI.adapter(FileInfo.class);
  public static final JsonAdapter<Attachment> ATTACHMENT = MOSHI.adapter(Attachment.class);
  public static final JsonAdapter<String> STRING_OR_NULL = STRING.nullSafe();

  private ModelAdapters() {}

  private static @Nullable AttachmentAuthor author(
      @Nullable String name, @Nullable String icon, @Nullable String link) {
    return name == null && icon == null && link == null ? null : new AttachmentAuthor(name, icon, link);
  }

  private static LivechatConfig config(boolean enabled, boolean online, @Nullable LivechatSettings settings,
      @Nullable Theme theme, java.util.@Nullable Map<String, String> messages, @Nullable Survey survey,
      @Nullable List<Department> departments, @Nullable List<Trigger> triggers, @Nullable Visitor guest,
      @Nullable Room room, @Nullable Agent agent, @Nullable List<CustomFieldDefinition> customFields) {
    return new LivechatConfig(enabled, online, settings, theme, messages,
        survey == null ? null : survey.items(), survey == null ? null : survey.values(),
        departments, triggers, guest, room, agent, customFields);
  }

  private static RecordedPageVisit recordedPageVisit(String text, @Nullable Page page) {
    return page == null
        ? new RecordedPageVisit(text, null, null, null)
        : new RecordedPageVisit(text, page.href(), page.title(), page.change());
  }

  private static PageVisit pageVisit(String change, @Nullable String title, String href) {
    return new PageVisit(href, title == null ? "" : title, change);
  }

  private static @Nullable JsonAdapter<?> refuseReflection(
      Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    Class<?> raw = Types.getRawType(type);
    if (raw.getName().startsWith("dev.livechat.")) {
      throw new IllegalArgumentException(
          "No explicit JSON adapter for " + raw.getName() + ": register one in " + ModelAdapters.class.getName());
    }
    return null;
  }
}
