package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.SurveyResult;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code {"rid", "data": {"<question>": "<answer>"}}}. */
final class SurveyResultAdapter extends JsonAdapter<SurveyResult> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("rid", "data");

  @Override
  public @Nullable SurveyResult fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String roomId = null;
    Map<String, String> answers = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> roomId = JsonFields.string(in);
        case 1 -> answers = JsonFields.stringMap(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new SurveyResult(JsonFields.required(roomId, "rid", in), answers);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable SurveyResult value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "rid", value.roomId());
    JsonFields.writeMap(out, "data", value.answers());
    out.endObject();
  }
}
