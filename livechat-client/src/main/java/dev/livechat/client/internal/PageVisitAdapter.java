package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.PageVisit;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** {@code pageInfo}: {@code {"change", "title", "location": {"href"}}}. */
final class PageVisitAdapter extends JsonAdapter<PageVisit> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("change", "title", "location");
  private static final JsonAdapter<String> LOCATION = JsonFields.singleField("href");

  @Override
  public @Nullable PageVisit fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String change = null;
    String title = null;
    String href = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> change = JsonFields.string(in);
        case 1 -> title = JsonFields.string(in);
        case 2 -> href = LOCATION.fromJson(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new PageVisit(JsonFields.required(href, "location.href", in), title == null ? "" : title,
        JsonFields.required(change, "change", in));
  }

  @Override
  public void toJson(JsonWriter out, @Nullable PageVisit value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "change", value.change());
    JsonFields.write(out, "title", value.title());
    JsonFields.write(out, "location", LOCATION, value.href());
    out.endObject();
  }
}
