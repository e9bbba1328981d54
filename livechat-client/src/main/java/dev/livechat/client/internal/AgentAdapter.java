package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Agent;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code {"_id", "username", "name", "status", "emails": [{"address"}]}}, or {@code {"hiddenInfo": true}}. */
final class AgentAdapter extends JsonAdapter<Agent> {
  private static final JsonReader.Options NAMES =
      JsonReader.Options.of("_id", "username", "name", "status", "emails", "hiddenInfo");
  private static final JsonAdapter<String> EMAIL = JsonFields.singleField("address");

  @Override
  public @Nullable Agent fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String username = null;
    String name = null;
    String status = null;
    List<String> emails = null;
    Boolean hiddenInfo = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> username = JsonFields.string(in);
        case 2 -> name = JsonFields.string(in);
        case 3 -> status = JsonFields.string(in);
        case 4 -> emails = JsonFields.list(in, EMAIL);
        case 5 -> hiddenInfo = JsonFields.bool(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new Agent(id, username, name, status, emails, hiddenInfo != null && hiddenInfo);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Agent value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "username", value.username());
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "status", value.status());
    JsonFields.writeList(out, "emails", EMAIL, value.emails());
    if (value.hiddenInfo()) {
      out.name("hiddenInfo").value(true);
    }
    out.endObject();
  }
}
