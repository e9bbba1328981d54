package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.DeletedMessage;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code {"_id", "ts"}}; {@code ls} is read when {@code ts} is absent, as in the API's own example. */
final class DeletedMessageAdapter extends JsonAdapter<DeletedMessage> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("_id", "ts", "ls");

  private final JsonAdapter<Instant> instants;

  DeletedMessageAdapter(JsonAdapter<Instant> instants) {
    this.instants = instants;
  }

  @Override
  public @Nullable DeletedMessage fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    Instant timestamp = null;
    Instant lastSeen = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> timestamp = instants.fromJson(in);
        case 2 -> lastSeen = instants.fromJson(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new DeletedMessage(JsonFields.required(id, "_id", in), timestamp != null ? timestamp : lastSeen);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable DeletedMessage value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "ts", instants, value.timestamp());
    out.endObject();
  }
}
