package dev.livechat.client;

import static dev.livechat.client.Fixtures.assertSameJson;
import static dev.livechat.client.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.DeletedVisitor;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.Visitor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The four visitor endpoints (reference §1 rows 2-5) against the documented examples of §5, and
 * {@link VisitorToken#random()}.
 */
class VisitorsTest extends ClientTestBase {


  /** The visitor of visitors/register.json and visitors/get.json. */
  static final String STORED_TOKEN = "test-token-12345";

  @Nested
  class RegisterVisitor {
    /** The documented request, visitors/register-request.json, built through the public API. */
    NewVisitor documented() {
      return NewVisitor.of("iNKE8a6k6cjbqWhWd")
          .withName("Livechat Visitor")
          .withEmail("visitor@rocket.chat")
          .withDepartment("Support")
          .withPhone("55 51 5555-5555")
          .withCustomField(new CustomField("address", "Rocket.Chat street", true));
    }

    @Test
    void registerVisitorPostsTheVisitorObjectAndReadsTheDocumentedAnswer() throws Exception {
      server.enqueue(Fixtures.ok("visitors/register.json"));

      Visitor visitor = client.registerVisitor(documented());

      assertThat(visitor).isEqualTo(new Visitor(
          "6a22b1765528fa64dd29de70", STORED_TOKEN, "guest-10", "Postman Test Visitor", "online", null,
          List.of("+15551234567"), List.of("postman-test@example.com"), Map.of(),
          Instant.parse("2026-06-05T11:22:30.664Z"), Instant.parse("2026-06-05T11:22:30.665Z")));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/visitor");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo("{\"visitor\":{\"token\":\"iNKE8a6k6cjbqWhWd\",\"name\":\"Livechat Visitor\","
          + "\"email\":\"visitor@rocket.chat\",\"department\":\"Support\",\"phone\":\"55 51 5555-5555\","
          + "\"customFields\":[{\"key\":\"address\",\"value\":\"Rocket.Chat street\",\"overwrite\":true}]}}");
      assertSameJson(body(request), Fixtures.read("visitors/register-request.json"));
    }

    @Test
    void registerVisitorWithOnlyATokenSendsNoOtherKeys() throws Exception {
      server.enqueue(Fixtures.ok("visitors/register.json"));

      client.registerVisitor(NewVisitor.of("iNKE8a6k6cjbqWhWd"));

      assertThat(body(taken())).isEqualTo("{\"visitor\":{\"token\":\"iNKE8a6k6cjbqWhWd\"}}");
    }

    @Test
    void registerVisitorSendsUsernameAndAFieldThatKeepsTheOldValue() throws Exception {
      server.enqueue(Fixtures.ok("visitors/register.json"));

      client.registerVisitor(NewVisitor.of("tok")
          .withUsername("ada")
          .withCustomField(new CustomField("plan", "pro", false)));

      assertThat(body(taken())).isEqualTo("{\"visitor\":{\"token\":\"tok\",\"username\":\"ada\","
          + "\"customFields\":[{\"key\":\"plan\",\"value\":\"pro\",\"overwrite\":false}]}}");
    }

    @Test
    void registerVisitorWithARandomTokenSendsThatToken() throws Exception {
      server.enqueue(Fixtures.ok("visitors/register.json"));
      String token = VisitorToken.random();

      client.registerVisitor(NewVisitor.of(token));

      assertThat(body(taken())).isEqualTo("{\"visitor\":{\"token\":\"" + token + "\"}}");
    }

    @Test
    void registeredVisitorNeverPrintsItsToken() throws Exception {
      server.enqueue(Fixtures.ok("visitors/register.json"));

      Visitor visitor = client.registerVisitor(documented());

      assertThat(visitor.toString()).doesNotContain(STORED_TOKEN).contains("token=***");
      assertThat(documented().toString()).doesNotContain("iNKE8a6k6cjbqWhWd");
    }

    @Test
    void registerVisitorRefusedWithAMatchErrorThrowsItsSentenceAsTheCode() throws Exception {
      server.enqueue(Fixtures.answer(400, "visitors/register-error-match.json"));

      assertThatThrownBy(() -> client.registerVisitor(documented()))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("Match error: Missing key 'token' in field visitor");
            assertThat(e.serverText()).isEqualTo("Match error: Missing key 'token' in field visitor");
            assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/visitor");
            assertThat(e).hasMessage(
                "HTTP 400 Match error: Missing key 'token' in field visitor (POST /api/v1/livechat/visitor)");
            assertThat(e.getMessage()).doesNotContain("iNKE8a6k6cjbqWhWd");
          });
      taken();
    }
  }

  @Nested
  class GetVisitor {
    @Test
    void getVisitorPutsTheTokenInThePathAndReadsTheDocumentedAnswer() throws Exception {
      server.enqueue(Fixtures.ok("visitors/get.json"));

      Visitor visitor = client.getVisitor(STORED_TOKEN);

      assertThat(visitor).isEqualTo(new Visitor(
          "6a22b1765528fa64dd29de70", STORED_TOKEN, "guest-10", "Postman Test Visitor", null, null,
          List.of("+15551234567"), List.of("postman-test@example.com"), Map.of(),
          null, Instant.parse("2026-06-05T11:22:30.665Z")));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/visitor/test-token-12345");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void getVisitorReadsLivechatDataAsCustomFieldsAndDepartment() throws Exception {
      server.enqueue(Fixtures.ok("visitors/get-livechat-data-current-server.json"));

      Visitor visitor = client.getVisitor(STORED_TOKEN);

      assertThat(visitor.department()).isEqualTo("68304887113ac52640bc1ca6");
      assertThat(visitor.status()).isEqualTo("away");
      assertThat(visitor.customFields()).isEqualTo(Map.of("address", "Rocket.Chat Avenue", "age", "42"));
      assertThat(visitor.emails()).containsExactly("ada@example.com", "ada@work.example.com");
      assertThat(visitor.phones()).isEmpty();
    }

    @Test
    void getVisitorReadsAPhoneThatIsNullAsNoPhones() throws Exception {
      server.enqueue(Fixtures.ok("visitors/get-phone-null-core-typings.json"));

      Visitor visitor = client.getVisitor(STORED_TOKEN);

      assertThat(visitor).isEqualTo(new Visitor(
          "6a22b1765528fa64dd29de70", STORED_TOKEN, "guest-10", "Postman Test Visitor", null, null,
          List.of(), List.of("postman-test@example.com"), Map.of(),
          null, Instant.parse("2026-06-05T11:22:30.665Z")));
    }

    @Test
    void getVisitorEncodesATokenThatIsNotAPlainWordAsOneSegment() throws Exception {
      server.enqueue(Fixtures.ok("visitors/get.json"));

      client.getVisitor("a/b?c");

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/visitor/a%2Fb%3Fc");
    }

    @Test
    void getVisitorRefusedForAnUnknownTokenThrowsInvalidTokenWithoutPrintingIt() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-token-reason.json"));

      assertThatThrownBy(() -> client.getVisitor("SECRET-TOKEN-123"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-token");
            assertThat(e.endpoint()).isEqualTo("GET /api/v1/livechat/visitor/:token");
            assertThat(e).hasMessage("HTTP 400 invalid-token: Invalid token (GET /api/v1/livechat/visitor/:token)");
            assertThat(e.getMessage()).doesNotContain("SECRET-TOKEN-123");
          });
      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/visitor/SECRET-TOKEN-123");
    }

    @Test
    void getVisitorRefusedByAnOlderServerWithTheBracketedCodeThrowsInvalidToken() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-token-bracketed.json"));

      assertThatThrownBy(() -> client.getVisitor("SECRET-TOKEN-123"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("invalid-token");
            assertThat(e).hasMessage("HTTP 400 invalid-token (GET /api/v1/livechat/visitor/:token)");
          });
      taken();
    }
  }

  @Nested
  class DeleteVisitor {
    @Test
    void deleteVisitorSendsDeleteWithoutBodyAndReadsTheReceipt() throws Exception {
      server.enqueue(Fixtures.ok("visitors/delete.json"));

      DeletedVisitor deleted = client.deleteVisitor("8s7e9ony6ctl27e1qf8kue");

      assertThat(deleted).isEqualTo(new DeletedVisitor("47Dajwh9DjpnTAugW", Instant.parse("2021-07-18T13:28:38.962Z")));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("DELETE");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/visitor/8s7e9ony6ctl27e1qf8kue");
      assertThat(request.getBodySize()).isZero();
      assertThat(body(request)).isEmpty();
      assertThat(request.getHeaders().get("Content-Type")).isNull();
    }

    @Test
    void deleteVisitorWithOpenRoomsThrowsVisitorHasOpenRoomsWithoutPrintingTheToken() throws Exception {
      server.enqueue(Fixtures.answer(400, "visitors/delete-error-open-rooms-current-server.json"));

      assertThatThrownBy(() -> client.deleteVisitor("SECRET-TOKEN-123"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("visitor-has-open-rooms");
            assertThat(e.serverText()).isEqualTo("Cannot remove visitors with opened rooms [visitor-has-open-rooms]");
            assertThat(e).hasMessage("HTTP 400 visitor-has-open-rooms: Cannot remove visitors with opened rooms"
                + " (DELETE /api/v1/livechat/visitor/:token)");
            assertThat(e.getMessage()).doesNotContain("SECRET-TOKEN-123");
          });
      taken();
    }
  }

  @Nested
  class SetVisitorStatus {
    @Test
    void setVisitorStatusPostsTokenAndStatusAndReturnsTheRecordedStatus() throws Exception {
      server.enqueue(Fixtures.ok("visitors/status.json"));

      String status = client.setVisitorStatus("54fc5544030bcecda0533", "busy");

      assertThat(status).isEqualTo("busy");
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/visitor.status");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo("{\"token\":\"54fc5544030bcecda0533\",\"status\":\"busy\"}");
      assertSameJson(body(request), Fixtures.read("visitors/status-request.json"));
    }

    @Test
    void setVisitorStatusRefusedForValidationThrowsInvalidParamsWithoutPrintingTheToken() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-params-legacy.json"));

      assertThatThrownBy(() -> client.setVisitorStatus("SECRET-TOKEN-123", "busy"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-params");
            assertThat(e).hasMessage("HTTP 400 invalid-params: must have required property 'token'"
                + " (POST /api/v1/livechat/visitor.status)");
            assertThat(e.getMessage()).doesNotContain("SECRET-TOKEN-123");
          });
      taken();
    }
  }

  @Nested
  class RandomVisitorToken {
    @Test
    void randomTokenIs64LowercaseHexCharacters() {
      assertThat(VisitorToken.random()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void twoRandomTokensDiffer() {
      assertThat(VisitorToken.random()).isNotEqualTo(VisitorToken.random());
    }
  }
}
