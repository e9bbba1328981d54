package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.RoomSource;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.Visitor;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A Livechat room ({@code IOmnichannelRoom}); of its many fields, those a widget needs. */
final class RoomAdapter extends JsonAdapter<Room> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "_id", "open", "fname", "v", "servedBy", "departmentId", "msgs", "ts", "_updatedAt", "lm",
      "lastMessage", "closedAt", "waitingResponse", "source");

  private final JsonAdapter<Visitor> visitors;
  private final JsonAdapter<ServedBy> agents;
  private final JsonAdapter<Message> messages;
  private final JsonAdapter<Instant> instants;
  private final JsonAdapter<RoomSource> sources;

  RoomAdapter(
      JsonAdapter<Visitor> visitors,
      JsonAdapter<ServedBy> agents,
      JsonAdapter<Message> messages,
      JsonAdapter<Instant> instants,
      JsonAdapter<RoomSource> sources) {
    this.visitors = visitors;
    this.agents = agents;
    this.messages = messages;
    this.instants = instants;
    this.sources = sources;
  }

  @Override
  public @Nullable Room fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    Boolean open = null;
    String name = null;
    Visitor visitor = null;
    ServedBy servedBy = null;
    String departmentId = null;
    Integer messageCount = null;
    Instant timestamp = null;
    Instant updatedAt = null;
    Instant lastMessageAt = null;
    Message lastMessage = null;
    Instant closedAt = null;
    Boolean waitingResponse = null;
    RoomSource source = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> open = JsonFields.bool(in);
        case 2 -> name = JsonFields.string(in);
        case 3 -> visitor = visitors.fromJson(in);
        case 4 -> servedBy = agents.fromJson(in);
        case 5 -> departmentId = JsonFields.string(in);
        case 6 -> messageCount = JsonFields.integer(in);
        case 7 -> timestamp = instants.fromJson(in);
        case 8 -> updatedAt = instants.fromJson(in);
        case 9 -> lastMessageAt = instants.fromJson(in);
        case 10 -> lastMessage = messages.fromJson(in);
        case 11 -> closedAt = instants.fromJson(in);
        case 12 -> waitingResponse = JsonFields.bool(in);
        case 13 -> source = sources.fromJson(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new Room(JsonFields.required(id, "_id", in), open != null && open, name, visitor, servedBy,
        departmentId, messageCount, timestamp, updatedAt, lastMessageAt, lastMessage, closedAt,
        waitingResponse, source);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Room value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "open", value.open());
    JsonFields.write(out, "fname", value.name());
    JsonFields.write(out, "v", visitors, value.visitor());
    JsonFields.write(out, "servedBy", agents, value.servedBy());
    JsonFields.write(out, "departmentId", value.departmentId());
    if (value.messageCount() != null) {
      out.name("msgs").value(value.messageCount());
    }
    JsonFields.write(out, "ts", instants, value.timestamp());
    JsonFields.write(out, "_updatedAt", instants, value.updatedAt());
    JsonFields.write(out, "lm", instants, value.lastMessageAt());
    JsonFields.write(out, "lastMessage", messages, value.lastMessage());
    JsonFields.write(out, "closedAt", instants, value.closedAt());
    JsonFields.write(out, "waitingResponse", value.waitingResponse());
    JsonFields.write(out, "source", sources, value.source());
    out.endObject();
  }
}
