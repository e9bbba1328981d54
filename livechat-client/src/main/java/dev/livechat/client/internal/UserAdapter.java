package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.User;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"_id", "username", "name"}}. */
final class UserAdapter extends JsonAdapter<User> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("_id", "username", "name");

  @Override
  public @Nullable User fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String username = null;
    String name = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> username = JsonFields.string(in);
        case 2 -> name = JsonFields.string(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new User(JsonFields.required(id, "_id", in), username, name);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable User value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "username", value.username());
    JsonFields.write(out, "name", value.name());
    out.endObject();
  }
}
