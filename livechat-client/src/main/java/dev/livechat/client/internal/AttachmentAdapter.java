package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Attachment;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"type", "title", "title_link", "description", "image_url", "image_type", "image_size"}}. */
final class AttachmentAdapter extends JsonAdapter<Attachment> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "type", "title", "title_link", "description", "image_url", "image_type", "image_size");

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
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new Attachment(type, title, titleLink, description, imageUrl, imageType, imageSize);
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
    out.endObject();
  }
}
