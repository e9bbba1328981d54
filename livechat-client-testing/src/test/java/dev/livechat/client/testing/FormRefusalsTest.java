package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Every refusal of offline messages, page visits and uploads: status and exact body. */
class FormRefusalsTest extends FakeServerTestBase {
  private static final String UNAUTHORIZED = """
      {"success":false,"error":"unauthorized"}""";

  // ---- POST livechat/offline.message (typed body: API.v1.post with body: isPOSTLivechatOfflineMessageParams,
  //      apps/meteor/server/api/v1/omnichannel/offlineMessage.ts; one text for every later failure) ----

  @Test
  void offlineMessageWithoutNameIsInvalidParams() {
    assertRefused(post("livechat/offline.message", """
        {"email":"ada@example.com","message":"Call me"}"""), 400, """
        {"success":false,"errorType":"invalid-params","error":"must have required property 'name'"}""");
  }

  @Test
  void offlineMessageWithUnknownFieldIsInvalidParams() {
    assertRefused(post("livechat/offline.message", """
        {"name":"Ada","email":"ada@example.com","message":"Call me","phone":"555"}"""), 400, """
        {"success":false,"errorType":"invalid-params","error":"must NOT have additional properties"}""");
  }

  @Test
  void offlineMessageWhileTheFormIsOffFails() {
    server.offlineFormEnabled(false);

    assertRefused(post("livechat/offline.message", """
        {"name":"Ada","email":"ada@example.com","message":"Call me"}"""), 400, """
        {"success":false,"error":"Error sending Omnichannel offline message"}""");
    assertThat(server.offlineMessages()).isEmpty();
  }

  /**
   * The visitor's address is checked only under {@code Livechat_validate_offline_email}: {@code
   * sendOfflineMessage} in {@code apps/meteor/server/lib/omnichannel/messages.ts} resolves the MX
   * records of what follows the last {@code @} and throws {@code error-invalid-email-address}, which
   * {@code offlineMessage.ts} hides behind {@code Error_sending_livechat_offline_message}.
   */
  @Test
  void offlineMessageFromAnAddressWithoutMailDomainFailsWhenTheServerValidatesIt() {
    server.reconfigure(s -> s.withValidateOfflineEmail(true));

    assertRefused(post("livechat/offline.message", """
        {"name":"Ada","email":"not-an-address","message":"Call me"}"""), 400, """
        {"success":false,"error":"Error sending Omnichannel offline message"}""");
    assertRefused(post("livechat/offline.message", """
        {"name":"Ada","email":"ada@nowhere.invalid","message":"Call me"}"""), 400, """
        {"success":false,"error":"Error sending Omnichannel offline message"}""");
    assertThat(post("livechat/offline.message", """
        {"name":"Ada","email":"ada@example.com","message":"Call me"}""").status()).isEqualTo(200);
    assertThat(server.offlineMessages()).hasSize(1);
  }

  /** Without {@code Livechat_validate_offline_email} any non-empty address goes: only {@code if (!email)} is checked. */
  @Test
  void offlineMessageFromAnyAddressIsSentWhenTheServerDoesNotValidate() {
    assertThat(post("livechat/offline.message", """
        {"name":"Ada","email":"not-an-address","message":"Call me"}""").body())
        .isEqualTo("{\"message\":\"Livechat offline message sent\",\"success\":true}");
    assertRefused(post("livechat/offline.message", """
        {"name":"Ada","email":"","message":"Call me"}"""), 400, """
        {"success":false,"error":"Error sending Omnichannel offline message"}""");
  }

  /**
   * {@code Livechat_offline_email} empty (the server's default): the mailer's {@code sendNoWrap}
   * ({@code apps/meteor/server/lib/notifications/email/api.ts}) throws {@code invalid email} for the
   * recipient, and {@code offlineMessage.ts} answers its one failure text.
   */
  @Test
  void offlineMessageFailsWhileTheOfflineEmailIsNotConfigured() {
    server.reconfigure(s -> s.withOfflineEmail(""));

    assertRefused(post("livechat/offline.message", """
        {"name":"Ada","email":"ada@example.com","message":"Call me"}"""), 400, """
        {"success":false,"error":"Error sending Omnichannel offline message"}""");
    assertThat(server.offlineMessages()).isEmpty();
  }

  /**
   * {@code sendTranscript} ({@code apps/meteor/server/lib/omnichannel/sendTranscript.ts}) mails
   * through {@code Mailer.send}, whose {@code sendNoWrap} throws {@code new Meteor.Error('invalid
   * email')} when {@code validateEmail(to)} fails; {@code transcript.ts} does not catch it, so the
   * API answers the Meteor-error shape.
   */
  @Test
  void transcriptToAnInvalidAddressIsInvalidEmail() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(post("livechat/transcript", """
        {"rid":"%s","token":"%s","email":"not-an-address"}""".formatted(rid, TOKEN)), 400, """
        {"success":false,"error":"[invalid email]","errorType":"invalid email"}""");
    assertThat(server.transcripts()).isEmpty();
  }

  // ---- POST livechat/page.visited (typed body) ----

  @Test
  void pageVisitedWithoutPageInfoIsTypedInvalidParams() {
    assertRefused(post("livechat/page.visited", """
        {"token":"t","rid":"r"}"""), 400, """
        {"success":false,"errorType":"invalid-params","error":"must have required property 'pageInfo'"}""");
  }

  @Test
  void pageVisitedWithoutHrefIsTypedInvalidParams() {
    assertRefused(post("livechat/page.visited", """
        {"token":"t","pageInfo":{"title":"Home","change":"url","location":{}}}"""), 400, """
        {"success":false,"errorType":"invalid-params","error":"must have required property 'href'"}""");
  }

  // ---- POST livechat/upload/:rid (403 without a valid token and open room) ----

  private Answer upload(String rid, @Nullable String token, @Nullable String fileType, boolean withFile) {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("description", "My receipt");
    if (withFile) {
      form.addFormDataPart("file", "receipt.pdf", RequestBody.create(new byte[] {1, 2, 3}, MediaType.get(fileType)));
    }
    Request.Builder request = new Request.Builder()
        .url(server.url().resolve("/api/v1/livechat/upload/" + rid))
        .post(form.build());
    if (token != null) {
      request.header("x-visitor-token", token);
    }
    return execute(request.build());
  }

  @Test
  void uploadWithoutTokenHeaderIsForbidden() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(upload(rid, null, "application/pdf", true), 403, UNAUTHORIZED);
  }

  @Test
  void uploadWithUnknownTokenIsForbidden() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(upload(rid, "unknown", "application/pdf", true), 403, UNAUTHORIZED);
  }

  @Test
  void uploadToAnotherVisitorsRoomIsForbidden() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    register(TOKEN);

    assertRefused(upload(othersRoom, TOKEN, "application/pdf", true), 403, UNAUTHORIZED);
  }

  @Test
  void uploadToClosedRoomIsForbidden() {
    String rid = visitorWithRoom(TOKEN);
    server.agent("agent.smith").closeRoom(rid);

    assertRefused(upload(rid, TOKEN, "application/pdf", true), 403, UNAUTHORIZED);
  }

  @Test
  void uploadWhileUploadsAreOffIsRefused() {
    String rid = visitorWithRoom(TOKEN);
    server.fileUploadEnabled(false);

    assertRefused(upload(rid, TOKEN, "application/pdf", true), 400, """
        {"reason":"error-file-upload-disabled","success":false}""");
  }

  @Test
  void uploadWithoutFilePartIsRefused() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(upload(rid, TOKEN, null, false), 400, """
        {"reason":"error-no-file-uploaded","success":false}""");
  }

  @Test
  void uploadOfBlacklistedTypeIsRefused() {
    String rid = visitorWithRoom(TOKEN);

    assertRefused(upload(rid, TOKEN, "image/svg+xml", true), 400, """
        {"reason":"error-type-not-allowed","success":false}""");
    assertThat(server.uploads()).isEmpty();
  }
}
