package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.CustomFieldDefinition;
import dev.livechat.client.model.Department;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.LivechatSettings;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.Theme;
import dev.livechat.client.model.Trigger;
import dev.livechat.client.model.Visitor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The object under {@code config}; {@code survey: {items, values}} is flattened. */
final class LivechatConfigAdapter extends JsonAdapter<LivechatConfig> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "enabled", "online", "settings", "theme", "messages", "survey", "departments", "triggers",
      "guest", "room", "agent", "customFields");
  private static final JsonReader.Options SURVEY = JsonReader.Options.of("items", "values");

  private final JsonAdapter<String> strings;
  private final JsonAdapter<LivechatSettings> settingsAdapter;
  private final JsonAdapter<Theme> themes;
  private final JsonAdapter<Department> departmentAdapter;
  private final JsonAdapter<Trigger> triggerAdapter;
  private final JsonAdapter<Visitor> visitors;
  private final JsonAdapter<Room> rooms;
  private final JsonAdapter<Agent> agents;
  private final JsonAdapter<CustomFieldDefinition> customFieldAdapter;

  LivechatConfigAdapter(
      JsonAdapter<String> strings,
      JsonAdapter<LivechatSettings> settings,
      JsonAdapter<Theme> themes,
      JsonAdapter<Department> departments,
      JsonAdapter<Trigger> triggers,
      JsonAdapter<Visitor> visitors,
      JsonAdapter<Room> rooms,
      JsonAdapter<Agent> agents,
      JsonAdapter<CustomFieldDefinition> customFields) {
    this.strings = strings;
    this.settingsAdapter = settings;
    this.themes = themes;
    this.departmentAdapter = departments;
    this.triggerAdapter = triggers;
    this.visitors = visitors;
    this.rooms = rooms;
    this.agents = agents;
    this.customFieldAdapter = customFields;
  }

  @Override
  public @Nullable LivechatConfig fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    Boolean enabled = null;
    Boolean online = null;
    LivechatSettings settings = null;
    Theme theme = null;
    Map<String, String> messages = null;
    List<String> surveyItems = null;
    List<String> surveyValues = null;
    List<Department> departments = null;
    List<Trigger> triggers = null;
    Visitor guest = null;
    Room room = null;
    Agent agent = null;
    List<CustomFieldDefinition> customFields = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> enabled = JsonFields.bool(in);
        case 1 -> online = JsonFields.bool(in);
        case 2 -> settings = settingsAdapter.fromJson(in);
        case 3 -> theme = themes.fromJson(in);
        case 4 -> messages = JsonFields.stringMap(in);
        case 5 -> {
          in.beginObject();
          while (in.hasNext()) {
            switch (in.selectName(SURVEY)) {
              case 0 -> surveyItems = JsonFields.list(in, strings);
              case 1 -> surveyValues = JsonFields.list(in, strings);
              default -> JsonFields.skip(in);
            }
          }
          in.endObject();
        }
        case 6 -> departments = JsonFields.list(in, departmentAdapter);
        case 7 -> triggers = JsonFields.list(in, triggerAdapter);
        case 8 -> guest = visitors.fromJson(in);
        case 9 -> room = rooms.fromJson(in);
        case 10 -> agent = agents.fromJson(in);
        case 11 -> customFields = JsonFields.list(in, customFieldAdapter);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    return new LivechatConfig(Boolean.TRUE.equals(enabled), Boolean.TRUE.equals(online), settings, theme,
        messages, surveyItems, surveyValues, departments, triggers, guest, room, agent, customFields);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable LivechatConfig value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "enabled", value.enabled());
    JsonFields.write(out, "online", value.online());
    JsonFields.write(out, "settings", settingsAdapter, value.settings());
    JsonFields.write(out, "theme", themes, value.theme());
    JsonFields.writeMap(out, "messages", value.messages());
    out.name("survey").beginObject();
    JsonFields.writeList(out, "items", strings, value.surveyItems());
    JsonFields.writeList(out, "values", strings, value.surveyValues());
    out.endObject();
    JsonFields.writeList(out, "departments", departmentAdapter, value.departments());
    JsonFields.writeList(out, "triggers", triggerAdapter, value.triggers());
    JsonFields.write(out, "guest", visitors, value.guest());
    JsonFields.write(out, "room", rooms, value.room());
    JsonFields.write(out, "agent", agents, value.agent());
    if (!value.customFields().isEmpty()) {
      JsonFields.writeList(out, "customFields", customFieldAdapter, value.customFields());
    }
    out.endObject();
  }
}
