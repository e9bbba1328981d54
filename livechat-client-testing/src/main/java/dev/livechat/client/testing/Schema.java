package dev.livechat.client.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The part of ajv the server's parameter schemas use ({@code packages/rest-typings}, published as
 * {@code @rocket.chat/rest-typings} 8.8.1): types, {@code nullable}, {@code properties}, {@code
 * required}, {@code additionalProperties:false}, {@code items} and {@code minItems}, with ajv's
 * messages, keyword order (required, then additional properties, then each property in the
 * schema's order) and first-error-only reporting.
 *
 * <p>Coercion is ajv's ({@code dist/v1/Ajv.js}: {@code coerceTypes: true} for bodies, {@code
 * 'array'} for the GET queries; the code ajv 8.20 generates for each validator): a number or
 * boolean where a string is expected becomes its JavaScript text; a non-empty string that
 * JavaScript reads as a number ({@code " 12 "}, {@code "0x10"}, {@code "1e3"}) becomes that number,
 * a boolean 1 or 0, {@code null} 0; {@code "true"}/{@code 1} and {@code "false"}/{@code 0}/{@code
 * null} become booleans; {@code null} where a string is expected becomes {@code ""} and passes. A
 * {@code nullable} property keeps {@code null}, and {@code ""}, {@code 0} and {@code false} that fit
 * no other way become {@code null}. In a query a repeated name (a list) of one value counts as that
 * value; ajv 8.20 then keeps it only for a property that is not nullable. These are the published
 * validators' answers, checked value by value against them by the validators profile
 * ({@code ServerValidatorsIT}).
 */
final class Schema {
  private enum Type { STRING, NUMBER, BOOLEAN, OBJECT, ARRAY, ANY_OF }

  /** Which of the server's two ajv instances compiled the validator. */
  enum Coercion {
    /** {@code ajv}, {@code coerceTypes: true}: request bodies. */
    BODY,
    /** {@code ajvQuery}, {@code coerceTypes: 'array'}: the GET routes' queries. */
    QUERY
  }

  private final Type type;
  private final Map<String, Schema> properties = new LinkedHashMap<>();
  private final List<String> required = new ArrayList<>();
  private boolean additionalProperties;
  private boolean nullable;
  private @Nullable Schema items;
  private int minItems;
  private @Nullable List<String> allowed;
  private List<Schema> branches = List.of();

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

  /**
   * {@code anyOf}: the first branch the value passes (coerced as that branch coerces it); else each
   * branch's first error, then {@code must match a schema in anyOf}, as ajv reports it.
   */
  static Schema anyOf(Schema... branches) {
    Schema schema = new Schema(Type.ANY_OF);
    schema.branches = List.of(branches);
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

  /** {@code nullable: true}: {@code null} is a value of its own. */
  Schema nullable() {
    nullable = true;
    return this;
  }

  /** Allows properties not listed ({@code additionalProperties: true}). */
  Schema allowingOthers() {
    additionalProperties = true;
    return this;
  }

  /**
   * {@code enum} of strings: checked after the type (and its coercion), so that {@code null}, even
   * where {@code nullable}, and {@code ""} fail with {@code "must be equal to one of the allowed
   * values"}, as ajv's {@code isPOSTLivechatAgentStatusProps} answers.
   */
  Schema enumOf(String... values) {
    allowed = List.of(values);
    return this;
  }

  /** {@code minItems}. */
  Schema minItems(int min) {
    minItems = min;
    return this;
  }

  /** Why ajv refuses {@code value}: the first error's message; or the value, coerced. */
  record Outcome(@Nullable String error, @Nullable Object value) {}

  /** Validates {@code value}, coercing as the server's ajv instance {@code coercion} does. */
  Outcome validate(@Nullable Object value, Coercion coercion) {
    try {
      return new Outcome(null, check(value, coercion));
    } catch (Invalid invalid) {
      return new Outcome(invalid.getMessage(), null);
    }
  }

  private @Nullable Object check(@Nullable Object value, Coercion coercion) {
    if (allowed != null) {
      Object checked = checkType(value, coercion);
      if (checked == null || !allowed.contains(checked)) {
        throw new Invalid("must be equal to one of the allowed values");
      }
      return checked;
    }
    return checkType(value, coercion);
  }

  private @Nullable Object checkType(@Nullable Object value, Coercion coercion) {
    return switch (type) {
      case STRING -> checkString(value, coercion);
      case NUMBER -> checkNumber(value, coercion);
      case BOOLEAN -> checkBoolean(value, coercion);
      case ARRAY -> checkArray(value, coercion);
      case OBJECT -> checkObject(value, coercion);
      case ANY_OF -> checkAnyOf(value, coercion);
    };
  }

  /** A one-value list, in a query: ajv's {@code coerceTypes: 'array'} looks at that value. */
  private static @Nullable Object single(@Nullable Object value, Coercion coercion) {
    return coercion == Coercion.QUERY && value instanceof List<?> list && list.size() == 1 ? list.get(0) : value;
  }

  /** ajv's coercion to {@code null} of a nullable property: {@code ""}, {@code 0}, {@code false}. */
  private boolean becomesNull(@Nullable Object value) {
    return nullable && ("".equals(value) || Double.valueOf(0).equals(value) || Boolean.FALSE.equals(value));
  }

  private @Nullable Object checkString(@Nullable Object value, Coercion coercion) {
    if (value instanceof String || (nullable && value == null)) {
      return value;
    }
    Object single = single(value, coercion);
    if (single != value && !nullable && single instanceof String) {
      return single;
    }
    if (single instanceof Double d) {
      return JsNumbers.toString(d);
    }
    if (single instanceof Boolean) {
      return single.toString();
    }
    if (single == null) {
      return "";
    }
    if (becomesNull(single)) {
      return null;
    }
    throw new Invalid("must be string");
  }

  private @Nullable Object checkNumber(@Nullable Object value, Coercion coercion) {
    if (JsNumbers.isFinite(value) || (nullable && value == null)) {
      return value;
    }
    Object single = single(value, coercion);
    if (single != value && !nullable && JsNumbers.isFinite(single)) {
      return single;
    }
    if (single instanceof Boolean b) {
      return b ? 1d : 0d;
    }
    if (single == null) {
      return 0d;
    }
    if (single instanceof String s && !s.isEmpty() && !Double.isNaN(JsNumbers.parse(s))) {
      return JsNumbers.parse(s);
    }
    if (becomesNull(single)) {
      return null;
    }
    throw new Invalid("must be number");
  }

  private @Nullable Object checkBoolean(@Nullable Object value, Coercion coercion) {
    if (value instanceof Boolean || (nullable && value == null)) {
      return value;
    }
    Object single = single(value, coercion);
    if (single != value && !nullable && single instanceof Boolean) {
      return single;
    }
    if ("false".equals(single) || Double.valueOf(0).equals(single) || single == null) {
      return false;
    }
    if ("true".equals(single) || Double.valueOf(1).equals(single)) {
      return true;
    }
    if (becomesNull(single)) {
      return null; // "" where a nullable boolean is expected: ajv's coercion to null
    }
    throw new Invalid("must be boolean");
  }

  private @Nullable Object checkArray(@Nullable Object value, Coercion coercion) {
    if (nullable && (value == null || coercion == Coercion.BODY && becomesNull(value))) {
      return null;
    }
    if (coercion == Coercion.QUERY && value != null && !(value instanceof List<?>)) {
      value = List.of(value); // coerceTypes 'array': a single value where an array is expected becomes [value]
    }
    if (!(value instanceof List<?> list)) {
      throw new Invalid("must be array");
    }
    if (list.size() < minItems) {
      throw new Invalid("must NOT have fewer than " + minItems + " items");
    }
    List<Object> checked = new ArrayList<>();
    for (Object item : list) {
      checked.add(items.check(item, coercion));
    }
    return checked;
  }

  private @Nullable Object checkAnyOf(@Nullable Object value, Coercion coercion) {
    List<String> errors = new ArrayList<>();
    for (Schema branch : branches) {
      Outcome outcome = branch.validate(value, coercion);
      if (outcome.error() == null) {
        return outcome.value();
      }
      errors.add(outcome.error());
    }
    errors.add("must match a schema in anyOf");
    throw new Invalid(String.join("\n ", errors));
  }

  private @Nullable Object checkObject(@Nullable Object value, Coercion coercion) {
    if (nullable && (value == null || becomesNull(value))) {
      return null;
    }
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
        result.put(property.getKey(), property.getValue().check(map.get(property.getKey()), coercion));
      }
    }
    return result;
  }

  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }
}
