package dev.livechat.client.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.SurveyAnswer;
import dev.livechat.client.model.SurveyResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The room endpoints against the official OpenAPI file: open, close, transfer, survey and
 * transcript. Each request the SDK builds must match the file (no {@code sl-violations} but the
 * {@link KnownSpecMistake}s), and the SDK must read the file's example answer where there is one.
 */
class RoomsContractIT extends ContractTestBase {
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  private static final String RID = "XFzMqgn33DcsQkpJp";

  @Test
  void openRoomMatchesTheFile() {
    RoomResult result = client.openRoom(TOKEN);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().queryParameterNames()).containsExactly("token");
    assertReadsTheRoomExample(result, exchange);
  }

  @Test
  void openRoomWithRoomAndAgentMatchesTheFile() {
    RoomResult result = client.openRoom(TOKEN, "kCJDd5peKiZnGJLPq", "XycfA5CetCPuEjqxw");

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().queryParameter("token")).isEqualTo(TOKEN);
    assertThat(exchange.url().queryParameter("rid")).isEqualTo("kCJDd5peKiZnGJLPq");
    assertThat(exchange.url().queryParameter("agentId")).isEqualTo("XycfA5CetCPuEjqxw");
    assertReadsTheRoomExample(result, exchange);
  }

  @Test
  void openRoomWithAgentOnlyMatchesTheFile() {
    RoomResult result = client.openRoom(TOKEN, null, "XycfA5CetCPuEjqxw");

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().queryParameterNames()).containsExactly("token", "agentId");
    assertReadsTheRoomExample(result, exchange);
  }

  @Test
  void closeRoomMatchesTheFile() {
    ClosedRoom closed = client.closeRoom(TOKEN, RID);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.requestBody()).isEqualTo("{\"rid\":\"" + RID + "\",\"token\":\"" + TOKEN + "\"}");
    assertThat(closed.roomId()).isNotNull().isEqualTo(exchange.string("rid"));
    assertThat(closed.comment()).isNotNull().isEqualTo(exchange.string("comment"));
  }

  @Test
  void transferToDepartmentMatchesTheFile() {
    client.transferToDepartment(TOKEN, RID, "68304887113ac52640bc1ca6");

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().encodedPath()).isEqualTo("/api/v1/livechat/visitor/department.transfer");
    assertThat(exchange.requestBody()).isEqualTo("{\"token\":\"" + TOKEN + "\",\"rid\":\"" + RID
        + "\",\"department\":\"68304887113ac52640bc1ca6\"}");
    // The 200 answer is the file's shared trueSuccess response: nothing to read but success.
    assertThat(exchange.status()).isEqualTo(200);
    assertThat(exchange.at("success")).isEqualTo(true);
  }

  @Test
  void submitSurveyMatchesTheFile() {
    SurveyResult result = client.submitSurvey(TOKEN, RID, List.of(
        new SurveyAnswer("satisfaction", "5"),
        new SurveyAnswer("agentResposiveness", "4"),
        new SurveyAnswer("additionalFeedback", "Thanks")));

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.requestBody()).contains("\"data\":[{\"name\":\"satisfaction\",\"value\":\"5\"},"
        + "{\"name\":\"agentResposiveness\",\"value\":\"4\"},"
        + "{\"name\":\"additionalFeedback\",\"value\":\"Thanks\"}]");
    assertThat(result.roomId()).isNotNull().isEqualTo(exchange.string("rid"));
    assertThat(exchange.at("data")).isInstanceOf(Map.class);
    assertThat(result.answers()).isNotEmpty().isEqualTo(exchange.at("data"));
  }

  @Test
  void requestTranscriptMatchesTheFile() {
    String confirmation = client.requestTranscript(TOKEN, RID, "visitor@rocket.chat");

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.requestBody()).isEqualTo("{\"token\":\"" + TOKEN + "\",\"rid\":\"" + RID
        + "\",\"email\":\"visitor@rocket.chat\"}");
    assertThat(confirmation).isNotNull().isEqualTo(exchange.string("message"));
  }

  /** The SDK's room holds what the example's {@code room} says. */
  private static void assertReadsTheRoomExample(RoomResult result, Exchange exchange) {
    assertThat(exchange.at("newRoom")).isEqualTo(result.newRoom());
    Room room = result.room();
    assertThat(room.id()).isNotNull().isEqualTo(exchange.string("room", "_id"));
    assertThat(room.open()).isEqualTo(exchange.at("room", "open"));
    assertThat(room.name()).isEqualTo(exchange.string("room", "fname"));
    assertThat(room.departmentId()).isEqualTo(exchange.string("room", "departmentId"));
    assertThat(room.messageCount()).isEqualTo(((Double) exchange.at("room", "msgs")).intValue());
    assertThat(room.timestamp()).isEqualTo(Instant.parse(exchange.string("room", "ts")));
    assertThat(room.updatedAt()).isEqualTo(Instant.parse(exchange.string("room", "_updatedAt")));
    assertThat(room.lastMessageAt()).isEqualTo(Instant.parse(exchange.string("room", "lm")));
    assertThat(room.waitingResponse()).isEqualTo(exchange.at("room", "waitingResponse"));
    assertThat(room.visitor()).isNotNull();
    assertThat(room.visitor().id()).isEqualTo(exchange.string("room", "v", "_id"));
    assertThat(room.visitor().token()).isEqualTo(exchange.string("room", "v", "token"));
    assertThat(room.servedBy()).isNotNull();
    assertThat(room.servedBy().id()).isEqualTo(exchange.string("room", "servedBy", "_id"));
    assertThat(room.servedBy().username()).isEqualTo(exchange.string("room", "servedBy", "username"));
    assertThat(room.servedBy().since()).isEqualTo(Instant.parse(exchange.string("room", "servedBy", "ts")));
    assertThat(room.lastMessage()).isNotNull();
    assertThat(room.lastMessage().id()).isEqualTo(exchange.string("room", "lastMessage", "_id"));
    assertThat(room.lastMessage().text()).isEqualTo(exchange.string("room", "lastMessage", "msg"));
    // The example's room has no `source` (a 2021 example; servers since record it, RoomsTest reads
    // it): read as none, not refused.
    assertThat(exchange.at("room", "source")).isNull();
    assertThat(room.source()).isNull();
  }
}
