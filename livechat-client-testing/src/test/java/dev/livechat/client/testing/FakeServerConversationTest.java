package dev.livechat.client.testing;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.testing.agent.LivechatAgent;
import org.junit.jupiter.api.AfterEach;

/**
 * The conversation suite against {@link FakeLivechatServer}: every step, the agent's included,
 * played by {@link LivechatAgent} logged in over HTTP with the fake agent's password.
 */
class FakeServerConversationTest extends VisitorConversationSuite {
  private final FakeLivechatServer server = FakeLivechatServer.start();

  @Override
  LivechatClient newClient() {
    return LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build();
  }

  @Override
  FakeLivechatServer fake() {
    return server;
  }

  @Override
  LivechatAgent newAgent() {
    FakeAgent smith = server.agent("agent.smith", "Agent Smith");
    return LivechatAgent.login(server.url().toString(), smith.username(), smith.password());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}
