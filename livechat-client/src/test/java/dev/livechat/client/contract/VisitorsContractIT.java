package dev.livechat.client.contract;

import static dev.livechat.client.contract.KnownSpecMistake.NO_PATH_MATCHED;
import static dev.livechat.client.contract.KnownSpecMistake.VISITOR_STATUS_PATH_IS_A_TYPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.DeletedVisitor;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.Visitor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The visitor endpoints against the official OpenAPI file: register, fetch, delete and set the
 * status of a visitor. Each request the SDK builds must match the file (no {@code sl-violations}
 * but the {@link KnownSpecMistake}s), and the SDK must read the file's example answer.
 */
class VisitorsContractIT extends ContractTestBase {
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  private static final String STATUS_PATH = "/api/v1/livechat/visitor.status";
  private static final String FILE_STATUS_PATH = "/api/v1/livechat/visitors.status";

  @Test
  void registerVisitorWithEveryFieldMatchesTheFile() {
    Visitor visitor = client.registerVisitor(NewVisitor.of(TOKEN)
        .withName("Livechat Visitor")
        .withEmail("visitor@rocket.chat")
        .withDepartment("Support")
        .withPhone("55 51 5555-5555")
        .withUsername("livechat.visitor")
        .withCustomField(new CustomField("address", "Rocket.Chat street", true))
        .withCustomField(new CustomField("plan", "gold", false)));

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.requestBody()).contains(
        "\"visitor\":{", "\"token\":\"" + TOKEN + "\"", "\"name\":\"Livechat Visitor\"",
        "\"email\":\"visitor@rocket.chat\"", "\"department\":\"Support\"",
        "\"phone\":\"55 51 5555-5555\"", "\"username\":\"livechat.visitor\"",
        "\"customFields\":[{\"key\":\"address\",\"value\":\"Rocket.Chat street\",\"overwrite\":true},"
            + "{\"key\":\"plan\",\"value\":\"gold\",\"overwrite\":false}]");
    assertReadsTheVisitorExample(visitor, exchange);
    assertThat(visitor.status()).isNotNull().isEqualTo(exchange.string("visitor", "status"));
    assertThat(visitor.timestamp()).isEqualTo(Instant.parse(exchange.string("visitor", "ts")));
  }

  @Test
  void registerVisitorWithTokenOnlyMatchesTheFile() {
    Visitor visitor = client.registerVisitor(NewVisitor.of(TOKEN));

    assertThat(assertNoViolations()).isEmpty();
    assertThat(lastExchange().requestBody()).isEqualTo("{\"visitor\":{\"token\":\"" + TOKEN + "\"}}");
    assertReadsTheVisitorExample(visitor, lastExchange());
  }

  @Test
  void getVisitorMatchesTheFile() {
    Visitor visitor = client.getVisitor(TOKEN);

    assertThat(assertNoViolations()).isEmpty();
    assertThat(lastExchange().url().encodedPath()).isEqualTo("/api/v1/livechat/visitor/" + TOKEN);
    assertReadsTheVisitorExample(visitor, lastExchange());
  }

  @Test
  void deleteVisitorMatchesTheFile() {
    DeletedVisitor deleted = client.deleteVisitor(TOKEN);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.method()).isEqualTo("DELETE");
    assertThat(deleted.id()).isNotNull().isEqualTo(exchange.string("visitor", "_id"));
    assertThat(deleted.timestamp()).isEqualTo(Instant.parse(exchange.string("visitor", "ts")));
  }

  @Test
  void setVisitorStatusReachesNoOperationOnlyForTheKnownMistake() {
    Throwable thrown = catchThrowable(() -> client.setVisitorStatus(TOKEN, "busy"));

    assertThat(assertNoViolations()).isEmpty(); // a 404 carries no sl-violations: nothing was checked
    assertStillObserved(VISITOR_STATUS_PATH_IS_A_TYPO);
    Exchange exchange = lastExchange();
    assertThat(exchange.url().encodedPath()).isEqualTo(STATUS_PATH);
    // What the known mistake does: Prism has no such path and answers 404 NO_PATH_MATCHED_ERROR.
    assertThat(exchange.string("type")).isEqualTo(NO_PATH_MATCHED);
    assertThat(thrown).isInstanceOfSatisfying(LivechatApiException.class,
        e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void setVisitorStatusMatchesTheFileAtTheFilesPath() {
    String status = clientSendingTo(STATUS_PATH, FILE_STATUS_PATH).setVisitorStatus(TOKEN, "busy");

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().encodedPath()).isEqualTo(FILE_STATUS_PATH);
    assertThat(exchange.requestBody()).isEqualTo("{\"token\":\"" + TOKEN + "\",\"status\":\"busy\"}");
    assertThat(status).isNotNull().isEqualTo(exchange.string("status"));
  }

  /** The SDK's visitor holds what the example's {@code visitor} says. */
  private static void assertReadsTheVisitorExample(Visitor visitor, Exchange exchange) {
    assertThat(visitor.id()).isNotNull().isEqualTo(exchange.string("visitor", "_id"));
    assertThat(visitor.token()).isEqualTo(exchange.string("visitor", "token"));
    assertThat(visitor.username()).isEqualTo(exchange.string("visitor", "username"));
    assertThat(visitor.name()).isEqualTo(exchange.string("visitor", "name"));
    assertThat(visitor.phones()).containsExactly(exchange.string("visitor", "phone", 0, "phoneNumber"));
    assertThat(visitor.emails()).containsExactly(exchange.string("visitor", "visitorEmails", 0, "address"));
    assertThat(visitor.updatedAt()).isEqualTo(Instant.parse(exchange.string("visitor", "_updatedAt")));
    assertThat(exchange.at("visitor", "phone")).isInstanceOf(List.class);
  }
}
