package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.User;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored message. The timestamp is {@code ts}; the API's own examples for edit, delete and
 * history say {@code ls} instead (a documentation slip), so {@code ls} is read when {@code ts} is
 * absent.
 */
final class MessageAdapter extends JsonAdapter<Message> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "_id", "rid", "msg", "t", "token", "alias", "u", "ts", "ls", "_updatedAt", "editedAt", "editedBy",
      "file", "files", "attachments");

  private final JsonAdapter<User> users;
  private final JsonAdapter<Instant> instants;
  private final JsonAdapter<FileInfo> files;
  private final JsonAdapter<Attachment> attachments;

  MessageAdapter(
      JsonAdapter<User> users,
      JsonAdapter<Instant> instants,
      JsonAdapter<FileInfo> files,
      JsonAdapter<Attachment> attachments) {
    this.users = users;
    this.instants = instants;
    this.files = files;
    this.attachments = attachments;
  }

  @Override
  public @Nullable Message fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String roomId = null;
    String text = null;
    String type = null;
    String token = null;
    String alias = null;
    User user = null;
    Instant timestamp = null;
    Instant lastSeen = null;
    Instant updatedAt = null;
    Instant editedAt = null;
    User editedBy = null;
    FileInfo file = null;
    List<FileInfo> allFiles = null;
    List<Attachment> attached = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> roomId = JsonFields.string(in);
        case 2 -> text = JsonFields.string(in);
        case 3 -> type = JsonFields.string(in);
        case 4 -> token = JsonFields.string(in);
        case 5 -> alias = JsonFields.string(in);
        case 6 -> user = users.fromJson(in);
        case 7 -> timestamp = instants.fromJson(in);
        case 8 -> lastSeen = instants.fromJson(in);
        case 9 -> updatedAt = instants.fromJson(in);
        case 10 -> editedAt = instants.fromJson(in);
        case 11 -> editedBy = users.fromJson(in);
        case 12 -> file = files.fromJson(in);
        case 13 -> allFiles = JsonFields.list(in, files);
        case 14 -> attached = JsonFields.list(in, attachments);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new Message(
        JsonFields.required(id, "_id", in),
        roomId,
        text,
        type,
        token,
        alias,
        user,
        timestamp != null ? timestamp : lastSeen,
        updatedAt,
        editedAt,
        editedBy,
        file,
        allFiles,
        attached);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Message value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "rid", value.roomId());
    JsonFields.write(out, "msg", value.text());
    JsonFields.write(out, "t", value.type());
    JsonFields.write(out, "token", value.token());
    JsonFields.write(out, "alias", value.alias());
    JsonFields.write(out, "u", users, value.user());
    JsonFields.write(out, "ts", instants, value.timestamp());
    JsonFields.write(out, "_updatedAt", instants, value.updatedAt());
    JsonFields.write(out, "editedAt", instants, value.editedAt());
    JsonFields.write(out, "editedBy", users, value.editedBy());
    JsonFields.write(out, "file", files, value.file());
    if (!value.files().isEmpty()) {
      JsonFields.writeList(out, "files", files, value.files());
    }
    if (!value.attachments().isEmpty()) {
      JsonFields.writeList(out, "attachments", attachments, value.attachments());
    }
    out.endObject();
  }
}
