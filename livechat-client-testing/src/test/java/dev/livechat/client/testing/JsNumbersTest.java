package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JavaScript's number reading and writing as the server's ajv applies them when it coerces (the
 * values checked against Node.js: {@code +text}, {@code "" + number}, {@code Object.keys}).
 */
class JsNumbersTest {

  @Test
  void readsNumbersAsJavaScriptsUnaryPlus() {
    assertThat(JsNumbers.parse(" 12 ")).isEqualTo(12);
    assertThat(JsNumbers.parse("\u00a012\n")).isEqualTo(12);
    assertThat(JsNumbers.parse("0x10")).isEqualTo(16);
    assertThat(JsNumbers.parse("0b11")).isEqualTo(3);
    assertThat(JsNumbers.parse("1e3")).isEqualTo(1000);
    assertThat(JsNumbers.parse(".5")).isEqualTo(0.5);
    assertThat(JsNumbers.parse("  ")).isEqualTo(0);
    assertThat(JsNumbers.parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(JsNumbers.parse("12d")).isNaN();
    assertThat(JsNumbers.parse("NaN")).isNaN();
    assertThat(JsNumbers.parse("-0x10")).isNaN();
    assertThat(JsNumbers.parse("1_000")).isNaN();
  }

  @Test
  void writesNumbersAsJavaScriptsToString() {
    assertThat(JsNumbers.toString(12)).isEqualTo("12");
    assertThat(JsNumbers.toString(-0.0)).isEqualTo("0");
    assertThat(JsNumbers.toString(0.1)).isEqualTo("0.1");
    assertThat(JsNumbers.toString(1e20)).isEqualTo("100000000000000000000");
    assertThat(JsNumbers.toString(1e21)).isEqualTo("1e+21");
    assertThat(JsNumbers.toString(1e-6)).isEqualTo("0.000001");
    assertThat(JsNumbers.toString(1.5e-7)).isEqualTo("1.5e-7");
    assertThat(JsNumbers.toString(-2.5e25)).isEqualTo("-2.5e+25");
    // The shortest digits that read back, where Java 17's Double.toString gives more (node's String(x)).
    assertThat(JsNumbers.toString(2.82879384806159E17)).isEqualTo("282879384806159000");
    assertThat(JsNumbers.toString(2e23)).isEqualTo("2e+23");
    assertThat(JsNumbers.toString(1e23)).isEqualTo("1e+23");
    assertThat(JsNumbers.toString(5e-324)).isEqualTo("5e-324");
    assertThat(JsNumbers.toString(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(JsNumbers.toString(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
  }

  @Test
  void ordersObjectKeysAsJavaScriptDoes() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("token", 1);
    object.put("10", 2);
    object.put("x", 3);
    object.put("2", 4);
    object.put("01", 5);

    assertThat(JsNumbers.keyOrder(object)).isEqualTo(List.of("2", "10", "token", "x", "01"));
  }
}
