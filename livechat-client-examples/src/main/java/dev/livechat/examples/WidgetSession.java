package dev.livechat.examples;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.VisitorToken;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeListener;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A chat widget in a terminal: each line typed is sent as the visitor; the agent's replies,
 * typing and the room closing are printed as they arrive. End with an empty line or end of input.
 *
 * <p>Without {@code LIVECHAT_URL} it runs against {@link FakeLivechatServer}, whose scripted agent
 * echoes each message; with it, against that server (answer from its agent view).
 *
 * <pre>
 * mvn -B -ntp -q -Pdemo -DskipTests verify -Dexample=dev.livechat.examples.WidgetSession
 * </pre>
 */
public final class WidgetSession {
  private WidgetSession() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("LIVECHAT_URL");
    FakeLivechatServer fake = url == null || url.isBlank() ? FakeLivechatServer.start() : null;
    try (LivechatClient client = LivechatClient.builder().baseUrl(fake != null ? fake.url().toString() : url).build()) {
      String token = VisitorToken.random();   // a real widget keeps this in its storage
      client.registerVisitor(NewVisitor.of(token).withName("Widget visitor"));
      String rid = client.openRoom(token).room().id();
      FakeAgent agent = fake == null ? null : fake.agent("agent.smith", "Agent Smith");
      if (agent != null) {
        agent.assign(rid);
      }
      System.out.println("Room " + rid + ". Type messages; an empty line ends.");
      try (LivechatRealtime realtime = client.realtime(token, rid, new RealtimeListener() {
        @Override
        public void onMessage(RealtimeEvent.MessageReceived event) {
          Message m = event.message();
          System.out.println("  " + (m.user() == null ? "?" : m.user().username()) + ": " + m.text());
        }

        @Override
        public void onAgentTypingStarted(RealtimeEvent.AgentTypingStarted event) {
          System.out.println("  (" + event.username() + " is typing)");
        }

        @Override
        public void onRoomClosed(RealtimeEvent.RoomClosed event) {
          System.out.println("  (the conversation was closed)");
        }

        @Override
        public void onConnectionStateChanged(RealtimeEvent.ConnectionStateChanged event) {
          System.out.println("  [" + event.state() + "]");
        }
      })) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          realtime.typing(false);
          client.sendMessage(token, rid, line);
          if (agent != null) {
            agent.typing(rid, true);
            agent.reply(rid, "You said: " + line);
          }
        }
      }
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }
}
