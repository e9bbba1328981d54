package dev.livechat.client.testing;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import org.junit.jupiter.api.AfterEach;

/** The conversation suite against {@link FakeLivechatServer}: every step, the agent's included. */
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

  @AfterEach
  void stopServer() {
    server.close();
  }
}
