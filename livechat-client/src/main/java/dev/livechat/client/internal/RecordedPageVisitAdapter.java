package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.RecordedPageVisit;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code page} of a page.visited answer: {@code {"msg", "navigation": {"page": {"change",
 * "title", "location": {"href"}}, "token"}}}, the {@code msg} and {@code navigation} of the system
 * message RC apps/meteor/app/livechat/server/lib/tracking.ts {@code savePageHistory} stores. The
 * visitor {@code token} (beside or inside {@code navigation.page}) is skipped, and never written.
 */
final class RecordedPageVisitAdapter extends JsonAdapter<RecordedPageVisit> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("msg", "navigation");
  private static final JsonReader.Options NAVIGATION = JsonReader.Options.of("page");
  private static final JsonReader.Options PAGE = JsonReader.Options.of("change", "title", "location");
  private static final JsonAdapter<String> LOCATION = JsonFields.singleField("href");

  @Override
  public @Nullable RecordedPageVisit fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String text = null;
    String[] page = new String[3];
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> text = JsonFields.string(in);
        case 1 -> readNavigation(in, page);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new RecordedPageVisit(JsonFields.required(text, "msg", in), page[2], page[1], page[0]);
  }

  /** Reads {@code navigation.page} into {@code page}: change, title, href. */
  private static void readNavigation(JsonReader in, String[] page) throws IOException {
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(NAVIGATION) != 0) {
        JsonFields.skip(in);
        continue;
      }
      in.beginObject();
      while (in.hasNext()) {
        switch (in.selectName(PAGE)) {
          case 0 -> page[0] = JsonFields.string(in);
          case 1 -> page[1] = JsonFields.string(in);
          case 2 -> page[2] = LOCATION.fromJson(in);
          default -> JsonFields.skip(in);
        }
      }
      in.endObject();
    }
    in.endObject();
  }

  @Override
  public void toJson(JsonWriter out, @Nullable RecordedPageVisit value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "msg", value.text());
    out.name("navigation").beginObject().name("page").beginObject();
    JsonFields.write(out, "change", value.change());
    JsonFields.write(out, "title", value.title());
    JsonFields.write(out, "location", LOCATION, value.href());
    out.endObject().endObject();
    out.endObject();
  }
}
