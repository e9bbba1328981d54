package dev.livechat.examples;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.VisitorToken;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.Room;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeListener;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.agent.AgentCredentials;
import dev.livechat.client.testing.agent.AgentRoom;
import dev.livechat.client.testing.agent.LivechatAgent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A whole Livechat conversation, printed as it happens: the widget reads the configuration,
 * registers the visitor, opens a room and listens in realtime; the visitor writes, an agent
 * answers, the visitor edits and deletes a message, reads the history, asks for the transcript,
 * and the agent closes the room.
 *
 * <p>The agent is played by {@link LivechatAgent}, the scripted agent over the server's agent API
 * (REST and DDP). With no configuration the demo starts {@link FakeLivechatServer} in this process
 * and logs its agent in over HTTP with the agent's password, and says so. With {@code LIVECHAT_URL}
 * it talks to that server as a visitor, and plays the agent too when {@code LIVECHAT_AGENT_USER}
 * and {@code LIVECHAT_AGENT_PASSWORD} (or {@code LIVECHAT_AGENT_ID} and {@code
 * LIVECHAT_AGENT_TOKEN}) name one; without them it says so in one line and skips the agent's steps.
 * On a real server the agent must be able to get the room: the only available agent under auto
 * selection, or any agent of the room's queue under manual selection.
 */
public final class DemoConversation {
  private static final Duration AGENT_WAIT = Duration.ofSeconds(30);

  private DemoConversation() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("LIVECHAT_URL");
    if (url != null && !url.isBlank()) {
      Optional<AgentCredentials> credentials = AgentCredentials.fromEnvironment();
      if (credentials.isEmpty()) {
        System.out.println("Talking to " + url + " as a new visitor; agent steps are skipped: set LIVECHAT_AGENT_USER and "
            + "LIVECHAT_AGENT_PASSWORD (or LIVECHAT_AGENT_ID and LIVECHAT_AGENT_TOKEN) to play the agent too.");
      }
      try (LivechatClient client = LivechatClient.create(url);
          LivechatAgent agent = credentials.isEmpty() ? null
              : LivechatAgent.builder().baseUrl(url).credentials(credentials.get()).build()) {
        if (agent != null) {
          System.out.println("Talking to " + url + " as a new visitor, and as the agent " + agent.username()
              + " (" + credentials.get() + ").");
        }
        run(client, agent);
      } catch (LivechatException e) {
        System.err.println("Failed: " + e.getMessage());
        System.exit(1);
      }
      return;
    }
    try (FakeLivechatServer server = FakeLivechatServer.start();
        LivechatClient client = LivechatClient.builder().baseUrl(server.url()).build()) {
      FakeAgent smith = server.agent("agent.smith", "Agent Smith");
      System.out.println("LIVECHAT_URL is not set: talking to an in-process FakeLivechatServer at "
          + server.url() + ", its agent agent.smith played by LivechatAgent over HTTP.");
      try (LivechatAgent agent = LivechatAgent.login(server.url().toString(), smith.username(), smith.password())) {
        run(client, agent);
      }
    }
  }

  /** The conversation; {@code agent} is null when no agent can be played. */
  static void run(LivechatClient client, @Nullable LivechatAgent agent) throws InterruptedException {
    LivechatConfig config = client.config();
    say("config", "Livechat " + (config.enabled() ? "enabled" : "disabled") + ", agents "
        + (config.online() ? "online" : "offline") + ", " + config.departments().size() + " department(s)");
    if (agent != null) {
      say("agent", agent.username() + " is " + agent.setAvailable(true));
    }

    String token = VisitorToken.random();
    client.registerVisitor(NewVisitor.of(token).withName("Ada Lovelace").withEmail("ada@example.com"));
    Room room = client.openRoom(token).room();
    say("room", "opened " + room.id());
    if (agent != null) {
      AgentRoom accepted = agent.accept(room.id(), AGENT_WAIT);
      say("agent", agent.username() + " has the room (" + accepted.name() + ")");
      agent.watchRoom(room.id());
    }

    BlockingQueue<RealtimeEvent> events = new LinkedBlockingQueue<>();
    try (LivechatRealtime realtime = client.realtime(token, room.id(), new RealtimeListener() {
      @Override
      public void onEvent(RealtimeEvent event) {
        events.add(event);
        print(event);
      }
    })) {
      awaitState(events, ConnectionState.CONNECTED);

      realtime.typing(true);
      Message hello = client.sendMessage(token, room.id(), "Hello! My order has not arrived.");
      realtime.typing(false);
      awaitMessage(events, hello.id());

      if (agent != null) {
        Message heard = agent.awaitVisitorMessage(room.id(), AGENT_WAIT);
        say("agent", "heard \"" + heard.text() + "\"");
        agent.typing(room.id(), true);
        agent.typing(room.id(), false);
        Message reply = agent.sendMessage(room.id(), "Hi Ada, I am sorry to hear that. Let me check.");
        awaitMessage(events, reply.id());
        agent.editMessage(room.id(), reply.id(), "Hi Ada, I am sorry to hear that. Let me check your order.");
      } else {
        say("agent", "(skipped: no agent to play)");
      }

      client.updateMessage(token, room.id(), hello.id(), "Hello! My order #1234 has not arrived.");
      Message typo = client.sendMessage(token, room.id(), "Thnaks");
      awaitMessage(events, typo.id());
      client.deleteMessage(token, room.id(), typo.id());

      List<Message> history = client.loadHistory(token, room.id(), HistoryQuery.latest(20)).messages();
      say("history", history.size() + " message(s) in the room, newest first");
      say("transcript", client.requestTranscript(token, room.id(), "ada@example.com"));

      if (agent != null) {
        agent.closeRoom(room.id(), "Order found, resent.");
        awaitClosed(events);
      } else {
        say("close", client.closeRoom(token, room.id()).comment());
      }
    }
  }

  private static void print(RealtimeEvent event) {
    if (event instanceof RealtimeEvent.MessageReceived received) {
      Message m = received.message();
      if (m.type() != null) {
        say("system", m.type());
      } else {
        say("message", (m.user() == null ? "?" : m.user().username()) + ": " + m.text());
      }
    } else if (event instanceof RealtimeEvent.MessageEdited edited) {
      say("edited", edited.message().text());
    } else if (event instanceof RealtimeEvent.MessageDeleted deleted) {
      say("deleted", deleted.messageId());
    } else if (event instanceof RealtimeEvent.AgentTypingStarted typing) {
      say("typing", typing.username() + " is typing...");
    } else if (event instanceof RealtimeEvent.AgentChanged changed) {
      say("agent", changed.agent().hiddenInfo() ? "an agent joined" : changed.agent().name() + " joined");
    } else if (event instanceof RealtimeEvent.RoomClosed) {
      say("closed", "the agent ended the conversation");
    } else if (event instanceof RealtimeEvent.ConnectionStateChanged state) {
      say("realtime", state.state().toString());
    }
  }

  private static void awaitState(BlockingQueue<RealtimeEvent> events, ConnectionState state) throws InterruptedException {
    await(events, e -> e instanceof RealtimeEvent.ConnectionStateChanged s && s.state() == state, "realtime " + state);
  }

  private static void awaitMessage(BlockingQueue<RealtimeEvent> events, String id) throws InterruptedException {
    await(events, e -> e instanceof RealtimeEvent.MessageReceived m && m.message().id().equals(id), "message " + id);
  }

  private static void awaitClosed(BlockingQueue<RealtimeEvent> events) throws InterruptedException {
    await(events, e -> e instanceof RealtimeEvent.RoomClosed, "the room closing");
  }

  private static void await(BlockingQueue<RealtimeEvent> events, java.util.function.Predicate<RealtimeEvent> wanted,
      String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      RealtimeEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (event != null && wanted.test(event)) {
        return;
      }
    }
    throw new IllegalStateException("waited 10 s for " + what);
  }

  private static void say(String what, String text) {
    System.out.printf("%-10s %s%n", what, text);
  }
}
