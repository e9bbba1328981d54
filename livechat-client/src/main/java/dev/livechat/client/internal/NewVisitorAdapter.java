package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.NewVisitor;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"token", "name"?, "email"?, "department"?, "phone"?, "username"?, "customFields"?}}: the
 * inside of the {@code visitor} object that {@code POST livechat/visitor} takes.
 */
final class NewVisitorAdapter extends JsonAdapter<NewVisitor> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "token", "name", "email", "department", "phone", "username", "customFields");

  private final JsonAdapter<CustomField> fields;

  NewVisitorAdapter(JsonAdapter<CustomField> fields) {
    this.fields = fields;
  }

  @Override
  public @Nullable NewVisitor fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String token = null;
    String name = null;
    String email = null;
    String department = null;
    String phone = null;
    String username = null;
    List<CustomField> customFields = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> token = JsonFields.string(in);
        case 1 -> name = JsonFields.string(in);
        case 2 -> email = JsonFields.string(in);
        case 3 -> department = JsonFields.string(in);
        case 4 -> phone = JsonFields.string(in);
        case 5 -> username = JsonFields.string(in);
        case 6 -> customFields = JsonFields.list(in, fields);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new NewVisitor(
        JsonFields.required(token, "token", in), name, email, department, phone, username, customFields);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable NewVisitor value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "token", value.token());
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "email", value.email());
    JsonFields.write(out, "department", value.department());
    JsonFields.write(out, "phone", value.phone());
    JsonFields.write(out, "username", value.username());
    if (!value.customFields().isEmpty()) {
      JsonFields.writeList(out, "customFields", fields, value.customFields());
    }
    out.endObject();
  }
}
