package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.webhook.WebhookAgent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A webhook's {@code agent}: {@code _id, username, name, customFields, email}; others kept. */
final class WebhookAgentAdapter extends JsonAdapter<WebhookAgent> {
  private static final JsonReader.Options NAMES =
      JsonReader.Options.of("_id", "username", "name", "email", "customFields");

  @Override
  public @Nullable WebhookAgent fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String username = null;
    String name = null;
    String email = null;
    Map<String, String> customFields = null;
    Map<String, @Nullable Object> other = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> username = JsonFields.string(in);
        case 2 -> name = JsonFields.string(in);
        case 3 -> email = JsonFields.string(in);
        case 4 -> customFields = JsonFields.stringMap(in);
        default -> JsonFields.keep(in, other);
      }
    }
    in.endObject();
    return new WebhookAgent(JsonFields.required(id, "_id", in), username, name, email, customFields, other);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable WebhookAgent value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "username", value.username());
    JsonFields.write(out, "name", value.name());
    if (!value.customFields().isEmpty()) {
      JsonFields.writeMap(out, "customFields", value.customFields());
    }
    JsonFields.write(out, "email", value.email());
    JsonFields.writeOther(out, value.otherFields());
    out.endObject();
  }
}
