package dev.livechat.client.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The part of Meteor's {@code check(value, pattern)} the visitor routes use ({@code String},
 * {@code Boolean}, {@code Match.Maybe}, {@code [pattern]}, plain and {@code Match.ObjectIncluding}
 * objects), with Meteor's messages: {@code "Match error: Missing key 'token' in field visitor"}.
 *
 * <p>As in Meteor ({@code meteor/meteor packages/check/match.js}, {@code testSubtree}), an
 * object's own keys are checked first, in their order (a wrong type or an unknown key), then the
 * first missing required key is reported. {@code Match.Maybe(p)} alone accepts {@code null}; as an
 * object's key it only makes the key optional, and a present value is tested against {@code p}
 * itself, so {@code {"rid": null}} against {@code {rid: Match.Maybe(String)}} fails with {@code
 * Expected string, got null in field rid}.
 */
final class MatchPattern {
  private static final Pattern IDENTIFIER = Pattern.compile("^[a-z_$][0-9a-z_$]*$", Pattern.CASE_INSENSITIVE);
  /** match.js's {@code _jsKeywords}: such a key is quoted in a path, as {@code ["new"]}. */
  private static final java.util.Set<String> JS_KEYWORDS = java.util.Set.of("do", "if", "in", "for", "let",
      "new", "try", "var", "case", "else", "enum", "eval", "false", "null", "this", "true", "void", "with",
      "break", "catch", "class", "const", "super", "throw", "while", "yield", "delete", "export", "import",
      "public", "return", "static", "switch", "typeof", "default", "extends", "finally", "package", "private",
      "continue", "debugger", "function", "arguments", "interface", "protected", "implements", "instanceof");

  private enum Kind { STRING, BOOLEAN, MAYBE, ARRAY, OBJECT }

  private final Kind kind;
  private final @Nullable MatchPattern inner;
  private final Map<String, MatchPattern> keys;
  private final boolean othersAllowed;

  private MatchPattern(Kind kind, @Nullable MatchPattern inner, Map<String, MatchPattern> keys, boolean othersAllowed) {
    this.kind = kind;
    this.inner = inner;
    this.keys = keys;
    this.othersAllowed = othersAllowed;
  }

  static final MatchPattern STRING = new MatchPattern(Kind.STRING, null, Map.of(), false);
  static final MatchPattern BOOLEAN = new MatchPattern(Kind.BOOLEAN, null, Map.of(), false);

  /** {@code Match.Maybe(pattern)}: null allowed; as an object key, optional. */
  static MatchPattern maybe(MatchPattern pattern) {
    return new MatchPattern(Kind.MAYBE, pattern, Map.of(), false);
  }

  /** {@code [pattern]}. */
  static MatchPattern arrayOf(MatchPattern pattern) {
    return new MatchPattern(Kind.ARRAY, pattern, Map.of(), false);
  }

  /** A plain object pattern: exactly these keys (optional ones wrapped in {@link #maybe}). */
  static MatchPattern object(Object... namesAndPatterns) {
    return new MatchPattern(Kind.OBJECT, null, keys(namesAndPatterns), false);
  }

  /** {@code Match.ObjectIncluding({...})}: these keys, others allowed. */
  static MatchPattern objectIncluding(Object... namesAndPatterns) {
    return new MatchPattern(Kind.OBJECT, null, keys(namesAndPatterns), true);
  }

  private static Map<String, MatchPattern> keys(Object... namesAndPatterns) {
    Map<String, MatchPattern> keys = new LinkedHashMap<>();
    for (int i = 0; i < namesAndPatterns.length; i += 2) {
      keys.put((String) namesAndPatterns[i], (MatchPattern) namesAndPatterns[i + 1]);
    }
    return keys;
  }

  /** The {@code Match error: ...} text for {@code value}, or null if it matches. */
  @Nullable String check(@Nullable Object value) {
    Failure failure = test(value);
    if (failure == null) {
      return null;
    }
    return "Match error: " + failure.message + (failure.path.isEmpty() ? "" : " in field " + failure.path);
  }

  private record Failure(String message, String path) {
    Failure within(Object key) {
      return new Failure(message, prependPath(key, path));
    }
  }

  private @Nullable Failure test(@Nullable Object value) {
    switch (kind) {
      case STRING:
        return value instanceof String ? null : new Failure("Expected string, got " + typeOf(value), "");
      case BOOLEAN:
        return value instanceof Boolean ? null : new Failure("Expected boolean, got " + typeOf(value), "");
      case MAYBE:
        return value == null ? null : inner.test(value);
      case ARRAY:
        if (!(value instanceof List<?> list)) {
          return new Failure("Expected array, got " + describe(value), "");
        }
        for (int i = 0; i < list.size(); i++) {
          Failure failure = inner.test(list.get(i));
          if (failure != null) {
            return failure.within(i);
          }
        }
        return null;
      case OBJECT:
      default:
        if (value == null) {
          return new Failure("Expected object, got null", "");
        }
        if (value instanceof List) {
          return new Failure("Expected plain object", "");
        }
        if (!(value instanceof Map<?, ?> map)) {
          return new Failure("Expected object, got " + typeOf(value), "");
        }
        Map<String, MatchPattern> missing = new LinkedHashMap<>();
        keys.forEach((key, pattern) -> {
          if (pattern.kind != Kind.MAYBE) {
            missing.put(key, pattern);
          }
        });
        for (Object name : JsNumbers.keyOrder(map)) { // JavaScript's order, as match.js's for...in
          String key = String.valueOf(name);
          MatchPattern pattern = keys.get(key);
          if (pattern == null) {
            if (!othersAllowed) {
              return new Failure("Unknown key", key);
            }
            continue;
          }
          missing.remove(key);
          // match.js: optionalPatterns[key] = subPattern.pattern, so a null is no longer allowed here
          Failure failure = (pattern.kind == Kind.MAYBE ? pattern.inner : pattern).test(map.get(name));
          if (failure != null) {
            return failure.within(key);
          }
        }
        if (!missing.isEmpty()) {
          return new Failure("Missing key '" + missing.keySet().iterator().next() + "'", "");
        }
        return null;
    }
  }

  /** JavaScript's {@code typeof}, with {@code null} named. */
  private static String typeOf(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return "object";
  }

  /** Meteor's {@code stringForErrorMessage}: the value as (E)JSON. */
  private static String describe(@Nullable Object value) {
    return value == null ? "null" : JsonValues.write(value, JsonValues.Dates.EJSON);
  }

  /** Meteor's {@code _prependPath}: {@code visitor.customFields[0]}. */
  private static String prependPath(Object key, String base) {
    String name;
    if (key instanceof Integer || String.valueOf(key).matches("^[0-9]+$")) {
      name = "[" + key + "]";
    } else if (!IDENTIFIER.matcher(String.valueOf(key)).matches() || JS_KEYWORDS.contains(String.valueOf(key))) {
      name = JsonValues.write(List.of(String.valueOf(key)), JsonValues.Dates.EJSON);
    } else {
      name = String.valueOf(key);
    }
    if (!base.isEmpty() && base.charAt(0) != '[') {
      return name + "." + base;
    }
    return name + base;
  }
}
