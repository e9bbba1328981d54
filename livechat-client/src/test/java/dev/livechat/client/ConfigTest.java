package dev.livechat.client;

import static dev.livechat.client.BadInputTest.IAE_BLANK;
import static dev.livechat.client.BadInputTest.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.livechat.client.BadInputTest.Call;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.CustomFieldDefinition;
import dev.livechat.client.model.Department;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.LivechatSettings;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.Theme;
import dev.livechat.client.model.Trigger;
import dev.livechat.client.model.TriggerAction;
import dev.livechat.client.model.TriggerCondition;
import dev.livechat.client.model.Visitor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The widget configuration (reference §1 row 1): the documented example (fixtures without a
 * suffix, verbatim from §5), today's server with a trigger ({@code -current-server}) and a server
 * with Livechat switched off.
 */
class ConfigTest extends ClientTestBase {
  private static final String SECRET = "SECRET-TOKEN-123";
  /** Why every test reading config/config.json is disabled. */

  /** The config of config/config.json. */
  static final LivechatConfig DOCUMENTED = new LivechatConfig(
      true,
      true,
      new LivechatSettings(true, true, true, false, true, true, false, false, "", "url", false, true, false,
          false, null, null, List.of()),
      new Theme("Rocket.Chat", "#C1272D", "Leave a message", "#666666"),
      Map.of("offlineMessage", "", "offlineSuccessMessage", "", "offlineUnavailableMessage", "",
          "conversationFinishedMessage", "", "transcriptMessage", ""),
      List.of("satisfaction", "agentKnowledge", "agentResposiveness", "agentFriendliness"),
      List.of("1", "2", "3", "4", "5"),
      List.of(new Department("652882d8a2f73c7460e18dc4", "Support", false, false, List.of()),
          new Department("64181a0728384134ed600dcc", "Lost", false, false, List.of())),
      List.of(),
      new Visitor("2KNu66RPCwxA4ncy7", "iNKE8a6k6cjbqWhWd", "guest-3", "Livechat Visitor", null, null,
          List.of(), List.of(), Map.of(), null, null),
      new Room("zRAeTszXor8CCPceB", true, null, null, new ServedBy("7Gm3PoFCJWTCJ68XR", "livechat.agent", null),
          null, null, null, null, null, null, null, null),
      new Agent("7Gm3PoFCJWTCJ68XR", "livechat.agent", "Livechat Agent", null, List.of("agent@rocket.chat"), false));

  @Nested
  class Request {
    @Test
    void configGetsTheConfigWithoutAQuery() throws Exception {
      server.enqueue(Fixtures.ok("config/config-disabled.json"));

      client.config();

      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/config");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void configWithTokenAndDepartmentSendsThemInThatOrder() throws Exception {
      server.enqueue(Fixtures.ok("config/config-disabled.json"));

      client.config("iNKE8a6k6cjbqWhWd", "652882d8a2f73c7460e18dc4");

      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget())
          .isEqualTo("/api/v1/livechat/config?token=iNKE8a6k6cjbqWhWd&department=652882d8a2f73c7460e18dc4");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void configWithNullTokenAndDepartmentSendsNoQuery() throws Exception {
      server.enqueue(Fixtures.ok("config/config-disabled.json"));

      client.config(null, null);

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/config");
    }

    @Test
    void configWithOnlyATokenLeavesTheDepartmentOut() throws Exception {
      server.enqueue(Fixtures.ok("config/config-disabled.json"));

      client.config("iNKE8a6k6cjbqWhWd", null);

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/config?token=iNKE8a6k6cjbqWhWd");
    }

    @Test
    void configWithOnlyADepartmentLeavesTheTokenOut() throws Exception {
      server.enqueue(Fixtures.ok("config/config-disabled.json"));

      client.config(null, "68304887113ac52640bc1ca6");

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/config?department=68304887113ac52640bc1ca6");
    }

    @Test
    void configEncodesQueryValuesSoTheyCannotAddParameters() throws Exception {
      server.enqueue(Fixtures.ok("config/config-disabled.json"));

      client.config("a&department=x", "d 1");

      RecordedRequest request = taken();
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/config?token=a%26department%3Dx&department=d%201");
      assertThat(request.getUrl().queryParameterValues("department")).containsExactly("d 1");
    }
  }

  @Nested
  class Answer {
    @Test
    void configReadsEveryComponentOfTheDocumentedExample() throws Exception {
      server.enqueue(Fixtures.ok("config/config.json"));

      LivechatConfig config = client.config("iNKE8a6k6cjbqWhWd", null);

      assertThat(config).isEqualTo(DOCUMENTED);
      taken();
    }

    @Test
    void configReadsTheDocumentedSettingsOneByOne() throws Exception {
      server.enqueue(Fixtures.ok("config/config.json"));

      LivechatSettings settings = client.config().settings();

      assertThat(settings.registrationForm()).isTrue();
      assertThat(settings.nameFieldRegistrationForm()).isTrue();
      assertThat(settings.emailFieldRegistrationForm()).isTrue();
      assertThat(settings.allowSwitchingDepartments()).isFalse();
      assertThat(settings.displayOfflineForm()).isTrue();
      assertThat(settings.fileUpload()).isTrue();
      assertThat(settings.transcript()).isFalse();
      assertThat(settings.videoCall()).isFalse();
      assertThat(settings.language()).isEmpty();
      assertThat(settings.historyMonitorType()).isEqualTo("url");
      assertThat(settings.forceAcceptDataProcessingConsent()).isFalse();
      assertThat(settings.showConnecting()).isTrue();
      assertThat(settings.agentHiddenInfo()).isFalse();
      assertThat(settings.clearLocalStorageWhenChatEnded()).isFalse();
      assertThat(settings.visitorsCanCloseChat()).as("not sent by the documented server").isNull();
      assertThat(settings.limitTextLength()).as("limitTextLength false means unlimited").isNull();
      assertThat(settings.hiddenSystemMessages()).isEmpty();
    }

    @Test
    void configReadsTheGuestItsOpenRoomAndItsAgent() throws Exception {
      server.enqueue(Fixtures.ok("config/config.json"));

      LivechatConfig config = client.config("iNKE8a6k6cjbqWhWd", null);

      assertThat(config.enabled()).isTrue();
      assertThat(config.online()).isTrue();
      assertThat(config.guest().id()).isEqualTo("2KNu66RPCwxA4ncy7");
      assertThat(config.guest().token()).isEqualTo("iNKE8a6k6cjbqWhWd");
      assertThat(config.guest().username()).isEqualTo("guest-3");
      assertThat(config.guest().name()).isEqualTo("Livechat Visitor");
      assertThat(config.room().id()).isEqualTo("zRAeTszXor8CCPceB");
      assertThat(config.room().open()).isTrue();
      assertThat(config.room().servedBy()).isEqualTo(new ServedBy("7Gm3PoFCJWTCJ68XR", "livechat.agent", null));
      assertThat(config.agent().id()).isEqualTo("7Gm3PoFCJWTCJ68XR");
      assertThat(config.agent().username()).isEqualTo("livechat.agent");
      assertThat(config.agent().name()).isEqualTo("Livechat Agent");
      assertThat(config.agent().emails()).containsExactly("agent@rocket.chat");
      assertThat(config.agent().hiddenInfo()).isFalse();
    }

    @Test
    void configReadsThemeTextsSurveyAndDepartments() throws Exception {
      server.enqueue(Fixtures.ok("config/config.json"));

      LivechatConfig config = client.config();

      assertThat(config.theme()).isEqualTo(new Theme("Rocket.Chat", "#C1272D", "Leave a message", "#666666"));
      assertThat(config.messages()).containsOnlyKeys("offlineMessage", "offlineSuccessMessage",
          "offlineUnavailableMessage", "conversationFinishedMessage", "transcriptMessage");
      assertThat(config.messages().values()).containsOnly("");
      assertThat(config.surveyItems())
          .containsExactly("satisfaction", "agentKnowledge", "agentResposiveness", "agentFriendliness");
      assertThat(config.surveyValues()).containsExactly("1", "2", "3", "4", "5");
      assertThat(config.departments()).extracting(Department::id, Department::name)
          .containsExactly(
              tuple("652882d8a2f73c7460e18dc4", "Support"),
              tuple("64181a0728384134ed600dcc", "Lost"));
      assertThat(config.departments()).allSatisfy(department -> {
        assertThat(department.showOnRegistration()).isFalse();
        assertThat(department.showOnOfflineForm()).isFalse();
        assertThat(department.departmentsAllowedToForward()).isEmpty();
      });
      assertThat(config.triggers()).isEmpty();
    }

    @Test
    void configNeverPrintsTheGuestToken() throws Exception {
      server.enqueue(Fixtures.ok("config/config.json"));

      LivechatConfig config = client.config("iNKE8a6k6cjbqWhWd", null);

      assertThat(config.toString()).doesNotContain("iNKE8a6k6cjbqWhWd").contains("token=***");
      assertThat(config.guest().toString()).doesNotContain("iNKE8a6k6cjbqWhWd");
    }

    @Test
    void configReadsTodaysServerWithATriggerACharacterLimitAndHiddenSystemMessages() throws Exception {
      server.enqueue(Fixtures.ok("config/config-with-triggers-current-server.json"));

      LivechatConfig config = client.config();

      assertThat(config.enabled()).isTrue();
      assertThat(config.online()).isTrue();
      assertThat(config.settings()).isEqualTo(new LivechatSettings(true, true, false, true, true, true, true,
          false, "en", "url", false, false, false, false, true, 200, List.of("uj")));
      assertThat(config.theme()).isEqualTo(new Theme("Rocket.Chat", "#C1272D", "Leave a message", "#666666"));
      assertThat(config.messages()).isEqualTo(Map.of(
          "offlineMessage", "We are not online right now. Please leave a message.",
          "offlineSuccessMessage", "",
          "offlineUnavailableMessage", "",
          "conversationFinishedMessage", "Conversation finished",
          "conversationFinishedText", "",
          "transcriptMessage", "Would you like a copy of this chat emailed?",
          "registrationFormMessage", "",
          "dataProcessingConsentText", ""));
      assertThat(config.surveyItems())
          .containsExactly("satisfaction", "agentKnowledge", "agentResposiveness", "agentFriendliness");
      assertThat(config.surveyValues()).containsExactly("1", "2", "3", "4", "5");
      assertThat(config.departments()).containsExactly(new Department(
          "68304887113ac52640bc1ca6", "Sales", true, true, List.of("652882d8a2f73c7460e18dc4")));
    }

    @Test
    void configReadsTodaysGuestWithEmailAndDepartmentItsRoomAndTheServingAgent() throws Exception {
      server.enqueue(Fixtures.ok("config/config-with-triggers-current-server.json"));

      LivechatConfig config = client.config("test-token-12345", "68304887113ac52640bc1ca6");

      assertThat(config.guest()).isEqualTo(new Visitor("6a22b1765528fa64dd29de70", "test-token-12345", "guest-10",
          "Ada", null, "68304887113ac52640bc1ca6", List.of(), List.of("ada@example.com"), Map.of(), null, null));
      assertThat(config.room()).isEqualTo(new Room("dCBiZX3XPWyPsa6pt", true, null, null,
          new ServedBy("XycfA5CetCPuEjqxw", "jane.doe", Instant.parse("2026-06-05T11:24:12.345Z")),
          "68304887113ac52640bc1ca6", null, null, null, null, null, null, null));
      assertThat(config.agent()).isEqualTo(new Agent(
          "XycfA5CetCPuEjqxw", "jane.doe", "Jane Doe", "online", List.of("jane.doe@example.com"), false));
      taken();
    }

    @Test
    void configOfTodaysServerNeverPrintsTheGuestToken() throws Exception {
      server.enqueue(Fixtures.ok("config/config-with-triggers-current-server.json"));

      LivechatConfig config = client.config("test-token-12345", null);

      assertThat(config.toString()).doesNotContain("test-token-12345").contains("token=***");
      assertThat(config.guest().toString()).doesNotContain("test-token-12345");
    }

    @Test
    void configReadsTheTriggersConditionAndActionAsText() throws Exception {
      server.enqueue(Fixtures.ok("config/config-with-triggers-current-server.json"));

      List<Trigger> triggers = client.config().triggers();

      assertThat(triggers).hasSize(1);
      Trigger trigger = triggers.get(0);
      assertThat(trigger.id()).isEqualTo("6c7d8b1a4e2f3a0012ab34cd");
      assertThat(trigger.name()).as("today's server sends no name").isNull();
      assertThat(trigger.description()).as("today's server sends no description").isNull();
      assertThat(trigger.runOnce()).isFalse();
      assertThat(trigger.conditions()).containsExactly(new TriggerCondition("time-on-site", "30"));
      assertThat(trigger.actions()).containsExactly(new TriggerAction(
          "send-message", Map.of("sender", "queue", "msg", "Need help?", "name", "")));
    }

    @Test
    void configReportsTheTriggersOfTodaysServerAsEnabled() throws Exception {
      server.enqueue(Fixtures.ok("config/config-with-triggers-current-server.json"));

      List<Trigger> triggers = client.config().triggers();

      assertThat(triggers).singleElement().extracting(Trigger::enabled).isEqualTo(true);
    }

    /**
     * With the Enterprise Livechat module the server adds the custom fields a visitor may fill in
     * (RC apps/meteor/server/api/v1/omnichannel/config.ts spreads {@code getExtraConfigInfo}, typed
     * in RC apps/meteor/server/api/v1/omnichannel/lib/livechat.ts and filled by RC
     * apps/meteor/ee/app/livechat-enterprise/server/lib/Helper.ts {@code getLivechatCustomFields}:
     * {@code _id, label, regexp, required, type, defaultValue} and {@code options} split at commas).
     */
    @Test
    void configReadsTheCustomFieldsToAskTheVisitorFor() throws Exception {
      server.enqueue(Fixtures.ok("config/config-custom-fields-current-server.json"));

      LivechatConfig config = client.config("test-token-12345", null);

      assertThat(config.customFields()).containsExactly(
          new CustomFieldDefinition("plan", "Plan", "", true, "select", "free", List.of("free", "pro", "enterprise")),
          new CustomFieldDefinition("company", "Company", null, false, "input", null, List.of()),
          new CustomFieldDefinition("vat", "VAT number", "^[A-Z]{2}[0-9A-Z]{8,12}$", false, "input", null, List.of()));
      assertThat(config.online()).isTrue();
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/config?token=test-token-12345");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void configWithoutCustomFieldsHasNone() throws Exception {
      server.enqueue(Fixtures.ok("config/config.json"));

      assertThat(client.config().customFields()).isEmpty();
      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/config");
    }

    @Test
    void configOfADisabledLivechatIsDisabledAndEmpty() throws Exception {
      server.enqueue(Fixtures.ok("config/config-disabled.json"));

      LivechatConfig config = client.config("iNKE8a6k6cjbqWhWd", "652882d8a2f73c7460e18dc4");

      assertThat(config).isEqualTo(new LivechatConfig(
          false, false, null, null, Map.of(), List.of(), List.of(), List.of(), List.of(), null, null, null));
      assertThat(config.enabled()).isFalse();
      assertThat(config.online()).isFalse();
      assertThat(config.settings()).isNull();
      assertThat(config.theme()).isNull();
      assertThat(config.messages()).isEmpty();
      assertThat(config.surveyItems()).isEmpty();
      assertThat(config.surveyValues()).isEmpty();
      assertThat(config.departments()).isEmpty();
      assertThat(config.triggers()).isEmpty();
      assertThat(config.guest()).isNull();
      assertThat(config.room()).isNull();
      assertThat(config.agent()).isNull();
    }
  }

  @Nested
  class Errors {
    @Test
    void configRefusedForAnUnknownQueryKeyThrowsInvalidParamsWithoutPrintingTheToken() throws Exception {
      server.enqueue(Fixtures.answer(400, "config/config-error-invalid-params-current-server.json"));

      assertThatThrownBy(() -> client.config(SECRET, "652882d8a2f73c7460e18dc4"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-params");
            assertThat(e.serverText()).isEqualTo("must NOT have additional properties [invalid-params]");
            assertThat(e.endpoint()).isEqualTo("GET /api/v1/livechat/config");
            assertThat(e).hasMessage("HTTP 400 invalid-params: must NOT have additional properties"
                + " (GET /api/v1/livechat/config)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      assertThat(taken().getTarget())
          .isEqualTo("/api/v1/livechat/config?token=" + SECRET + "&department=652882d8a2f73c7460e18dc4");
    }

    @Test
    void configAnswerWithoutConfigThrowsDecodingException() throws Exception {
      server.enqueue(new MockResponse.Builder()
          .addHeader("Content-Type", "application/json")
          .body("{\"success\": true}")
          .build());

      assertThatThrownBy(() -> client.config())
          .isInstanceOfSatisfying(LivechatDecodingException.class,
              e -> assertThat(e.endpoint()).isEqualTo("GET /api/v1/livechat/config"));
      taken();
    }
  }

  static Stream<Arguments> badConfigCalls() {
    return Stream.of(
        refused("config with empty token", c -> c.config("", null),
            IllegalArgumentException.class, "token" + IAE_BLANK),
        refused("config with whitespace token", c -> c.config("  ", "dep1"),
            IllegalArgumentException.class, "token" + IAE_BLANK),
        refused("config with empty departmentId", c -> c.config(null, ""),
            IllegalArgumentException.class, "departmentId" + IAE_BLANK),
        refused("config with whitespace departmentId", c -> c.config("tok", "  "),
            IllegalArgumentException.class, "departmentId" + IAE_BLANK));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badConfigCalls")
  void blankTokenOrDepartmentIsRefusedBeforeAnyRequest(Call call, Class<? extends Throwable> type, String message) {
    server.enqueue(Fixtures.ok("config/config.json"));

    Throwable thrown = catchThrowable(() -> call.call(client));

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(message);
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }
}
