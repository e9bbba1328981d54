package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Visitor;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stored visitor: {@code phone[].phoneNumber}, {@code visitorEmails[].address} and {@code
 * livechatData} are flattened into lists and a map of strings.
 */
final class VisitorAdapter extends JsonAdapter<Visitor> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "_id", "token", "username", "name", "status", "department", "phone", "visitorEmails",
      "livechatData", "ts", "_updatedAt");
  private static final JsonAdapter<String> PHONE = JsonFields.singleField("phoneNumber");
  private static final JsonAdapter<String> EMAIL = JsonFields.singleField("address");

  private final JsonAdapter<Instant> instants;

  VisitorAdapter(JsonAdapter<Instant> instants) {
    this.instants = instants;
  }

  @Override
  public @Nullable Visitor fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String token = null;
    String username = null;
    String name = null;
    String status = null;
    String department = null;
    List<String> phones = null;
    List<String> emails = null;
    Map<String, String> customFields = null;
    Instant timestamp = null;
    Instant updatedAt = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> token = JsonFields.string(in);
        case 2 -> username = JsonFields.string(in);
        case 3 -> name = JsonFields.string(in);
        case 4 -> status = JsonFields.string(in);
        case 5 -> department = JsonFields.string(in);
        case 6 -> phones = phones(in);
        case 7 -> emails = JsonFields.list(in, EMAIL);
        case 8 -> customFields = JsonFields.stringMap(in);
        case 9 -> timestamp = instants.fromJson(in);
        case 10 -> updatedAt = instants.fromJson(in);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new Visitor(JsonFields.required(id, "_id", in), token, username, name, status, department,
        phones, emails, customFields, timestamp, updatedAt);
  }

  /**
   * A stored visitor has {@code phone: [{"phoneNumber": ...}]}; the copy inside a room ({@code
   * v}) may have {@code phone: "..."}.
   */
  private static @Nullable List<String> phones(JsonReader in) throws IOException {
    return in.peek() == JsonReader.Token.STRING ? List.of(in.nextString()) : JsonFields.list(in, PHONE);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Visitor value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "token", value.token());
    JsonFields.write(out, "username", value.username());
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "status", value.status());
    JsonFields.write(out, "department", value.department());
    JsonFields.writeList(out, "phone", PHONE, value.phones());
    JsonFields.writeList(out, "visitorEmails", EMAIL, value.emails());
    JsonFields.writeMap(out, "livechatData", value.customFields());
    JsonFields.write(out, "ts", instants, value.timestamp());
    JsonFields.write(out, "_updatedAt", instants, value.updatedAt());
    out.endObject();
  }
}
