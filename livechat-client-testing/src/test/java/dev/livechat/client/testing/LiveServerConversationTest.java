package dev.livechat.client.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.livechat.client.LivechatClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conversation suite against a real Rocket.Chat: {@code LIVECHAT_URL=https://chat.example.com
 * mvn -B -ntp -Plive verify}. Without {@code LIVECHAT_URL} it is skipped, saying why; the steps
 * that need an agent are skipped on a real server, saying so.
 */
class LiveServerConversationTest extends VisitorConversationSuite {
  private static @Nullable String url;

  @BeforeAll
  static void needsAServer() {
    url = System.getProperty("livechat.url", System.getenv("LIVECHAT_URL"));
    if (url == null || url.isBlank() || url.startsWith("${")) {
      System.out.println(skip("LIVECHAT_URL is not set; run LIVECHAT_URL=<server> mvn -B -ntp -Plive verify"));
      assumeTrue(false, "LIVECHAT_URL is not set");
    }
    System.out.println("[live] running the visitor conversation against " + url);
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
