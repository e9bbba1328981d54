package dev.livechat.client.testing.widget;

import static dev.livechat.client.testing.widget.WidgetKnownProblems.AGENT_TYPING;
import static dev.livechat.client.testing.widget.WidgetKnownProblems.VISITOR_TYPING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Message;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.Visitor;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The official Livechat widget ({@code @rocket.chat/livechat} 1.13.3, its last published build) in
 * headless Chromium against {@link FakeLivechatServer}, driven as a visitor would drive it: the
 * page with the installation snippet loads, the widget opens, the registration form is filled and
 * sent, a message is typed and sent, the agent ({@link FakeAgent}) types and replies, the agent
 * closes the room and the widget shows that the chat is finished. Each step leaves a screenshot in
 * {@code target/widget/screenshots}; {@code target/widget/traffic.log} holds every request, DDP
 * frame and console line, and {@code target/widget/report.txt} the steps and the known problems.
 *
 * <p>The run fails on any HTTP error, failed load, DDP error frame or console error, and on a
 * {@linkplain WidgetKnownProblems known problem} that is no longer seen. Run by the {@code widget}
 * profile (livechat-client-testing/pom.xml), never by the default build.
 */
class OfficialWidgetIT {
  private static final String COMPOSER = "[class*='composer__input']";
  private static final String TYPING_DOTS = "[class*='typing-dots']";
  private static final String STALE = "a known problem is no longer seen; remove it from WidgetKnownProblems: ";

  private final Path output = WidgetBrowser.file("widget.output", "target/widget");
  private final List<String> report = new ArrayList<>();
  private FakeLivechatServer server;
  private FakeAgent agent;
  private WidgetBrowser browser;

  @BeforeEach
  void start() throws IOException {
    server = FakeLivechatServer.start();
    agent = server.agent("agent.smith", "Agent Smith");
    browser = WidgetBrowser.start(WidgetBrowser.file("widget.chrome", "/usr/bin/chromium"),
        WidgetBrowser.file("widget.chromedriver", "/usr/bin/chromedriver"), output);
  }

  @AfterEach
  void stop() throws IOException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
      Files.write(output.resolve("report.txt"), report, StandardCharsets.UTF_8);
    }
  }

  @Test
  void aVisitorChatsWithAnAgentThroughTheOfficialWidget() {
    HttpUrl page = server.serveWidget(WidgetBrowser.file("widget.build", "target/widget/package/build"));

    browser.open(page);
    browser.inWidget(d -> browser.visible(By.cssSelector("[class*='screen__chat-button']")));
    step("page-with-widget", "the host page, the widget's button at the bottom right");

    browser.inWidget(d -> {
      browser.visible(By.cssSelector("[class*='screen__chat-button']")).click();
      return browser.visible(By.name("name"));
    });
    step("widget-opened", "the widget open on its registration form");

    browser.inWidget(d -> {
      browser.visible(By.name("name")).sendKeys("Ada Lovelace");
      browser.visible(By.name("email")).sendKeys("ada@example.com");
      return null;
    });
    step("registration-filled", "name and e-mail typed in");

    browser.inWidget(d -> {
      browser.visible(By.cssSelector("button[type=submit]")).click();
      return browser.visible(By.cssSelector(COMPOSER));
    });
    assertThat(server.await(s -> !s.visitors().isEmpty(), WidgetBrowser.WAIT)).as("the visitor registered").isTrue();
    Visitor visitor = server.visitors().get(0);
    assertThat(visitor.name()).isEqualTo("Ada Lovelace");
    step("registered", "registered (POST livechat/visitor): the chat screen with its composer");

    browser.inWidget(d -> {
      browser.visible(By.cssSelector(COMPOSER)).sendKeys("Hello! My order has not arrived.");
      return null;
    });
    step("message-typed", "a message typed in the composer");

    browser.inWidget(d -> {
      browser.visible(By.cssSelector(COMPOSER)).sendKeys(Keys.ENTER);
      return null;
    });
    assertThat(server.await(s -> s.rooms().size() == 1
        && s.messages(s.rooms().get(0).id()).stream().anyMatch(m -> "Hello! My order has not arrived.".equals(m.text())),
        WidgetBrowser.WAIT)).as("the visitor's message reached the fake").isTrue();
    Room room = server.rooms().get(0);
    Message hello = lastWithText(room.id(), "Hello! My order has not arrived.");
    browser.inWidget(d -> browser.visible(By.id(hello.id())));
    assertThat(room.servedBy().username()).isEqualTo("agent.smith");
    step("message-sent", "the room opened (GET livechat/room), the message sent and shown");
    // The widget signalled the visitor typing the old way: the fake, as the server, dropped it.
    assertThat(browser.traffic().sent("\"" + room.id() + "/typing\"")).as(STALE + VISITOR_TYPING).isNotEmpty();
    assertThat(server.typingSignals()).as(STALE + VISITOR_TYPING).isEmpty();
    known(VISITOR_TYPING);

    browser.watchFor(TYPING_DOTS);
    agent.typing(room.id(), true);
    step("agent-typing", "the agent typing: the widget shows nothing (a known problem, see report.txt)");

    Message reply = agent.reply(room.id(), "Hi Ada, I am sorry about that. Let me look it up.");
    agent.typing(room.id(), false);
    browser.inWidget(d -> browser.visible(By.id(reply.id())));
    step("agent-replied", "the agent's reply shown, with the agent's name in the header");
    // The typing signal went before the reply on the same connection: had the widget shown it, it
    // would have by now.
    assertThat(browser.appeared(TYPING_DOTS)).as(STALE + AGENT_TYPING).isFalse();
    assertThat(browser.traffic().sent("\"" + room.id() + "/typing\"")).as(STALE + AGENT_TYPING).isNotEmpty();
    assertThat(browser.traffic().sent("/user-activity")).as(STALE + AGENT_TYPING).isEmpty();
    known(AGENT_TYPING);

    agent.closeRoom(room.id(), "Thanks for reaching out!");
    browser.inWidget(d -> browser.visible(By.cssSelector("[class*='chat-finished__greeting']")));
    assertThat(server.room(room.id()).orElseThrow().open()).isFalse();
    step("agent-closed-room", "the agent closed the room: the widget's chat-finished screen");

    assertThat(browser.traffic().problems()).as("refusals, error frames and console errors").isEmpty();
    report.add("");
    report.add("No refusal, DDP error frame or console error (traffic.log has every request and frame).");
  }

  private Message lastWithText(String roomId, String text) {
    List<Message> matching = server.messages(roomId).stream().filter(m -> text.equals(m.text())).toList();
    return matching.get(matching.size() - 1);
  }

  /** Takes the step's screenshot, notes it in the report and fails on any problem seen so far. */
  private void step(String name, String what) {
    Path png = browser.screenshot(name);
    report.add(output.relativize(png) + "  " + what);
    System.out.println("step " + png.getFileName() + ": " + what);
    assertThat(browser.traffic().problems()).as("problems by step " + name).isEmpty();
  }

  private void known(WidgetKnownProblems.KnownProblem problem) {
    report.add("    known problem, seen as expected: " + problem);
    System.out.println("    known problem, seen as expected: " + problem.problem());
  }
}
