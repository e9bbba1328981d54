package dev.livechat.client.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The part of ajv the server's parameter schemas use ({@code packages/rest-typings}): types,
 * {@code properties}, {@code required}, {@code additionalProperties:false}, {@code items} and
 * {@code minItems}, with ajv's messages, keyword order and first-error-only reporting.
 *
 * <p>Like the server's ajv ({@code coerceTypes: true}), a number or boolean where a string is
 * expected becomes a string, and a numeric string where a number is expected becomes a number (query
 * strings are all strings). Unlike it, {@code null} is refused everywhere ({@code "must be string"})
 * instead of being coerced to {@code ""}: a client that sends nulls has a bug worth seeing.
 */
final class Schema {
  private enum Type { STRING, NUMBER, BOOLEAN, OBJECT, ARRAY }

  private final Type type;
  private final Map<String, Schema> properties = new LinkedHashMap<>();
  private final List<String> required = new ArrayList<>();
  private boolean additionalProperties;
  private @Nullable Schema items;
  private int minItems;

  private Schema(Type type) {
    this.type = type;
  }

  static Schema string() {
    return new Schema(Type.STRING);
  }

  static Schema number() {
    return new Schema(Type.NUMBER);
  }

  static Schema bool() {
    return new Schema(Type.BOOLEAN);
  }

  /** An object with no properties yet and {@code additionalProperties: false}. */
  static Schema object() {
    return new Schema(Type.OBJECT);
  }

  /** An array of {@code items}. */
  static Schema array(Schema items) {
    Schema schema = new Schema(Type.ARRAY);
    schema.items = items;
    return schema;
  }

  /** Adds a required property. */
  Schema required(String name, Schema schema) {
    properties.put(name, schema);
    required.add(name);
    return this;
  }

  /** Adds an optional property. */
  Schema optional(String name, Schema schema) {
    properties.put(name, schema);
    return this;
  }

  /** Allows properties not listed ({@code additionalProperties: true}). */
  Schema allowingOthers() {
    additionalProperties = true;
    return this;
  }

  /** {@code minItems}. */
  Schema minItems(int min) {
    minItems = min;
    return this;
  }

  /** Why ajv refuses {@code value}: the first error's message; or the value, coerced. */
  record Outcome(@Nullable String error, @Nullable Object value) {}

  /** Validates {@code value}, coercing as the server's ajv does. */
  Outcome validate(@Nullable Object value) {
    try {
      return new Outcome(null, check(value));
    } catch (Invalid invalid) {
      return new Outcome(invalid.getMessage(), null);
    }
  }

  private Object check(@Nullable Object value) {
    switch (type) {
      case STRING:
        if (value instanceof String) {
          return value;
        }
        if (value instanceof Double d) {
          return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        if (value instanceof Boolean) {
          return value.toString();
        }
        throw new Invalid("must be string");
      case NUMBER:
        if (value instanceof Double) {
          return value;
        }
        if (value instanceof String s && !s.isBlank()) {
          try {
            return Double.valueOf(s.trim());
          } catch (NumberFormatException notANumber) {
            throw new Invalid("must be number");
          }
        }
        if (value instanceof Boolean b) {
          return b ? 1d : 0d;
        }
        throw new Invalid("must be number");
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        if ("true".equals(value) || Double.valueOf(1).equals(value)) {
          return true;
        }
        if ("false".equals(value) || Double.valueOf(0).equals(value)) {
          return false;
        }
        throw new Invalid("must be boolean");
      case ARRAY:
        if (!(value instanceof List<?> list)) {
          throw new Invalid("must be array");
        }
        if (list.size() < minItems) {
          throw new Invalid("must NOT have fewer than " + minItems + " items");
        }
        List<Object> checked = new ArrayList<>();
        for (Object item : list) {
          checked.add(items.check(item));
        }
        return checked;
      case OBJECT:
      default:
        if (!(value instanceof Map<?, ?> map)) {
          throw new Invalid("must be object");
        }
        for (String name : required) {
          if (!map.containsKey(name)) {
            throw new Invalid("must have required property '" + name + "'");
          }
        }
        if (!additionalProperties) {
          for (Object key : map.keySet()) {
            if (!properties.containsKey(String.valueOf(key))) {
              throw new Invalid("must NOT have additional properties");
            }
          }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          result.put(String.valueOf(entry.getKey()), entry.getValue());
        }
        for (Map.Entry<String, Schema> property : properties.entrySet()) {
          if (map.containsKey(property.getKey())) {
            result.put(property.getKey(), property.getValue().check(map.get(property.getKey())));
          }
        }
        return result;
    }
  }

  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }
}
