package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.AttachmentAuthor;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"type", "title", "title_link", "description", "image_url", "image_type", "image_size",
 * "text", "message_link", "author_name", "author_icon", "author_link", "ts", "attachments"}}; the
 * three {@code author_*} fields make the one {@link AttachmentAuthor}, and {@code attachments} are
 * read with this same adapter.
 */
final class AttachmentAdapter extends JsonAdapter<Attachment> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "type", "title", "title_link", "description", "image_url", "image_type", "image_size",
      "text", "message_link", "author_name", "author_icon", "author_link", "ts", "attachments");

  private final JsonAdapter<Instant> instants;

  AttachmentAdapter(JsonAdapter<Instant> instants) {
    this.instants = instants;
  }

  @Override
  public @Nullable Attachment fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String type = null;
    String title = null;
    String titleLink = null;
    String description = null;
    String imageUrl = null;
    String imageType = null;
    Long imageSize = null;
    String text = null;
    String messageLink = null;
    String authorName = null;
    String authorIcon = null;
    String authorLink = null;
    Instant timestamp = null;
    List<Attachment> attachments = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> type = JsonFields.string(in);
        case 1 -> title = JsonFields.string(in);
        case 2 -> titleLink = JsonFields.string(in);
        case 3 -> description = JsonFields.string(in);
        case 4 -> imageUrl = JsonFields.string(in);
        case 5 -> imageType = JsonFields.string(in);
        case 6 -> imageSize = JsonFields.longValue(in);
        case 7 -> text = JsonFields.string(in);
        case 8 -> messageLink = JsonFields.string(in);
        case 9 -> authorName = JsonFields.string(in);
        case 10 -> authorIcon = JsonFields.string(in);
        case 11 -> authorLink = JsonFields.string(in);
        case 12 -> timestamp = instants.fromJson(in);
        case 13 -> attachments = JsonFields.list(in, this);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    AttachmentAuthor author = authorName == null && authorIcon == null && authorLink == null
        ? null
        : new AttachmentAuthor(authorName, authorIcon, authorLink);
    return new Attachment(type, title, titleLink, description, imageUrl, imageType, imageSize, text, messageLink,
        author, timestamp, attachments);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Attachment value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "type", value.type());
    JsonFields.write(out, "title", value.title());
    JsonFields.write(out, "title_link", value.titleLink());
    JsonFields.write(out, "description", value.description());
    JsonFields.write(out, "image_url", value.imageUrl());
    JsonFields.write(out, "image_type", value.imageType());
    if (value.imageSize() != null) {
      out.name("image_size").value(value.imageSize());
    }
    JsonFields.write(out, "text", value.text());
    JsonFields.write(out, "message_link", value.messageLink());
    AttachmentAuthor author = value.author();
    if (author != null) {
      JsonFields.write(out, "author_name", author.name());
      JsonFields.write(out, "author_icon", author.icon());
      JsonFields.write(out, "author_link", author.link());
    }
    JsonFields.write(out, "ts", instants, value.timestamp());
    if (!value.attachments().isEmpty()) {
      JsonFields.writeList(out, "attachments", this, value.attachments());
    }
    out.endObject();
  }
}
