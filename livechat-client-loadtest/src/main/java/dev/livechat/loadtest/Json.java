package dev.livechat.loadtest;

import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Writes maps, lists, strings, numbers, booleans and null as JSON, indented by two spaces. */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.append('\n').toString();
  }

  /** As {@link #write}, on one line (for embedding). */
  static String compact(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, null);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        out.append("null");
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d);
      } else {
        out.append(String.format(Locale.ROOT, "%s", d));
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      block(out, map.entrySet().iterator(), indent, '{', '}', true);
    } else if (value instanceof Collection<?> list) {
      block(out, list.iterator(), indent, '[', ']', false);
    } else {
      string(out, value.toString());
    }
  }

  private static void block(StringBuilder out, Iterator<?> items, String indent, char open, char close,
      boolean object) {
    out.append(open);
    if (!items.hasNext()) {
      out.append(close);
      return;
    }
    String inner = indent == null ? null : indent + "  ";
    boolean first = true;
    while (items.hasNext()) {
      Object item = items.next();
      if (!first) {
        out.append(',');
      }
      first = false;
      if (inner != null) {
        out.append('\n').append(inner);
      }
      if (object) {
        Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
        string(out, String.valueOf(e.getKey()));
        out.append(inner == null ? ":" : ": ");
        write(out, e.getValue(), inner);
      } else {
        write(out, item, inner);
      }
    }
    if (indent != null) {
      out.append('\n').append(indent);
    }
    out.append(close);
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<' -> out.append("\\u003c"); // safe inside an HTML <script>
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
