package dev.livechat.client;

import static dev.livechat.client.Fixtures.assertSameJson;
import static dev.livechat.client.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.AttachmentAuthor;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.User;
import java.time.Instant;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Reading one message, the transcript and the visitor's custom fields (reference §1 rows 15, 21,
 * 22, 23) against the documented examples of §5.
 */
class VisitorDataTest extends ClientTestBase {
  private static final String SECRET = "SECRET-TOKEN-123";


  @Nested
  class GetMessage {
    @Test
    void getMessagePutsTheIdInThePathAndTokenAndRidInTheQueryAndReadsTheDocumentedMessage() throws Exception {
      server.enqueue(Fixtures.ok("messages/get.json"));

      Message message = client.getMessage("8s7e9ony6ctl27e1qf8kue", "mmqCzYgiL8fzRYfuY", "AgRFdj96mbHDPrTHq");

      assertThat(message).isEqualTo(new Message(
          "AgRFdj96mbHDPrTHq", "mmqCzYgiL8fzRYfuY", "hi", null, "8s7e9ony6ctl27e1qf8kue", "Mary",
          new User("47Dajwh9DjpnTAugW", "guest-165", "Mary"),
          Instant.parse("2021-07-13T16:20:26.672Z"), Instant.parse("2021-07-13T16:20:26.776Z"), null, null));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo(
          "/api/v1/livechat/message/AgRFdj96mbHDPrTHq?token=8s7e9ony6ctl27e1qf8kue&rid=mmqCzYgiL8fzRYfuY");
      assertThat(request.getBodySize()).isZero();
    }

    /**
     * A message linking another message carries a quote of it, made by the server (RC
     * apps/meteor/server/services/messages/hooks/BeforeSaveJumpToMessage.ts, with
     * apps/meteor/lib/createQuoteAttachment.ts: {@code text, md, message_link, author_name,
     * author_icon, attachments, ts}; the fields typed in RC
     * packages/core-typings/src/IMessage/MessageAttachment/MessageQuoteAttachment.ts and
     * MessageAttachmentBase.ts). The quoted message's own attachments come inside it.
     */
    @Test
    void getMessageReadsTheQuoteOfALinkedMessageWithTheQuotedAttachments() throws Exception {
      server.enqueue(Fixtures.ok("messages/get-quote-current-server.json"));

      Message message = client.getMessage("8s7e9ony6ctl27e1qf8kue", "kCJDd5peKiZnGJLPq", "Lw8qGfT2kZsE5yNcD");

      String link = "https://chat.example.com/live/kCJDd5peKiZnGJLPq?msg=fzYkXJ4dMFq3TrcGu";
      Attachment quotedImage = new Attachment("file", "invoice.png",
          "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png", null,
          "/file-upload/67c6d2b7e1a2f94d3c0b7a13/invoice.png", "image/png", 482133L);
      Attachment quote = new Attachment(null, null, null, null, null, null, null, "Here is your invoice", link,
          new AttachmentAuthor("Jane Doe", "/avatar/jane.doe", null), Instant.parse("2025-03-04T10:15:02.117Z"),
          List.of(quotedImage));
      assertThat(message).isEqualTo(new Message(
          "Lw8qGfT2kZsE5yNcD", "kCJDd5peKiZnGJLPq", "[ ](" + link + ") Is this invoice still due?", null,
          "8s7e9ony6ctl27e1qf8kue", "Mary", new User("47Dajwh9DjpnTAugW", "guest-165", "Mary"),
          Instant.parse("2025-03-04T10:16:30.410Z"), Instant.parse("2025-03-04T10:16:30.512Z"), null, null,
          null, List.of(quote)));
      assertThat(message.attachments().get(0).isQuote()).isTrue();
      assertThat(quotedImage.isQuote()).isFalse();
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo(
          "/api/v1/livechat/message/Lw8qGfT2kZsE5yNcD?token=8s7e9ony6ctl27e1qf8kue&rid=kCJDd5peKiZnGJLPq");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void getMessageNeverPrintsTheTokenOfTheMessage() throws Exception {
      server.enqueue(Fixtures.ok("messages/get.json"));

      Message message = client.getMessage("8s7e9ony6ctl27e1qf8kue", "mmqCzYgiL8fzRYfuY", "AgRFdj96mbHDPrTHq");

      assertThat(message.toString()).doesNotContain("8s7e9ony6ctl27e1qf8kue").contains("token=***");
    }

    @Test
    void getMessageOfAnUnknownMessageThrowsInvalidMessageWithoutPrintingTheToken() throws Exception {
      server.enqueue(Fixtures.answer(400, "messages/get-error-invalid-message-current-server.json"));

      assertThatThrownBy(() -> client.getMessage(SECRET, "mmqCzYgiL8fzRYfuY", "AgRFdj96mbHDPrTHq"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-message");
            assertThat(e.endpoint()).isEqualTo("GET /api/v1/livechat/message/:_id");
            assertThat(e).hasMessage("HTTP 400 invalid-message (GET /api/v1/livechat/message/:_id)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      assertThat(taken().getTarget())
          .isEqualTo("/api/v1/livechat/message/AgRFdj96mbHDPrTHq?token=" + SECRET + "&rid=mmqCzYgiL8fzRYfuY");
    }

    @Test
    void getMessageWithAnUnknownTokenThrowsInvalidTokenWithoutPrintingIt() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-token-reason-without-type.json"));

      assertThatThrownBy(() -> client.getMessage(SECRET, "mmqCzYgiL8fzRYfuY", "AgRFdj96mbHDPrTHq"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("invalid-token");
            assertThat(e).hasMessage("HTTP 400 invalid-token: Invalid token (GET /api/v1/livechat/message/:_id)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }

  @Nested
  class RequestTranscript {
    @Test
    void requestTranscriptPostsTokenRidAndEmailAndReturnsTheConfirmation() throws Exception {
      server.enqueue(Fixtures.ok("transcript/request.json"));

      String confirmation = client.requestTranscript("iNKE8a6k6cjbqWhWd", "XFzMqgn33DcsQkpJp", "visitor@rocket.chat");

      assertThat(confirmation).isEqualTo("Livechat transcript sent");
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/transcript");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo(
          "{\"token\":\"iNKE8a6k6cjbqWhWd\",\"rid\":\"XFzMqgn33DcsQkpJp\",\"email\":\"visitor@rocket.chat\"}");
      assertSameJson(body(request), Fixtures.read("transcript/request-request.json"));
    }

    @Test
    void requestTranscriptRefusedByTypedValidationThrowsInvalidParams() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-params-typed.json"));

      assertThatThrownBy(() -> client.requestTranscript(SECRET, "XFzMqgn33DcsQkpJp", "visitor@rocket.chat"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-params");
            assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/transcript");
            assertThat(e).hasMessage("HTTP 400 invalid-params: must have required property 'token'"
                + " (POST /api/v1/livechat/transcript)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }

    @Test
    void requestTranscriptThatCouldNotBeSentThrowsTheServersMessageText() throws Exception {
      // Reference §1 row 21: the failure text travels in "message", not "error".
      server.enqueue(Fixtures.answer(400, "transcript/request-error-not-sent-current-server.json"));

      assertThatThrownBy(() -> client.requestTranscript(SECRET, "XFzMqgn33DcsQkpJp", "visitor@rocket.chat"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("Error sending livechat transcript");
            assertThat(e.serverText()).isEqualTo("Error sending livechat transcript");
            assertThat(e).hasMessage("HTTP 400 Error sending livechat transcript (POST /api/v1/livechat/transcript)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }

  @Nested
  class SetCustomField {
    @Test
    void setCustomFieldPostsTokenKeyValueAndBooleanOverwriteAndReadsTheField() throws Exception {
      server.enqueue(Fixtures.ok("customfields/set.json"));

      CustomField field = client.setCustomField("iNKE8a6k6cjbqWhWd", "address", "Rocket.Chat Avenue", true);

      assertThat(field).isEqualTo(new CustomField("address", "Rocket.Chat Avenue", true));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/custom.field");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo(
          "{\"token\":\"iNKE8a6k6cjbqWhWd\",\"key\":\"address\",\"value\":\"Rocket.Chat Avenue\",\"overwrite\":true}");
      assertSameJson(body(request), Fixtures.read("customfields/set-request.json"));
    }

    @Test
    void setCustomFieldThatKeepsAnExistingValueSendsOverwriteFalse() throws Exception {
      server.enqueue(Fixtures.ok("customfields/set.json"));

      client.setCustomField("iNKE8a6k6cjbqWhWd", "address", "Rocket.Chat Avenue", false);

      assertThat(body(taken())).isEqualTo(
          "{\"token\":\"iNKE8a6k6cjbqWhWd\",\"key\":\"address\",\"value\":\"Rocket.Chat Avenue\",\"overwrite\":false}");
    }

    @Test
    void setCustomFieldWithAnEmptyValueSendsIt() throws Exception {
      server.enqueue(Fixtures.ok("customfields/set.json"));

      client.setCustomField("tok", "address", "", true);

      assertThat(body(taken())).isEqualTo("{\"token\":\"tok\",\"key\":\"address\",\"value\":\"\",\"overwrite\":true}");
    }

    @Test
    void setCustomFieldRefusedForValidationThrowsInvalidParams() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-params-legacy.json"));

      assertThatThrownBy(() -> client.setCustomField(SECRET, "address", "Rocket.Chat Avenue", true))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-params");
            assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/custom.field");
            assertThat(e).hasMessage("HTTP 400 invalid-params: must have required property 'token'"
                + " (POST /api/v1/livechat/custom.field)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }

  @Nested
  class SetCustomFields {
    @Test
    void setCustomFieldsPostsTokenAndFieldsAndReadsTheCapitalKeyAnswer() throws Exception {
      server.enqueue(Fixtures.ok("customfields/set-many.json"));

      List<CustomField> fields = client.setCustomFields(
          "iNKE8a6k6cjbqWhWd", List.of(new CustomField("address", "Rocket.Chat Avenue", true)));

      assertThat(fields).containsExactly(new CustomField("address", "Rocket.Chat Avenue", true));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/custom.fields");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo("{\"token\":\"iNKE8a6k6cjbqWhWd\",\"customFields\":"
          + "[{\"key\":\"address\",\"value\":\"Rocket.Chat Avenue\",\"overwrite\":true}]}");
      assertSameJson(body(request), Fixtures.read("customfields/set-many-request.json"));
    }

    @Test
    void setCustomFieldsSendsEveryFieldInOrder() throws Exception {
      server.enqueue(Fixtures.ok("customfields/set-many.json"));

      client.setCustomFields("tok", List.of(CustomField.of("address", "Avenue 1"), new CustomField("plan", "pro", false)));

      assertThat(body(taken())).isEqualTo("{\"token\":\"tok\",\"customFields\":["
          + "{\"key\":\"address\",\"value\":\"Avenue 1\",\"overwrite\":true},"
          + "{\"key\":\"plan\",\"value\":\"pro\",\"overwrite\":false}]}");
    }

    @Test
    void setCustomFieldsWithAnUnknownTokenThrowsInvalidTokenWithoutPrintingIt() throws Exception {
      server.enqueue(Fixtures.answer(400, "customfields/set-many-error-invalid-token-current-server.json"));

      assertThatThrownBy(() -> client.setCustomFields(SECRET, List.of(CustomField.of("address", "Avenue 1"))))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-token");
            assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/custom.fields");
            assertThat(e).hasMessage("HTTP 400 invalid-token (POST /api/v1/livechat/custom.fields)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }
}
