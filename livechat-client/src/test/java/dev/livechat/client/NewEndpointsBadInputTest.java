package dev.livechat.client;

import static dev.livechat.client.BadInputTest.IAE_BLANK;
import static dev.livechat.client.BadInputTest.NPE_NULL;
import static dev.livechat.client.BadInputTest.dotSegments;
import static dev.livechat.client.BadInputTest.nullAndBlank;
import static dev.livechat.client.BadInputTest.refused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.SurveyAnswer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import dev.livechat.client.BadInputTest.Call;
import dev.livechat.client.BadInputTest.StringCall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments to the endpoints after the five message endpoints ({@code getMessage} onwards) are
 * refused before any request: null with a {@link NullPointerException}, blank ({@code ""} or
 * {@code "  "}), an empty list, or {@code "."}/{@code ".."} as a path value with an {@link
 * IllegalArgumentException}, each naming the argument; the server is never asked.
 */
class NewEndpointsBadInputTest extends ClientTestBase {
  private static final List<SurveyAnswer> ANSWERS = List.of(new SurveyAnswer("satisfaction", "5"));
  private static final List<CustomField> FIELDS = List.of(CustomField.of("address", "Avenue 1"));

  @BeforeEach
  void answerAnythingThatSlipsThrough() {
    // Should a bad input slip through, the call gets an answer at once instead of waiting for one.
    server.enqueue(Fixtures.ok("agents/next-open-room.json"));
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

    cases.addAll(nullAndBlank("getMessage", "token", (c, v) -> c.getMessage(v, "room1", "msg1")));
    cases.addAll(nullAndBlank("getMessage", "rid", (c, v) -> c.getMessage("tok", v, "msg1")));
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
    cases.addAll(blank("openRoom with rid and agent", "rid", (c, v) -> c.openRoom("tok", v, "agent1")));
    cases.addAll(blank("openRoom with rid and agent", "agentId", (c, v) -> c.openRoom("tok", "room1", v)));

    cases.addAll(nullAndBlank("closeRoom", "token", (c, v) -> c.closeRoom(v, "room1")));
    cases.addAll(nullAndBlank("closeRoom", "rid", (c, v) -> c.closeRoom("tok", v)));

    cases.addAll(nullAndBlank("transferToDepartment", "token", (c, v) -> c.transferToDepartment(v, "room1", "dep1")));
    cases.addAll(nullAndBlank("transferToDepartment", "rid", (c, v) -> c.transferToDepartment("tok", v, "dep1")));
    cases.addAll(nullAndBlank("transferToDepartment", "departmentId",
        (c, v) -> c.transferToDepartment("tok", "room1", v)));

    cases.addAll(nullAndBlank("submitSurvey", "token", (c, v) -> c.submitSurvey(v, "room1", ANSWERS)));
    cases.addAll(nullAndBlank("submitSurvey", "rid", (c, v) -> c.submitSurvey("tok", v, ANSWERS)));
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
    cases.addAll(pathValue("agentInfo", "rid", (c, v) -> c.agentInfo("tok", v)));

    cases.addAll(pathValue("nextAgent", "token", (c, v) -> c.nextAgent(v)));
    cases.addAll(pathValue("nextAgent with department", "token", (c, v) -> c.nextAgent(v, "dep1")));
    cases.addAll(nullAndBlank("nextAgent with department", "departmentId", (c, v) -> c.nextAgent("tok", v)));

    cases.addAll(nullAndBlank("requestTranscript", "token", (c, v) -> c.requestTranscript(v, "room1", "a@b.c")));
    cases.addAll(nullAndBlank("requestTranscript", "rid", (c, v) -> c.requestTranscript("tok", v, "a@b.c")));
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
}
