package dev.livechat.client.contract;

import static dev.livechat.client.contract.KnownSpecMistake.EXAMPLES_SAY_LS_FOR_TS;
import static dev.livechat.client.contract.KnownSpecMistake.OFFLINE_MESSAGE_REQUIRES_DEPARTMENT_AND_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.model.AgentRef;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The six message endpoints, and the paged walk over the history, against the official OpenAPI
 * file: each request the SDK builds must match the file (no {@code sl-violations} but the {@link
 * KnownSpecMistake}s), and the SDK must read the file's example answer into its records.
 */
class MessagesContractIT extends ContractTestBase {
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  private static final String RID = "zRAeTszXor8CCPceB";
  private static final String MESSAGE_ID = "ZKWP8LfGnRHQ3ozWa";

  @Test
  void sendMessageMatchesTheFile() {
    Message message = client.sendMessage(TOKEN, RID, "Hello World!");

    assertThat(assertNoViolations()).isEmpty();
    assertReadsTheExample(message, lastExchange(), "message", "ts");
    assertThat(message.roomId()).isEqualTo(lastExchange().string("message", "rid"));
  }

  @Test
  void sendMessageWithIdAndAgentMatchesTheFile() {
    Message message = client.sendMessage(SendMessageRequest.of(TOKEN, RID, "Hello World!")
        .withId("abcdje928390")
        .withAgent(new AgentRef("CkCPNcvsvCDfmWLqC", "kim.jane")));

    assertThat(assertNoViolations()).isEmpty();
    assertThat(lastExchange().requestBody()).contains("\"_id\":\"abcdje928390\"", "\"agent\":{");
    assertReadsTheExample(message, lastExchange(), "message", "ts");
  }

  @Test
  void getMessageMatchesTheFile() {
    Message message = client.getMessage(TOKEN, RID, MESSAGE_ID);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().encodedPath()).isEqualTo("/api/v1/livechat/message/" + MESSAGE_ID);
    assertThat(exchange.url().queryParameter("token")).isEqualTo(TOKEN);
    assertThat(exchange.url().queryParameter("rid")).isEqualTo(RID);
    assertReadsTheExample(message, exchange, "message", "ts");
    assertThat(message.roomId()).isEqualTo(exchange.string("message", "rid"));
  }

  @Test
  void updateMessageMatchesTheFile() {
    Message message = client.updateMessage(TOKEN, RID, MESSAGE_ID, "editing livechat message..");

    assertThat(assertNoViolations()).isEmpty();
    assertStillObserved(EXAMPLES_SAY_LS_FOR_TS);
    assertReadsTheExample(message, lastExchange(), "message", "ls");
  }

  @Test
  void deleteMessageMatchesTheFile() {
    DeletedMessage deleted = client.deleteMessage(TOKEN, RID, MESSAGE_ID);

    assertThat(assertNoViolations()).isEmpty();
    assertStillObserved(EXAMPLES_SAY_LS_FOR_TS);
    Exchange exchange = lastExchange();
    assertThat(deleted.id()).isNotNull().isEqualTo(exchange.string("message", "_id"));
    assertThat(deleted.timestamp()).isEqualTo(Instant.parse(exchange.string("message", "ls")));
  }

  @Test
  void loadHistoryMatchesTheFile() {
    MessageHistory history = client.loadHistory(TOKEN, RID);

    assertThat(assertNoViolations()).isEmpty();
    assertStillObserved(EXAMPLES_SAY_LS_FOR_TS);
    assertReadsTheHistoryExample(history, lastExchange());
  }

  @Test
  void loadHistoryWithQueryMatchesTheFile() {
    MessageHistory history = client.loadHistory(TOKEN, RID, HistoryQuery.latest(25)
        .before(Instant.parse("2018-09-14T14:31:33.201Z"))
        .lastSeen(Instant.parse("2018-09-14T13:31:33.201Z")));

    assertThat(assertNoViolations()).isEmpty();
    assertThat(lastExchange().url().queryParameterNames()).contains("token", "ls", "end", "limit");
    assertStillObserved(EXAMPLES_SAY_LS_FOR_TS);
    assertReadsTheHistoryExample(history, lastExchange());
  }

  @Test
  void loadHistoryWithOffsetMatchesTheFile() {
    MessageHistory history = client.loadHistory(TOKEN, RID, HistoryQuery.latest(25).withOffset(50));

    // The file declares no `offset` for the history (the server's schema accepts it and the route
    // passes it on as the query's skip, MessagesTest). Prism does not report undeclared query
    // parameters, so the path, the declared parameters and the answer are checked here; the
    // parameter itself is checked by the assertion below.
    assertThat(assertNoViolations()).isEmpty();
    assertThat(lastExchange().url().queryParameter("offset")).isEqualTo("50");
    assertThat(lastExchange().url().queryParameter("limit")).isEqualTo("25");
    assertStillObserved(EXAMPLES_SAY_LS_FOR_TS);
    assertReadsTheHistoryExample(history, lastExchange());
  }

  @Test
  void streamHistoryMatchesTheFileOnEveryPage() {
    // Prism answers every page with the same one-message example, so the walk takes three
    // requests: the first page, the page before its timestamp (+1 ms, end is exclusive) that only
    // repeats it, and that page again at twice the size, which is not full and ends the walk.
    List<Message> all = client.streamHistory(TOKEN, RID, 1).toList();

    assertThat(assertNoViolations()).isEmpty();
    assertStillObserved(EXAMPLES_SAY_LS_FOR_TS);
    List<Exchange> pages = exchanges();
    assertThat(pages).hasSize(3);
    Exchange first = pages.get(0);
    String ls = first.string("messages", 0, "ls");
    assertThat(first.url().queryParameter("limit")).isEqualTo("1");
    assertThat(first.url().queryParameter("end")).isNull();
    String end = Instant.parse(ls).plusMillis(1).toString();
    assertThat(pages.get(1).url().queryParameter("end")).isEqualTo(end);
    assertThat(pages.get(1).url().queryParameter("limit")).isEqualTo("1");
    assertThat(pages.get(2).url().queryParameter("end")).isEqualTo(end);
    assertThat(pages.get(2).url().queryParameter("limit")).isEqualTo("2");
    assertThat(all).hasSize(1);
    assertThat(all.get(0).id()).isEqualTo(first.string("messages", 0, "_id"));
    assertThat(all.get(0).timestamp()).isEqualTo(Instant.parse(ls));
  }

  @Test
  void offlineMessageWithDepartmentAndHostMatchesTheFile() {
    OfflineMessageResult result = client.sendOfflineMessage(
        OfflineMessage.of("Livechat Visitor", "visitor@rocket.chat", "I need help")
            .withDepartment("Support")
            .withHost("https://example.com/contact"));

    assertThat(assertNoViolations()).isEmpty();
    assertThat(result.message()).isNotNull().isEqualTo(lastExchange().string("message"));
  }

  @Test
  void offlineMessageWithoutDepartmentAndHostIsRefusedOnlyForTheKnownMistake() {
    Throwable thrown = catchThrowable(() -> client.sendOfflineMessage(
        OfflineMessage.of("Livechat Visitor", "visitor@rocket.chat", "I need help")));

    assertThat(assertNoViolations()).containsExactly(OFFLINE_MESSAGE_REQUIRES_DEPARTMENT_AND_HOST);
    assertStillObserved(OFFLINE_MESSAGE_REQUIRES_DEPARTMENT_AND_HOST);
    // What the known mistake does: Prism answers with the operation's 400 example.
    assertThat(thrown).isInstanceOfSatisfying(LivechatApiException.class,
        e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  /** The SDK's message holds what the example at {@code key} says; the timestamp is {@code tsName}. */
  private static void assertReadsTheExample(Message message, Exchange exchange, String key, String tsName) {
    assertThat(message.id()).isNotNull().isEqualTo(exchange.string(key, "_id"));
    assertThat(message.text()).isEqualTo(exchange.string(key, "msg"));
    assertThat(message.timestamp()).isEqualTo(Instant.parse(exchange.string(key, tsName)));
    assertThat(message.user()).isNotNull();
    assertThat(message.user().id()).isEqualTo(exchange.string(key, "u", "_id"));
    assertThat(message.user().username()).isEqualTo(exchange.string(key, "u", "username"));
  }

  private static void assertReadsTheHistoryExample(MessageHistory history, Exchange exchange) {
    assertThat(exchange.at("messages")).isInstanceOf(List.class);
    assertThat(history.messages()).isNotEmpty().hasSameSizeAs((List<?>) exchange.at("messages"));
    Message first = history.messages().get(0);
    assertThat(first.id()).isNotNull().isEqualTo(exchange.string("messages", 0, "_id"));
    assertThat(first.roomId()).isEqualTo(exchange.string("messages", 0, "rid"));
    assertThat(first.timestamp()).isEqualTo(Instant.parse(exchange.string("messages", 0, "ls")));
    assertThat(first.editedAt()).isEqualTo(Instant.parse(exchange.string("messages", 0, "editedAt")));
    assertThat(first.editedBy()).isNotNull();
    assertThat(first.editedBy().username()).isEqualTo(exchange.string("messages", 0, "editedBy", "username"));
  }
}
