package dev.livechat.client.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * What the route areas ({@link VisitorRoutes}, {@link RoomRoutes}, {@link MessageRoutes}, {@link
 * FormRoutes}, {@link UploadRoutes}) share: the routed call, the server's three styles of
 * validation, and the lookups its handlers repeat ({@code findGuest}, {@code findRoom}). Each area
 * adds its routes to the {@link RestRouter}; its handlers run holding the store's lock.
 */
abstract class Routes {
  /** A JSON route's handler: the success payload ({@code "success":true} is added), or a {@link Refusal} thrown. */
  interface Handler {
    Map<String, Object> handle(Call call);
  }

  /** A route answering other than JSON (a file). */
  interface RawHandler {
    RestRouter.Reply handle(Call call);
  }

  /** One request, routed: its path parameters, query (a string, or a list for a repeated name) and JSON body. */
  record Call(RecordedRequest request, Map<String, String> path, Map<String, Object> query, @Nullable Object body) {
    String param(String name) {
      return path.get(name);
    }

    /** The body as the server's {@code bodyParams}: the JSON object, or {@code {}}. */
    Map<String, Object> bodyParams() {
      Map<String, Object> params = new LinkedHashMap<>();
      if (body instanceof Map<?, ?> map) {
        map.forEach((key, value) -> params.put(String.valueOf(key), value));
      }
      return params;
    }

    /** A request header, or null. */
    @Nullable String header(String name) {
      return request.getHeaders().get(name);
    }
  }

  static final List<String> SURVEY_ITEMS =
      List.of("satisfaction", "agentKnowledge", "agentResposiveness", "agentFriendliness");
  static final List<String> SURVEY_VALUES = List.of("1", "2", "3", "4", "5");

  final Store store;

  Routes(Store store) {
    this.store = store;
  }

  /** Adds this area's routes. */
  abstract void addTo(RestRouter router);

  /** The settings in force (read holding the store's lock). */
  ServerSettings settings() {
    return store.settings;
  }

  // ---- validation, in the server's three styles ----

  /**
   * A route's {@code validateParams} (legacy), as {@code APIClass.addRoute} applies it
   * ({@code apps/meteor/app/api/server/ApiClass.ts}): a GET's query, any other method's body (the
   * other is not looked at), by the validator compiled with {@code ajvQuery} or {@code ajv}
   * respectively; refused as {@code Meteor.Error('invalid-params', message)}, i.e. {@code "<message>
   * [invalid-params]"}.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> legacy(Call call, Schema schema) {
    boolean get = "GET".equals(call.request().getMethod());
    Schema.Outcome outcome = get
        ? schema.validate(call.query(), Schema.Coercion.QUERY)
        : schema.validate(call.bodyParams(), Schema.Coercion.BODY);
    if (outcome.error() != null) {
      throw Refusal.legacyParams(outcome.error());
    }
    return (Map<String, Object>) outcome.value();
  }

  /**
   * A typed route's {@code body:} schema ({@code API.v1.post(path, {body})}; the router's {@code
   * method} in {@code packages/http-router}), refused as {@code
   * {"errorType":"invalid-params","error":...}}.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> typedBody(Call call, Schema schema) {
    Schema.Outcome outcome = schema.validate(call.body() instanceof Map ? call.body() : call.bodyParams(),
        Schema.Coercion.BODY);
    if (outcome.error() != null) {
      throw Refusal.typedParams(outcome.error());
    }
    return (Map<String, Object>) outcome.value();
  }

  /** Meteor's {@code check(value, pattern)}, refused as {@code {"error":"Match error: ..."}}. */
  static void check(Object value, MatchPattern pattern) {
    String error = pattern.check(value);
    if (error != null) {
      throw Refusal.match(error);
    }
  }

  static @Nullable String string(Map<String, Object> params, String name) {
    return params.get(name) instanceof String s ? s : null;
  }

  static Map<String, Object> payload(Object... namesAndValues) {
    return JsonValues.object(namesAndValues);
  }

  /** JavaScript's truthiness of a (coerced) parameter: not absent, {@code ""}, {@code 0}, NaN or {@code false}. */
  static boolean truthy(@Nullable Object value) {
    return value != null && !"".equals(value) && !Boolean.FALSE.equals(value)
        && !(value instanceof Double d && (d == 0 || d.isNaN()));
  }

  /**
   * JavaScript's {@code parseInt(`${value}`, 10)} of a query value the validator coerced to a
   * number (or left a string), else {@code fallback} when it is absent, empty or not a number.
   */
  static int parseInt(@Nullable Object raw, int fallback) {
    String text = raw instanceof Double d ? JsNumbers.toString(d) : raw instanceof String s ? s : null;
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    Matcher digits = Pattern.compile("^\\s*([+-]?\\d+)").matcher(text);
    if (!digits.find()) {
      return fallback;
    }
    try {
      return Integer.parseInt(digits.group(1));
    } catch (NumberFormatException tooLong) {
      return digits.group(1).startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
  }

  /** JavaScript's {@code new Date(text)} for the ISO forms a client sends; null if it is not one. */
  static @Nullable Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notOffset) {
        return null;
      }
    }
  }

  // ---- the lookups the server's handlers share (server/api/v1/omnichannel/lib/livechat.ts) ----

  /** {@code findGuest(token)}, refused as the plain {@code invalid-token}. */
  StoredVisitor guest(String token) {
    StoredVisitor visitor = store.visitor(token);
    if (visitor == null) {
      throw Refusal.error("invalid-token");
    }
    return visitor;
  }

  /** {@code findRoom(token, rid)}: the visitor's room {@code rid}, open or not; refused as {@code invalid-room}. */
  StoredRoom roomOf(String token, String rid) {
    StoredRoom room = store.room(rid);
    if (room == null || !room.openedWith(token)) {
      throw Refusal.error("invalid-room");
    }
    return room;
  }
}
