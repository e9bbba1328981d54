package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.SurveyAnswer;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code {"name", "value"}}. */
final class SurveyAnswerAdapter extends JsonAdapter<SurveyAnswer> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("name", "value");

  @Override
  public @Nullable SurveyAnswer fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String name = null;
    String value = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> name = JsonFields.string(in);
        case 1 -> value = JsonFields.string(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new SurveyAnswer(JsonFields.required(name, "name", in), JsonFields.required(value, "value", in));
  }

  @Override
  public void toJson(JsonWriter out, @Nullable SurveyAnswer value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "value", value.value());
    out.endObject();
  }
}
