package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.FileInfo;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"_id", "name", "type", "size", "typeGroup"}}: a {@code FileProp} (RC
 * packages/core-typings/src/IMessage/MessageAttachment/Files/FileProp.ts); {@code format} is left
 * out, the media type says the same.
 */
final class FileInfoAdapter extends JsonAdapter<FileInfo> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("_id", "name", "type", "size", "typeGroup");

  @Override
  public @Nullable FileInfo fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String name = null;
    String type = null;
    Long size = null;
    String typeGroup = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> name = JsonFields.string(in);
        case 2 -> type = JsonFields.string(in);
        case 3 -> size = JsonFields.longValue(in);
        case 4 -> typeGroup = JsonFields.string(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new FileInfo(JsonFields.required(id, "_id", in), name, type, size, typeGroup);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable FileInfo value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "type", value.type());
    if (value.size() != null) {
      out.name("size").value(value.size());
    }
    JsonFields.write(out, "typeGroup", value.typeGroup());
    out.endObject();
  }
}
