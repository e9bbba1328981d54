package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.ClosedRoom;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"rid", "comment"}}. */
final class ClosedRoomAdapter extends JsonAdapter<ClosedRoom> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("rid", "comment");

  @Override
  public @Nullable ClosedRoom fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String roomId = null;
    String comment = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> roomId = JsonFields.string(in);
        case 1 -> comment = JsonFields.string(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new ClosedRoom(JsonFields.required(roomId, "rid", in), comment);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable ClosedRoom value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "rid", value.roomId());
    JsonFields.write(out, "comment", value.comment());
    out.endObject();
  }
}
