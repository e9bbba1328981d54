package dev.livechat.client.contract;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The mistakes of the official OpenAPI file ({@code ../shared/openapi/rocketchat-omnichannel.yaml},
 * Rocket.Chat-Open-API {@code omnichannel.yaml} at {@code c9aec5ab}) that the contract tests run
 * into, each with why the file is wrong and what it does to the check. This is the only place a
 * violation reported by Prism may be excused.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>A violation is accepted only if a mistake listed here {@linkplain #explains explains} it
 *       for the operation of that request; every other violation fails the test.
 *   <li>A test that runs into a listed mistake says so with {@link
 *       ContractTestBase#assertStillObserved}; when the file is fixed, that assertion fails and the
 *       entry must be removed here.
 *   <li>List only what Prism was seen to report (or serve), with the section of {@code
 *       ../shared/docs/livechat-api-reference.md} (beside the repository) that shows the file is
 *       wrong.
 * </ul>
 *
 * <p>When a test class for more endpoints runs into another mistake, add it here.
 */
public enum KnownSpecMistake {

  /**
   * POST livechat/offline.message: the file's request schema lists {@code department} and {@code
   * host} as required.
   */
  OFFLINE_MESSAGE_REQUIRES_DEPARTMENT_AND_HOST(
      "The request schema lists all five body fields as required; the server's schema requires"
          + " only name, email and message, department and host are optional.",
      "livechat-api-reference.md §2 (POST livechat/offline.message) and §1 row 19",
      "The violation 'Request body must have required property department/host' is accepted."
          + " Prism then answers 400 with the operation's 400 example instead of the 200 example,"
          + " so the SDK throws LivechatApiException and that answer cannot be checked; the 200"
          + " answer is checked with a second request that also sends department and host.",
      List.of(Operation.of("POST", "/api/v1/livechat/offline.message"))) {
    private final Pattern missing =
        Pattern.compile("Request body must have required property '(department|host)'");

    @Override
    boolean explainsViolation(Violation violation) {
      return violation.location().equals(List.of("request", "body"))
          && violation.code().equals("required")
          && missing.matcher(violation.message()).matches();
    }
  },

  /**
   * PUT and DELETE livechat/message/:_id, GET livechat/messages.history/:rid: the 200 examples name
   * the message timestamp {@code ls}.
   */
  EXAMPLES_SAY_LS_FOR_TS(
      "The 200 examples (and response schemas) of update, delete and history call the message"
          + " timestamp 'ls' (2018 examples); the server sends 'ts'. 'ls' is only the history query"
          + " parameter 'last seen'.",
      "livechat-api-reference.md §2 (PUT and DELETE livechat/message/:_id, GET"
          + " livechat/messages.history/:rid)",
      "Not a request violation: Prism does not validate its own answers, so it excuses no"
          + " sl-violations entry. Prism serves 'ls' and no 'ts'; the tests read the timestamp"
          + " from 'ls' (the SDK falls back to 'ls' when 'ts' is absent) and check that the example"
          + " still says 'ls'.",
      List.of(
          Operation.of("PUT", "/api/v1/livechat/message/{_id}"),
          Operation.of("DELETE", "/api/v1/livechat/message/{_id}"),
          Operation.of("GET", "/api/v1/livechat/messages.history/{rid}"))) {
    @Override
    boolean observedInAnswer(Exchange exchange) {
      List<?> messages = exchange.at("messages") instanceof List<?> list
          ? list
          : exchange.at("message") == null ? List.of() : List.of(exchange.at("message"));
      return !messages.isEmpty() && messages.stream().allMatch(
          m -> m instanceof Map<?, ?> map && map.containsKey("ls") && !map.containsKey("ts"));
    }
  },

  /**
   * POST livechat/visitor.status: the file lists the operation under the path {@code
   * /api/v1/livechat/visitors.status} (with an s), which the server does not have.
   */
  VISITOR_STATUS_PATH_IS_A_TYPO(
      "The file lists 'Set Visitor's Status' as POST /api/v1/livechat/visitors.status; the server"
          + " registers it as livechat/visitor.status (omnichannel/visitor.ts), so 'visitors.status'"
          + " is a typo. Request body {token, status} and answer {token, status} are right.",
      "livechat-api-reference.md §1 row 5 and §5 (POST /api/v1/livechat/visitor.status, 'doc path"
          + " says visitors.status')",
      "Not a request violation: Prism knows no visitor.status, so it answers 404 problem+json"
          + " NO_PATH_MATCHED_ERROR and validates nothing; the SDK throws LivechatApiException(404)."
          + " The test asserts exactly that, then sends the same SDK call through a client that moves"
          + " it to the file's visitors.status path, so the body is still checked against the"
          + " operation and the SDK still reads its 200 example.",
      List.of(Operation.of("POST", "/api/v1/livechat/visitor.status"))) {
    @Override
    boolean observedInAnswer(Exchange exchange) {
      return exchange.status() == 404
          && NO_PATH_MATCHED.equals(exchange.string("type"));
    }
  };

  /** The problem type of Prism's answer to a path that is not in the file. */
  static final String NO_PATH_MATCHED = "https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR";

  private final String whyWrong;
  private final String reference;
  private final String effectOnCheck;
  private final List<Operation> operations;

  KnownSpecMistake(String whyWrong, String reference, String effectOnCheck, List<Operation> operations) {
    this.whyWrong = whyWrong;
    this.reference = reference;
    this.effectOnCheck = effectOnCheck;
    this.operations = operations;
  }

  /** What is wrong in the file and what the server really does. */
  public String whyWrong() {
    return whyWrong;
  }

  /** Where the reference explains it. */
  public String reference() {
    return reference;
  }

  /** What this mistake does to the contract check. */
  public String effectOnCheck() {
    return effectOnCheck;
  }

  /** Whether this mistake accounts for {@code violation}, reported for {@code exchange}. */
  public boolean explains(Exchange exchange, Violation violation) {
    return concerns(exchange) && explainsViolation(violation);
  }

  /** Whether {@code exchange} shows this mistake: an explained violation or a telltale answer. */
  public boolean observedIn(Exchange exchange) {
    return concerns(exchange)
        && (exchange.violations().stream().anyMatch(this::explainsViolation)
            || observedInAnswer(exchange));
  }

  boolean concerns(Exchange exchange) {
    return operations.stream().anyMatch(op -> op.matches(exchange));
  }

  /** For mistakes in the file's request description: whether Prism's report is this mistake. */
  boolean explainsViolation(Violation violation) {
    return false;
  }

  /** For mistakes in the file's answers (which Prism serves but does not report): the telltale. */
  boolean observedInAnswer(Exchange exchange) {
    return false;
  }

  @Override
  public String toString() {
    return name() + " (" + reference + ")";
  }

  /** An operation of the file: method and path template, as {@code /api/v1/livechat/message/{_id}}. */
  record Operation(String method, Pattern path) {
    static Operation of(String method, String template) {
      StringBuilder regex = new StringBuilder();
      for (String part : template.split("(?=\\{)|(?<=\\})")) {
        regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
      }
      return new Operation(method, Pattern.compile(regex.toString()));
    }

    boolean matches(Exchange exchange) {
      return exchange.method().equals(method) && path.matcher(exchange.url().encodedPath()).matches();
    }
  }
}
