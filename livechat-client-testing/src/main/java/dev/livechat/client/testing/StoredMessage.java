package dev.livechat.client.testing;

import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A message as the server stores it ({@code IMessage}); guarded by the store. */
final class StoredMessage {
  final String id;
  final String rid;
  final @Nullable String type;
  final @Nullable String token;
  final @Nullable String alias;
  final Author user;
  final Instant ts;
  /** Where its id stands among all stored messages' (set by the store, for the room's ordered list). */
  long order;
  String msg;
  Instant updatedAt;
  @Nullable Instant editedAt;
  @Nullable Author editedBy;
  /** The files the message carries; the first is its {@code file}. */
  List<UploadedFile> files = List.of();
  /** {@code urls}: the links in the text, {@code {"url":..}} ({@code "ignoreParse":true} for a quoted message's). */
  List<Map<String, Object>> urls = List.of();
  /** Quote attachments, after the file attachments. */
  List<Map<String, Object>> quotes = List.of();
  /** Other fields of system messages ({@code groupable}, {@code requestData}, ...), written as they are. */
  final Map<String, Object> extra = new LinkedHashMap<>();

  /** {@code _hidden: true}: stored, but left out of history and not pushed. */
  boolean hidden() {
    return Boolean.TRUE.equals(extra.get("_hidden"));
  }

  StoredMessage(String id, String rid, String msg, @Nullable String type, @Nullable String token,
      @Nullable String alias, Author user, Instant ts) {
    this.id = id;
    this.rid = rid;
    this.msg = msg;
    this.type = type;
    this.token = token;
    this.alias = alias;
    this.user = user;
    this.ts = ts;
    this.updatedAt = ts;
  }

  /** The stored document; its {@link Instant}s are written per side (ISO on REST, EJSON on DDP). */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", id);
    json.put("rid", rid);
    json.put("msg", msg);
    json.put("t", type);
    json.put("token", token);
    json.put("alias", alias);
    json.put("ts", ts);
    json.put("u", user.toJson());
    json.put("_updatedAt", updatedAt);
    json.put("editedAt", editedAt);
    json.put("editedBy", editedBy == null ? null : JsonValues.object("_id", editedBy.id(), "username", editedBy.username()));
    json.putAll(extra);
    List<Object> attachments = new ArrayList<>();
    if (!files.isEmpty()) {
      json.put("file", fileJson(files.get(0)));
      List<Object> all = new ArrayList<>();
      for (UploadedFile each : files) {
        all.add(fileJson(each));
        attachments.add(attachmentJson(each));
      }
      json.put("files", all);
    }
    attachments.addAll(quotes);
    if (!attachments.isEmpty()) {
      json.put("attachments", attachments);
    }
    json.put("urls", new ArrayList<>(urls));
    json.put("mentions", List.of());
    json.put("channels", List.of());
    if (type == null && !msg.isEmpty()) {
      json.put("md", List.of(JsonValues.object("type", "PARAGRAPH",
          "value", List.of(JsonValues.object("type", "PLAIN_TEXT", "value", msg)))));
    }
    return json;
  }

  private static Map<String, Object> fileJson(UploadedFile file) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", file.id());
    json.put("name", file.name());
    json.put("type", file.type());
    json.put("size", file.content().size());
    return json;
  }

  private static Map<String, Object> attachmentJson(UploadedFile file) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ts", Instant.EPOCH);
    json.put("title", file.name());
    json.put("title_link", file.link());
    json.put("title_link_download", true);
    if (file.type().startsWith("image/")) {
      json.put("image_url", file.link());
      json.put("image_type", file.type());
      json.put("image_size", file.content().size());
    } else {
      json.put("format", file.format());
      json.put("size", file.content().size());
    }
    json.put("type", "file");
    json.put("description", file.description());
    return json;
  }

  Message toModel() {
    FileInfo fileInfo = files.isEmpty() ? null
        : new FileInfo(files.get(0).id(), files.get(0).name(), files.get(0).type());
    List<Attachment> attachments = new ArrayList<>();
    for (UploadedFile file : files) {
      boolean image = file.type().startsWith("image/");
      attachments.add(new Attachment("file", file.name(), file.link(), file.description(), image ? file.link() : null,
          image ? file.type() : null, image ? (long) file.content().size() : null));
    }
    quotes.forEach(quote -> attachments.add(new Attachment(null, null, null, null, null, null, null)));
    return new Message(id, rid, msg, type, token, alias, user.toModel(), ts, updatedAt, editedAt,
        editedBy == null ? null : editedBy.toModel(), fileInfo, attachments);
  }
}
