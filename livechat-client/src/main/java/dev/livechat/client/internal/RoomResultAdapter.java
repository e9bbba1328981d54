package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.RoomResult;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"room": {...}, "newRoom": bool}}. A 0.7x server answered with the room itself at the
 * top level; that shape is read too (as not new, since it did not say).
 */
final class RoomResultAdapter extends JsonAdapter<RoomResult> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("room", "newRoom", "_id");

  private final JsonAdapter<Room> rooms;

  RoomResultAdapter(JsonAdapter<Room> rooms) {
    this.rooms = rooms;
  }

  @Override
  public @Nullable RoomResult fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    JsonReader legacy = in.peekJson();
    Room room = null;
    Boolean newRoom = null;
    boolean topLevelRoom = false;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> room = rooms.fromJson(in);
        case 1 -> newRoom = JsonFields.bool(in);
        case 2 -> {
          topLevelRoom = true;
          in.skipValue();
        }
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    if (room == null && topLevelRoom) {
      room = rooms.fromJson(legacy);
    }
    return new RoomResult(JsonFields.required(room, "room", in), newRoom != null && newRoom);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable RoomResult value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "room", rooms, value.room());
    JsonFields.write(out, "newRoom", value.newRoom());
    out.endObject();
  }
}
