package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.OfflineMessage;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"name", "email", "message", "department"?, "host"?}}. */
final class OfflineMessageAdapter extends JsonAdapter<OfflineMessage> {
  private static final JsonReader.Options NAMES =
      JsonReader.Options.of("name", "email", "message", "department", "host");

  @Override
  public @Nullable OfflineMessage fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String name = null;
    String email = null;
    String message = null;
    String department = null;
    String host = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> name = JsonFields.string(in);
        case 1 -> email = JsonFields.string(in);
        case 2 -> message = JsonFields.string(in);
        case 3 -> department = JsonFields.string(in);
        case 4 -> host = JsonFields.string(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new OfflineMessage(
        JsonFields.required(name, "name", in),
        JsonFields.required(email, "email", in),
        JsonFields.required(message, "message", in),
        department,
        host);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable OfflineMessage value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "email", value.email());
    JsonFields.write(out, "message", value.message());
    JsonFields.write(out, "department", value.department());
    JsonFields.write(out, "host", value.host());
    out.endObject();
  }
}
