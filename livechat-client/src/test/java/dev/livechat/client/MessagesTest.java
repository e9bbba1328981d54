package dev.livechat.client;

import static dev.livechat.client.Fixtures.assertSameJson;
import static dev.livechat.client.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.model.AgentRef;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.User;
import java.time.Instant;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The five message endpoints: the documented 0.70 examples (fixtures without a suffix, verbatim
 * from the seed document), today's server ({@code -current-server}) and the OpenAPI examples
 * ({@code -openapi}).
 */
class MessagesTest extends ClientTestBase {


  /** The request body without the generated {@code _id}, to compare with a documented payload. */
  static String withoutId(String body, String id) {
    return body.replace(",\"_id\":\"" + id + "\"", "");
  }

  @Nested
  class SendMessage {
    @Test
    void sendMessagePostsTokenRidAndTextAndReadsTheDocumentedAnswer() throws Exception {
      server.enqueue(Fixtures.ok("messages/send.json"));

      SendMessageRequest sent = SendMessageRequest.of("iNKE8a6k6cjbqWhWd", "zRAeTszXor8CCPceB", "sending livechat message..");
      Message message = client.sendMessage(sent);

      assertThat(message).isEqualTo(new Message(
          "ZKWP8LfGnRHQ3ozWa", null, "sending livechat message..", null, null, null,
          new User("iNKE8a6k6cjbqWhWd", "guest-4", "Livechat Visitor"),
          Instant.parse("2018-09-14T13:31:33.201Z"), null, null, null));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(sent.id()).as("a generated message id").matches("[23456789A-HJ-NP-Za-km-z]{17}");
      assertThat(body(request)).isEqualTo("{\"token\":\"iNKE8a6k6cjbqWhWd\",\"rid\":\"zRAeTszXor8CCPceB\","
          + "\"msg\":\"sending livechat message..\",\"_id\":\"" + sent.id() + "\"}");
      assertSameJson(withoutId(body(request), sent.id()), Fixtures.read("messages/send-request.json"));
    }

    @Test
    void sendMessageWithAgentReadsTheFullMessageOfTodaysServer() throws Exception {
      server.enqueue(Fixtures.ok("messages/send-current-server.json"));

      SendMessageRequest sent = SendMessageRequest.of("54fc5544030bcecda053311cb6b", "hGFwSKA28nRKut3pD", "Hello World!")
          .withAgent(new AgentRef("CkCPNcvsvCDfmWLqC", "kim.jane"));
      Message message = client.sendMessage(sent);

      assertThat(message).isEqualTo(new Message(
          "djsajdkscks787", "hGFwSKA28nRKut3pD", "Hello World!", null,
          "54fc5544030bcecda053311cb6b98920bdf953f242c129d7b8065000b1f9b2e9", "Baek",
          new User("6523dc0ba2f73c7460e18d4d", "guest-35", "Baek"),
          Instant.parse("2023-10-31T13:14:29.804Z"), Instant.parse("2023-10-31T13:14:29.960Z"), null, null));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message");
      assertThat(body(request)).isEqualTo("{\"token\":\"54fc5544030bcecda053311cb6b\",\"rid\":\"hGFwSKA28nRKut3pD\","
          + "\"msg\":\"Hello World!\",\"_id\":\"" + sent.id() + "\","
          + "\"agent\":{\"agentId\":\"CkCPNcvsvCDfmWLqC\",\"username\":\"kim.jane\"}}");
      assertSameJson(withoutId(body(request), sent.id()), Fixtures.read("messages/send-request-with-agent.json"));
    }

    @Test
    void sendMessageWithClientChosenIdSendsItAsUnderscoreId() throws Exception {
      server.enqueue(Fixtures.ok("messages/send-current-server.json"));

      client.sendMessage(SendMessageRequest.of("tok", "room1", "hi").withId("djsajdkscks787"));

      assertThat(body(taken())).isEqualTo("{\"token\":\"tok\",\"rid\":\"room1\",\"msg\":\"hi\",\"_id\":\"djsajdkscks787\"}");
    }
  }

  @Nested
  class UpdateMessage {
    @Test
    void updateMessagePutsTokenRidAndTextToTheMessageAndReadsTheDocumentedAnswer() throws Exception {
      server.enqueue(Fixtures.ok("messages/update.json"));

      Message message = client.updateMessage(
          "iNKE8a6k6cjbqWhWd", "zRAeTszXor8CCPceB", "ZKWP8LfGnRHQ3ozWa", "editing a livechat message..");

      assertThat(message.id()).isEqualTo("ZKWP8LfGnRHQ3ozWa");
      assertThat(message.text()).isEqualTo("editing livechat message..");
      assertThat(message.user()).isEqualTo(new User("YgEoq2djbGdjjZnsL", "guest-4", "Livechat Visitor"));
      assertThat(message.timestamp()).isEqualTo(Instant.parse("2018-09-14T13:31:33.201Z"));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("PUT");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message/ZKWP8LfGnRHQ3ozWa");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo(
          "{\"token\":\"iNKE8a6k6cjbqWhWd\",\"rid\":\"zRAeTszXor8CCPceB\",\"msg\":\"editing a livechat message..\"}");
      assertSameJson(body(request), Fixtures.read("messages/update-request.json"));
    }

    @Test
    void updateMessageReadsEditedAtAndEditedByFromTodaysServer() throws Exception {
      server.enqueue(Fixtures.ok("messages/update-current-server.json"));

      Message message = client.updateMessage("54fc", "hGFwSKA28nRKut3pD", "djsajdkscks787", "Hello again!");

      assertThat(message.text()).isEqualTo("Hello again!");
      assertThat(message.roomId()).isEqualTo("hGFwSKA28nRKut3pD");
      assertThat(message.editedAt()).isEqualTo(Instant.parse("2023-10-31T13:15:02.118Z"));
      assertThat(message.editedBy()).isEqualTo(new User("6523dc0ba2f73c7460e18d4d", "guest-35", null));
      assertThat(message.updatedAt()).isEqualTo(Instant.parse("2023-10-31T13:15:02.120Z"));
      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/message/djsajdkscks787");
    }

    @Test
    void updateMessageReadsTheOpenApiExampleWhoseTimestampIsCalledLs() throws Exception {
      server.enqueue(Fixtures.ok("messages/update-openapi.json"));

      Message message = client.updateMessage(
          "54fc5544030bcecda053311cb6b9892", "hGFwSKA28nRKut3pD", "ZKWP8LfGnRHQ3ozWa", "editing livechat message..");

      assertThat(message.timestamp()).isEqualTo(Instant.parse("2018-09-14T13:31:33.201Z"));
      assertSameJson(body(taken()), Fixtures.read("messages/update-request-openapi.json"));
    }
  }

  @Nested
  class DeleteMessage {
    @Test
    void deleteMessageSendsTokenAndRidInAJsonBodyAndReadsTheDocumentedAnswer() throws Exception {
      server.enqueue(Fixtures.ok("messages/delete.json"));

      DeletedMessage deleted = client.deleteMessage("iNKE8a6k6cjbqWhWd", "zRAeTszXor8CCPceB", "ZKWP8LfGnRHQ3ozWa");

      assertThat(deleted).isEqualTo(new DeletedMessage("ZKWP8LfGnRHQ3ozWa", Instant.parse("2018-09-14T13:31:33.279Z")));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("DELETE");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message/ZKWP8LfGnRHQ3ozWa");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo("{\"token\":\"iNKE8a6k6cjbqWhWd\",\"rid\":\"zRAeTszXor8CCPceB\"}");
    }

    @Test
    void deleteMessageReadsTodaysServer() throws Exception {
      server.enqueue(Fixtures.ok("messages/delete-current-server.json"));

      DeletedMessage deleted = client.deleteMessage("54fc", "hGFwSKA28nRKut3pD", "djsajdkscks787");

      assertThat(deleted).isEqualTo(new DeletedMessage("djsajdkscks787", Instant.parse("2023-10-31T13:16:40.511Z")));
    }

    @Test
    void deleteMessageReadsTheOpenApiExampleWhoseTimestampIsCalledLs() throws Exception {
      server.enqueue(Fixtures.ok("messages/delete-openapi.json"));

      DeletedMessage deleted = client.deleteMessage("54fc5544030bcecda053311cb6b989", "hGFwSKA28nRKut3pD", "ZKWP8LfGnRHQ3ozWa");

      assertThat(deleted.timestamp()).isEqualTo(Instant.parse("2018-09-14T13:31:33.279Z"));
      assertSameJson(body(taken()), Fixtures.read("messages/delete-request-openapi.json"));
    }
  }

  @Nested
  class LoadHistory {
    @Test
    void loadHistorySendsTheTokenAsQueryAndReadsTheDocumentedAnswer() throws Exception {
      server.enqueue(Fixtures.ok("messages/history.json"));

      MessageHistory history = client.loadHistory("iNKE8a6k6cjbqWhWd", "KuACMJ5MpN6SfAFWg");

      assertThat(history.messages()).containsExactly(new Message(
          "ZKWP8LfGnRHQ3ozWa", "KuACMJ5MpN6SfAFWg", "editing livechat message..", null, "iNKE8a6k6cjbqWhWd",
          "Livechat Visitor", new User("YgEoq2djbGdjjZnsL", "guest-4", "Livechat Visitor"),
          Instant.parse("2018-09-14T13:31:33.201Z"), Instant.parse("2018-09-14T13:31:33.222Z"),
          Instant.parse("2018-09-14T13:31:33.219Z"), new User("YgEoq2djbGdjjZnsL", "guest-4", null)));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/messages.history/KuACMJ5MpN6SfAFWg?token=iNKE8a6k6cjbqWhWd");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void loadHistorySendsLsEndAndLimitAsIsoQueryParameters() throws Exception {
      server.enqueue(Fixtures.ok("messages/history-current-server.json"));

      client.loadHistory("tok", "kCJDd5peKiZnGJLPq", HistoryQuery.latest(50)
          .before(Instant.parse("2021-07-09T20:20:58.755Z"))
          .lastSeen(Instant.parse("2021-07-09T20:00:00Z")));

      RecordedRequest request = taken();
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/messages.history/kCJDd5peKiZnGJLPq"
          + "?token=tok&ls=2021-07-09T20%3A00%3A00Z&end=2021-07-09T20%3A20%3A58.755Z&limit=50");
      assertThat(request.getUrl().queryParameter("end")).isEqualTo("2021-07-09T20:20:58.755Z");
    }

    /**
     * {@code offset} is accepted by the query schema (RC packages/rest-typings/src/v1/omnichannel.ts,
     * {@code GETLivechatMessagesHistoryRidParamsSchema}), read by {@code getPaginationItems} (RC
     * apps/meteor/server/api/lib/getPaginationItems.ts) in the route (RC
     * apps/meteor/server/api/v1/omnichannel/message.ts) and passed to {@code loadMessageHistory},
     * which skips that many (RC apps/meteor/app/lib/server/functions/loadMessageHistory.ts, {@code
     * skip: offset}).
     */
    @Test
    void loadHistorySendsTheOffsetAfterTheLimit() throws Exception {
      server.enqueue(Fixtures.ok("messages/history-current-server.json"));

      MessageHistory history = client.loadHistory("tok", "kCJDd5peKiZnGJLPq", HistoryQuery.latest(20).withOffset(40));

      assertThat(history.messages()).extracting(Message::id)
          .containsExactly("SgrsSm3HNGrG5xTmk", "AgRFdj96mbHDPrTHq", "jT8r4YwcyJxAxbGXm");
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget())
          .isEqualTo("/api/v1/livechat/messages.history/kCJDd5peKiZnGJLPq?token=tok&limit=20&offset=40");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void historyQueryKeepsTheOffsetWhenOtherPartsChange() throws Exception {
      server.enqueue(Fixtures.ok("messages/history-current-server.json"));

      client.loadHistory("tok", "kCJDd5peKiZnGJLPq", HistoryQuery.defaults().withOffset(0)
          .withLimit(5).before(Instant.parse("2021-07-09T20:20:58.755Z")).lastSeen(Instant.EPOCH));

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/messages.history/kCJDd5peKiZnGJLPq"
          + "?token=tok&ls=1970-01-01T00%3A00%3A00Z&end=2021-07-09T20%3A20%3A58.755Z&limit=5&offset=0");
    }

    @Test
    void loadHistoryReadsTodaysServerNewestFirstWithSystemMessages() throws Exception {
      server.enqueue(Fixtures.ok("messages/history-current-server.json"));

      MessageHistory history = client.loadHistory("8s7e9ony6ctl27e1qf8kue", "kCJDd5peKiZnGJLPq");

      assertThat(history.messages()).extracting(Message::id)
          .containsExactly("SgrsSm3HNGrG5xTmk", "AgRFdj96mbHDPrTHq", "jT8r4YwcyJxAxbGXm");
      Message agentReply = history.messages().get(0);
      assertThat(agentReply.user()).isEqualTo(new User("XycfA5CetCPuEjqxw", "jane.doe", "Jane Doe"));
      assertThat(agentReply.token()).isNull();
      assertThat(agentReply.type()).isNull();
      Message started = history.messages().get(2);
      assertThat(started.type()).isEqualTo("livechat-started");
      assertThat(started.text()).isEmpty();
    }

    /**
     * A message carries every file in {@code files}: an agent's image (RC
     * apps/meteor/app/file-upload/server/methods/sendFileMessage.ts, parseFileIntoMessageAttachments:
     * {@code data.file = files[0]; data.files = files}, the thumbnail pushed with {@code typeGroup:
     * 'thumb'}) and a visitor's upload (RC
     * apps/meteor/app/livechat/server/methods/sendFileLivechatMessage.ts: {@code file} and {@code
     * files} of {@code _id, name, type}); history adds {@code fileUpload}, which is not read (RC
     * apps/meteor/app/utils/server/functions/normalizeMessageFileUpload.ts).
     */
    @Test
    void loadHistoryReadsEveryFileOfAMessage() throws Exception {
      server.enqueue(Fixtures.ok("messages/history-files-current-server.json"));

      MessageHistory history = client.loadHistory("8s7e9ony6ctl27e1qf8kue", "kCJDd5peKiZnGJLPq");

      FileInfo image = new FileInfo("67c6d2b6e1a2f94d3c0b7a11", "invoice.png", "image/png", 482133L, null);
      FileInfo thumbnail = new FileInfo("67c6d2b7e1a2f94d3c0b7a13", "thumb-invoice.png", "image/png", 31877L, "thumb");
      FileInfo receipt = new FileInfo("67c6d2a0e1a2f94d3c0b7a0e", "receipt.pdf", "application/pdf");
      assertThat(history.messages()).containsExactly(
          new Message("fzYkXJ4dMFq3TrcGu", "kCJDd5peKiZnGJLPq", "", null, null, null,
              new User("XycfA5CetCPuEjqxw", "jane.doe", "Jane Doe"),
              Instant.parse("2025-03-04T10:15:02.117Z"), Instant.parse("2025-03-04T10:15:02.241Z"), null, null,
              image, List.of(image, thumbnail),
              List.of(new Attachment("file", "invoice.png", "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png",
                  "Your invoice", "/file-upload/67c6d2b7e1a2f94d3c0b7a13/invoice.png", "image/png", 482133L))),
          new Message("Qm4kPbtD3w2dCiRxa", "kCJDd5peKiZnGJLPq", "", null, "8s7e9ony6ctl27e1qf8kue", "Mary",
              new User("47Dajwh9DjpnTAugW", "guest-165", "Mary"),
              Instant.parse("2025-03-04T10:14:40.902Z"), Instant.parse("2025-03-04T10:14:41.010Z"), null, null,
              receipt, List.of(receipt),
              List.of(new Attachment("file", "receipt.pdf", "/file-upload/67c6d2a0e1a2f94d3c0b7a0e/receipt.pdf",
                  null, null, null, null))));
      assertThat(history.messages().get(0).files()).filteredOn(FileInfo::isThumbnail).containsExactly(thumbnail);
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget())
          .isEqualTo("/api/v1/livechat/messages.history/kCJDd5peKiZnGJLPq?token=8s7e9ony6ctl27e1qf8kue");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void loadHistoryReadsDateObjectTimestamps() throws Exception {
      server.enqueue(Fixtures.ok("messages/history-date-objects.json"));

      MessageHistory history = client.loadHistory("8s7e9ony6ctl27e1qf8kue", "kCJDd5peKiZnGJLPq");

      Message edited = history.messages().get(1);
      assertThat(edited.timestamp()).isEqualTo(Instant.ofEpochMilli(1625861969422L));
      assertThat(edited.updatedAt()).isEqualTo(Instant.ofEpochMilli(1625861999530L));
      assertThat(edited.editedAt()).isEqualTo(Instant.ofEpochMilli(1625861999528L));
      assertThat(history.messages().get(0).timestamp()).isEqualTo(Instant.parse("2021-07-09T20:20:58.755Z"));
    }

    @Test
    void loadHistoryReadsTheOpenApiExampleWhoseTimestampIsCalledLs() throws Exception {
      server.enqueue(Fixtures.ok("messages/history-openapi.json"));

      MessageHistory history = client.loadHistory("iNKE8a6k6cjbqWhWd", "KuACMJ5MpN6SfAFWg");

      assertThat(history.messages()).singleElement()
          .extracting(Message::timestamp).isEqualTo(Instant.parse("2018-09-14T13:31:33.201Z"));
    }
  }

  @Nested
  class SendOfflineMessage {
    @Test
    void sendOfflineMessagePostsNameEmailAndMessageAndReadsTheDocumentedAnswer() throws Exception {
      server.enqueue(Fixtures.ok("messages/offline.json"));

      OfflineMessageResult result = client.sendOfflineMessage(
          OfflineMessage.of("Livechat Visitor", "visitor@pimenta.chat", "I need help"));

      assertThat(result).isEqualTo(new OfflineMessageResult("Livechat offline message sent"));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/offline.message");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo(
          "{\"name\":\"Livechat Visitor\",\"email\":\"visitor@pimenta.chat\",\"message\":\"I need help\"}");
      assertSameJson(body(request), Fixtures.read("messages/offline-request.json"));
    }

    @Test
    void sendOfflineMessageSendsDepartmentAndHostWhenGiven() throws Exception {
      server.enqueue(Fixtures.ok("messages/offline-openapi.json"));

      client.sendOfflineMessage(OfflineMessage.of("Livechat Visitor", "visitor@rocket.chat", "I need help")
          .withDepartment("Support")
          .withHost("null"));

      assertSameJson(body(taken()), Fixtures.read("messages/offline-request-openapi.json"));
    }

    @Test
    void sendOfflineMessageRefusedForValidationThrowsInvalidParams() throws Exception {
      server.enqueue(Fixtures.answer(400, "messages/offline-error-invalid-params.json"));

      assertThatThrownBy(() -> client.sendOfflineMessage(OfflineMessage.of("n", "e@x.org", "m")))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-params");
            assertThat(e.serverText()).isEqualTo("must have required property 'name' [invalid-params]");
            assertThat(e).hasMessage("HTTP 400 invalid-params: must have required property 'name'"
                + " (POST /api/v1/livechat/offline.message)");
          });
      taken();
    }
  }
}
