package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.User;
import dev.livechat.client.webhook.WebhookAgent;
import dev.livechat.client.webhook.WebhookEvent;
import dev.livechat.client.webhook.WebhookMessage;
import dev.livechat.client.webhook.WebhookRoom;
import dev.livechat.client.webhook.WebhookVisitor;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a webhook body into its {@link WebhookEvent}, in two passes over the top-level object:
 * the first finds {@code type} (and {@code _id}, which tells the settings' test ping), which
 * {@code sendToCRM} writes after the room's fields; the second reads the fields that type has.
 * A field that the type does not have, even one another type has, is kept as read.
 */
public final class WebhookEventReader {
  private static final JsonReader.Options TYPE_AND_ID = JsonReader.Options.of("type", "_id");
  private static final JsonReader.Options TYPE = JsonReader.Options.of("type");

  /** The room events' fields: the first {@link #COMMON} every room event has. */
  private static final JsonReader.Options ROOM = JsonReader.Options.of(
      "type", "_id", "label", "topic", "createdAt", "lastMessageAt", "tags", "customFields", "visitor",
      "agent", "messages", "crmData",
      "departmentId", "servedBy", "oldDepartmentId", "oldServedBy", "closedAt", "closedBy", "closer");
  private static final int COMMON = 12;
  private static final int DEPARTMENT_ID = 1 << 12;
  private static final int SERVED_BY = 1 << 13;
  private static final int OLD_DEPARTMENT_ID = 1 << 14;
  private static final int OLD_SERVED_BY = 1 << 15;
  private static final int CLOSED = 1 << 16 | 1 << 17 | 1 << 18;

  private static final JsonReader.Options OFFLINE = JsonReader.Options.of("type", "sentAt", "visitor", "message");
  private static final JsonReader.Options NAME_AND_EMAIL = JsonReader.Options.of("name", "email");

  private static final JsonAdapter<Instant> INSTANTS = Json.INSTANT;
  private static final JsonAdapter<WebhookVisitor> VISITORS = Json.WEBHOOK_VISITOR;
  private static final JsonAdapter<WebhookAgent> AGENTS = Json.WEBHOOK_AGENT;
  private static final JsonAdapter<WebhookMessage> MESSAGES = Json.WEBHOOK_MESSAGE;
  private static final JsonAdapter<ServedBy> SERVED_BYS = Json.MOSHI.adapter(ServedBy.class);
  private static final JsonAdapter<User> USERS = Json.MOSHI.adapter(User.class);

  private WebhookEventReader() {}

  /**
   * Reads {@code body}, whose UTF-8 text is {@code rawJson}.
   *
   * @throws JsonDataException if it is not a JSON object with a string {@code type}, or a field
   *     of ours has the wrong shape
   * @throws IOException if it is not JSON ({@code JsonEncodingException}) or is cut short
   */
  public static WebhookEvent read(byte[] body, String rawJson) throws IOException {
    JsonReader in = JsonReader.of(new Buffer().write(body));
    if (in.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new JsonDataException("Expected a JSON object but was " + in.peek() + " at path $");
    }
    String type = null;
    String id = null;
    JsonReader ahead = in.peekJson();
    ahead.beginObject();
    while (ahead.hasNext()) {
      switch (ahead.selectName(TYPE_AND_ID)) {
        case 0 -> type = textOrSkip(ahead);
        case 1 -> id = textOrSkip(ahead);
        default -> JsonFields.skip(ahead);
      }
    }
    if (type == null) {
      throw new JsonDataException("Required string 'type' missing at path $");
    }
    WebhookEvent event = switch (type) {
      case WebhookEvent.SessionStarted.TYPE -> {
        Room room = readRoom(in, DEPARTMENT_ID);
        yield new WebhookEvent.SessionStarted(room.room(), room.departmentId, room.other, rawJson);
      }
      case WebhookEvent.SessionQueued.TYPE -> {
        Room room = readRoom(in, DEPARTMENT_ID);
        yield new WebhookEvent.SessionQueued(room.room(), room.departmentId, room.other, rawJson);
      }
      case WebhookEvent.SessionTaken.TYPE -> {
        Room room = readRoom(in, DEPARTMENT_ID | SERVED_BY);
        yield new WebhookEvent.SessionTaken(room.room(), room.departmentId, room.servedBy, room.other, rawJson);
      }
      case WebhookEvent.SessionForwarded.TYPE -> {
        Room room = readRoom(in, DEPARTMENT_ID | SERVED_BY | OLD_DEPARTMENT_ID | OLD_SERVED_BY);
        yield new WebhookEvent.SessionForwarded(room.room(), room.departmentId, room.servedBy,
            room.oldDepartmentId, room.oldServedBy, room.other, rawJson);
      }
      case WebhookEvent.SessionClosed.TYPE -> {
        if (WebhookEvent.TestPing.ROOM_ID.equals(id)) {
          Room room = readRoom(in, 0);
          yield new WebhookEvent.TestPing(room.room(), room.other, rawJson);
        }
        Room room = readRoom(in, DEPARTMENT_ID | SERVED_BY | CLOSED);
        yield new WebhookEvent.SessionClosed(room.room(), room.departmentId, room.servedBy, room.closedAt,
            room.closedBy, room.closer, room.other, rawJson);
      }
      case WebhookEvent.SessionEdited.TYPE -> {
        Room room = readRoom(in, 0);
        yield new WebhookEvent.SessionEdited(room.room(), room.other, rawJson);
      }
      case WebhookEvent.MessageSent.TYPE -> {
        Room room = readRoom(in, 0);
        yield new WebhookEvent.MessageSent(room.room(), room.other, rawJson);
      }
      case WebhookEvent.LeadCaptured.TYPE -> {
        Room room = readRoom(in, 0);
        yield new WebhookEvent.LeadCaptured(room.room(), room.other, rawJson);
      }
      case WebhookEvent.OfflineMessageReceived.TYPE -> readOffline(in, rawJson);
      default -> new WebhookEvent.Unknown(type, readOther(in), rawJson);
    };
    if (in.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonDataException("Expected the end of the body after the object at path $");
    }
    return event;
  }

  private static @Nullable String textOrSkip(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.STRING) {
      return in.nextString();
    }
    in.skipValue();
    return null;
  }

  /** The fields one room event has; {@code accepted} marks which of the optional ones its type has. */
  private static Room readRoom(JsonReader in, int accepted) throws IOException {
    Room r = new Room();
    in.beginObject();
    while (in.hasNext()) {
      int index = in.selectName(ROOM);
      if (index < 0) {
        JsonFields.keep(in, r.other);
        continue;
      }
      if (index >= COMMON && (accepted & 1 << index) == 0) {
        r.other.put(ROOM.strings().get(index), in.readJsonValue());
        continue;
      }
      switch (index) {
        case 0 -> in.skipValue();
        case 1 -> r.id = JsonFields.string(in);
        case 2 -> r.label = JsonFields.string(in);
        case 3 -> r.topic = JsonFields.string(in);
        case 4 -> r.createdAt = INSTANTS.fromJson(in);
        case 5 -> r.lastMessageAt = INSTANTS.fromJson(in);
        case 6 -> r.tags = JsonFields.list(in, JsonFields.STRINGS);
        case 7 -> r.customFields = JsonFields.stringMap(in);
        case 8 -> r.visitor = VISITORS.fromJson(in);
        case 9 -> r.agent = AGENTS.fromJson(in);
        case 10 -> r.messages = JsonFields.list(in, MESSAGES);
        case 11 -> r.crmData = in.readJsonValue();
        case 12 -> r.departmentId = JsonFields.string(in);
        case 13 -> r.servedBy = SERVED_BYS.fromJson(in);
        case 14 -> r.oldDepartmentId = JsonFields.string(in);
        case 15 -> r.oldServedBy = SERVED_BYS.fromJson(in);
        case 16 -> r.closedAt = INSTANTS.fromJson(in);
        case 17 -> r.closedBy = USERS.fromJson(in);
        case 18 -> r.closer = JsonFields.string(in);
        default -> throw new AssertionError(index);
      }
    }
    in.endObject();
    JsonFields.required(r.id, "_id", in);
    return r;
  }

  private static WebhookEvent.OfflineMessageReceived readOffline(JsonReader in, String rawJson) throws IOException {
    Instant sentAt = null;
    String name = null;
    String email = null;
    String message = null;
    Map<String, @Nullable Object> other = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(OFFLINE)) {
        case 0 -> in.skipValue();
        case 1 -> sentAt = INSTANTS.fromJson(in);
        case 2 -> {
          if (in.peek() == JsonReader.Token.NULL) {
            in.skipValue();
            break;
          }
          in.beginObject();
          while (in.hasNext()) {
            switch (in.selectName(NAME_AND_EMAIL)) {
              case 0 -> name = JsonFields.string(in);
              case 1 -> email = JsonFields.string(in);
              default -> JsonFields.skip(in);
            }
          }
          in.endObject();
        }
        case 3 -> message = JsonFields.string(in);
        default -> JsonFields.keep(in, other);
      }
    }
    in.endObject();
    return new WebhookEvent.OfflineMessageReceived(sentAt, name, email, message, other, rawJson);
  }

  /** Every field but {@code type}, as read. */
  private static Map<String, @Nullable Object> readOther(JsonReader in) throws IOException {
    Map<String, @Nullable Object> other = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(TYPE) == 0) {
        in.skipValue();
      } else {
        JsonFields.keep(in, other);
      }
    }
    in.endObject();
    return other;
  }

  /** What one pass over a room event found. */
  private static final class Room {
    @Nullable String id;
    @Nullable String label;
    @Nullable String topic;
    @Nullable Instant createdAt;
    @Nullable Instant lastMessageAt;
    @Nullable List<String> tags;
    @Nullable Map<String, String> customFields;
    @Nullable WebhookVisitor visitor;
    @Nullable WebhookAgent agent;
    @Nullable List<WebhookMessage> messages;
    @Nullable Object crmData;
    @Nullable String departmentId;
    @Nullable ServedBy servedBy;
    @Nullable String oldDepartmentId;
    @Nullable ServedBy oldServedBy;
    @Nullable Instant closedAt;
    @Nullable User closedBy;
    @Nullable String closer;
    final Map<String, @Nullable Object> other = new LinkedHashMap<>();

    WebhookRoom room() {
      return new WebhookRoom(Checks.notNull(id, "_id"), label, topic, createdAt, lastMessageAt, tags,
          customFields, visitor, agent, messages, crmData);
    }
  }
}
