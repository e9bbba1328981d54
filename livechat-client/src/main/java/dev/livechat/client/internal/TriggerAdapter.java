package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Trigger;
import dev.livechat.client.model.TriggerAction;
import dev.livechat.client.model.TriggerCondition;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"_id", "name", "description", "enabled", "runOnce", "conditions": [{"name", "value"}],
 * "actions": [{"name", "params": {...}}]}}; a condition's value (a number for {@code
 * time-on-site}) is kept as text. Today's server sends only the enabled triggers and leaves out
 * {@code enabled}; a trigger without the flag is enabled.
 */
final class TriggerAdapter extends JsonAdapter<Trigger> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "_id", "name", "description", "enabled", "runOnce", "conditions", "actions");
  private static final JsonReader.Options NAME_VALUE = JsonReader.Options.of("name", "value");
  private static final JsonReader.Options NAME_PARAMS = JsonReader.Options.of("name", "params");

  static final JsonAdapter<TriggerCondition> CONDITIONS = new JsonAdapter<TriggerCondition>() {
    @Override
    public @Nullable TriggerCondition fromJson(JsonReader in) throws IOException {
      String name = null;
      String value = null;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.selectName(NAME_VALUE)) {
          case 0 -> name = JsonFields.string(in);
          case 1 -> value = JsonFields.scalar(in);
          default -> JsonFields.skip(in);
        }
      }
      in.endObject();
      return new TriggerCondition(JsonFields.required(name, "name", in), value);
    }

    @Override
    public void toJson(JsonWriter out, @Nullable TriggerCondition value) throws IOException {
      out.beginObject();
      JsonFields.write(out, "name", value.name());
      JsonFields.write(out, "value", value.value());
      out.endObject();
    }
  };

  static final JsonAdapter<TriggerAction> ACTIONS = new JsonAdapter<TriggerAction>() {
    @Override
    public @Nullable TriggerAction fromJson(JsonReader in) throws IOException {
      String name = null;
      Map<String, String> params = null;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.selectName(NAME_PARAMS)) {
          case 0 -> name = JsonFields.string(in);
          case 1 -> params = JsonFields.stringMap(in);
          default -> JsonFields.skip(in);
        }
      }
      in.endObject();
      return new TriggerAction(JsonFields.required(name, "name", in), params);
    }

    @Override
    public void toJson(JsonWriter out, @Nullable TriggerAction value) throws IOException {
      out.beginObject();
      JsonFields.write(out, "name", value.name());
      JsonFields.writeMap(out, "params", value.params());
      out.endObject();
    }
  };

  @Override
  public @Nullable Trigger fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    String id = null;
    String name = null;
    String description = null;
    Boolean enabled = null;
    Boolean runOnce = null;
    List<TriggerCondition> conditions = null;
    List<TriggerAction> actions = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(NAMES)) {
        case 0 -> id = JsonFields.string(in);
        case 1 -> name = JsonFields.string(in);
        case 2 -> description = JsonFields.string(in);
        case 3 -> enabled = JsonFields.bool(in);
        case 4 -> runOnce = JsonFields.bool(in);
        case 5 -> conditions = JsonFields.list(in, CONDITIONS);
        case 6 -> actions = JsonFields.list(in, ACTIONS);
        default -> JsonFields.skip(in);
      }
    }
    in.endObject();
    // Today's server sends only enabled triggers, without the flag.
    return new Trigger(JsonFields.required(id, "_id", in), name, description, enabled == null || enabled,
        Boolean.TRUE.equals(runOnce), conditions, actions);
  }

  @Override
  public void toJson(JsonWriter out, @Nullable Trigger value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "_id", value.id());
    JsonFields.write(out, "name", value.name());
    JsonFields.write(out, "description", value.description());
    JsonFields.write(out, "enabled", value.enabled());
    JsonFields.write(out, "runOnce", value.runOnce());
    JsonFields.writeList(out, "conditions", CONDITIONS, value.conditions());
    JsonFields.writeList(out, "actions", ACTIONS, value.actions());
    out.endObject();
  }
}
