package dev.livechat.client.testing;

import org.junit.jupiter.api.Test;

/** Every refusal of the message routes and the history: status and exact body. */
class MessageRefusalsTest extends FakeServerTestBase {

  private String body(String token, String rid, String msg) {
    return "{\"token\":\"" + token + "\",\"rid\":\"" + rid + "\",\"msg\":\"" + msg + "\"}";
  }

  // ---- POST livechat/message (legacy validation) ----

  @Test
  void sendWithoutMsgIsInvalidParams() {
    assertRefused(post("livechat/message", """
        {"token":"t","rid":"r"}"""), 400, """
        {"success":false,"error":"must have required property 'msg' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void sendWithUnknownFieldIsInvalidParams() {
    assertRefused(post("livechat/message", """
        {"token":"t","rid":"r","msg":"hi","ts":"2026-01-01T00:00:00.000Z"}"""), 400, """
        {"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}""");
  }

  /**
   * {@code _id} is {@code {type: 'string', nullable: true}} in isPOSTLivechatMessageParams
   * (@rocket.chat/rest-typings 8.8.1, dist/v1/omnichannel.js): a null id passes the server's
   * validation (the handler then makes an id), so the next refusal is the unknown token's.
   */
  @Test
  void sendWithNullIdPassesValidation() {
    assertRefused(post("livechat/message", """
        {"token":"t","rid":"r","msg":"hi","_id":null}"""), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void sendWithIncompleteAgentIsInvalidParams() {
    assertRefused(post("livechat/message", """
        {"token":"t","rid":"r","msg":"hi","agent":{"agentId":"a"}}"""), 400, """
        {"success":false,"error":"must have required property 'username' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void sendByUnknownVisitorIsInvalidToken() {
    assertRefused(post("livechat/message", body("unknown", "r", "hi")), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void sendToAnotherVisitorsRoomIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    register(TOKEN);

    assertRefused(post("livechat/message", body(TOKEN, othersRoom, "hi")), 400, """
        {"success":false,"error":"invalid-room"}""");
  }

  @Test
  void sendToClosedRoomIsRoomClosed() {
    String rid = visitorWithRoom(TOKEN);
    server.agent("agent.smith").closeRoom(rid);

    assertRefused(post("livechat/message", body(TOKEN, rid, "hi")), 400, """
        {"success":false,"error":"room-closed"}""");
  }

  @Test
  void sendOverTheCharacterLimitIsRefused() {
    String rid = visitorWithRoom(TOKEN);
    server.messageCharacterLimit(5);

    assertRefused(post("livechat/message", body(TOKEN, rid, "too long")), 400, """
        {"success":false,"error":"message-length-exceeds-character-limit"}""");
  }

  @Test
  void secondMessageWithTheSameIdIsRefusedBare() {
    String rid = visitorWithRoom(TOKEN);
    String withId = "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\",\"msg\":\"hi\",\"_id\":\"a1b2c3d4e5f6g7h8i\"}";
    post("livechat/message", withId);

    assertRefused(post("livechat/message", withId), 400, """
        {"success":false}""");
  }

  // ---- GET livechat/message/:_id (legacy validation of the query) ----

  @Test
  void getMessageWithoutRidIsInvalidParams() {
    assertRefused(get("livechat/message/m?token=t"), 400, """
        {"success":false,"error":"must have required property 'rid' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void getMessageByUnknownVisitorIsInvalidToken() {
    assertRefused(get("livechat/message/m?token=unknown&rid=r"), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void getMessageOfAnotherVisitorsRoomIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    String id = send(OTHER_TOKEN, othersRoom, "secret");
    register(TOKEN);

    assertRefused(get("livechat/message/" + id + "?token=" + TOKEN + "&rid=" + othersRoom), 400, """
        {"success":false,"error":"invalid-room"}""");
  }

  @Test
  void getUnknownMessageIsInvalidMessage() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(get("livechat/message/nope?token=" + TOKEN + "&rid=" + rid), 400, """
        {"success":false,"error":"invalid-message"}""");
  }

  // ---- PUT livechat/message/:_id (legacy validation) ----

  @Test
  void editWithoutMsgIsInvalidParams() {
    assertRefused(call("PUT", "livechat/message/m", """
        {"token":"t","rid":"r"}"""), 400, """
        {"success":false,"error":"must have required property 'msg' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void editByUnknownVisitorIsInvalidToken() {
    assertRefused(call("PUT", "livechat/message/m", body("unknown", "r", "x")), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void editInAnotherVisitorsRoomIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    String id = send(OTHER_TOKEN, othersRoom, "mine");
    register(TOKEN);

    assertRefused(call("PUT", "livechat/message/" + id, body(TOKEN, othersRoom, "yours now")), 400, """
        {"success":false,"error":"invalid-room"}""");
  }

  @Test
  void editOfUnknownMessageIsInvalidMessage() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(call("PUT", "livechat/message/nope", body(TOKEN, rid, "x")), 400, """
        {"success":false,"error":"invalid-message"}""");
  }

  /**
   * A plain {@code Error}, so no {@code errorType}: {@code updateMessage}/{@code deleteMessage} of
   * {@code apps/meteor/server/lib/omnichannel/messages.ts} (and of the older {@code
   * apps/meteor/app/livechat/server/lib/messages.ts}) {@code throw new Error('error-action-not-allowed')}
   * when {@code Message_AllowEditing}/{@code Message_AllowDeleting} is off or the message is not the
   * visitor's; the {@code message.ts} route does not catch it.
   */
  @Test
  void editWhileEditingIsOffIsActionNotAllowed() {
    String rid = visitorWithRoom(TOKEN);
    String id = send(TOKEN, rid, "hi");
    server.allowMessageEditing(false);

    assertRefused(call("PUT", "livechat/message/" + id, body(TOKEN, rid, "hello")), 400, """
        {"success":false,"error":"error-action-not-allowed"}""");
  }

  /**
   * A plain {@code Error}, so no {@code errorType}: {@code updateMessage}/{@code deleteMessage} of
   * {@code apps/meteor/server/lib/omnichannel/messages.ts} (and of the older {@code
   * apps/meteor/app/livechat/server/lib/messages.ts}) {@code throw new Error('error-action-not-allowed')}
   * when {@code Message_AllowEditing}/{@code Message_AllowDeleting} is off or the message is not the
   * visitor's; the {@code message.ts} route does not catch it.
   */
  @Test
  void editOfTheAgentsMessageIsActionNotAllowed() {
    String rid = visitorWithRoom(TOKEN);
    String agents = server.agent("agent.smith").reply(rid, "How can I help?").id();

    assertRefused(call("PUT", "livechat/message/" + agents, body(TOKEN, rid, "rewritten")), 400, """
        {"success":false,"error":"error-action-not-allowed"}""");
  }

  // ---- DELETE livechat/message/:_id (legacy validation of the JSON body) ----

  @Test
  void deleteWithoutBodyIsInvalidParams() {
    assertRefused(call("DELETE", "livechat/message/m", null), 400, """
        {"success":false,"error":"must have required property 'token' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void deleteByUnknownVisitorIsInvalidToken() {
    assertRefused(call("DELETE", "livechat/message/m", """
        {"token":"unknown","rid":"r"}"""), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void deleteInAnotherVisitorsRoomIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    String id = send(OTHER_TOKEN, othersRoom, "mine");
    register(TOKEN);

    assertRefused(call("DELETE", "livechat/message/" + id, "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + othersRoom
        + "\"}"), 400, """
        {"success":false,"error":"invalid-room"}""");
  }

  @Test
  void deleteOfUnknownMessageIsInvalidMessage() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(call("DELETE", "livechat/message/nope", "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\"}"),
        400, """
        {"success":false,"error":"invalid-message"}""");
  }

  /**
   * A plain {@code Error}, so no {@code errorType}: {@code updateMessage}/{@code deleteMessage} of
   * {@code apps/meteor/server/lib/omnichannel/messages.ts} (and of the older {@code
   * apps/meteor/app/livechat/server/lib/messages.ts}) {@code throw new Error('error-action-not-allowed')}
   * when {@code Message_AllowEditing}/{@code Message_AllowDeleting} is off or the message is not the
   * visitor's; the {@code message.ts} route does not catch it.
   */
  @Test
  void deleteWhileDeletingIsOffIsActionNotAllowed() {
    String rid = visitorWithRoom(TOKEN);
    String id = send(TOKEN, rid, "hi");
    server.allowMessageDeleting(false);

    assertRefused(call("DELETE", "livechat/message/" + id, "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\"}"),
        400, """
        {"success":false,"error":"error-action-not-allowed"}""");
  }

  /**
   * A plain {@code Error}, so no {@code errorType}: {@code updateMessage}/{@code deleteMessage} of
   * {@code apps/meteor/server/lib/omnichannel/messages.ts} (and of the older {@code
   * apps/meteor/app/livechat/server/lib/messages.ts}) {@code throw new Error('error-action-not-allowed')}
   * when {@code Message_AllowEditing}/{@code Message_AllowDeleting} is off or the message is not the
   * visitor's; the {@code message.ts} route does not catch it.
   */
  @Test
  void deleteOfTheAgentsMessageIsActionNotAllowed() {
    String rid = visitorWithRoom(TOKEN);
    String agents = server.agent("agent.smith").reply(rid, "How can I help?").id();

    assertRefused(call("DELETE", "livechat/message/" + agents, "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid
        + "\"}"), 400, """
        {"success":false,"error":"error-action-not-allowed"}""");
  }

  // ---- GET livechat/messages.history/:rid (legacy validation of the query) ----

  @Test
  void historyWithoutTokenIsInvalidParams() {
    assertRefused(get("livechat/messages.history/r"), 400, """
        {"success":false,"error":"must have required property 'token' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void historyWithEmptyTokenIsTokenParamNotProvided() {
    assertRefused(get("livechat/messages.history/r?token="), 400, """
        {"success":false,"error":"error-token-param-not-provided"}""");
  }

  @Test
  void historyWithNonNumericLimitIsInvalidParams() {
    assertRefused(get("livechat/messages.history/r?token=t&limit=many"), 400, """
        {"success":false,"error":"must be number [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void historyWithUnknownQueryParameterIsInvalidParams() {
    assertRefused(get("livechat/messages.history/r?token=t&before=x"), 400, """
        {"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void historyOfUnknownVisitorIsInvalidToken() {
    assertRefused(get("livechat/messages.history/r?token=unknown"), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void historyOfAnotherVisitorsRoomIsInvalidRoom() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    register(TOKEN);

    assertRefused(get("livechat/messages.history/" + othersRoom + "?token=" + TOKEN), 400, """
        {"success":false,"error":"invalid-room"}""");
  }
}
