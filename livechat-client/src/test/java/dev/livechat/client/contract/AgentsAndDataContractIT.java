package dev.livechat.client.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Agent;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.Department;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.RecordedPageVisit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The widget configuration, the agent endpoints and the visitor's data (visited pages, custom
 * fields) against the official OpenAPI file. Each request the SDK builds must match the file (no
 * {@code sl-violations} but the {@link KnownSpecMistake}s), and the SDK must read the file's example
 * answer where there is one.
 */
class AgentsAndDataContractIT extends ContractTestBase {
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  private static final String RID = "zRAeTszXor8CCPceB";
  private static final String DEPARTMENT = "652882d8a2f73c7460e18dc4";

  @Test
  void configMatchesTheFile() {
    LivechatConfig config = client.config();

    assertThat(assertNoViolations()).isEmpty();
    assertThat(lastExchange().url().encodedQuery()).isNull();
    assertReadsTheConfigExample(config, lastExchange());
  }

  @Test
  void configForVisitorAndDepartmentMatchesTheFile() {
    LivechatConfig config = client.config(TOKEN, DEPARTMENT);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().queryParameter("token")).isEqualTo(TOKEN);
    assertThat(exchange.url().queryParameter("department")).isEqualTo(DEPARTMENT);
    assertReadsTheConfigExample(config, exchange);
  }

  @Test
  void configForVisitorOnlyMatchesTheFile() {
    LivechatConfig config = client.config(TOKEN, null);

    assertThat(assertNoViolations()).isEmpty();
    assertThat(lastExchange().url().queryParameterNames()).containsExactly("token");
    assertReadsTheConfigExample(config, lastExchange());
  }

  @Test
  void agentInfoMatchesTheFile() {
    Agent agent = client.agentInfo(TOKEN, RID);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().encodedPath()).isEqualTo("/api/v1/livechat/agent.info/" + RID + "/" + TOKEN);
    assertReadsTheAgentExample(agent, exchange);
    assertThat(agent.status()).isNotNull().isEqualTo(exchange.string("agent", "status"));
  }

  @Test
  void nextAgentMatchesTheFile() {
    Optional<Agent> agent = client.nextAgent(TOKEN);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().encodedQuery()).isNull();
    assertThat(agent).isPresent();
    assertReadsTheAgentExample(agent.get(), exchange);
  }

  @Test
  void nextAgentOfDepartmentMatchesTheFile() {
    Optional<Agent> agent = client.nextAgent(TOKEN, DEPARTMENT);

    // The file declares no query parameter for agent.next (the server reads `department`,
    // reference §1 row 13). Prism does not report undeclared query parameters, so only the path
    // and the answer are checked here; the parameter itself is checked by the assertion below.
    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().queryParameter("department")).isEqualTo(DEPARTMENT);
    assertThat(agent).isPresent();
    assertReadsTheAgentExample(agent.get(), exchange);
  }

  @Test
  void sendPageVisitedMatchesTheFile() {
    RecordedPageVisit recorded =
        client.sendPageVisited(TOKEN, RID, PageVisit.of("https://example.com/pricing", "Pricing"));

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.requestBody()).isEqualTo("{\"token\":\"" + TOKEN + "\",\"rid\":\"" + RID
        + "\",\"pageInfo\":{\"change\":\"url\",\"title\":\"Pricing\","
        + "\"location\":{\"href\":\"https://example.com/pricing\"}}}");
    assertThat(exchange.status()).isEqualTo(200);
    assertThat(recorded).isNotNull();
    assertThat(recorded.text()).isNotNull().isEqualTo(exchange.string("page", "msg"));
    assertThat(recorded.href()).isNotNull()
        .isEqualTo(exchange.string("page", "navigation", "page", "location", "href"));
    assertThat(recorded.title()).isEqualTo(exchange.string("page", "navigation", "page", "title"));
    assertThat(recorded.change()).isEqualTo(exchange.string("page", "navigation", "page", "change"));
    // The example echoes a visitor token in navigation; the record keeps none.
    assertThat(exchange.string("page", "navigation", "token")).isNotNull();
    assertThat(recorded.toString()).doesNotContain(exchange.string("page", "navigation", "token"));
  }

  @Test
  void setCustomFieldMatchesTheFile() {
    CustomField field = client.setCustomField(TOKEN, "address", "Rocket.Chat Avenue", true);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.requestBody()).isEqualTo("{\"token\":\"" + TOKEN
        + "\",\"key\":\"address\",\"value\":\"Rocket.Chat Avenue\",\"overwrite\":true}");
    assertThat(field.key()).isEqualTo(exchange.string("field", "key"));
    assertThat(field.value()).isEqualTo(exchange.string("field", "value"));
    assertThat(field.overwrite()).isEqualTo(exchange.at("field", "overwrite"));
  }

  @Test
  void setCustomFieldWithoutOverwriteMatchesTheFile() {
    client.setCustomField(TOKEN, "plan", "gold", false);

    assertThat(assertNoViolations()).isEmpty();
    assertThat(lastExchange().requestBody()).isEqualTo("{\"token\":\"" + TOKEN
        + "\",\"key\":\"plan\",\"value\":\"gold\",\"overwrite\":false}");
  }

  @Test
  void setCustomFieldsMatchesTheFile() {
    List<CustomField> fields = client.setCustomFields(TOKEN, List.of(
        new CustomField("address", "Rocket.Chat Avenue", true),
        new CustomField("plan", "gold", false)));

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.requestBody()).isEqualTo("{\"token\":\"" + TOKEN + "\",\"customFields\":["
        + "{\"key\":\"address\",\"value\":\"Rocket.Chat Avenue\",\"overwrite\":true},"
        + "{\"key\":\"plan\",\"value\":\"gold\",\"overwrite\":false}]}");
    // The answer spells the key `Key`, as the server does (reference §1 row 23).
    assertThat(exchange.string("fields", 0, "Key")).isNotNull();
    assertThat(fields).hasSameSizeAs((List<?>) exchange.at("fields"));
    assertThat(fields.get(0).key()).isEqualTo(exchange.string("fields", 0, "Key"));
    assertThat(fields.get(0).value()).isEqualTo(exchange.string("fields", 0, "value"));
    assertThat(fields.get(0).overwrite()).isEqualTo(exchange.at("fields", 0, "overwrite"));
  }

  private static void assertReadsTheConfigExample(LivechatConfig config, Exchange exchange) {
    assertThat(config.enabled()).isEqualTo(exchange.at("config", "enabled"));
    assertThat(config.online()).isEqualTo(exchange.at("config", "online"));
    assertThat(config.settings()).isNotNull();
    assertThat(config.settings().registrationForm())
        .isEqualTo(exchange.at("config", "settings", "registrationForm"));
    assertThat(config.settings().fileUpload()).isEqualTo(exchange.at("config", "settings", "fileUpload"));
    assertThat(config.settings().historyMonitorType())
        .isEqualTo(exchange.string("config", "settings", "historyMonitorType"));
    // `false` means no character limit: read as none (this once threw NullPointerException).
    assertThat(exchange.at("config", "settings", "limitTextLength")).isEqualTo(false);
    assertThat(config.settings().limitTextLength()).isNull();
    assertThat(config.theme()).isNotNull();
    assertThat(config.theme().title()).isEqualTo(exchange.string("config", "theme", "title"));
    assertThat(config.theme().color()).isEqualTo(exchange.string("config", "theme", "color"));
    assertThat(config.messages()).isEqualTo(exchange.at("config", "messages"));
    assertThat(config.surveyItems()).isNotEmpty().isEqualTo(exchange.at("config", "survey", "items"));
    assertThat(config.surveyValues()).isNotEmpty().isEqualTo(exchange.at("config", "survey", "values"));
    List<?> departments = (List<?>) exchange.at("config", "departments");
    assertThat(config.departments()).isNotEmpty().hasSameSizeAs(departments);
    Department first = config.departments().get(0);
    assertThat(first.id()).isEqualTo(exchange.string("config", "departments", 0, "_id"));
    assertThat(first.name()).isEqualTo(exchange.string("config", "departments", 0, "name"));
    assertThat(config.guest()).isNotNull();
    assertThat(config.guest().id()).isEqualTo(exchange.string("config", "guest", "_id"));
    assertThat(config.guest().username()).isEqualTo(exchange.string("config", "guest", "username"));
    assertThat(config.room()).isNotNull();
    assertThat(config.room().id()).isEqualTo(exchange.string("config", "room", "_id"));
    assertThat(config.room().open()).isEqualTo(exchange.at("config", "room", "open"));
    assertThat(config.room().servedBy()).isNotNull();
    assertThat(config.room().servedBy().username())
        .isEqualTo(exchange.string("config", "room", "servedBy", "username"));
    assertThat(config.agent()).isNotNull();
    assertThat(config.agent().id()).isEqualTo(exchange.string("config", "agent", "_id"));
    assertThat(config.agent().emails()).containsExactly(exchange.string("config", "agent", "emails", 0, "address"));
    assertThat(exchange.at("config", "messages")).isInstanceOf(Map.class);
    // Only the Enterprise module sends customFields (ConfigTest reads them); the example has none.
    assertThat(exchange.at("config", "customFields")).isNull();
    assertThat(config.customFields()).isEmpty();
  }

  private static void assertReadsTheAgentExample(Agent agent, Exchange exchange) {
    assertThat(agent.hiddenInfo()).isFalse();
    assertThat(agent.id()).isNotNull().isEqualTo(exchange.string("agent", "_id"));
    assertThat(agent.username()).isEqualTo(exchange.string("agent", "username"));
    assertThat(agent.name()).isEqualTo(exchange.string("agent", "name"));
    assertThat(agent.emails()).containsExactly(exchange.string("agent", "emails", 0, "address"));
  }
}
