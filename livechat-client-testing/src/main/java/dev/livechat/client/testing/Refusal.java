package dev.livechat.client.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal, thrown by a route and written as the answer: each factory is one of the shapes the
 * server's {@code API.v1} produces (reference §3), with the key order the server writes.
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final transient Map<String, Object> body;

  private Refusal(int status, Map<String, Object> body) {
    super(String.valueOf(body.get("error")), null, false, false);
    this.status = status;
    this.body = body;
  }

  /** {@code throw new Error(text)} or {@code API.v1.failure(text)}: {@code {"success":false,"error":text}}. */
  static Refusal error(String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", text);
    return new Refusal(400, body);
  }

  /** {@code throw new Meteor.Error(code)}: {@code {"success":false,"error":"[code]","errorType":code}}. */
  static Refusal meteor(String code) {
    return meteorError(code, "[" + code + "]");
  }

  /** {@code throw new Meteor.Error(code, reason)}: {@code "error":"reason [code]"}. */
  static Refusal meteor(String code, String reason) {
    return meteorError(code, reason + " [" + code + "]");
  }

  private static Refusal meteorError(String code, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", text);
    body.put("errorType", code);
    return new Refusal(400, body);
  }

  /** A route's {@code validateParams} (legacy ajv) refused the parameters. */
  static Refusal legacyParams(String ajvMessage) {
    return meteor("invalid-params", ajvMessage);
  }

  /** A typed route's {@code body:}/{@code query:} schema refused the parameters. */
  static Refusal typedParams(String ajvMessage) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("errorType", "invalid-params");
    body.put("error", ajvMessage);
    return new Refusal(400, body);
  }

  /** Meteor's {@code check()} refused the parameters: {@code "Match error: ..."}, no errorType. */
  static Refusal match(String matchMessage) {
    return error(matchMessage);
  }

  /** {@code API.v1.failure()} with nothing: {@code {"success":false}}. */
  static Refusal bare() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    return new Refusal(400, body);
  }

  /** {@code API.v1.failure({reason})}: {@code {"reason":reason,"success":false}}. */
  static Refusal reason(String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("success", false);
    return new Refusal(400, body);
  }

  /** {@code API.v1.forbidden()}: 403 {@code {"success":false,"error":"unauthorized"}}. */
  static Refusal forbidden() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", "unauthorized");
    return new Refusal(403, body);
  }

  /** Any other status with {@code {"success":false,"error":text}}: 404, 429, 503. */
  static Refusal status(int status, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", text);
    return new Refusal(status, body);
  }

  // ---- the agent API's refusals (AgentRoutes) ----

  /**
   * {@code throw new Meteor.Error(code, reason, details)} answered by {@code API.v1.failure(e.message,
   * e.error, stack, e)} ({@code apps/meteor/app/api/server/ApiClass.ts}): {@code
   * {"success":false,"error":"reason [code]","errorType":code,"details":{...}}}.
   */
  static Refusal meteor(String code, String reason, Map<String, Object> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", reason + " [" + code + "]");
    body.put("errorType", code);
    body.put("details", details);
    return new Refusal(400, body);
  }

  /** Any status with the body as given, in its order. */
  static Refusal body(int status, Map<String, Object> body) {
    return new Refusal(status, new LinkedHashMap<>(body));
  }
}
