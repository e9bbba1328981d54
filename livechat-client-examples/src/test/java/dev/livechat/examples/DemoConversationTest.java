package dev.livechat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Room;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.agent.LivechatAgent;
import org.junit.jupiter.api.Test;

/**
 * The demo's conversation against the fake, the agent played over HTTP and DDP by {@link
 * LivechatAgent}, as {@code mvn -Pdemo} runs it without {@code LIVECHAT_URL}.
 */
class DemoConversationTest {
  @Test
  void theDemoPlaysBothSidesAgainstTheFake() throws Exception {
    try (FakeLivechatServer server = FakeLivechatServer.start();
        LivechatClient client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build()) {
      FakeAgent smith = server.agent("agent.smith", "Agent Smith");
      try (LivechatAgent agent = LivechatAgent.login(server.url().toString(), smith.username(), smith.password())) {
        DemoConversation.run(client, agent);
      }

      Room room = server.rooms().get(0);
      assertThat(room.open()).isFalse();
      assertThat(server.messages(room.id())).extracting(Message::text)
          .contains("Hi Ada, I am sorry to hear that. Let me check your order.", "Order found, resent.");
      assertThat(server.requests()).contains("POST /api/v1/login", "POST /api/v1/livechat/agent.status",
          "GET /api/v1/livechat/rooms", "POST /api/v1/chat.sendMessage", "POST /api/v1/chat.update",
          "POST /api/v1/livechat/room.closeByUser");
    }
  }

  @Test
  void withoutAnAgentTheVisitorClosesTheRoomItself() throws Exception {
    try (FakeLivechatServer server = FakeLivechatServer.start();
        LivechatClient client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build()) {
      DemoConversation.run(client, null);

      assertThat(server.rooms().get(0).open()).isFalse();
      assertThat(server.requests()).noneMatch(request -> request.contains("chat.") || request.contains("login"));
    }
  }
}
