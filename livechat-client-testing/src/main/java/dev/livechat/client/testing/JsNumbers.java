package dev.livechat.client.testing;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * JavaScript's conversions between numbers and strings, where the server's ajv coerces one into
 * the other: {@code +text} (ECMAScript's StringToNumber) and {@code "" + number}
 * (Number.prototype.toString). Java's own ({@code Double.valueOf}, {@code Double.toString}) differ:
 * {@code "12d"}, {@code "NaN"} and {@code "0x10"}, and {@code 1e21} written {@code 1.0E21}.
 */
final class JsNumbers {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:Infinity|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");
  private static final Pattern NON_DECIMAL = Pattern.compile("0([xXoObB])([0-9a-zA-Z]+)");

  private JsNumbers() {}

  /** {@code +text}: the number, or NaN when JavaScript finds none ({@code +""} is 0). */
  static double parse(String text) {
    String trimmed = trim(text);
    if (trimmed.isEmpty()) {
      return 0;
    }
    if (DECIMAL.matcher(trimmed).matches()) {
      return trimmed.endsWith("Infinity")
          ? (trimmed.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
          : Double.parseDouble(trimmed);
    }
    Matcher prefixed = NON_DECIMAL.matcher(trimmed);
    if (prefixed.matches()) {
      int radix = switch (Character.toLowerCase(prefixed.group(1).charAt(0))) {
        case 'x' -> 16;
        case 'o' -> 8;
        default -> 2;
      };
      try {
        return new java.math.BigInteger(prefixed.group(2), radix).doubleValue();
      } catch (NumberFormatException notDigits) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** {@code "" + number}: {@code 12}, {@code 0.1}, {@code 1e+21}, {@code 1.5e-7}. */
  static String toString(double number) {
    if (Double.isNaN(number)) {
      return "NaN";
    }
    if (Double.isInfinite(number)) {
      return number > 0 ? "Infinity" : "-Infinity";
    }
    if (number == 0) {
      return "0";
    }
    BigDecimal exact = shortest(number);
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - exact.scale() - 1; // number = d.ddd x 10^exponent
    String sign = number < 0 ? "-" : "";
    if (exponent >= 21 || exponent < -6) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
    }
    return sign + exact.abs().toPlainString();
  }

  /**
   * The fewest significant digits that read back as {@code number}, the closest such decimal where
   * several have as few (Number::toString's choice of {@code n, k, s}). Java 17's {@code
   * Double.toString} is not always that short: {@code 2.82879384806159008E17}, {@code
   * 1.9999999999999998E23} for {@code 2e+23}.
   */
  private static BigDecimal shortest(double number) {
    BigDecimal exact = new BigDecimal(number);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal candidate = exact.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == number) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** ECMAScript's white space and line terminators, which {@code +text} ignores at both ends. */
  private static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isJsSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isJsSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isJsSpace(char c) {
    return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0xA0
        || c == 0x2028 || c == 0x2029 || c == 0xFEFF || Character.getType(c) == Character.SPACE_SEPARATOR;
  }

  /**
   * The names of a JSON object in JavaScript's order ({@code for...in}, {@code Object.keys}): names
   * that are array indices ({@code "0"}, {@code "17"}) first, in ascending order, then the others as
   * they came. Meteor's {@code check()} reports the first wrong key in this order.
   */
  static java.util.List<Object> keyOrder(java.util.Map<?, ?> object) {
    java.util.List<Object> indices = new java.util.ArrayList<>();
    java.util.List<Object> others = new java.util.ArrayList<>();
    for (Object key : object.keySet()) {
      (isArrayIndex(String.valueOf(key)) ? indices : others).add(key);
    }
    indices.sort(java.util.Comparator.comparingLong(key -> Long.parseLong(String.valueOf(key))));
    indices.addAll(others);
    return indices;
  }

  private static boolean isArrayIndex(String name) {
    return name.matches("0|[1-9][0-9]{0,9}") && Long.parseLong(name) < 4_294_967_295L;
  }

  /** True if {@code value} is a finite JSON number (ajv's {@code typeof x == "number" && isFinite(x)}). */
  static boolean isFinite(@Nullable Object value) {
    return value instanceof Double d && Double.isFinite(d);
  }
}
