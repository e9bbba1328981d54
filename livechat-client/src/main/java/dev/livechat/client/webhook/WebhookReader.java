package dev.livechat.client.webhook;

import static dev.livechat.client.internal.ValueAdapters.ANY;
import static dev.livechat.client.internal.ValueAdapters.LONG;
import static dev.livechat.client.internal.ValueAdapters.STRING;
import static dev.livechat.client.internal.ValueAdapters.STRINGS;
import static dev.livechat.client.internal.ValueAdapters.STRING_MAP;
import static dev.livechat.client.internal.ModelAdapters.INSTANT;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.livechat.client.internal.ValueAdapters;
import dev.livechat.client.internal.ModelAdapters;
import dev.livechat.client.internal.RecordAdapter;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.User;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
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
final class WebhookReader {
  private static final JsonReader.Options TYPE_AND_ID = JsonReader.Options.of("type", "_id");

  /**
   * A stored visitor's {@code [{"address"}]} and {@code [{"phoneNumber"}]} in real deliveries,
   * plain strings in the settings' test ping: both read into lists of strings.
   */
  private static final JsonAdapter<List<String>> EMAILS = stringsOrObjects(ValueAdapters.singleField("address"));
  private static final JsonAdapter<List<String>> PHONES = stringsOrObjects(ValueAdapters.singleField("phoneNumber"));

  private static final JsonAdapter<WebhookVisitor> VISITOR = RecordAdapter.of(WebhookVisitor.class,
      f -> new WebhookVisitor(
          f.required("_id", STRING),
          f.get("token", STRING),
          f.get("name", STRING),
          f.get("username", STRING),
          f.get("department", STRING),
          f.get("ip", STRING),
          f.get("os", STRING),
          f.get("browser", STRING),
          f.get("email", EMAILS),
          f.get("phone", PHONES),
          f.get("customFields", STRING_MAP),
          f.others()));

  private static final JsonAdapter<WebhookAgent> AGENT = RecordAdapter.of(WebhookAgent.class, f -> new WebhookAgent(
      f.required("_id", STRING),
      f.get("username", STRING),
      f.get("name", STRING),
      f.get("email", STRING),
      f.get("customFields", STRING_MAP),
      f.others()));

  /** {@code navigation: {"page": {"title", "location": {"href"}, "token"}}}; the token is skipped. */
  private record Page(@Nullable String title, @Nullable String href) {}

  private static final JsonAdapter<String> HREF = ValueAdapters.singleField("href");

  private static final JsonAdapter<Page> PAGE = RecordAdapter.of(Page.class, f -> new Page(
      f.get("title", STRING),
      f.get("location", HREF)));

  private static final JsonAdapter<Page> NAVIGATION = RecordAdapter.of(Page.class, f -> f.get("page", PAGE));

  /** {@code fileUpload: {"publicFilePath", "size"}}. */
  private record FileUpload(@Nullable String url, @Nullable Long size) {}

  private static final JsonAdapter<FileUpload> FILE_UPLOAD = RecordAdapter.of(FileUpload.class, f -> new FileUpload(
      f.get("publicFilePath", STRING),
      f.get("size", LONG)));

  private static final JsonAdapter<WebhookMessage> MESSAGE = RecordAdapter.of(WebhookMessage.class, f -> {
    Page page = f.get("navigation", NAVIGATION);
    FileUpload upload = f.get("fileUpload", FILE_UPLOAD);
    return new WebhookMessage(
        f.get("_id", STRING),
        f.get("rid", STRING),
        f.get("username", STRING),
        f.get("msg", STRING),
        f.get("ts", INSTANT),
        f.get("_updatedAt", INSTANT),
        f.get("editedAt", INSTANT),
        f.get("agentId", STRING),
        f.get("u", ModelAdapters.USER),
        f.flag("closingMessage"),
        page == null ? null : page.title(),
        page == null ? null : page.href(),
        f.get("file", ModelAdapters.FILE_INFO),
        f.list("attachments", ModelAdapters.ATTACHMENT),
        upload == null ? null : upload.url(),
        upload == null ? null : upload.size(),
        f.others());
  });

  /**
   * What a room event's body holds: the room every room event has, the fields of its type, and
   * every other field as read.
   */
  private record RoomEvent(
      String id,
      @Nullable String label,
      @Nullable String topic,
      @Nullable Instant createdAt,
      @Nullable Instant lastMessageAt,
      @Nullable List<String> tags,
      @Nullable Map<String, String> customFields,
      @Nullable WebhookVisitor visitor,
      @Nullable WebhookAgent agent,
      @Nullable List<WebhookMessage> messages,
      @Nullable Object crmData,
      @Nullable String departmentId,
      @Nullable ServedBy servedBy,
      @Nullable String oldDepartmentId,
      @Nullable ServedBy oldServedBy,
      @Nullable Instant closedAt,
      @Nullable User closedBy,
      @Nullable String closer,
      Map<String, @Nullable Object> others) {

    WebhookRoom room() {
      return new WebhookRoom(id, label, topic, createdAt, lastMessageAt, tags, customFields, visitor, agent,
          messages, crmData);
    }
  }

  private static final JsonAdapter<RoomEvent> ROOM_ONLY = roomEvent(false, false, false, false);
  private static final JsonAdapter<RoomEvent> IN_DEPARTMENT = roomEvent(true, false, false, false);
  private static final JsonAdapter<RoomEvent> TAKEN = roomEvent(true, true, false, false);
  private static final JsonAdapter<RoomEvent> FORWARDED = roomEvent(true, true, true, false);
  private static final JsonAdapter<RoomEvent> CLOSED = roomEvent(true, true, false, true);

  /** {@code {"type", "sentAt", "visitor": {"name", "email"}, "message"}}. */
  private record Offline(
      @Nullable Instant sentAt, @Nullable Sender visitor, @Nullable String message, Map<String, @Nullable Object> others) {}

  private record Sender(@Nullable String name, @Nullable String email) {}

  private static final JsonAdapter<Sender> SENDER = RecordAdapter.of(Sender.class, f -> new Sender(
      f.get("name", STRING),
      f.get("email", STRING)));

  private static final JsonAdapter<Offline> OFFLINE = RecordAdapter.of(Offline.class, f -> {
    f.ignore("type");
    return new Offline(f.get("sentAt", INSTANT), f.get("visitor", SENDER), f.get("message", STRING), f.others());
  });

  /** Every field but {@code type}, as read. */
  private record Others(Map<String, @Nullable Object> fields) {}

  private static final JsonAdapter<Others> OTHERS = RecordAdapter.of(Others.class, f -> {
    f.ignore("type");
    return new Others(f.others());
  });

  private WebhookReader() {}

  /**
   * Reads {@code body}, whose UTF-8 text is {@code rawJson}.
   *
   * @throws JsonDataException if it is not JSON, is cut short, is not a JSON object with a string
   *     {@code type}, or a field of ours has the wrong shape; its message names the path and what
   *     was expected there, never a value ({@link BodyFailure})
   */
  static WebhookEvent read(byte[] body, String rawJson) {
    JsonReader in = JsonReader.of(new Buffer().write(body));
    try {
      return read(in, rawJson);
    } catch (JsonDataException | IOException e) {
      throw BodyFailure.at(e, in.getPath());
    }
  }

  private static WebhookEvent read(JsonReader in, String rawJson) throws IOException {
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
        default -> ValueAdapters.skip(ahead);
      }
    }
    if (type == null) {
      throw new JsonDataException("Required string 'type' missing at path $");
    }
    WebhookEvent event = switch (type) {
      case WebhookEvent.SessionStarted.TYPE -> {
        RoomEvent e = IN_DEPARTMENT.fromJson(in);
        yield new WebhookEvent.SessionStarted(e.room(), e.departmentId(), e.others(), rawJson);
      }
      case WebhookEvent.SessionQueued.TYPE -> {
        RoomEvent e = IN_DEPARTMENT.fromJson(in);
        yield new WebhookEvent.SessionQueued(e.room(), e.departmentId(), e.others(), rawJson);
      }
      case WebhookEvent.SessionTaken.TYPE -> {
        RoomEvent e = TAKEN.fromJson(in);
        yield new WebhookEvent.SessionTaken(e.room(), e.departmentId(), e.servedBy(), e.others(), rawJson);
      }
      case WebhookEvent.SessionForwarded.TYPE -> {
        RoomEvent e = FORWARDED.fromJson(in);
        yield new WebhookEvent.SessionForwarded(e.room(), e.departmentId(), e.servedBy(),
            e.oldDepartmentId(), e.oldServedBy(), e.others(), rawJson);
      }
      case WebhookEvent.SessionClosed.TYPE -> {
        if (WebhookEvent.TestPing.ROOM_ID.equals(id)) {
          RoomEvent e = ROOM_ONLY.fromJson(in);
          yield new WebhookEvent.TestPing(e.room(), e.others(), rawJson);
        }
        RoomEvent e = CLOSED.fromJson(in);
        yield new WebhookEvent.SessionClosed(e.room(), e.departmentId(), e.servedBy(), e.closedAt(),
            e.closedBy(), e.closer(), e.others(), rawJson);
      }
      case WebhookEvent.SessionEdited.TYPE -> {
        RoomEvent e = ROOM_ONLY.fromJson(in);
        yield new WebhookEvent.SessionEdited(e.room(), e.others(), rawJson);
      }
      case WebhookEvent.MessageSent.TYPE -> {
        RoomEvent e = ROOM_ONLY.fromJson(in);
        yield new WebhookEvent.MessageSent(e.room(), e.others(), rawJson);
      }
      case WebhookEvent.LeadCaptured.TYPE -> {
        RoomEvent e = ROOM_ONLY.fromJson(in);
        yield new WebhookEvent.LeadCaptured(e.room(), e.others(), rawJson);
      }
      case WebhookEvent.OfflineMessageReceived.TYPE -> {
        Offline o = OFFLINE.fromJson(in);
        Sender sender = o.visitor() == null ? new Sender(null, null) : o.visitor();
        yield new WebhookEvent.OfflineMessageReceived(
            o.sentAt(), sender.name(), sender.email(), o.message(), o.others(), rawJson);
      }
      default -> new WebhookEvent.Unknown(type, OTHERS.fromJson(in).fields(), rawJson);
    };
    if (in.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonDataException("Expected the end of the body after the object at path $");
    }
    return event;
  }

  /** A room event whose type has the fields flagged, besides the room every room event has. */
  private static JsonAdapter<RoomEvent> roomEvent(
      boolean department, boolean servedBy, boolean forwarded, boolean closed) {
    return RecordAdapter.of(RoomEvent.class, f -> {
      f.ignore("type");
      return new RoomEvent(
          f.required("_id", STRING),
          f.get("label", STRING),
          f.get("topic", STRING),
          f.get("createdAt", INSTANT),
          f.get("lastMessageAt", INSTANT),
          f.get("tags", STRINGS),
          f.get("customFields", STRING_MAP),
          f.get("visitor", VISITOR),
          f.get("agent", AGENT),
          f.list("messages", MESSAGE),
          f.get("crmData", ANY),
          department ? f.get("departmentId", STRING) : null,
          servedBy ? f.get("servedBy", ModelAdapters.SERVED_BY) : null,
          forwarded ? f.get("oldDepartmentId", STRING) : null,
          forwarded ? f.get("oldServedBy", ModelAdapters.SERVED_BY) : null,
          closed ? f.get("closedAt", INSTANT) : null,
          closed ? f.get("closedBy", ModelAdapters.USER) : null,
          closed ? f.get("closer", STRING) : null,
          f.others());
    });
  }

  /** A string, or an array of strings or of objects read by {@code element}. */
  private static JsonAdapter<List<String>> stringsOrObjects(JsonAdapter<String> element) {
    return ValueAdapters.value(in -> {
      switch (in.peek()) {
        case STRING:
          return List.of(in.nextString());
        case BEGIN_ARRAY:
          List<String> values = new ArrayList<>();
          in.beginArray();
          while (in.hasNext()) {
            values.add(in.peek() == JsonReader.Token.STRING
                ? in.nextString()
                : ValueAdapters.required(element.fromJson(in), "element", in));
          }
          in.endArray();
          return values;
        default:
          throw new JsonDataException(
              "Expected a string or an array but was " + in.peek() + " at path " + in.getPath());
      }
    }, (out, values) -> {
      throw new UnsupportedOperationException("webhook bodies are only read");
    });
  }

  private static @Nullable String textOrSkip(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.STRING) {
      return in.nextString();
    }
    in.skipValue();
    return null;
  }
}
