package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.AgentRef;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"agentId", "username"}}. */
final class AgentRefAdapter extends JsonAdapter<AgentRef> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("agentId", "username");

  @Override
  public @Nullable AgentRef fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String agentId = null;
    String username = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> agentId = JsonFields.string(in);
        case 1 -> username = JsonFields.string(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new AgentRef(
        JsonFields.required(agentId, "agentId", in), JsonFields.required(username, "username", in));
  }

  @Override
  public void toJson(JsonWriter out, @Nullable AgentRef value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "agentId", value.agentId());
    JsonFields.write(out, "username", value.username());
    out.endObject();
  }
}
