package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.AgentRef;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.Department;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.LivechatSettings;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.RecordedPageVisit;
import dev.livechat.client.model.Theme;
import dev.livechat.client.model.Trigger;
import dev.livechat.client.model.TriggerAction;
import dev.livechat.client.model.TriggerCondition;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.RoomSource;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.SurveyAnswer;
import dev.livechat.client.model.SurveyResult;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.CustomFieldDefinition;
import dev.livechat.client.model.DeletedVisitor;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.Visitor;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.User;
import dev.livechat.client.webhook.WebhookAgent;
import dev.livechat.client.webhook.WebhookMessage;
import dev.livechat.client.webhook.WebhookVisitor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one place where every JSON adapter of ours is registered.
 *
 * <p>Each of our types has an explicit streaming adapter. A last factory refuses any type of ours
 * that has none, so Moshi can never fall back to reflection over our records: Android's D8/R8
 * desugar records and ignore the Java 16 part of Moshi's jar, and R8 renames what reflection looks
 * up.
 */
public final class Json {
  /** Moshi with all of our adapters, and no reflective fallback for our types. */
  public static final Moshi MOSHI;

  static {
    InstantAdapter instants = new InstantAdapter();
    UserAdapter users = new UserAdapter();
    FileInfoAdapter files = new FileInfoAdapter();
    AttachmentAdapter attachments = new AttachmentAdapter(instants);
    MessageAdapter messages = new MessageAdapter(users, instants, files, attachments);
    AgentRefAdapter agents = new AgentRefAdapter();
    CustomFieldAdapter customFields = new CustomFieldAdapter();
    VisitorAdapter visitors = new VisitorAdapter(instants);
    ServedByAdapter servedBy = new ServedByAdapter(instants);
    RoomSourceAdapter sources = new RoomSourceAdapter();
    RoomAdapter rooms = new RoomAdapter(visitors, servedBy, messages, instants, sources);
    AgentAdapter agentAdapter = new AgentAdapter();
    JsonAdapter<String> strings = JsonFields.STRINGS;
    LivechatSettingsAdapter settings = new LivechatSettingsAdapter(strings);
    ThemeAdapter themes = new ThemeAdapter();
    DepartmentAdapter departments = new DepartmentAdapter(strings);
    TriggerAdapter triggers = new TriggerAdapter();
    CustomFieldDefinitionAdapter customFieldDefinitions = new CustomFieldDefinitionAdapter(strings);
    MOSHI = new Moshi.Builder()
        .add(Instant.class, instants)
        .add(User.class, users)
        .add(Message.class, messages)
        .add(FileInfo.class, files)
        .add(Attachment.class, attachments)
        .add(DeletedMessage.class, new ReceiptAdapter<>(
            instants, DeletedMessage::new, DeletedMessage::id, DeletedMessage::timestamp))
        .add(DeletedVisitor.class, new ReceiptAdapter<>(
            instants, DeletedVisitor::new, DeletedVisitor::id, DeletedVisitor::timestamp))
        .add(CustomField.class, customFields)
        .add(Visitor.class, visitors)
        .add(NewVisitor.class, new NewVisitorAdapter(customFields))
        .add(ServedBy.class, servedBy)
        .add(Room.class, rooms)
        .add(RoomSource.class, sources)
        .add(RoomResult.class, new RoomResultAdapter(rooms))
        .add(ClosedRoom.class, new ClosedRoomAdapter())
        .add(SurveyAnswer.class, new SurveyAnswerAdapter())
        .add(SurveyResult.class, new SurveyResultAdapter())
        .add(Agent.class, agentAdapter)
        .add(LivechatSettings.class, settings)
        .add(Theme.class, themes)
        .add(Department.class, departments)
        .add(Trigger.class, triggers)
        .add(TriggerCondition.class, TriggerAdapter.CONDITIONS)
        .add(TriggerAction.class, TriggerAdapter.ACTIONS)
        .add(LivechatConfig.class, new LivechatConfigAdapter(
            strings, settings, themes, departments, triggers, visitors, rooms, agentAdapter, customFieldDefinitions))
        .add(CustomFieldDefinition.class, customFieldDefinitions)
        .add(PageVisit.class, new PageVisitAdapter())
        .add(RecordedPageVisit.class, new RecordedPageVisitAdapter())
        .add(MessageHistory.class, new MessageHistoryAdapter(messages))
        .add(OfflineMessageResult.class, new OfflineMessageResultAdapter())
        .add(AgentRef.class, agents)
        .add(SendMessageRequest.class, new SendMessageRequestAdapter(agents))
        .add(OfflineMessage.class, new OfflineMessageAdapter())
        .add(WebhookVisitor.class, new WebhookVisitorAdapter())
        .add(WebhookAgent.class, new WebhookAgentAdapter())
        .add(WebhookMessage.class, new WebhookMessageAdapter(instants, users, files, attachments))
        .add(Json::refuseReflection)
        .build();
  }

  public static final JsonAdapter<Instant> INSTANT = MOSHI.adapter(Instant.class);
  public static final JsonAdapter<Message> MESSAGE = MOSHI.adapter(Message.class);
  public static final JsonAdapter<DeletedMessage> DELETED_MESSAGE = MOSHI.adapter(DeletedMessage.class);
  public static final JsonAdapter<MessageHistory> MESSAGE_HISTORY = MOSHI.adapter(MessageHistory.class);
  public static final JsonAdapter<OfflineMessageResult> OFFLINE_MESSAGE_RESULT =
      MOSHI.adapter(OfflineMessageResult.class);
  public static final JsonAdapter<SendMessageRequest> SEND_MESSAGE_REQUEST =
      MOSHI.adapter(SendMessageRequest.class);
  public static final JsonAdapter<OfflineMessage> OFFLINE_MESSAGE = MOSHI.adapter(OfflineMessage.class);
  public static final JsonAdapter<DeletedVisitor> DELETED_VISITOR = MOSHI.adapter(DeletedVisitor.class);
  public static final JsonAdapter<CustomField> CUSTOM_FIELD = MOSHI.adapter(CustomField.class);
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
  public static final JsonAdapter<List<CustomField>> CUSTOM_FIELDS = JsonFields.listAdapter(CUSTOM_FIELD);
  public static final JsonAdapter<String> STRING = MOSHI.adapter(String.class);
  public static final JsonAdapter<WebhookVisitor> WEBHOOK_VISITOR = MOSHI.adapter(WebhookVisitor.class);
  public static final JsonAdapter<WebhookAgent> WEBHOOK_AGENT = MOSHI.adapter(WebhookAgent.class);
  public static final JsonAdapter<WebhookMessage> WEBHOOK_MESSAGE = MOSHI.adapter(WebhookMessage.class);

  private Json() {}

  private static @Nullable JsonAdapter<?> refuseReflection(
      Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    Class<?> raw = Types.getRawType(type);
    if (raw.getName().startsWith("dev.livechat.")) {
      throw new IllegalArgumentException(
          "No explicit JSON adapter for " + raw.getName() + ": register one in " + Json.class.getName());
    }
    return null;
  }
}
