package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Timestamps: ISO-8601 strings (REST), EJSON {@code {"$date": millis}} (WebSocket) and bare epoch
 * milliseconds (a pre-0.70 server); written as ISO-8601.
 */
final class InstantAdapter extends JsonAdapter<Instant> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("$date");

  @Override
  public @Nullable Instant fromJson(JsonReader in) throws IOException {
    switch (in.peek()) {
      case NULL:
        return in.nextNull();
      case STRING:
        String text = in.nextString();
        try {
          return Instant.parse(text);
        } catch (DateTimeException e) {
          throw new JsonDataException("Expected an ISO-8601 instant at " + in.getPath(), e);
        }
      case NUMBER:
        return Instant.ofEpochMilli(in.nextLong());
      case BEGIN_OBJECT:
        Long millis = null;
        in.beginObject();
        while (in.hasNext()) {
          if (in.selectName(NAMES) == 0) {
            millis = in.nextLong();
          } else {
            ValueAdapters.skip(in);
          }
        }
        in.endObject();
        return Instant.ofEpochMilli(ValueAdapters.required(millis, "$date", in));
      default:
        throw new JsonDataException("Expected a timestamp but was " + in.peek() + " at " + in.getPath());
    }
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Instant value) throws IOException {
    if (value == null) {
      out.nullValue();
    } else {
      out.value(value.toString());
    }
  }
}
