package dev.livechat.examples;

import dev.livechat.client.model.Message;
import dev.livechat.client.model.Room;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.HttpUrl;

/**
 * The official Rocket.Chat Livechat widget in your own browser, against {@link FakeLivechatServer}
 * with a scripted agent: it serves the widget's build at {@code /livechat} as Rocket.Chat does,
 * prints the URL of a page that embeds it, and answers every message a visitor sends there (the
 * agent types for a moment, then replies; "bye" makes it close the chat, and the widget then
 * shows its survey). Runs until Ctrl-C.
 *
 * <pre>
 * mvn -B -ntp -q -Pwidget-demo -pl livechat-client-examples -am -DskipTests verify
 * </pre>
 *
 * <p>The {@code widget-demo} profile fetches the widget ({@code @rocket.chat/livechat} 1.13.3, with
 * npm) into {@code livechat-client-examples/target/widget} and runs this class. System properties:
 * {@code widget.build}, the widget's {@code build} directory; {@code widget.demo.seconds}, to stop
 * after that many seconds instead of at Ctrl-C (0, the default, runs until stopped).
 */
public final class WidgetDemo {
  /**
   * Browsers open spare connections they may never use; MockWebServer warns of each. Kept referenced
   * so that the level holds.
   */
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger("mockwebserver3.MockWebServer");

  /** How long the agent shows as typing before each reply, so that a person sees it. */
  private static final Duration TYPING = Duration.ofMillis(1500);

  private final FakeLivechatServer server;
  private final FakeAgent agent;
  private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "scripted-agent");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<String> answered = new HashSet<>(); // visitor message ids; only the main thread

  private WidgetDemo(FakeLivechatServer server) {
    this.server = server;
    this.agent = server.agent("agent.smith", "Agent Smith");
  }

  public static void main(String[] args) throws InterruptedException {
    MOCK_WEB_SERVER.setLevel(Level.SEVERE);
    Path build = Path.of(System.getProperty("widget.build", "target/widget/package/build"));
    long seconds = Long.parseLong(System.getProperty("widget.demo.seconds", "0"));
    if (!Files.isRegularFile(build.resolve("rocketchat-livechat.min.js"))) {
      System.err.println("No widget build at " + build.toAbsolutePath()
          + ": run it with mvn -B -ntp -q -Pwidget-demo -pl livechat-client-examples -am -DskipTests verify, or set -Dwidget.build.");
      System.exit(2);
    }
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      HttpUrl page = server.serveWidget(build);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-server-shutdown"));
      System.out.println("The official Livechat widget (" + build.toAbsolutePath() + ") is served by a fake"
          + " Rocket.Chat at " + server.url() + "livechat");
      System.out.println();
      System.out.println("  Open " + page + " in your browser.");
      System.out.println();
      System.out.println("Agent Smith answers every message; write \"bye\" and he closes the chat."
          + (seconds > 0 ? " Stops after " + seconds + " s." : " Ctrl-C to stop."));
      new WidgetDemo(server).answerUntil(seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE);
    }
    System.out.println("Stopped.");
  }

  /** Answers visitors' messages as they arrive (woken by the fake, no polling) until {@code deadline}. */
  private void answerUntil(long deadline) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      long left = Math.min(deadline - System.nanoTime(), TimeUnit.HOURS.toNanos(1));
      if (server.await(s -> !unanswered(s).isEmpty(), Duration.ofNanos(Math.max(0, left)))) {
        for (Message message : unanswered(server)) {
          answered.add(message.id());
          answer(message);
        }
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    replies.shutdownNow();
  }

  /** The visitors' messages in open rooms not yet answered. */
  private List<Message> unanswered(FakeLivechatServer fake) {
    List<Message> messages = new ArrayList<>();
    for (Room room : fake.rooms()) {
      if (!room.open()) {
        continue;
      }
      for (Message message : fake.messages(room.id())) {
        if (message.type() == null && message.token() != null && !answered.contains(message.id())) {
          messages.add(message);
        }
      }
    }
    return messages;
  }

  private void answer(Message message) {
    String rid = message.roomId();
    String text = message.text() == null ? "" : message.text().strip();
    System.out.println("visitor: " + text);
    agent.typing(rid, true);
    replies.schedule(() -> {
      try {
        agent.typing(rid, false);
        boolean bye = text.toLowerCase(Locale.ROOT).matches(".*\\bbye\\b.*");
        String reply = bye ? "Goodbye, and thanks for trying the widget!"
            : "You wrote \"" + text + "\". I am a scripted agent; write \"bye\" and I close the chat.";
        agent.reply(rid, reply);
        System.out.println("Agent Smith: " + reply);
        if (bye) {
          agent.closeRoom(rid, "Closed by the scripted agent");
          System.out.println("Agent Smith closed the chat.");
        }
      } catch (RuntimeException e) {
        System.out.println("The agent could not answer: " + e.getMessage());
      }
    }, TYPING.toMillis(), TimeUnit.MILLISECONDS);
  }
}
