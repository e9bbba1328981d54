package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.OfflineMessageResult;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"message": "Livechat offline message sent"}}. */
final class OfflineMessageResultAdapter extends JsonAdapter<OfflineMessageResult> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("message");

  @Override
  public @Nullable OfflineMessageResult fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String message = null;
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(NAMES) == 0) {
        message = JsonFields.string(in);
      } else {
        JsonFields.skip(in);
      }
    }
    in.endObject();
    return new OfflineMessageResult(JsonFields.required(message, "message", in));
  }

  @Override
  public void toJson(JsonWriter out, @Nullable OfflineMessageResult value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "message", value.message());
    out.endObject();
  }
}
