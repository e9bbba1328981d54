package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.ServedBy;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code {"_id", "username", "ts"}}. */
final class ServedByAdapter extends JsonAdapter<ServedBy> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("_id", "username", "ts");

  private final JsonAdapter<Instant> instants;

  ServedByAdapter(JsonAdapter<Instant> instants) {
    this.instants = instants;
  }

  @Override
  public @Nullable ServedBy fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String username = null;
    Instant since = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> username = JsonFields.string(in);
        case 2 -> since = instants.fromJson(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new ServedBy(JsonFields.required(id, "_id", in), username, since);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable ServedBy value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "username", value.username());
    JsonFields.write(out, "ts", instants, value.since());
    out.endObject();
  }
}
