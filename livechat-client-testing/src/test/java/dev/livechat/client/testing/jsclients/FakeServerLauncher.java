package dev.livechat.client.testing.jsclients;

import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Room;
import dev.livechat.client.testing.CustomFieldDefinition;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.ServerSettings;
import dev.livechat.client.testing.TranscriptRequest;
import dev.livechat.client.testing.TypingSignal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import okio.Buffer;

/**
 * {@link FakeLivechatServer} in a process of its own, for the JavaScript clients' run of the {@code
 * js-clients} profile ({@code src/test/js-clients/run.cjs} starts it): it prints {@code listening
 * <url>} and then plays the agent and answers questions, one command per line on standard input,
 * one answer per line on standard output ({@code ok [json]} or {@code error <text>}).
 *
 * <pre>
 * assign &lt;rid&gt;                 the agent takes the room (agentData goes to its subscribers)
 * available on|off              the agent is available for routing, or busy (rooms then wait)
 * reply &lt;rid&gt; &lt;text&gt;           the agent sends a message           → ok {"_id":..,"msg":..}
 * edit &lt;messageId&gt; &lt;text&gt;     the agent edits a message
 * delete &lt;messageId&gt;            the agent deletes a message
 * typing &lt;rid&gt; on|off          the agent starts or stops typing
 * close &lt;rid&gt; [comment]        the agent closes the room
 * status &lt;status&gt;              the agent's presence changes (agentStatus to the rooms it serves)
 * queue &lt;rid&gt; &lt;position&gt;       the room's place in the queue (queueData)
 * rename &lt;rid&gt; &lt;name&gt;          the agent renames the room's visitor (visitorData)
 * state &lt;rid&gt;                  what the fake holds of the room      → ok {"open":..,"messages":[..],..}
 * quit                         stops the server and exits
 * </pre>
 *
 * <p>It uses only the fake's public API. It stops when its standard input ends or its parent
 * process goes away, so a killed run leaves nothing behind.
 */
public final class FakeServerLauncher {
  /** The department {@code department.transfer} can move a room to. */
  static final String DEPARTMENT_ID = "sales-department";

  private final FakeLivechatServer server;
  private final FakeAgent agent;

  private FakeServerLauncher(FakeLivechatServer server) {
    this.server = server;
    this.agent = server.agent("agent.smith", "Agent Smith");
    server.addDepartment(DEPARTMENT_ID, "Sales");
  }

  public static void main(String[] args) throws IOException {
    watchParent();
    // The conversation sets the visitor's custom field "plan": the server takes only defined fields.
    FakeLivechatServer server = FakeLivechatServer.start(ServerSettings.defaults()
        .withCustomFields(List.of(CustomFieldDefinition.visitor("plan"))));
    FakeServerLauncher launcher = new FakeServerLauncher(server);
    System.out.println("listening " + server.url());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (line.trim().equals("quit")) {
          System.out.println("ok");
          break;
        }
        String answer;
        try {
          answer = launcher.obey(line.trim());
        } catch (RuntimeException e) {
          answer = "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        System.out.println(answer.replace('\n', ' '));
        System.out.flush();
      }
    } finally {
      server.close();
    }
    System.out.flush();
    System.exit(0);
  }

  /** Exits when the process that started this one is gone (its standard input may stay open). */
  private static void watchParent() {
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    if (parent.isEmpty()) {
      return;
    }
    // The JDK tells when the parent ends: no polling.
    parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(3));
  }

  private String obey(String line) {
    String[] words = line.split(" ", 3);
    String command = words[0];
    String first = words.length > 1 ? words[1] : "";
    String rest = words.length > 2 ? words[2] : "";
    switch (command) {
      case "assign" -> {
        agent.setAvailable(true);
        agent.assign(first);
        return "ok";
      }
      case "available" -> {
        agent.setAvailable(first.equals("on"));
        return "ok";
      }
      case "reply" -> {
        Message reply = agent.reply(first, rest);
        return "ok " + json(w -> {
          w.beginObject().name("_id").value(reply.id()).name("msg").value(reply.text()).endObject();
        });
      }
      case "edit" -> {
        agent.edit(first, rest);
        return "ok";
      }
      case "delete" -> {
        agent.delete(first);
        return "ok";
      }
      case "typing" -> {
        agent.typing(first, rest.equals("on"));
        return "ok";
      }
      case "close" -> {
        Message close = rest.isEmpty() ? agent.closeRoom(first) : agent.closeRoom(first, rest);
        return "ok " + json(w -> w.beginObject().name("_id").value(close.id()).endObject());
      }
      case "status" -> {
        agent.setStatus(first);
        return "ok";
      }
      case "queue" -> {
        server.announceQueuePosition(first, Integer.parseInt(rest), 60);
        return "ok";
      }
      case "rename" -> {
        agent.renameVisitor(first, rest);
        return "ok";
      }
      case "state" -> {
        return "ok " + state(first);
      }
      default -> throw new IllegalArgumentException("unknown command " + command);
    }
  }

  /** The room as the fake holds it: open, agent, department, messages, typing signals, transcripts. */
  private String state(String rid) {
    Room room = server.room(rid).orElseThrow(() -> new IllegalArgumentException("no room " + rid));
    return json(w -> {
      w.beginObject();
      w.name("open").value(room.open());
      w.name("servedBy").value(room.servedBy() == null ? null : room.servedBy().username());
      w.name("departmentId").value(room.departmentId());
      w.name("subscriptions").value(server.subscriptionCount(rid));
      w.name("messages").beginArray();
      for (Message message : server.messages(rid)) {
        w.beginObject()
            .name("_id").value(message.id())
            .name("msg").value(message.text())
            .name("t").value(message.type())
            .name("u").value(message.user() == null ? null : message.user().username())
            .name("edited").value(message.editedAt() != null)
            .endObject();
      }
      w.endArray();
      w.name("typing").beginArray();
      for (TypingSignal signal : server.typingSignals()) {
        if (signal.roomId().equals(rid)) {
          w.beginObject().name("username").value(signal.username()).name("typing").value(signal.typing()).endObject();
        }
      }
      w.endArray();
      w.name("transcripts").beginArray();
      for (TranscriptRequest request : server.transcripts()) {
        if (request.roomId().equals(rid)) {
          w.value(request.email());
        }
      }
      w.endArray();
      w.name("survey").beginObject();
      for (var answer : server.surveyAnswers(rid).entrySet()) {
        w.name(answer.getKey()).value(answer.getValue());
      }
      w.endObject();
      w.endObject();
    });
  }

  private interface Writing {
    void write(JsonWriter writer) throws IOException;
  }

  private static String json(Writing writing) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      writing.write(writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
