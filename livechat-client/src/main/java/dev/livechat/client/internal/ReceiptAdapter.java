package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"_id", "ts"}}: the receipt the server gives for a deleted message or visitor. The API's
 * own example for deleting a message says {@code ls} instead of {@code ts} (a documentation slip),
 * so {@code ls} is read when {@code ts} is absent.
 */
final class ReceiptAdapter<T> extends JsonAdapter<T> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("_id", "ts", "ls");

  private final JsonAdapter<Instant> instants;
  private final BiFunction<String, @Nullable Instant, T> create;
  private final Function<T, String> id;
  private final Function<T, @Nullable Instant> timestamp;

  ReceiptAdapter(
      JsonAdapter<Instant> instants,
      BiFunction<String, @Nullable Instant, T> create,
      Function<T, String> id,
      Function<T, @Nullable Instant> timestamp) {
    this.instants = instants;
    this.create = create;
    this.id = id;
    this.timestamp = timestamp;
  }

  @Override
  public @Nullable T fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String receiptId = null;
    Instant ts = null;
    Instant lastSeen = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> receiptId = JsonFields.string(in);
        case 1 -> ts = instants.fromJson(in);
        case 2 -> lastSeen = instants.fromJson(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return create.apply(JsonFields.required(receiptId, "_id", in), ts != null ? ts : lastSeen);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable T value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", id.apply(value));
    JsonFields.write(out, "ts", instants, timestamp.apply(value));
    out.endObject();
  }
}
