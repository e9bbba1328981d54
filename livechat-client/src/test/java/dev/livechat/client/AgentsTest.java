package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.model.Agent;
import java.util.List;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The two agent endpoints (reference §1 rows 12, 13) against the documented examples of §5. */
class AgentsTest extends ClientTestBase {
  private static final String SECRET = "SECRET-TOKEN-123";


  @Nested
  class AgentInfo {
    @Test
    void agentInfoPutsRidThenTokenInThePathAndReadsTheDocumentedAgent() throws Exception {
      server.enqueue(Fixtures.ok("agents/info.json"));

      Agent agent = client.agentInfo("iNKE8a6k6cjbqWhWd", "zRAeTszXor8CCPceB");

      assertThat(agent).isEqualTo(new Agent(
          "XycfA5CetCPuEjqxw", "test.agent", "testAgent", "online", List.of("agent@rocket.chat"), false));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/agent.info/zRAeTszXor8CCPceB/iNKE8a6k6cjbqWhWd");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void agentInfoWhenTheServerHidesAgentsHasHiddenInfoAndNothingElse() throws Exception {
      server.enqueue(Fixtures.ok("agents/info-hidden.json"));

      Agent agent = client.agentInfo("iNKE8a6k6cjbqWhWd", "zRAeTszXor8CCPceB");

      assertThat(agent).isEqualTo(new Agent(null, null, null, null, List.of(), true));
      assertThat(agent.hiddenInfo()).isTrue();
      assertThat(agent.id()).isNull();
      assertThat(agent.emails()).isEmpty();
    }

    @Test
    void agentInfoEncodesEachPathValueAsOneSegment() throws Exception {
      server.enqueue(Fixtures.ok("agents/info.json"));

      client.agentInfo("t/k", "r?1");

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/agent.info/r%3F1/t%2Fk");
    }

    @Test
    void agentInfoForAnUnknownRoomThrowsInvalidRoomWithoutPrintingTheToken() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-room-plain.json"));

      assertThatThrownBy(() -> client.agentInfo(SECRET, "zRAeTszXor8CCPceB"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-room");
            assertThat(e.endpoint()).isEqualTo("GET /api/v1/livechat/agent.info/:rid/:token");
            assertThat(e).hasMessage("HTTP 400 invalid-room (GET /api/v1/livechat/agent.info/:rid/:token)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/agent.info/zRAeTszXor8CCPceB/" + SECRET);
    }
  }

  @Nested
  class NextAgent {
    @Test
    void nextAgentPutsTheTokenInThePathAndReadsTheDocumentedAgent() throws Exception {
      server.enqueue(Fixtures.ok("agents/next.json"));

      Optional<Agent> agent = client.nextAgent("iNKE8a6k6cjbqWhWd");

      assertThat(agent).contains(new Agent(
          "7Gm3PoFCJWTCJ68XR", "livechat.agent", "Livechat Agent", null, List.of("agent@rocket.chat"), false));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/agent.next/iNKE8a6k6cjbqWhWd");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void nextAgentOfADepartmentSendsTheDepartmentAsQuery() throws Exception {
      server.enqueue(Fixtures.ok("agents/next.json"));

      Optional<Agent> agent = client.nextAgent("iNKE8a6k6cjbqWhWd", "652882d8a2f73c7460e18dc4");

      assertThat(agent).map(Agent::id).contains("7Gm3PoFCJWTCJ68XR");
      assertThat(taken().getTarget())
          .isEqualTo("/api/v1/livechat/agent.next/iNKE8a6k6cjbqWhWd?department=652882d8a2f73c7460e18dc4");
    }

    @Test
    void nextAgentWhenTheVisitorAlreadyHasAnOpenRoomIsEmpty() throws Exception {
      server.enqueue(Fixtures.ok("agents/next-open-room.json"));

      Optional<Agent> agent = client.nextAgent("iNKE8a6k6cjbqWhWd");

      assertThat(agent).isEmpty();
      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/agent.next/iNKE8a6k6cjbqWhWd");
    }

    @Test
    void nextAgentWhenNoAgentIsFoundThrowsAgentNotFoundWithoutPrintingTheToken() throws Exception {
      server.enqueue(Fixtures.answer(400, "agents/next-error-agent-not-found-current-server.json"));

      assertThatThrownBy(() -> client.nextAgent(SECRET, "652882d8a2f73c7460e18dc4"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("agent-not-found");
            assertThat(e.endpoint()).isEqualTo("GET /api/v1/livechat/agent.next/:token");
            assertThat(e).hasMessage("HTTP 400 agent-not-found (GET /api/v1/livechat/agent.next/:token)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }
}
