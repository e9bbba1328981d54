package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.AgentRef;
import dev.livechat.client.model.SendMessageRequest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"token", "rid", "msg", "_id"?, "agent"?}}. */
final class SendMessageRequestAdapter extends JsonAdapter<SendMessageRequest> {
  private static final JsonReader.Options NAMES =
      JsonReader.Options.of("token", "rid", "msg", "_id", "agent");

  private final JsonAdapter<AgentRef> agents;

  SendMessageRequestAdapter(JsonAdapter<AgentRef> agents) {
    this.agents = agents;
  }

  @Override
  public @Nullable SendMessageRequest fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String token = null;
    String roomId = null;
    String text = null;
    String id = null;
    AgentRef agent = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> token = JsonFields.string(in);
        case 1 -> roomId = JsonFields.string(in);
        case 2 -> text = JsonFields.string(in);
        case 3 -> id = JsonFields.string(in);
        case 4 -> agent = agents.fromJson(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new SendMessageRequest(
        JsonFields.required(token, "token", in),
        JsonFields.required(roomId, "rid", in),
        JsonFields.required(text, "msg", in),
        id,
        agent);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable SendMessageRequest value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "token", value.token());
    JsonFields.write(out, "rid", value.roomId());
    JsonFields.write(out, "msg", value.text());
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "agent", agents, value.agent());
    out.endObject();
  }
}
