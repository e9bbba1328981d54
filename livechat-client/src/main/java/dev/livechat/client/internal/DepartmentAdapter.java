package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Department;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code {"_id", "name", "showOnRegistration", "showOnOfflineForm", "departmentsAllowedToForward"}}. */
final class DepartmentAdapter extends JsonAdapter<Department> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "_id", "name", "showOnRegistration", "showOnOfflineForm", "departmentsAllowedToForward");

  private final JsonAdapter<String> strings;

  DepartmentAdapter(JsonAdapter<String> strings) {
    this.strings = strings;
  }

  @Override
  public @Nullable Department fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String name = null;
    Boolean showOnRegistration = null;
    Boolean showOnOfflineForm = null;
    List<String> forwardTo = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> name = JsonFields.string(in);
        case 2 -> showOnRegistration = JsonFields.bool(in);
        case 3 -> showOnOfflineForm = JsonFields.bool(in);
        case 4 -> forwardTo = JsonFields.list(in, strings);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new Department(JsonFields.required(id, "_id", in), name, Boolean.TRUE.equals(showOnRegistration),
        Boolean.TRUE.equals(showOnOfflineForm), forwardTo);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Department value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "showOnRegistration", value.showOnRegistration());
    JsonFields.write(out, "showOnOfflineForm", value.showOnOfflineForm());
    JsonFields.writeList(out, "departmentsAllowedToForward", strings, value.departmentsAllowedToForward());
    out.endObject();
  }
}
