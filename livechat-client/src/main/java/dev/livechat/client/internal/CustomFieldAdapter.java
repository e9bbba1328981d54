package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.CustomField;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"key", "value", "overwrite"}}. The answer of {@code custom.fields} spells the key
 * {@code Key}; both are read.
 */
final class CustomFieldAdapter extends JsonAdapter<CustomField> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("key", "Key", "value", "overwrite");

  @Override
  public @Nullable CustomField fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String key = null;
    String value = null;
    Boolean overwrite = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0, 1 -> key = JsonFields.string(in);
        case 2 -> value = JsonFields.string(in);
        case 3 -> overwrite = JsonFields.bool(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new CustomField(
        JsonFields.required(key, "key", in),
        JsonFields.required(value, "value", in),
        overwrite != null && overwrite);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable CustomField value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "key", value.key());
    JsonFields.write(out, "value", value.value());
    JsonFields.write(out, "overwrite", value.overwrite());
    out.endObject();
  }
}
