package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Fixture files under {@code src/test/resources/fixtures/} and the few assertions every endpoint
 * test makes on them. Shared by the tests and, through the test jar, by the examples' replay server.
 */
public final class Fixtures {
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);

  private Fixtures() {}

  /** The text of {@code fixtures/<path>}, byte for byte. */
  public static String read(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 200 answer with the fixture as its JSON body. */
  public static MockResponse ok(String path) {
    return answer(200, path);
  }

  /** An answer with {@code status} and the fixture as its JSON body. */
  public static MockResponse answer(int status, String path) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(read(path))
        .build();
  }

  /** The recorded request's body as UTF-8, or "" when it had none. */
  static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  /** Asserts that two JSON texts hold the same value, whatever their layout and key order. */
  static void assertSameJson(String actual, String expected) {
    try {
      assertThat(ANY.fromJson(actual)).isEqualTo(ANY.fromJson(expected));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
