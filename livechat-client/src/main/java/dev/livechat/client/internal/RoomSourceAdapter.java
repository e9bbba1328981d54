package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.RoomSource;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"type", "id", "alias", "label", "destination"}}: {@code IOmnichannelSource} (RC
 * packages/core-typings/src/IRoom.ts); {@code sidebarIcon} and {@code defaultIcon} are for agents
 * and left out.
 */
final class RoomSourceAdapter extends JsonAdapter<RoomSource> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("type", "id", "alias", "label", "destination");

  @Override
  public @Nullable RoomSource fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String type = null;
    String id = null;
    String alias = null;
    String label = null;
    String destination = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> type = JsonFields.string(in);
        case 1 -> id = JsonFields.string(in);
        case 2 -> alias = JsonFields.string(in);
        case 3 -> label = JsonFields.string(in);
        case 4 -> destination = JsonFields.string(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new RoomSource(JsonFields.required(type, "type", in), id, alias, label, destination);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable RoomSource value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "type", value.type());
    JsonFields.write(out, "id", value.id());
    JsonFields.write(out, "alias", value.alias());
    JsonFields.write(out, "label", value.label());
    JsonFields.write(out, "destination", value.destination());
    out.endObject();
  }
}
