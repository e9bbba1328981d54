package dev.livechat.client.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.testing.agent.AgentCredentials;
import dev.livechat.client.testing.agent.LivechatAgent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conversation suite against a real Rocket.Chat: {@code LIVECHAT_URL=https://chat.example.com
 * mvn -B -ntp -Plive verify}. Without {@code LIVECHAT_URL} it is skipped, saying why. With {@code
 * LIVECHAT_AGENT_USER} and {@code LIVECHAT_AGENT_PASSWORD} (or {@code LIVECHAT_AGENT_ID} and {@code
 * LIVECHAT_AGENT_TOKEN}) it plays that agent with {@link LivechatAgent} (the agent must get the room:
 * the only available agent under auto selection, or one that may take it from the queue); without
 * them it says so in one line and skips the steps that need an agent.
 */
class LiveServerConversationTest extends VisitorConversationSuite {
  private static @Nullable String url;
  private static @Nullable AgentCredentials credentials;

  @BeforeAll
  static void needsAServer() {
    url = System.getProperty("livechat.url", System.getenv("LIVECHAT_URL"));
    if (url == null || url.isBlank() || url.startsWith("${")) {
      System.out.println(skip("LIVECHAT_URL is not set; run LIVECHAT_URL=<server> mvn -B -ntp -Plive verify"));
      assumeTrue(false, "LIVECHAT_URL is not set");
    }
    credentials = AgentCredentials.fromEnvironment().orElse(null);
    System.out.println("[live] running the visitor conversation against " + url + (credentials == null
        ? "; no agent to play, its steps are skipped: " + NO_AGENT : ", playing the agent " + credentials));
  }

  @Override
  @Nullable LivechatAgent newAgent() {
    return credentials == null ? null : LivechatAgent.builder().baseUrl(url).credentials(credentials).build();
  }

  @Override
  LivechatClient newClient() {
    return LivechatClient.create(url);
  }

  @Override
  @Nullable FakeLivechatServer fake() {
    return null;
  }
}
