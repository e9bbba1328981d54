package dev.livechat.client;

import static dev.livechat.client.internal.Checks.notBlank;
import static dev.livechat.client.internal.Checks.notNull;
import static dev.livechat.client.internal.Checks.pathSegment;

import dev.livechat.client.internal.FileCredentials;
import dev.livechat.client.internal.ModelAdapters;
import dev.livechat.client.internal.JsonBody;
import dev.livechat.client.internal.ResponseReader;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.DeletedVisitor;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.SurveyAnswer;
import dev.livechat.client.model.SurveyResult;
import dev.livechat.client.model.Visitor;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.RecordedPageVisit;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import org.jspecify.annotations.Nullable;

/**
 * Every endpoint of the visitor API, described once. Each method checks its arguments (so bad
 * input fails before any I/O) and returns the description that {@link LivechatClient} executes.
 */
final class VisitorApi {
  /**
   * {@code {"message": {...}}}, shared by the message endpoints: a reader holds its encoded key,
   * so it is made once rather than on every call.
   */
  private static final ResponseReader<Message> MESSAGE = ResponseReader.field("message", ModelAdapters.MESSAGE);

  private VisitorApi() {}

  /**
   * Safe to repeat: every request carries a message id (generated unless the caller chose one),
   * and the server refuses a second message with the same id. When a repeated send is refused,
   * the first attempt may have been stored before its answer was lost, so the message is looked
   * up by its id.
   */
  static CallSpec<Message> sendMessage(SendMessageRequest request) {
    notNull(request, "request");
    // The request's token, room and id were checked when it was made, so the lookup's own checks
    // cannot fail when it is built, later and only if a repeated send is refused.
    return CallSpec.post("livechat/message")
        .body(request, ModelAdapters.SEND_MESSAGE_REQUEST)
        .secret(request.token())
        .safeToRepeat(true)
        .returning(MESSAGE,
            () -> getMessage(request.token(), request.roomId(), request.id()));
  }

  static CallSpec<Message> updateMessage(String token, String roomId, String messageId, String text) {
    return CallSpec.put("livechat/message/:_id", pathSegment(messageId, "messageId"))
        .body(JsonBody.fields(
            "token", notBlank(token, "token"), "rid", notBlank(roomId, "roomId"), "msg", notBlank(text, "text")))
        .safeToRepeat(true)
        .returning(MESSAGE);
  }

  static CallSpec<DeletedMessage> deleteMessage(String token, String roomId, String messageId) {
    return CallSpec.delete("livechat/message/:_id", pathSegment(messageId, "messageId"))
        .body(JsonBody.fields("token", notBlank(token, "token"), "rid", notBlank(roomId, "roomId")))
        .returning(ResponseReader.field("message", ModelAdapters.DELETED_MESSAGE));
  }

  static CallSpec<MessageHistory> loadHistory(String token, String roomId, HistoryQuery query) {
    notNull(query, "query");
    return CallSpec.get("livechat/messages.history/:rid", pathSegment(roomId, "roomId"))
        .query("token", notBlank(token, "token"))
        .query("ls", query.lastSeen())
        .query("end", query.end())
        .query("limit", query.limit())
        .query("offset", query.offset())
        .returning(ResponseReader.whole(ModelAdapters.MESSAGE_HISTORY));
  }

  static CallSpec<OfflineMessageResult> sendOfflineMessage(OfflineMessage message) {
    return CallSpec.post("livechat/offline.message")
        .body(notNull(message, "message"), ModelAdapters.OFFLINE_MESSAGE)
        .returning(ResponseReader.whole(ModelAdapters.OFFLINE_MESSAGE_RESULT));
  }

  static CallSpec<Message> getMessage(String token, String roomId, String messageId) {
    return CallSpec.get("livechat/message/:_id", pathSegment(messageId, "messageId"))
        .query("token", notBlank(token, "token"))
        .query("rid", notBlank(roomId, "roomId"))
        .returning(MESSAGE);
  }

  static CallSpec<Visitor> registerVisitor(NewVisitor visitor) {
    return CallSpec.post("livechat/visitor")
        .body(JsonBody.object().put("visitor", notNull(visitor, "visitor"), ModelAdapters.NEW_VISITOR).build())
        .secret(visitor.token())
        .safeToRepeat(true)
        .returning(ResponseReader.field("visitor", ModelAdapters.VISITOR));
  }

  static CallSpec<Visitor> getVisitor(String token) {
    return CallSpec.get("livechat/visitor/:token", pathSegment(token, "token"))
        .returning(ResponseReader.field("visitor", ModelAdapters.VISITOR));
  }

  static CallSpec<DeletedVisitor> deleteVisitor(String token) {
    return CallSpec.delete("livechat/visitor/:token", pathSegment(token, "token"))
        .returning(ResponseReader.field("visitor", ModelAdapters.DELETED_VISITOR));
  }

  static CallSpec<String> setVisitorStatus(String token, String status) {
    return CallSpec.post("livechat/visitor.status")
        .body(JsonBody.fields("token", notBlank(token, "token"), "status", notBlank(status, "status")))
        .safeToRepeat(true)
        .returning(ResponseReader.field("status", ModelAdapters.STRING_OR_NULL));
  }

  static CallSpec<RoomResult> openRoom(String token, @Nullable String roomId, @Nullable String agentId) {
    return CallSpec.get("livechat/room")
        .query("token", notBlank(token, "token"))
        .query("rid", roomId == null ? null : notBlank(roomId, "roomId"))
        .query("agentId", agentId == null ? null : notBlank(agentId, "agentId"))
        .returning(ResponseReader.whole(ModelAdapters.ROOM_RESULT));
  }

  static CallSpec<ClosedRoom> closeRoom(String token, String roomId) {
    return CallSpec.post("livechat/room.close")
        .body(JsonBody.fields("rid", notBlank(roomId, "roomId"), "token", notBlank(token, "token")))
        .returning(ResponseReader.whole(ModelAdapters.CLOSED_ROOM));
  }

  static CallSpec<Void> transferToDepartment(String token, String roomId, String departmentId) {
    return CallSpec.post("livechat/visitor/department.transfer")
        .body(JsonBody.fields("token", notBlank(token, "token"), "rid", notBlank(roomId, "roomId"),
            "department", notBlank(departmentId, "departmentId")))
        .returning(ResponseReader.nothing());
  }

  static CallSpec<SurveyResult> submitSurvey(String token, String roomId, List<SurveyAnswer> answers) {
    notNull(answers, "answers").forEach(answer -> notNull(answer, "answers[]"));
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("answers must not be empty");
    }
    return CallSpec.post("livechat/room.survey")
        .body(JsonBody.object()
            .put("rid", notBlank(roomId, "roomId"))
            .put("token", notBlank(token, "token"))
            .putList("data", answers, ModelAdapters.SURVEY_ANSWER)
            .build())
        .safeToRepeat(true)
        .returning(ResponseReader.whole(ModelAdapters.SURVEY_RESULT));
  }

  static CallSpec<Agent> agentInfo(String token, String roomId) {
    return CallSpec.get("livechat/agent.info/:rid/:token", pathSegment(roomId, "roomId"), pathSegment(token, "token"))
        .returning(ResponseReader.field("agent", ModelAdapters.AGENT));
  }

  static CallSpec<Optional<Agent>> nextAgent(String token) {
    return nextAgentOf(token, null);
  }

  static CallSpec<Optional<Agent>> nextAgent(String token, String departmentId) {
    return nextAgentOf(token, notBlank(departmentId, "departmentId"));
  }

  private static CallSpec<Optional<Agent>> nextAgentOf(String token, @Nullable String departmentId) {
    return CallSpec.get("livechat/agent.next/:token", pathSegment(token, "token"))
        .query("department", departmentId)
        .returning(ResponseReader.optionalField("agent", ModelAdapters.AGENT));
  }

  static CallSpec<String> requestTranscript(String token, String roomId, String email) {
    return CallSpec.post("livechat/transcript")
        .body(JsonBody.fields("token", notBlank(token, "token"), "rid", notBlank(roomId, "roomId"),
            "email", notBlank(email, "email")))
        .returning(ResponseReader.field("message", ModelAdapters.STRING_OR_NULL));
  }

  static CallSpec<CustomField> setCustomField(String token, CustomField field) {
    notNull(field, "field");
    return CallSpec.post("livechat/custom.field")
        .body(JsonBody.object()
            .put("token", notBlank(token, "token"))
            .put("key", field.key())
            .put("value", field.value())
            .put("overwrite", field.overwrite())
            .build())
        .safeToRepeat(true)
        .returning(ResponseReader.field("field", ModelAdapters.CUSTOM_FIELD));
  }

  static CallSpec<List<CustomField>> setCustomFields(String token, List<CustomField> fields) {
    notNull(fields, "fields").forEach(field -> notNull(field, "fields[]"));
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("fields must not be empty");
    }
    return CallSpec.post("livechat/custom.fields")
        .body(JsonBody.object()
            .put("token", notBlank(token, "token"))
            .putList("customFields", fields, ModelAdapters.CUSTOM_FIELD)
            .build())
        .safeToRepeat(true)
        .returning(ResponseReader.field("fields", ModelAdapters.CUSTOM_FIELDS));
  }

  static CallSpec<Message> uploadFile(String token, String roomId, FileUpload file) {
    notNull(file, "file");
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    if (file.description() != null) {
      form.addFormDataPart("description", file.description());
    }
    form.addFormDataPart("file", file.fileName(), new UploadBody(file));
    return CallSpec.post("livechat/upload/:rid", pathSegment(roomId, "roomId"))
        .header("x-visitor-token", notBlank(token, "token"))
        .body(form.build())
        .returning(ResponseReader.whole(ModelAdapters.MESSAGE));
  }

  static CallSpec<LivechatConfig> config(@Nullable String token, @Nullable String departmentId) {
    return CallSpec.get("livechat/config")
        .query("token", token == null ? null : notBlank(token, "token"))
        .query("department", departmentId == null ? null : notBlank(departmentId, "departmentId"))
        .returning(ResponseReader.field("config", ModelAdapters.LIVECHAT_CONFIG));
  }

  /** The recorded page, or null when the server recorded nothing ({@code {"success": true}}). */
  static CallSpec<RecordedPageVisit> sendPageVisited(String token, String roomId, PageVisit page) {
    return CallSpec.post("livechat/page.visited")
        .body(JsonBody.object()
            .put("token", notBlank(token, "token"))
            .put("rid", notBlank(roomId, "roomId"))
            .put("pageInfo", notNull(page, "page"), ModelAdapters.PAGE_VISIT)
            .build())
        .returning(ResponseReader.nullableField("page", ModelAdapters.RECORDED_PAGE_VISIT));
  }

  /**
   * A file of a room, streamed: {@code GET /file-upload/:id/:name} under the server root, with the
   * visitor's credentials as cookies ({@link FileCredentials}). The server finds the file by its id
   * alone; the name only makes the link readable, so a file without one is asked for under its id.
   */
  static CallSpec<FileDownload> downloadFile(String token, String roomId, FileInfo file) {
    notNull(file, "file");
    String name = file.name() == null || file.name().isEmpty() ? file.id() : file.name();
    return fileUpload(token, roomId, file.id(), name, List.of());
  }

  /**
   * A file of a room by the link a message gives it: an attachment's {@code titleLink} or {@code
   * imageUrl} ({@code /file-upload/<id>/<name>}, relative to the server root, base path included), or
   * an absolute URL of this server with that path. Its query is kept (a server may sign links with a
   * {@code token}), but one carrying {@code rc_*} credentials of its own is refused, as is any other
   * path or server: the visitor's credentials go to this server's file route only.
   */
  static CallSpec<FileDownload> downloadFile(HttpUrl baseUrl, String token, String roomId, String link) {
    notBlank(link, "link");
    HttpUrl url;
    List<String> segments;
    if (link.startsWith("/") && !link.startsWith("//")) {
      url = HttpUrl.parse("http://localhost" + link); // for its path and query only
      segments = url == null ? List.of() : url.pathSegments();
    } else {
      url = HttpUrl.parse(link);
      if (url == null) {
        throw new IllegalArgumentException("link is neither a path of this server (/file-upload/<id>/<name>)"
            + " nor an http or https URL");
      }
      if (!url.scheme().equals(baseUrl.scheme()) || !url.host().equals(baseUrl.host())
          || url.port() != baseUrl.port()) {
        throw new IllegalArgumentException("link points to another server (" + url.redact()
            + "): the visitor's credentials go to " + baseUrl.redact() + " only");
      }
      List<String> base = baseUrl.pathSegments().equals(List.of("")) ? List.of() : baseUrl.pathSegments();
      List<String> path = url.pathSegments();
      segments = path.size() >= base.size() && path.subList(0, base.size()).equals(base)
          ? path.subList(base.size(), path.size())
          : List.of();
    }
    if (url == null || segments.size() < 3 || !segments.get(0).equals("file-upload") || segments.get(1).isEmpty()) {
      throw new IllegalArgumentException("link must be a file of this server, /file-upload/<id>/<name>"
          + " (relative to " + baseUrl + ")");
    }
    String name = String.join("/", segments.subList(2, segments.size()));
    List<@Nullable String> query = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      String parameter = url.queryParameterName(i);
      if (parameter.startsWith("rc_")) {
        throw new IllegalArgumentException("link must not carry credentials (" + parameter
            + "): the client sends the visitor's own");
      }
      query.add(parameter);
      query.add(url.queryParameterValue(i));
    }
    return fileUpload(token, roomId, segments.get(1), name.isEmpty() ? segments.get(1) : name, query);
  }

  /** {@code GET /file-upload/:id/:name?<query>}, {@code query} as name, value, name, value... */
  private static CallSpec<FileDownload> fileUpload(
      String token, String roomId, String id, String name, List<@Nullable String> query) {
    FileCredentials credentials = new FileCredentials(notBlank(token, "token"), notBlank(roomId, "roomId"));
    CallSpec.Builder request = CallSpec.get("file-upload/:id/:name", pathSegment(id, "file id"), name)
        .underServerRoot()
        .fileCredentials(credentials);
    for (int i = 0; i < query.size(); i += 2) {
      request.query(Objects.requireNonNull(query.get(i)), query.get(i + 1));
    }
    return request.returningStream(FileDownload::new);
  }
}
