package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.CustomFieldDefinition;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"_id", "label", "regexp", "required", "type", "defaultValue", "options"}}, as RC
 * apps/meteor/ee/app/livechat-enterprise/server/lib/Helper.ts {@code getLivechatCustomFields} maps
 * each field ({@code options} already split at the commas).
 */
final class CustomFieldDefinitionAdapter extends JsonAdapter<CustomFieldDefinition> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "_id", "label", "regexp", "required", "type", "defaultValue", "options");

  private final JsonAdapter<String> strings;

  CustomFieldDefinitionAdapter(JsonAdapter<String> strings) {
    this.strings = strings;
  }

  @Override
  public @Nullable CustomFieldDefinition fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String label = null;
    String regexp = null;
    Boolean required = null;
    String type = null;
    String defaultValue = null;
    List<String> options = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> label = JsonFields.string(in);
        case 2 -> regexp = JsonFields.string(in);
        case 3 -> required = JsonFields.bool(in);
        case 4 -> type = JsonFields.string(in);
        case 5 -> defaultValue = JsonFields.scalar(in);
        case 6 -> options = JsonFields.list(in, strings);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new CustomFieldDefinition(JsonFields.required(id, "_id", in), label, regexp,
        Boolean.TRUE.equals(required), type, defaultValue, options);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable CustomFieldDefinition value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "label", value.label());
    JsonFields.write(out, "regexp", value.regexp());
    JsonFields.write(out, "required", value.required());
    JsonFields.write(out, "type", value.type());
    JsonFields.write(out, "defaultValue", value.defaultValue());
    if (!value.options().isEmpty()) {
      JsonFields.writeList(out, "options", strings, value.options());
    }
    out.endObject();
  }
}
