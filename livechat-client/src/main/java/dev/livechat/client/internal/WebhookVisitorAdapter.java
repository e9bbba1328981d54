package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.webhook.WebhookVisitor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A webhook's {@code visitor}. {@code email} and {@code phone} are the stored visitor's {@code
 * [{"address"}]} and {@code [{"phoneNumber"}]} in real deliveries, plain strings in the settings'
 * test ping; both read into lists of strings. Other fields are kept as read.
 */
final class WebhookVisitorAdapter extends JsonAdapter<WebhookVisitor> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "_id", "token", "name", "username", "department", "ip", "os", "browser", "email", "phone",
      "customFields");
  private static final JsonAdapter<String> ADDRESS = JsonFields.singleField("address");
  private static final JsonAdapter<String> PHONE_NUMBER = JsonFields.singleField("phoneNumber");

  @Override
  public @Nullable WebhookVisitor fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String token = null;
    String name = null;
    String username = null;
    String department = null;
    String ip = null;
    String os = null;
    String browser = null;
    List<String> emails = null;
    List<String> phones = null;
    Map<String, String> customFields = null;
    Map<String, @Nullable Object> other = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> token = JsonFields.string(in);
        case 2 -> name = JsonFields.string(in);
        case 3 -> username = JsonFields.string(in);
        case 4 -> department = JsonFields.string(in);
        case 5 -> ip = JsonFields.string(in);
        case 6 -> os = JsonFields.string(in);
        case 7 -> browser = JsonFields.string(in);
        case 8 -> emails = stringsOrObjects(in, ADDRESS);
        case 9 -> phones = stringsOrObjects(in, PHONE_NUMBER);
        case 10 -> customFields = JsonFields.stringMap(in);
        default -> JsonFields.keep(in, other);
      }
    }
    in.endObject();
    return new WebhookVisitor(JsonFields.required(id, "_id", in), token, name, username, department,
        ip, os, browser, emails, phones, customFields, other);
  }

  /** A string, or an array of strings or of objects read by {@code element}, or null. */
  static @Nullable List<String> stringsOrObjects(JsonReader in, JsonAdapter<String> element)
      throws IOException {
    switch (in.peek()) {
      case NULL:
        return in.nextNull();
      case STRING:
        return List.of(in.nextString());
      case BEGIN_ARRAY:
        List<String> values = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
          values.add(in.peek() == JsonReader.Token.STRING
              ? in.nextString()
              : JsonFields.required(element.fromJson(in), "element", in));
        }
        in.endArray();
        return values;
      default:
        throw new JsonDataException(
            "Expected a string or an array but was " + in.peek() + " at path " + in.getPath());
    }
  }

  @Override
  public void toJson(JsonWriter out, @Nullable WebhookVisitor value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "token", value.token());
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "username", value.username());
    JsonFields.write(out, "department", value.department());
    JsonFields.write(out, "ip", value.ip());
    JsonFields.write(out, "os", value.os());
    JsonFields.write(out, "browser", value.browser());
    if (!value.customFields().isEmpty()) {
      JsonFields.writeMap(out, "customFields", value.customFields());
    }
    if (!value.emails().isEmpty()) {
      JsonFields.writeList(out, "email", ADDRESS, value.emails());
    }
    if (!value.phones().isEmpty()) {
      JsonFields.writeList(out, "phone", PHONE_NUMBER, value.phones());
    }
    JsonFields.writeOther(out, value.otherFields());
    out.endObject();
  }
}
