package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.livechat.client.model.AgentRef;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.SurveyAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad argument to every endpoint is refused before any request: null with a {@link
 * NullPointerException}; blank ({@code ""} or {@code "  "}), an empty list, {@code "."}/{@code ".."}
 * as a path value or otherwise unusable with an {@link IllegalArgumentException}; each naming the
 * argument, and the server never asked.
 */
class BadInputTest extends ClientTestBase {
  static final String NPE_NULL = " must not be null";
  static final String IAE_BLANK = " must not be blank";
  private static final List<SurveyAnswer> ANSWERS = List.of(new SurveyAnswer("satisfaction", "5"));
  private static final List<CustomField> FIELDS = List.of(CustomField.of("address", "Avenue 1"));

  @BeforeEach
  void answerAnythingThatSlipsThrough() {
    // Should a bad input slip through, the call gets an answer at once instead of waiting for one.
    server.enqueue(Fixtures.ok("messages/send.json"));
  }

  /** A call that should be refused; it gets the test's client. */
  @FunctionalInterface
  interface Call {
    void call(LivechatClient client) throws Throwable;
  }

  static Arguments refused(String name, Call call, Class<? extends Throwable> type, String message) {
    return arguments(named(name, call), type, message);
  }

  /** For a string argument: null, "" and "  ", each refused naming {@code argument}. */
  static List<Arguments> nullAndBlank(String what, String argument, StringCall call) {
    List<Arguments> cases = new ArrayList<>();
    cases.add(refused(what + " with null " + argument, c -> call.call(c, null),
        NullPointerException.class, argument + NPE_NULL));
    cases.add(refused(what + " with empty " + argument, c -> call.call(c, ""),
        IllegalArgumentException.class, argument + IAE_BLANK));
    cases.add(refused(what + " with whitespace " + argument, c -> call.call(c, "  "),
        IllegalArgumentException.class, argument + IAE_BLANK));
    return cases;
  }

  /** A call with one string argument left open. */
  @FunctionalInterface
  interface StringCall {
    void call(LivechatClient client, String value) throws Throwable;
  }

  /** For a path value: "." and "..", which a URL would resolve instead of sending. */
  static List<Arguments> dotSegments(String what, String argument, StringCall call) {
    return List.of(
        refused(what + " with " + argument + " '.'", c -> call.call(c, "."),
            IllegalArgumentException.class, argument + " must not be '.'"),
        refused(what + " with " + argument + " '..'", c -> call.call(c, ".."),
            IllegalArgumentException.class, argument + " must not be '..'"));
  }

  /** For an optional string argument, where null means "not given": "" and "  " only. */
  static List<Arguments> blank(String what, String argument, StringCall call) {
    return List.of(
        refused(what + " with empty " + argument, c -> call.call(c, ""),
            IllegalArgumentException.class, argument + IAE_BLANK),
        refused(what + " with whitespace " + argument, c -> call.call(c, "  "),
            IllegalArgumentException.class, argument + IAE_BLANK));
  }

  /** For a path value: null, blank, "." and "..". */
  static List<Arguments> pathValue(String what, String argument, StringCall call) {
    List<Arguments> cases = new ArrayList<>(nullAndBlank(what, argument, call));
    cases.addAll(dotSegments(what, argument, call));
    return cases;
  }

  static Stream<Arguments> clientCalls() {
    List<Arguments> cases = new ArrayList<>();

    cases.addAll(nullAndBlank("sendMessage", "token", (c, v) -> c.sendMessage(v, "room1", "hi")));
    // sendMessage(token, rid, text) builds a SendMessageRequest, whose component is roomId
    cases.addAll(nullAndBlank("sendMessage", "roomId", (c, v) -> c.sendMessage("tok", v, "hi")));
    cases.addAll(nullAndBlank("sendMessage", "text", (c, v) -> c.sendMessage("tok", "room1", v)));
    cases.add(refused("sendMessage with null request", c -> c.sendMessage(null),
        NullPointerException.class, "request" + NPE_NULL));

    cases.addAll(nullAndBlank("updateMessage", "token", (c, v) -> c.updateMessage(v, "room1", "msg1", "hi")));
    cases.addAll(nullAndBlank("updateMessage", "roomId", (c, v) -> c.updateMessage("tok", v, "msg1", "hi")));
    cases.addAll(nullAndBlank("updateMessage", "messageId", (c, v) -> c.updateMessage("tok", "room1", v, "hi")));
    cases.addAll(dotSegments("updateMessage", "messageId", (c, v) -> c.updateMessage("tok", "room1", v, "hi")));
    cases.addAll(nullAndBlank("updateMessage", "text", (c, v) -> c.updateMessage("tok", "room1", "msg1", v)));

    cases.addAll(nullAndBlank("deleteMessage", "token", (c, v) -> c.deleteMessage(v, "room1", "msg1")));
    cases.addAll(nullAndBlank("deleteMessage", "roomId", (c, v) -> c.deleteMessage("tok", v, "msg1")));
    cases.addAll(nullAndBlank("deleteMessage", "messageId", (c, v) -> c.deleteMessage("tok", "room1", v)));
    cases.addAll(dotSegments("deleteMessage", "messageId", (c, v) -> c.deleteMessage("tok", "room1", v)));

    cases.addAll(nullAndBlank("loadHistory", "token", (c, v) -> c.loadHistory(v, "room1")));
    cases.addAll(nullAndBlank("loadHistory", "roomId", (c, v) -> c.loadHistory("tok", v)));
    cases.addAll(dotSegments("loadHistory", "roomId", (c, v) -> c.loadHistory("tok", v)));
    cases.addAll(nullAndBlank("loadHistory with a query", "token",
        (c, v) -> c.loadHistory(v, "room1", HistoryQuery.latest(5))));
    cases.addAll(nullAndBlank("loadHistory with a query", "roomId",
        (c, v) -> c.loadHistory("tok", v, HistoryQuery.latest(5))));
    cases.add(refused("loadHistory with null query", c -> c.loadHistory("tok", "room1", null),
        NullPointerException.class, "query" + NPE_NULL));
    cases.add(refused("loadHistory with HistoryQuery.latest(0)",
        c -> c.loadHistory("tok", "room1", HistoryQuery.latest(0)),
        IllegalArgumentException.class, "limit must be positive, was 0"));
    cases.add(refused("loadHistory with HistoryQuery.latest(-1)",
        c -> c.loadHistory("tok", "room1", HistoryQuery.latest(-1)),
        IllegalArgumentException.class, "limit must be positive, was -1"));
    cases.add(refused("loadHistory with withLimit(0)",
        c -> c.loadHistory("tok", "room1", HistoryQuery.defaults().withLimit(0)),
        IllegalArgumentException.class, "limit must be positive, was 0"));
    cases.add(refused("loadHistory with before(null)",
        c -> c.loadHistory("tok", "room1", HistoryQuery.defaults().before(null)),
        NullPointerException.class, "end" + NPE_NULL));
    cases.add(refused("loadHistory with lastSeen(null)",
        c -> c.loadHistory("tok", "room1", HistoryQuery.defaults().lastSeen(null)),
        NullPointerException.class, "lastSeen" + NPE_NULL));

    cases.add(refused("sendOfflineMessage with null message", c -> c.sendOfflineMessage(null),
        NullPointerException.class, "message" + NPE_NULL));
    cases.addAll(nullAndBlank("sendOfflineMessage", "name",
        (c, v) -> c.sendOfflineMessage(OfflineMessage.of(v, "visitor@rocket.chat", "I need help"))));
    cases.addAll(nullAndBlank("sendOfflineMessage", "email",
        (c, v) -> c.sendOfflineMessage(OfflineMessage.of("Livechat Visitor", v, "I need help"))));
    cases.addAll(nullAndBlank("sendOfflineMessage", "message",
        (c, v) -> c.sendOfflineMessage(OfflineMessage.of("Livechat Visitor", "visitor@rocket.chat", v))));
    cases.addAll(nullAndBlank("sendOfflineMessage withDepartment", "department",
        (c, v) -> c.sendOfflineMessage(OfflineMessage.of("n", "e@x.org", "m").withDepartment(v))));
    cases.addAll(nullAndBlank("sendOfflineMessage withHost", "host",
        (c, v) -> c.sendOfflineMessage(OfflineMessage.of("n", "e@x.org", "m").withHost(v))));

    cases.addAll(nullAndBlank("SendMessageRequest.of", "token",
        (c, v) -> c.sendMessage(SendMessageRequest.of(v, "room1", "hi"))));
    cases.addAll(nullAndBlank("SendMessageRequest.of", "roomId",
        (c, v) -> c.sendMessage(SendMessageRequest.of("tok", v, "hi"))));
    cases.addAll(nullAndBlank("SendMessageRequest.of", "text",
        (c, v) -> c.sendMessage(SendMessageRequest.of("tok", "room1", v))));
    cases.addAll(nullAndBlank("SendMessageRequest.withId", "id",
        (c, v) -> c.sendMessage(SendMessageRequest.of("tok", "room1", "hi").withId(v))));
    cases.add(refused("SendMessageRequest.withAgent(null)",
        c -> c.sendMessage(SendMessageRequest.of("tok", "room1", "hi").withAgent(null)),
        NullPointerException.class, "agent" + NPE_NULL));
    cases.addAll(nullAndBlank("AgentRef", "agentId",
        (c, v) -> c.sendMessage(SendMessageRequest.of("tok", "room1", "hi").withAgent(new AgentRef(v, "kim.jane")))));
    cases.addAll(nullAndBlank("AgentRef", "username",
        (c, v) -> c.sendMessage(SendMessageRequest.of("tok", "room1", "hi").withAgent(new AgentRef("a1", v)))));

    cases.addAll(nullAndBlank("getMessage", "token", (c, v) -> c.getMessage(v, "room1", "msg1")));
    cases.addAll(nullAndBlank("getMessage", "roomId", (c, v) -> c.getMessage("tok", v, "msg1")));
    cases.addAll(pathValue("getMessage", "messageId", (c, v) -> c.getMessage("tok", "room1", v)));

    cases.add(refused("registerVisitor with null visitor", c -> c.registerVisitor(null),
        NullPointerException.class, "visitor" + NPE_NULL));
    cases.addAll(nullAndBlank("NewVisitor.of", "token", (c, v) -> c.registerVisitor(NewVisitor.of(v))));
    cases.addAll(nullAndBlank("NewVisitor.withName", "name",
        (c, v) -> c.registerVisitor(NewVisitor.of("tok").withName(v))));
    cases.addAll(nullAndBlank("NewVisitor.withEmail", "email",
        (c, v) -> c.registerVisitor(NewVisitor.of("tok").withEmail(v))));
    cases.addAll(nullAndBlank("NewVisitor.withDepartment", "department",
        (c, v) -> c.registerVisitor(NewVisitor.of("tok").withDepartment(v))));
    cases.addAll(nullAndBlank("NewVisitor.withPhone", "phone",
        (c, v) -> c.registerVisitor(NewVisitor.of("tok").withPhone(v))));
    cases.addAll(nullAndBlank("NewVisitor.withUsername", "username",
        (c, v) -> c.registerVisitor(NewVisitor.of("tok").withUsername(v))));
    cases.add(refused("NewVisitor.withCustomField(null)",
        c -> c.registerVisitor(NewVisitor.of("tok").withCustomField(null)),
        NullPointerException.class, "field" + NPE_NULL));

    cases.addAll(pathValue("getVisitor", "token", (c, v) -> c.getVisitor(v)));
    cases.addAll(pathValue("deleteVisitor", "token", (c, v) -> c.deleteVisitor(v)));

    cases.addAll(nullAndBlank("setVisitorStatus", "token", (c, v) -> c.setVisitorStatus(v, "busy")));
    cases.addAll(nullAndBlank("setVisitorStatus", "status", (c, v) -> c.setVisitorStatus("tok", v)));

    cases.addAll(nullAndBlank("openRoom", "token", (c, v) -> c.openRoom(v)));
    cases.addAll(nullAndBlank("openRoom with rid and agent", "token", (c, v) -> c.openRoom(v, "room1", "agent1")));
    cases.addAll(blank("openRoom with rid and agent", "roomId", (c, v) -> c.openRoom("tok", v, "agent1")));
    cases.addAll(blank("openRoom with rid and agent", "agentId", (c, v) -> c.openRoom("tok", "room1", v)));

    cases.addAll(nullAndBlank("closeRoom", "token", (c, v) -> c.closeRoom(v, "room1")));
    cases.addAll(nullAndBlank("closeRoom", "roomId", (c, v) -> c.closeRoom("tok", v)));

    cases.addAll(nullAndBlank("transferToDepartment", "token", (c, v) -> c.transferToDepartment(v, "room1", "dep1")));
    cases.addAll(nullAndBlank("transferToDepartment", "roomId", (c, v) -> c.transferToDepartment("tok", v, "dep1")));
    cases.addAll(nullAndBlank("transferToDepartment", "departmentId",
        (c, v) -> c.transferToDepartment("tok", "room1", v)));

    cases.addAll(nullAndBlank("submitSurvey", "token", (c, v) -> c.submitSurvey(v, "room1", ANSWERS)));
    cases.addAll(nullAndBlank("submitSurvey", "roomId", (c, v) -> c.submitSurvey("tok", v, ANSWERS)));
    cases.add(refused("submitSurvey with null answers", c -> c.submitSurvey("tok", "room1", null),
        NullPointerException.class, "answers" + NPE_NULL));
    cases.add(refused("submitSurvey with no answers", c -> c.submitSurvey("tok", "room1", List.of()),
        IllegalArgumentException.class, "answers must not be empty"));
    cases.add(refused("submitSurvey with a null answer",
        c -> c.submitSurvey("tok", "room1", Arrays.asList(new SurveyAnswer("satisfaction", "5"), null)),
        NullPointerException.class, "answers[]" + NPE_NULL));
    cases.addAll(nullAndBlank("SurveyAnswer", "name",
        (c, v) -> c.submitSurvey("tok", "room1", List.of(new SurveyAnswer(v, "5")))));
    cases.add(refused("SurveyAnswer with null value",
        c -> c.submitSurvey("tok", "room1", List.of(new SurveyAnswer("satisfaction", null))),
        NullPointerException.class, "value" + NPE_NULL));

    cases.addAll(pathValue("agentInfo", "token", (c, v) -> c.agentInfo(v, "room1")));
    cases.addAll(pathValue("agentInfo", "roomId", (c, v) -> c.agentInfo("tok", v)));

    cases.addAll(pathValue("nextAgent", "token", (c, v) -> c.nextAgent(v)));
    cases.addAll(pathValue("nextAgent with department", "token", (c, v) -> c.nextAgent(v, "dep1")));
    cases.addAll(nullAndBlank("nextAgent with department", "departmentId", (c, v) -> c.nextAgent("tok", v)));

    cases.addAll(nullAndBlank("requestTranscript", "token", (c, v) -> c.requestTranscript(v, "room1", "a@b.c")));
    cases.addAll(nullAndBlank("requestTranscript", "roomId", (c, v) -> c.requestTranscript("tok", v, "a@b.c")));
    cases.addAll(nullAndBlank("requestTranscript", "email", (c, v) -> c.requestTranscript("tok", "room1", v)));

    cases.addAll(nullAndBlank("setCustomField", "token", (c, v) -> c.setCustomField(v, "address", "Avenue 1", true)));
    cases.addAll(nullAndBlank("setCustomField", "key", (c, v) -> c.setCustomField("tok", v, "Avenue 1", true)));
    cases.add(refused("setCustomField with null value", c -> c.setCustomField("tok", "address", null, true),
        NullPointerException.class, "value" + NPE_NULL));

    cases.addAll(nullAndBlank("setCustomFields", "token", (c, v) -> c.setCustomFields(v, FIELDS)));
    cases.add(refused("setCustomFields with null fields", c -> c.setCustomFields("tok", null),
        NullPointerException.class, "fields" + NPE_NULL));
    cases.add(refused("setCustomFields with no fields", c -> c.setCustomFields("tok", List.of()),
        IllegalArgumentException.class, "fields must not be empty"));
    cases.add(refused("setCustomFields with a null field",
        c -> c.setCustomFields("tok", Arrays.asList(CustomField.of("address", "Avenue 1"), null)),
        NullPointerException.class, "fields[]" + NPE_NULL));
    cases.addAll(nullAndBlank("CustomField", "key",
        (c, v) -> c.setCustomFields("tok", List.of(new CustomField(v, "Avenue 1", true)))));
    cases.add(refused("CustomField with null value",
        c -> c.setCustomFields("tok", List.of(new CustomField("address", null, true))),
        NullPointerException.class, "value" + NPE_NULL));

    return cases.stream();
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("clientCalls")
  void badInputIsRefusedNamingTheArgumentBeforeAnyRequest(
      Call call, Class<? extends Throwable> type, String message) {
    Throwable thrown = catchThrowable(() -> call.call(client));

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(message);
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }

  static Stream<Arguments> builderCalls() {
    return Stream.of(
        refused("builder().baseUrl(null String)", c -> LivechatClient.builder().baseUrl((String) null),
            NullPointerException.class, "baseUrl" + NPE_NULL),
        refused("builder().baseUrl(null HttpUrl)",
            c -> LivechatClient.builder().baseUrl((okhttp3.HttpUrl) null),
            NullPointerException.class, "baseUrl" + NPE_NULL),
        refused("create(\"\")", c -> LivechatClient.create(""),
            IllegalArgumentException.class, "baseUrl" + IAE_BLANK),
        refused("create(\"  \")", c -> LivechatClient.create("  "),
            IllegalArgumentException.class, "baseUrl" + IAE_BLANK),
        refused("builder().okHttpClient(null)", c -> LivechatClient.builder().okHttpClient(null),
            NullPointerException.class, "okHttpClient" + NPE_NULL),
        refused("builder().clock(null)", c -> LivechatClient.builder().clock(null),
            NullPointerException.class, "clock" + NPE_NULL),
        refused("HistoryQuery with limit 0", c -> new HistoryQuery(0, Instant.EPOCH, null),
            IllegalArgumentException.class, "limit must be positive, was 0"),
        refused("HistoryQuery.withOffset(-1)", c -> HistoryQuery.latest(20).withOffset(-1),
            IllegalArgumentException.class, "offset must not be negative, was -1"),
        refused("HistoryQuery with offset -5", c -> new HistoryQuery(null, null, null, -5),
            IllegalArgumentException.class, "offset must not be negative, was -5"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("builderCalls")
  void badSettingIsRefusedNamingIt(Call call, Class<? extends Throwable> type, String message) {
    Throwable thrown = catchThrowable(() -> call.call(client));

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(message);
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }
}
