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
    Page page = Page.NONE;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> text = JsonFields.string(in);
        case 1 -> page = readNavigation(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new RecordedPageVisit(JsonFields.required(text, "msg", in), page.href, page.title, page.change);
  }

  /** What {@code navigation.page} says. */
  private record Page(@Nullable String change, @Nullable String title, @Nullable String href) {
    static final Page NONE = new Page(null, null, null);
  }

  /** Reads {@code navigation}, keeping its {@code page}. */
  private static Page readNavigation(JsonReader in) throws IOException {
    Page page = Page.NONE;
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(NAVIGATION) == 0) {
        page = readPage(in);
      } else {
        JsonFields.skip(in);
      }
    }
    in.endObject();
    return page;
  }

  private static Page readPage(JsonReader in) throws IOException {
    String change = null;
    String title = null;
    String href = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(PAGE)) {
        case 0 -> change = JsonFields.string(in);
        case 1 -> title = JsonFields.string(in);
        case 2 -> href = LOCATION.fromJson(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new Page(change, title, href);
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
