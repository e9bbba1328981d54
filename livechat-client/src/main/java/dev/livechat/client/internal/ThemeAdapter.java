package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Theme;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"title", "color", "offlineTitle", "offlineColor"}}; the rest (action links) is skipped. */
final class ThemeAdapter extends JsonAdapter<Theme> {
  private static final JsonReader.Options NAMES =
      JsonReader.Options.of("title", "color", "offlineTitle", "offlineColor");

  @Override
  public @Nullable Theme fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String title = null;
    String color = null;
    String offlineTitle = null;
    String offlineColor = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> title = JsonFields.string(in);
        case 1 -> color = JsonFields.string(in);
        case 2 -> offlineTitle = JsonFields.string(in);
        case 3 -> offlineColor = JsonFields.string(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new Theme(title, color, offlineTitle, offlineColor);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Theme value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "title", value.title());
    JsonFields.write(out, "color", value.color());
    JsonFields.write(out, "offlineTitle", value.offlineTitle());
    JsonFields.write(out, "offlineColor", value.offlineColor());
    out.endObject();
  }
}
