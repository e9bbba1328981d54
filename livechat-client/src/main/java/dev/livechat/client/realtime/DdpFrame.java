package dev.livechat.client.realtime;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * A frame the server sends, one record per kind a visitor's session acts on (DDP version 1).
 * {@link #parse} reads one in a single pass; a {@code changed} frame keeps its {@code args} as the
 * JSON they were, for {@link StreamEvents} to read with the stream's own types.
 */
sealed interface DdpFrame {
  /** {@code {"msg":"connected","session":..}}: the handshake succeeded. */
  record Connected() implements DdpFrame {}

  /** {@code {"msg":"failed","version":..}}: the server speaks no version the client offered. */
  record Failed() implements DdpFrame {}

  /** {@code {"msg":"ping"[,"id"]}}: answered with a pong carrying the same id. */
  record Ping(@Nullable String id) implements DdpFrame {}

  /** {@code {"msg":"pong"}}. */
  record Pong() implements DdpFrame {}

  /** {@code {"msg":"ready","subs":[..]}}: these subscriptions were accepted. */
  record Ready(List<String> subs) implements DdpFrame {}

  /**
   * {@code {"msg":"nosub","id":..,"error":{"error":"not-allowed",..}}}: the subscription was
   * refused (or ended).
   *
   * @param error the error's code ({@code error}), or null when the server gave none
   * @param reason the error's text ({@code reason}, else {@code message}, else the code)
   */
  record NoSub(String id, @Nullable String error, @Nullable String reason) implements DdpFrame {}

  /**
   * {@code {"msg":"changed","collection":"stream-..","id":"id","fields":{"eventName":..,"args":[..]}}}:
   * a stream event.
   */
  record Changed(String collection, String eventName, ByteString args) implements DdpFrame {}

  /** Any other frame ({@code result}, {@code updated}, {@code added}, a frame without {@code msg}...). */
  record Other() implements DdpFrame {}

  JsonReader.Options FRAME = JsonReader.Options.of("msg", "id", "subs", "error", "collection", "fields");
  JsonReader.Options FIELDS = JsonReader.Options.of("eventName", "args");
  JsonReader.Options ERROR = JsonReader.Options.of("error", "reason", "message");

  /** Reads one frame; throws on text that is not a JSON object. */
  static DdpFrame parse(String text) throws IOException {
    JsonReader in = JsonReader.of(new Buffer().writeUtf8(text));
    String msg = null;
    String id = null;
    List<String> subs = List.of();
    String[] error = {null, null};
    String collection = null;
    String eventName = null;
    ByteString args = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(FRAME)) {
        case 0 -> msg = string(in);
        case 1 -> id = string(in);
        case 2 -> subs = strings(in);
        case 3 -> error = error(in);
        case 4 -> collection = string(in);
        case 5 -> {
          if (in.peek() != JsonReader.Token.BEGIN_OBJECT) {
            in.skipValue();
            break;
          }
          in.beginObject();
          while (in.hasNext()) {
            switch (in.selectName(FIELDS)) {
              case 0 -> eventName = string(in);
              case 1 -> {
                try (okio.BufferedSource raw = in.nextSource()) {
                  args = raw.readByteString();
                }
              }
              default -> {
                in.skipName();
                in.skipValue();
              }
            }
          }
          in.endObject();
        }
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    if (msg == null) {
      return new Other();
    }
    return switch (msg) {
      case "connected" -> new Connected();
      case "failed" -> new Failed();
      case "ping" -> new Ping(id);
      case "pong" -> new Pong();
      case "ready" -> new Ready(subs);
      case "nosub" -> id == null ? new Other() : new NoSub(id, error[0], error[1]);
      case "changed" -> collection == null || eventName == null || args == null
          ? new Other()
          : new Changed(collection, eventName, args);
      default -> new Other();
    };
  }

  private static @Nullable String string(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.STRING || in.peek() == JsonReader.Token.NUMBER) {
      return in.nextString();
    }
    in.skipValue();
    return null;
  }

  private static List<String> strings(JsonReader in) throws IOException {
    if (in.peek() != JsonReader.Token.BEGIN_ARRAY) {
      in.skipValue();
      return List.of();
    }
    List<String> values = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      String value = string(in);
      if (value != null) {
        values.add(value);
      }
    }
    in.endArray();
    return values;
  }

  /** The code and text of a Meteor error: {@code {"error":code,"reason":..,"message":..}}, or a bare string. */
  private static String[] error(JsonReader in) throws IOException {
    if (in.peek() != JsonReader.Token.BEGIN_OBJECT) {
      String text = string(in);
      return new String[] {text, text};
    }
    String code = null;
    String reason = null;
    String message = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(ERROR)) {
        case 0 -> code = string(in);
        case 1 -> reason = string(in);
        case 2 -> message = string(in);
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    return new String[] {code, reason != null ? reason : message != null ? message : code};
  }
}
