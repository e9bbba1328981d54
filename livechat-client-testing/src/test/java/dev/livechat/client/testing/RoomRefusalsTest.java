package dev.livechat.client.testing;

import org.junit.jupiter.api.Test;

/** Every refusal of the room, transfer, survey, agent and transcript routes: status and exact body. */
class RoomRefusalsTest extends FakeServerTestBase {

  // ---- GET livechat/room (Meteor check on the query) ----

  @Test
  void roomWithoutTokenIsMatchError() {
    assertRefused(get("livechat/room"), 400, """
        {"success":false,"error":"Match error: Missing key 'token'"}""");
  }

  @Test
  void roomWithRepeatedTokenIsMatchErrorOnItsType() {
    assertRefused(get("livechat/room?token=a&token=b"), 400, """
        {"success":false,"error":"Match error: Expected string, got object in field token"}""");
  }

  @Test
  void roomWithUnknownQueryParameterIsMatchError() {
    register(TOKEN);

    assertRefused(get("livechat/room?token=" + TOKEN + "&color=red"), 400, """
        {"success":false,"error":"Match error: Unknown key in field color"}""");
  }

  @Test
  void roomOfUnknownVisitorIsInvalidToken() {
    assertRefused(get("livechat/room?token=unknown"), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void roomWithRidOfAnotherVisitorIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    register(TOKEN);

    assertRefused(get("livechat/room?token=" + TOKEN + "&rid=" + othersRoom), 400, """
        {"success":false,"error":"invalid-room"}""");
  }

  @Test
  void newRoomWithoutOnlineAgentIsRefused() {
    register(TOKEN);
    server.agentsOnline(false);

    assertRefused(get("livechat/room?token=" + TOKEN), 400, """
        {"success":false,"error":"Sorry, no online agents [no-agent-online]","errorType":"no-agent-online"}""");
  }

  @Test
  void newRoomWhileLivechatIsDisabledIsRefused() {
    register(TOKEN);
    server.livechatEnabled(false);

    assertRefused(get("livechat/room?token=" + TOKEN), 400, """
        {"success":false,"error":"[error-omnichannel-is-disabled]","errorType":"error-omnichannel-is-disabled"}""");
  }

  // ---- POST livechat/room.close (legacy validation) ----

  @Test
  void closeWithoutTokenIsInvalidParams() {
    assertRefused(post("livechat/room.close", """
        {"rid":"r"}"""), 400, """
        {"success":false,"error":"must have required property 'token' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void closeWithUnknownFieldIsInvalidParams() {
    assertRefused(post("livechat/room.close", """
        {"rid":"r","token":"t","comment":"bye"}"""), 400, """
        {"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}""");
  }

  /**
   * The server's ajv ({@code coerceTypes: true}, @rocket.chat/rest-typings 8.8.1 dist/v1/Ajv.js)
   * turns a null {@code rid} into {@code ""}, which isPOSTLivechatRoomCloseParams accepts; the
   * refusal comes later, from the handler.
   */
  @Test
  void closeWithNullRidPassesValidationAsEmptyString() {
    assertRefused(post("livechat/room.close", """
        {"rid":null,"token":"t"}"""), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void closeWhenVisitorsMayNotCloseIsRefused() {
    String rid = visitorWithRoom(TOKEN);
    server.allowVisitorsToCloseConversation(false);

    assertRefused(post("livechat/room.close", "{\"rid\":\"" + rid + "\",\"token\":\"" + TOKEN + "\"}"), 400, """
        {"success":false,"error":"error-not-allowed-to-close-conversation"}""");
  }

  @Test
  void closeByUnknownVisitorIsInvalidToken() {
    assertRefused(post("livechat/room.close", """
        {"rid":"r","token":"unknown"}"""), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void closeOfAnotherVisitorsRoomIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    register(TOKEN);

    assertRefused(post("livechat/room.close", "{\"rid\":\"" + othersRoom + "\",\"token\":\"" + TOKEN + "\"}"), 400, """
        {"success":false,"error":"invalid-room"}""");
  }

  @Test
  void closeOfClosedRoomIsRoomClosed() {
    String rid = visitorWithRoom(TOKEN);
    server.agent("agent.smith").closeRoom(rid);

    assertRefused(post("livechat/room.close", "{\"rid\":\"" + rid + "\",\"token\":\"" + TOKEN + "\"}"), 400, """
        {"success":false,"error":"room-closed"}""");
  }

  // ---- POST livechat/visitor/department.transfer (typed body, plain failures) ----

  @Test
  void transferWithoutTokenIsTypedInvalidParams() {
    assertRefused(post("livechat/visitor/department.transfer", """
        {"rid":"r","department":"d"}"""), 400, """
        {"success":false,"errorType":"invalid-params","error":"must have required property 'token'"}""");
  }

  @Test
  void transferWithUnknownFieldIsTypedInvalidParams() {
    assertRefused(post("livechat/visitor/department.transfer", """
        {"token":"t","rid":"r","department":"d","agent":"a"}"""), 400, """
        {"success":false,"errorType":"invalid-params","error":"must NOT have additional properties"}""");
  }

  @Test
  void transferByUnknownVisitorIsInvalidToken() {
    assertRefused(post("livechat/visitor/department.transfer", """
        {"token":"unknown","rid":"r","department":"d"}"""), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void transferOfUnknownRoomIsErrorInvalidRoom() {
    register(TOKEN);

    assertRefused(post("livechat/visitor/department.transfer",
        "{\"token\":\"" + TOKEN + "\",\"rid\":\"nope\",\"department\":\"d\"}"), 400, """
        {"success":false,"error":"error-invalid-room"}""");
  }

  @Test
  void transferOfClosedRoomIsRefused() {
    String rid = visitorWithRoom(TOKEN);
    server.addDepartment("sales", "Sales").agent("agent.smith").closeRoom(rid);

    assertRefused(post("livechat/visitor/department.transfer",
        "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\",\"department\":\"sales\"}"), 400, """
        {"success":false,"error":"This_conversation_is_already_closed"}""");
  }

  @Test
  void transferToUnknownDepartmentFails() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(post("livechat/visitor/department.transfer",
        "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\",\"department\":\"nowhere\"}"), 400, """
        {"success":false,"error":"error-transfering-chat"}""");
  }

  // ---- POST livechat/room.survey (legacy validation) ----

  @Test
  void surveyWithoutAnswersIsInvalidParams() {
    assertRefused(post("livechat/room.survey", """
        {"token":"t","rid":"r","data":[]}"""), 400, """
        {"success":false,"error":"must NOT have fewer than 1 items [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void surveyByUnknownVisitorIsInvalidToken() {
    assertRefused(post("livechat/room.survey", """
        {"token":"unknown","rid":"r","data":[{"name":"satisfaction","value":"5"}]}"""), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void surveyOfAnotherVisitorsRoomIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    register(TOKEN);

    assertRefused(post("livechat/room.survey", "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + othersRoom
        + "\",\"data\":[{\"name\":\"satisfaction\",\"value\":\"5\"}]}"), 400, """
        {"success":false,"error":"invalid-room"}""");
  }

  @Test
  void surveyWithoutAnyValidAnswerIsInvalidData() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(post("livechat/room.survey", "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid
        + "\",\"data\":[{\"name\":\"satisfaction\",\"value\":\"11\"},{\"name\":\"mood\",\"value\":\"5\"}]}"), 400, """
        {"success":false,"error":"invalid-data"}""");
  }

  // ---- GET livechat/agent.info/:rid/:token and agent.next/:token ----

  @Test
  void agentInfoForUnknownVisitorIsInvalidToken() {
    assertRefused(get("livechat/agent.info/r/unknown"), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void agentInfoOfAnotherVisitorsRoomIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    register(TOKEN);

    assertRefused(get("livechat/agent.info/" + othersRoom + "/" + TOKEN), 400, """
        {"success":false,"error":"invalid-room"}""");
  }

  @Test
  void agentInfoOfUnservedRoomIsInvalidAgent() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(get("livechat/agent.info/" + rid + "/" + TOKEN), 400, """
        {"success":false,"error":"invalid-agent"}""");
  }

  @Test
  void nextAgentWithUnknownQueryParameterIsInvalidParams() {
    assertRefused(get("livechat/agent.next/" + TOKEN + "?unit=u"), 400, """
        {"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void nextAgentWithNobodyOnlineIsAgentNotFound() {
    register(TOKEN);

    assertRefused(get("livechat/agent.next/" + TOKEN), 400, """
        {"success":false,"error":"agent-not-found"}""");
  }

  // ---- POST livechat/transcript (typed body) ----

  @Test
  void transcriptWithoutEmailIsTypedInvalidParams() {
    assertRefused(post("livechat/transcript", """
        {"rid":"r","token":"t"}"""), 400, """
        {"success":false,"errorType":"invalid-params","error":"must have required property 'email'"}""");
  }

  @Test
  void transcriptOfUnknownRoomIsErrorInvalidRoom() {
    assertRefused(post("livechat/transcript", """
        {"rid":"nope","token":"t","email":"ada@example.com"}"""), 400, """
        {"success":false,"error":"error-invalid-room"}""");
  }

  @Test
  void transcriptOfAnotherVisitorsRoomIsErrorInvalidVisitor() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);

    assertRefused(post("livechat/transcript",
        "{\"rid\":\"" + othersRoom + "\",\"token\":\"" + TOKEN + "\",\"email\":\"ada@example.com\"}"), 400, """
        {"success":false,"error":"error-invalid-visitor"}""");
  }
}
