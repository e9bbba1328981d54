package dev.livechat.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.VisitorToken;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeListener;
import dev.livechat.client.testing.FakeLivechatServer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How to test your own code against {@link FakeLivechatServer}: no Rocket.Chat, no network, the
 * real server's answers and refusals. Here the "code under test" is the SDK itself.
 */
class FakeServerExampleTest {
  FakeLivechatServer server;
  LivechatClient client;
  String token;
  String rid;

  @BeforeEach
  void setUp() {
    server = FakeLivechatServer.start();
    client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build();
    token = VisitorToken.random();
    client.registerVisitor(NewVisitor.of(token).withName("Ada"));
    rid = client.openRoom(token).room().id();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  @Test
  void theVisitorsMessageIsStoredInTheRoom() {
    Message sent = client.sendMessage(token, rid, "Hello!");

    assertThat(server.messages(rid)).extracting(Message::id).contains(sent.id());
  }

  @Test
  void theAgentsReplyArrivesInRealtime() throws Exception {
    BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    BlockingQueue<RealtimeEvent.ConnectionStateChanged> states = new LinkedBlockingQueue<>();
    try (LivechatRealtime realtime = client.realtime(token, rid, new RealtimeListener() {
      @Override
      public void onMessage(RealtimeEvent.MessageReceived event) {
        received.add(event.message());
      }

      @Override
      public void onConnectionStateChanged(RealtimeEvent.ConnectionStateChanged event) {
        states.add(event);
      }
    })) {
      while (states.poll(5, TimeUnit.SECONDS).state() != dev.livechat.client.realtime.ConnectionState.CONNECTED) {
        // CONNECTING comes first
      }
      server.agent("agent.smith").reply(rid, "Hi Ada!");

      Message reply = received.poll(5, TimeUnit.SECONDS);
      assertThat(reply).isNotNull();
      assertThat(reply.text()).isEqualTo("Hi Ada!");
      assertThat(reply.user().username()).isEqualTo("agent.smith");
    }
  }

  @Test
  void aClosedRoomRefusesMessagesAsTheRealServerDoes() {
    server.agent("agent.smith").closeRoom(rid);

    assertThatThrownBy(() -> client.sendMessage(token, rid, "Still there?"))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.errorCode()).isEqualTo("room-closed"));
  }
}
