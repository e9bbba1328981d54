package dev.livechat.client.testing;

import org.junit.jupiter.api.Test;

/** Every refusal of config, the visitor routes and custom fields: status and exact body. */
class VisitorRefusalsTest extends FakeServerTestBase {

  // ---- GET livechat/config (legacy validateParams: isGETLivechatConfigParams,
  //      apps/meteor/server/api/v1/omnichannel/config.ts) ----

  @Test
  void configWithUnknownQueryParameterIsInvalidParams() {
    assertRefused(get("livechat/config?token=t&color=red"), 400, """
        {"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}""");
  }

  // ---- POST livechat/visitor (Meteor check) ----

  @Test
  void registerWithoutVisitorIsMatchError() {
    assertRefused(post("livechat/visitor", "{}"), 400, """
        {"success":false,"error":"Match error: Missing key 'visitor'"}""");
  }

  @Test
  void registerWithoutTokenIsMatchErrorInFieldVisitor() {
    assertRefused(post("livechat/visitor", """
        {"visitor":{"name":"Ada"}}"""), 400, """
        {"success":false,"error":"Match error: Missing key 'token' in field visitor"}""");
  }

  @Test
  void registerWithNumericTokenIsMatchErrorOnItsType() {
    assertRefused(post("livechat/visitor", """
        {"visitor":{"token":42}}"""), 400, """
        {"success":false,"error":"Match error: Expected string, got number in field visitor.token"}""");
  }

  @Test
  void registerWithUnknownTopLevelKeyIsMatchError() {
    assertRefused(post("livechat/visitor", """
        {"visitor":{"token":"t"},"extra":1}"""), 400, """
        {"success":false,"error":"Match error: Unknown key in field extra"}""");
  }

  @Test
  void registerWithIncompleteCustomFieldIsMatchErrorWithItsPath() {
    assertRefused(post("livechat/visitor", """
        {"visitor":{"token":"t","customFields":[{"key":"plan","value":"pro"}]}}"""), 400, """
        {"success":false,"error":"Match error: Missing key 'overwrite' in field visitor.customFields[0]"}""");
  }

  @Test
  void registerWithBlankTokenIsMeteorErrorInvalidToken() {
    assertRefused(post("livechat/visitor", """
        {"visitor":{"token":"   "}}"""), 400, """
        {"success":false,"error":"Token cannot be empty [error-invalid-token]","errorType":"error-invalid-token"}""");
  }

  // ---- GET / DELETE livechat/visitor/:token ----

  @Test
  void getUnknownVisitorIsMeteorInvalidToken() {
    assertRefused(get("livechat/visitor/unknown"), 400, """
        {"success":false,"error":"[invalid-token]","errorType":"invalid-token"}""");
  }

  @Test
  void deleteUnknownVisitorIsMeteorInvalidToken() {
    assertRefused(call("DELETE", "livechat/visitor/unknown", null), 400, """
        {"success":false,"error":"[invalid-token]","errorType":"invalid-token"}""");
  }

  @Test
  void deleteVisitorWithOpenRoomIsRefused() {
    visitorWithRoom(TOKEN);

    assertRefused(call("DELETE", "livechat/visitor/" + TOKEN, null), 400, """
        {"success":false,"error":"Cannot remove visitors with opened rooms [visitor-has-open-rooms]",\
        "errorType":"visitor-has-open-rooms"}""");
  }

  // ---- POST livechat/visitor.status (Meteor check) ----

  @Test
  void statusWithoutStatusIsMatchError() {
    assertRefused(post("livechat/visitor.status", """
        {"token":"t"}"""), 400, """
        {"success":false,"error":"Match error: Missing key 'status'"}""");
  }

  @Test
  void statusWithNullStatusIsMatchErrorOnItsType() {
    assertRefused(post("livechat/visitor.status", """
        {"token":"t","status":null}"""), 400, """
        {"success":false,"error":"Match error: Expected string, got null in field status"}""");
  }

  @Test
  void statusOfUnknownVisitorIsMeteorInvalidToken() {
    assertRefused(post("livechat/visitor.status", """
        {"token":"unknown","status":"busy"}"""), 400, """
        {"success":false,"error":"[invalid-token]","errorType":"invalid-token"}""");
  }

  // ---- POST livechat/custom.field and custom.fields (legacy validation) ----

  @Test
  void customFieldWithoutOverwriteIsInvalidParams() {
    assertRefused(post("livechat/custom.field", """
        {"token":"t","key":"plan","value":"pro"}"""), 400, """
        {"success":false,"error":"must have required property 'overwrite' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void customFieldWithNonBooleanOverwriteIsInvalidParams() {
    assertRefused(post("livechat/custom.field", """
        {"token":"t","key":"plan","value":"pro","overwrite":"yes"}"""), 400, """
        {"success":false,"error":"must be boolean [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void customFieldOfUnknownVisitorIsInvalidToken() {
    assertRefused(post("livechat/custom.field", """
        {"token":"unknown","key":"plan","value":"pro","overwrite":true}"""), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  @Test
  void customFieldsWithIncompleteItemIsInvalidParams() {
    assertRefused(post("livechat/custom.fields", """
        {"token":"t","customFields":[{"key":"plan","overwrite":true}]}"""), 400, """
        {"success":false,"error":"must have required property 'value' [invalid-params]","errorType":"invalid-params"}""");
  }

  @Test
  void customFieldsOfUnknownVisitorIsInvalidToken() {
    assertRefused(post("livechat/custom.fields", """
        {"token":"unknown","customFields":[{"key":"plan","value":"pro","overwrite":true}]}"""), 400, """
        {"success":false,"error":"invalid-token"}""");
  }
}
