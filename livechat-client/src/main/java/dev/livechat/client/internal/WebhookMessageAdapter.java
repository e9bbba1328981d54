package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.User;
import dev.livechat.client.webhook.WebhookMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A webhook's message, as {@code sendToCRM} builds it: {@code u, _id, username, msg, blocks?, ts,
 * rid, editedAt?, agentId?, navigation?, closingMessage?, file?, attachments?, fileUpload?,
 * _updatedAt}. {@code navigation.page} is flattened to its title and address (its {@code token}
 * is the visitor token, which the visitor already carries); {@code fileUpload} to the URL and
 * size. Other fields ({@code blocks} among them) are kept as read.
 */
final class WebhookMessageAdapter extends JsonAdapter<WebhookMessage> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "_id", "rid", "username", "msg", "ts", "_updatedAt", "editedAt", "agentId", "u",
      "closingMessage", "navigation", "file", "attachments", "fileUpload");
  private static final JsonReader.Options NAVIGATION = JsonReader.Options.of("page");
  private static final JsonReader.Options PAGE = JsonReader.Options.of("title", "location");
  private static final JsonAdapter<String> HREF = JsonFields.singleField("href");
  private static final JsonReader.Options FILE_UPLOAD = JsonReader.Options.of("publicFilePath", "size");

  private final JsonAdapter<Instant> instants;
  private final JsonAdapter<User> users;
  private final JsonAdapter<FileInfo> files;
  private final JsonAdapter<Attachment> attachments;

  WebhookMessageAdapter(
      JsonAdapter<Instant> instants,
      JsonAdapter<User> users,
      JsonAdapter<FileInfo> files,
      JsonAdapter<Attachment> attachments) {
    this.instants = instants;
    this.users = users;
    this.files = files;
    this.attachments = attachments;
  }

  @Override
  public @Nullable WebhookMessage fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String roomId = null;
    String username = null;
    String text = null;
    Instant timestamp = null;
    Instant updatedAt = null;
    Instant editedAt = null;
    String agentId = null;
    User user = null;
    Boolean closingMessage = null;
    String[] page = {null, null};
    FileInfo file = null;
    List<Attachment> attached = null;
    String fileUrl = null;
    Long fileSize = null;
    Map<String, @Nullable Object> other = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> roomId = JsonFields.string(in);
        case 2 -> username = JsonFields.string(in);
        case 3 -> text = JsonFields.string(in);
        case 4 -> timestamp = instants.fromJson(in);
        case 5 -> updatedAt = instants.fromJson(in);
        case 6 -> editedAt = instants.fromJson(in);
        case 7 -> agentId = JsonFields.string(in);
        case 8 -> user = users.fromJson(in);
        case 9 -> closingMessage = JsonFields.bool(in);
        case 10 -> page = navigation(in);
        case 11 -> file = files.fromJson(in);
        case 12 -> attached = JsonFields.list(in, attachments);
        case 13 -> {
          if (in.peek() == JsonReader.Token.NULL) {
            in.skipValue();
          } else {
            in.beginObject();
            while (in.hasNext()) {
              switch (in.selectName(FILE_UPLOAD)) {
                case 0 -> fileUrl = JsonFields.string(in);
                case 1 -> fileSize = JsonFields.longValue(in);
                default -> JsonFields.skip(in);
              }
            }
            in.endObject();
          }
        }
        default -> JsonFields.keep(in, other);
      }
    }
    in.endObject();
    return new WebhookMessage(id, roomId, username, text, timestamp, updatedAt, editedAt, agentId, user,
        Boolean.TRUE.equals(closingMessage), page[0], page[1], file, attached, fileUrl, fileSize, other);
  }

  /** {@code {"page": {"title", "location": {"href"}, "token"}}} to {title, href}; the token is dropped. */
  private static @Nullable String[] navigation(JsonReader in) throws IOException {
    String[] page = {null, null};
    if (in.peek() == JsonReader.Token.NULL) {
      in.skipValue();
      return page;
    }
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(NAVIGATION) == 0 && in.peek() == JsonReader.Token.BEGIN_OBJECT) {
        in.beginObject();
        while (in.hasNext()) {
          switch (in.selectName(PAGE)) {
            case 0 -> page[0] = JsonFields.string(in);
            case 1 -> page[1] = in.peek() == JsonReader.Token.NULL ? in.nextNull() : HREF.fromJson(in);
            default -> JsonFields.skip(in);
          }
        }
        in.endObject();
      } else {
        in.skipValue();
      }
    }
    in.endObject();
    return page;
  }

  @Override
  public void toJson(JsonWriter out, @Nullable WebhookMessage value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "u", users, value.user());
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "username", value.username());
    JsonFields.write(out, "msg", value.text());
    JsonFields.write(out, "ts", instants, value.timestamp());
    JsonFields.write(out, "rid", value.roomId());
    JsonFields.write(out, "editedAt", instants, value.editedAt());
    JsonFields.write(out, "agentId", value.agentId());
    if (value.pageTitle() != null || value.pageUrl() != null) {
      out.name("navigation").beginObject().name("page").beginObject();
      JsonFields.write(out, "title", value.pageTitle());
      if (value.pageUrl() != null) {
        out.name("location").beginObject().name("href").value(value.pageUrl()).endObject();
      }
      out.endObject().endObject();
    }
    if (value.closingMessage()) {
      out.name("closingMessage").value(true);
    }
    JsonFields.write(out, "file", files, value.file());
    if (!value.attachments().isEmpty()) {
      JsonFields.writeList(out, "attachments", attachments, value.attachments());
    }
    if (value.fileUrl() != null || value.fileSize() != null) {
      out.name("fileUpload").beginObject();
      JsonFields.write(out, "publicFilePath", value.fileUrl());
      if (value.fileSize() != null) {
        out.name("size").value(value.fileSize());
      }
      out.endObject();
    }
    JsonFields.write(out, "_updatedAt", instants, value.updatedAt());
    JsonFields.writeOther(out, value.otherFields());
    out.endObject();
  }
}
