package dev.livechat.client.realtime;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.List;
import okio.Buffer;

/** The DDP frames a visitor sends (reference §4), written as compact JSON. */
final class Ddp {
  private Ddp() {}

  static String connect() {
    return "{\"msg\":\"connect\",\"version\":\"1\",\"support\":[\"1\",\"pre2\",\"pre1\"]}";
  }

  static String pong(@org.jspecify.annotations.Nullable String id) {
    return write(out -> {
      out.beginObject().name("msg").value("pong");
      if (id != null) {
        out.name("id").value(id);
      }
      out.endObject();
    });
  }

  static String ping() {
    return "{\"msg\":\"ping\"}";
  }

  /**
   * {@code {"msg":"sub","id":..,"name":..,"params":[eventName,{"useCollection":false,"args":[{"token":..,"visitorToken":..}]}]}}
   */
  static String sub(String id, String stream, String eventName, String token) {
    return write(out -> {
      out.beginObject().name("msg").value("sub").name("id").value(id).name("name").value(stream);
      out.name("params").beginArray().value(eventName);
      out.beginObject().name("useCollection").value(false).name("args").beginArray();
      out.beginObject().name("token").value(token).name("visitorToken").value(token).endObject();
      out.endArray().endObject();
      out.endArray().endObject();
    });
  }

  /** {@code {"msg":"unsub","id":..}}. */
  static String unsub(String id) {
    return write(out -> out.beginObject().name("msg").value("unsub").name("id").value(id).endObject());
  }

  /**
   * The typing signal: {@code {"msg":"method","method":"stream-notify-room","params":["<rid>/user-activity",
   * "<username>",["user-typing"] or [],{"token":..}],"id":..}}.
   */
  static String typing(String id, String rid, String username, boolean typing, String token) {
    return write(out -> {
      out.beginObject().name("msg").value("method").name("method").value("stream-notify-room");
      out.name("params").beginArray().value(rid + "/user-activity").value(username);
      out.beginArray();
      for (String activity : typing ? List.of("user-typing") : List.<String>of()) {
        out.value(activity);
      }
      out.endArray();
      out.beginObject().name("token").value(token).endObject();
      out.endArray();
      out.name("id").value(id).endObject();
    });
  }

  private interface Writing {
    void write(JsonWriter out) throws IOException;
  }

  private static String write(Writing writing) {
    Buffer buffer = new Buffer();
    try (JsonWriter out = JsonWriter.of(buffer)) {
      writing.write(out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer cannot fail", e);
    }
    return buffer.readUtf8();
  }
}
