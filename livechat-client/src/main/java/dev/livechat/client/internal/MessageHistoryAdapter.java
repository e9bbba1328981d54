package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"messages": [...]}}. The 0.70 server also sent {@code unreadNotLoaded} and
 * {@code firstUnread}; today's does not, and both are skipped.
 */
final class MessageHistoryAdapter extends JsonAdapter<MessageHistory> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("messages");

  private final JsonAdapter<Message> messages;

  MessageHistoryAdapter(JsonAdapter<Message> messages) {
    this.messages = messages;
  }

  @Override
  public @Nullable MessageHistory fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    List<Message> list = null;
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(NAMES) == 0) {
        list = JsonFields.list(in, messages);
      } else {
        JsonFields.skip(in);
      }
    }
    in.endObject();
    return new MessageHistory(JsonFields.required(list, "messages", in));
  }

  @Override
  public void toJson(JsonWriter out, @Nullable MessageHistory value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.writeList(out, "messages", messages, value.messages());
    out.endObject();
  }
}
