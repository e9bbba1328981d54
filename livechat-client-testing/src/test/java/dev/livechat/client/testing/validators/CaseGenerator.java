package dev.livechat.client.testing.validators;

import dev.livechat.client.testing.validators.RouteShape.Field;
import dev.livechat.client.testing.validators.RouteShape.Kind;
import dev.livechat.client.testing.validators.RouteShape.Where;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Seeded requests for one route: valid ones (every field, the required ones only, random subsets),
 * then each required field missing, each field replaced by each value of a pool (nulls, empty and
 * blank strings, numbers, numbers as strings, booleans, objects, arrays, very long strings), unknown
 * fields at each level, and random combinations of two or three such changes until the count asked
 * for is reached. The same seed gives the same cases.
 */
final class CaseGenerator {
  /** One generated request: what changed, the query (a string or a list per name), the body, the headers. */
  record RequestCase(String change, Map<String, Object> query, @Nullable Object body, Map<String, String> headers) {}

  private static final String LONG = "x".repeat(20_000) + "\u00e9\u4e2d\ud83d\ude00";
  /** Values of any JSON type put where a field is expected (bodies). */
  private static final List<Object> BODY_VALUES = Arrays.asList(null, "", " ", "\t\n", LONG, "0", "1", "12", " 12 ",
      "0x10", "1e3", "NaN", "Infinity", "12d", "-0x10", "0b11", "true", "false", "null", 0L, 1L, 2L, -1L, 1.5, 1e21,
      1.5e-7, true, false, Map.of(), Map.of("a", 1L), List.of(), List.of("x"), List.of(1L), Arrays.asList((Object) null),
      List.of("a", "b"), "Olá, 世界 ✓");
  /** Values put where a query parameter is expected: strings, or lists for a repeated name. */
  private static final List<Object> QUERY_VALUES = List.of("", " ", "\t", LONG.substring(0, 3000), "0", "1", "12",
      " 12 ", "-3", "0x10", "1e3", "1.5", "NaN", "Infinity", "12d", "-0x10", "0b11", "true", "false", "null",
      "Olá, 世界 ✓", List.of("a", "b"), List.of("", ""), List.of("12", "13"), List.of("x", "", "y"));
  private static final List<String> EXTRA_NAMES = List.of("x", "ts", "new", "token2", "Token", "extra field", "0");

  private final RouteShape shape;
  private final Random random;
  private final Map<String, String> validHeaders;

  /**
   * @param shape the route
   * @param seed the run's seed
   * @param routeKey a name of the route that is the same in every run (with the seed, it picks the cases)
   * @param validHeaders the headers of a valid upload
   */
  CaseGenerator(RouteShape shape, long seed, String routeKey, Map<String, String> validHeaders) {
    this.shape = shape;
    this.random = new Random(seed ^ routeKey.hashCode());
    this.validHeaders = validHeaders;
  }

  /** At least {@code count} cases (more when the systematic ones alone are more). */
  List<RequestCase> cases(int count) {
    List<RequestCase> cases = new ArrayList<>();
    cases.add(make("valid, every field", full(shape.fields(), true)));
    cases.add(make("valid, required fields only", full(shape.fields(), false)));
    for (int i = 0; i < 10; i++) {
      cases.add(make("valid, random optional fields", randomValid(shape.fields())));
    }
    for (List<String> path : paths(shape.fields(), List.of())) {
      Field field = fieldAt(path);
      if (field.required()) {
        cases.add(make("missing " + name(path), change(path, Change.REMOVE)));
      }
      for (Object value : pool()) {
        cases.add(make(name(path) + " = " + shortly(value), change(path, value)));
      }
    }
    for (List<String> objectPath : objectPaths(shape.fields(), List.of())) {
      for (String extra : EXTRA_NAMES) {
        List<String> path = new ArrayList<>(objectPath);
        path.add(extra);
        cases.add(make("extra " + name(path), change(path, "extra-value")));
      }
    }
    List<List<String>> paths = paths(shape.fields(), List.of());
    while (cases.size() < count) {
      Map<String, Object> params = full(shape.fields(), random.nextBoolean());
      StringBuilder change = new StringBuilder("random:");
      int changes = 1 + random.nextInt(3);
      for (int i = 0; i < changes; i++) {
        if (paths.isEmpty() || random.nextInt(5) == 0) {
          String extra = EXTRA_NAMES.get(random.nextInt(EXTRA_NAMES.size()));
          params.put(extra, pool().get(random.nextInt(pool().size())));
          change.append(" extra ").append(extra);
          continue;
        }
        List<String> path = paths.get(random.nextInt(paths.size()));
        Object value = random.nextInt(6) == 0 ? Change.REMOVE : pool().get(random.nextInt(pool().size()));
        params = apply(params, path, value);
        change.append(' ').append(name(path)).append(value == Change.REMOVE ? " missing" : " = " + shortly(value));
      }
      cases.add(make(change.toString(), params));
    }
    return cases;
  }

  private enum Change { REMOVE }

  private List<Object> pool() {
    return shape.where() == Where.QUERY ? QUERY_VALUES : BODY_VALUES;
  }

  private RequestCase make(String change, Map<String, Object> params) {
    return switch (shape.where()) {
      case QUERY -> new RequestCase(change, params, null, Map.of());
      case BODY -> new RequestCase(change, Map.of(), params, Map.of());
      // Nothing is validated: the parameters ride along in the query, as a client might send them.
      case PATH -> new RequestCase(change, stringsOnly(params), null, Map.of());
      case UPLOAD -> {
        // The header is the one thing checked: present (valid), missing, or empty.
        Map<String, String> headers = switch (random.nextInt(3)) {
          case 0 -> Map.of();
          case 1 -> Map.of("x-visitor-token", "");
          default -> validHeaders;
        };
        yield new RequestCase(change + (headers.isEmpty() ? ", no token header" : ""), stringsOnly(params), null, headers);
      }
    };
  }

  private static Map<String, Object> stringsOnly(Map<String, Object> params) {
    Map<String, Object> strings = new LinkedHashMap<>();
    params.forEach((name, value) -> strings.put(name, value instanceof String s ? s : String.valueOf(value)));
    return strings;
  }

  private Map<String, Object> change(List<String> path, Object value) {
    return apply(full(shape.fields(), true), path, value);
  }

  /**
   * {@code params} with the value at {@code path} set to {@code value}, or removed; the objects and
   * lists on the way are copied (pool values are immutable). Through an array, its first item.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> apply(Map<String, Object> params, List<String> path, Object value) {
    Map<String, Object> node = params;
    for (int i = 0; i < path.size() - 1; i++) {
      String key = path.get(i);
      Object next = node.get(key);
      if (next instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
        List<Object> items = new ArrayList<>(list);
        Map<String, Object> item = new LinkedHashMap<>((Map<String, Object>) first);
        items.set(0, item);
        node.put(key, items);
        node = item;
      } else if (next instanceof Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        node.put(key, copy);
        node = copy;
      } else {
        return params; // an earlier change replaced the parent: nothing left to change
      }
    }
    if (value == Change.REMOVE) {
      node.remove(path.get(path.size() - 1));
    } else {
      node.put(path.get(path.size() - 1), value);
    }
    return params;
  }

  /** A valid value for every field (optional ones too when {@code optional}), in declaration order. */
  private Map<String, Object> full(List<Field> fields, boolean optional) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Field field : fields) {
      if (field.required() || optional) {
        params.put(field.name(), valid(field, optional));
      }
    }
    return params;
  }

  private Map<String, Object> randomValid(List<Field> fields) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Field field : fields) {
      if (field.required() || random.nextBoolean()) {
        params.put(field.name(), valid(field, random.nextBoolean()));
      }
    }
    return params;
  }

  private Object valid(Field field, boolean optional) {
    boolean query = shape.where() == Where.QUERY;
    return switch (field.kind()) {
      case STRING -> field.name().equals("token") ? VisitorRouteShapes.TOKEN : "value-" + random.nextInt(1000);
      case NUMBER -> query ? String.valueOf(1 + random.nextInt(50)) : (Object) (long) (1 + random.nextInt(50));
      case BOOLEAN -> random.nextBoolean();
      case OBJECT -> full(field.children(), optional);
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          items.add(valid(field.item(), optional));
        }
        yield items;
      }
    };
  }

  /** The path of every field, objects' and arrays' insides included (an array's first item). */
  private static List<List<String>> paths(List<Field> fields, List<String> base) {
    List<List<String>> paths = new ArrayList<>();
    for (Field field : fields) {
      List<String> path = new ArrayList<>(base);
      path.add(field.name());
      paths.add(path);
      if (field.kind() == Kind.OBJECT) {
        paths.addAll(paths(field.children(), path));
      } else if (field.kind() == Kind.ARRAY && field.item().kind() == Kind.OBJECT) {
        paths.addAll(paths(field.item().children(), path));
      }
    }
    return paths;
  }

  /** The top level and every nested object, as paths. */
  private static List<List<String>> objectPaths(List<Field> fields, List<String> base) {
    List<List<String>> paths = new ArrayList<>();
    paths.add(base);
    for (Field field : fields) {
      List<String> path = new ArrayList<>(base);
      path.add(field.name());
      if (field.kind() == Kind.OBJECT) {
        paths.addAll(objectPaths(field.children(), path));
      } else if (field.kind() == Kind.ARRAY && field.item().kind() == Kind.OBJECT) {
        paths.addAll(objectPaths(field.item().children(), path));
      }
    }
    return paths;
  }

  private Field fieldAt(List<String> path) {
    List<Field> fields = shape.fields();
    Field field = null;
    for (String name : path) {
      field = fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
      fields = field.kind() == Kind.ARRAY ? field.item().children() : field.children();
    }
    return field;
  }

  private static String name(List<String> path) {
    return path.isEmpty() ? "(top)" : String.join(".", path);
  }

  private static String shortly(@Nullable Object value) {
    String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    return text.length() > 24 ? text.substring(0, 20) + "…(" + text.length() + ")" : text;
  }
}
