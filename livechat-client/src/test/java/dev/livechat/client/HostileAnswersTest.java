package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.SurveyAnswer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint, blocking and asynchronous, against answers a hostile server or a broken proxy
 * could give: wrong types, truncated and trailing JSON, 10,000 nested arrays, huge strings, invalid
 * UTF-8, random statuses, a garbage status line, and the visitor token echoed in texts, fields,
 * dates, headers and the status line, sometimes cut in its middle. Each call must give a record or
 * a {@link LivechatException} whose whole printed stack trace (message, causes, suppressed) holds
 * neither the token nor, where the SDK cut a text, a start of it, within a few seconds. Seeded, so a
 * failure replays.
 */
class HostileAnswersTest {
  static final String TOKEN = "hT7kQ2vX9mB4nR6wZ1pL8sD3";
  static final String RID = "room1";
  /** The client's answer limit: above the huge strings, below the largest answers. */
  static final long LIMIT = 2L * 1024 * 1024;

  @StartStop final MockWebServer server = new MockWebServer();
  private volatile MockResponse answer = new MockResponse.Builder().build();

  /** One endpoint, both ways; whether its request carries the token (so the client knows it). */
  record Call(String name, boolean carriesToken, Function<LivechatClient, Object> blocking,
      Function<AsyncLivechatClient, CompletableFuture<?>> async) {}

  static final List<Call> CALLS = List.of(
      new Call("config", true, c -> c.config(TOKEN, null), a -> a.config(TOKEN, null)),
      new Call("configWithoutToken", false, LivechatClient::config, AsyncLivechatClient::config),
      new Call("sendMessage", true, c -> c.sendMessage(TOKEN, RID, "hi"), a -> a.sendMessage(TOKEN, RID, "hi")),
      new Call("sendMessageRequest", true, c -> c.sendMessage(SendMessageRequest.of(TOKEN, RID, "hi")),
          a -> a.sendMessage(SendMessageRequest.of(TOKEN, RID, "hi"))),
      new Call("updateMessage", true, c -> c.updateMessage(TOKEN, RID, "m1", "hi"),
          a -> a.updateMessage(TOKEN, RID, "m1", "hi")),
      new Call("deleteMessage", true, c -> c.deleteMessage(TOKEN, RID, "m1"), a -> a.deleteMessage(TOKEN, RID, "m1")),
      new Call("loadHistory", true, c -> c.loadHistory(TOKEN, RID, HistoryQuery.latest(20)),
          a -> a.loadHistory(TOKEN, RID, HistoryQuery.latest(20))),
      new Call("sendOfflineMessage", false, c -> c.sendOfflineMessage(OfflineMessage.of("Ann", "a@example.com", "hi")),
          a -> a.sendOfflineMessage(OfflineMessage.of("Ann", "a@example.com", "hi"))),
      new Call("getMessage", true, c -> c.getMessage(TOKEN, RID, "m1"), a -> a.getMessage(TOKEN, RID, "m1")),
      new Call("registerVisitor", true, c -> c.registerVisitor(NewVisitor.of(TOKEN)),
          a -> a.registerVisitor(NewVisitor.of(TOKEN))),
      new Call("getVisitor", true, c -> c.getVisitor(TOKEN), a -> a.getVisitor(TOKEN)),
      new Call("deleteVisitor", true, c -> c.deleteVisitor(TOKEN), a -> a.deleteVisitor(TOKEN)),
      new Call("setVisitorStatus", true, c -> c.setVisitorStatus(TOKEN, "online"),
          a -> a.setVisitorStatus(TOKEN, "online")),
      new Call("openRoom", true, c -> c.openRoom(TOKEN), a -> a.openRoom(TOKEN)),
      new Call("closeRoom", true, c -> c.closeRoom(TOKEN, RID), a -> a.closeRoom(TOKEN, RID)),
      new Call("transferToDepartment", true, c -> {
        c.transferToDepartment(TOKEN, RID, "d1");
        return "done";
      }, a -> a.transferToDepartment(TOKEN, RID, "d1")),
      new Call("submitSurvey", true, c -> c.submitSurvey(TOKEN, RID, List.of(new SurveyAnswer("satisfaction", "5"))),
          a -> a.submitSurvey(TOKEN, RID, List.of(new SurveyAnswer("satisfaction", "5")))),
      new Call("agentInfo", true, c -> c.agentInfo(TOKEN, RID), a -> a.agentInfo(TOKEN, RID)),
      new Call("nextAgent", true, c -> c.nextAgent(TOKEN), a -> a.nextAgent(TOKEN)),
      new Call("nextAgentOfDepartment", true, c -> c.nextAgent(TOKEN, "d1"), a -> a.nextAgent(TOKEN, "d1")),
      new Call("sendPageVisited", true, c -> c.sendPageVisited(TOKEN, RID, PageVisit.of("https://example.com", "Home")),
          a -> a.sendPageVisited(TOKEN, RID, PageVisit.of("https://example.com", "Home"))),
      new Call("requestTranscript", true, c -> c.requestTranscript(TOKEN, RID, "a@example.com"),
          a -> a.requestTranscript(TOKEN, RID, "a@example.com")),
      new Call("setCustomField", true, c -> c.setCustomField(TOKEN, "plan", "pro", true),
          a -> a.setCustomField(TOKEN, "plan", "pro", true)),
      new Call("setCustomFields", true, c -> c.setCustomFields(TOKEN, List.of(CustomField.of("plan", "pro"))),
          a -> a.setCustomFields(TOKEN, List.of(CustomField.of("plan", "pro")))),
      new Call("uploadFile", true, c -> c.uploadFile(TOKEN, RID, FileUpload.of(new byte[] {1, 2}, "a.bin", "application/octet-stream")),
          a -> a.uploadFile(TOKEN, RID, FileUpload.of(new byte[] {1, 2}, "a.bin", "application/octet-stream"))),
      new Call("downloadFile", true, c -> drain(c.downloadFile(TOKEN, RID, new FileInfo("f1", "a.bin", null))),
          a -> a.downloadFile(TOKEN, RID, new FileInfo("f1", "a.bin", null)).thenApply(HostileAnswersTest::drain)),
      new Call("downloadFileLink", true, c -> drain(c.downloadFile(TOKEN, RID, "/file-upload/f1/a.bin")),
          a -> a.downloadFile(TOKEN, RID, "/file-upload/f1/a.bin").thenApply(HostileAnswersTest::drain)));

  /** Reads a download whole (bounded by the client's answer limit in these tests) and closes it. */
  private static Object drain(FileDownload download) {
    try (download) {
      return download.writeTo(OutputStream.nullOutputStream());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L})
  void everyEndpointGivesARecordOrAScrubbedLivechatException(long seed) throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer; // the same for a silent retry, so nothing waits on an empty queue
      }
    });
    Random random = new Random(seed);
    try (LivechatClient client = LivechatClient.builder().baseUrl(server.url("/"))
        .retryPolicy(RetryPolicy.none()).maxResponseBytes(LIMIT).readTimeout(Duration.ofSeconds(2)).build()) {
      for (Call call : CALLS) {
        for (boolean async : new boolean[] {false, true}) {
          String kind = hostile(random);
          String what = "seed " + seed + ", " + call.name() + (async ? " async" : "") + ", " + kind;
          Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(client, call, async), what);
          if (outcome instanceof Throwable failure) {
            assertThat(failure).as(what).isInstanceOf(LivechatException.class);
            if (call.carriesToken()) {
              assertNoPartOfTheToken(failure, what);
            }
          }
        }
      }
    }
  }

  /** The record, or the failure the call gave (unwrapped from the future). */
  private static Object run(LivechatClient client, Call call, boolean async) throws Exception {
    try {
      if (!async) {
        return String.valueOf(call.blocking().apply(client));
      }
      return String.valueOf(call.async().apply(client.async()).get(4, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (RuntimeException e) {
      return e;
    }
  }

  /**
   * Not the token, anywhere; and at a cut the SDK made (a text ending in {@code …}), no start of
   * it. A part of the token that came cut from the server stays as it came (issue 19: hiding parts
   * of it everywhere corrupted server words that share characters with the token).
   */
  private static void assertNoPartOfTheToken(Throwable failure, String what) {
    StringWriter printed = new StringWriter();
    failure.printStackTrace(new PrintWriter(printed));
    String text = printed.toString();
    if (failure instanceof LivechatApiException api) {
      text += "\n" + api.errorCode() + "\n" + api.serverText();
    }
    assertThat(text).as(what).doesNotContain(TOKEN);
    for (int length = 1; length < TOKEN.length(); length++) {
      assertThat(text).as(what).doesNotContain(TOKEN.substring(0, length) + "…");
    }
  }

  /** Sets {@link #answer} to a hostile one drawn from {@code random}; returns what it is, for the report. */
  private String hostile(Random random) {
    int kind = random.nextInt(11);
    MockResponse.Builder out = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json");
    String label;
    switch (kind) {
      case 0 -> {
        label = "wrong types";
        out.body(wrongTypes(random, 0));
      }
      case 1 -> {
        String whole = wrongTypes(random, 0);
        label = "truncated";
        out.body(whole.substring(0, random.nextInt(whole.length())));
      }
      case 2 -> {
        label = "10,000 nested arrays";
        out.body("[".repeat(10_000) + (random.nextBoolean() ? "]".repeat(10_000) : ""));
      }
      case 3 -> {
        label = "1 MB string";
        String huge = "x".repeat(1_000_000 - random.nextInt(50)) + TOKEN;
        out.body("{\"message\":{\"_id\":\"m1\",\"rid\":\"" + RID + "\",\"msg\":\"" + huge + "\"},\"visitor\":{\"_id\":\""
            + huge + "\",\"token\":\"" + TOKEN + "\"},\"success\":true}");
      }
      case 4 -> {
        label = "invalid UTF-8";
        Buffer body = new Buffer().writeUtf8("{\"message\":{\"_id\":\"")
            .write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE})
            .writeUtf8(TOKEN).write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).writeUtf8("\",\"ts\":\"")
            .write(new byte[] {(byte) 0xF8}).writeUtf8(TOKEN + "\"}}");
        out.body(body);
      }
      case 5 -> {
        int[] statuses = {200, 201, 204, 299, 400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 504, 599};
        int status = statuses[random.nextInt(statuses.length)];
        label = "status " + status + " echoing the token";
        out.code(status).setHeader("X-RateLimit-Reset", TOKEN).setHeader("X-RateLimit-Limit", TOKEN)
            .setHeader("X-RateLimit-Remaining", "0");
        if (status != 204) {
          out.body(errorEcho(random));
        }
      }
      case 6 -> {
        label = "error text cut in the token";
        // The server's text is cut at 1,000 characters in messages: put the token across the cut.
        String text = "y".repeat(1000 - 8 - random.nextInt(TOKEN.length() - 8)) + TOKEN + " and more";
        out.code(400).body("{\"success\":false,\"error\":\"" + text + "\",\"errorType\":\"" + text + "\"}");
      }
      case 7 -> {
        label = "token cut by the server";
        String cut = random.nextBoolean() ? TOKEN.substring(0, 8 + random.nextInt(TOKEN.length() - 8))
            : TOKEN.substring(random.nextInt(TOKEN.length() - 8));
        out.code(random.nextBoolean() ? 400 : 200)
            .body("{\"success\":false,\"error\":\"Invalid token " + cut + "\",\"message\":{\"_id\":" + "\"m1\",\"ts\":\""
                + cut + "\"},\"visitor\":{\"_id\":\"v1\",\"ts\":\"" + cut + "\"}}");
      }
      case 8 -> {
        label = "garbage status line";
        String[] lines = {"HTTP/1.1 " + TOKEN, TOKEN + " 200 OK", "HTTP/1.1 2" + TOKEN + " OK", "HTTP/1.1 200 " + TOKEN};
        out.status(lines[random.nextInt(lines.length)]).body("{\"success\":true}");
      }
      case 9 -> {
        label = "trailing data";
        out.body("{\"success\":true} " + TOKEN);
      }
      default -> {
        label = "token in headers and fields";
        out.setHeader("X-Echo", TOKEN).setHeader("Content-Type", "application/" + TOKEN)
            .setHeader("Content-Disposition", "attachment; filename=\"" + TOKEN + "\"")
            .body(echoes(random));
      }
    }
    answer = out.build();
    return label;
  }

  /** An object whose known keys hold values of random, mostly wrong, types, the token among them. */
  private static String wrongTypes(Random random, int depth) {
    String[] names = {"message", "messages", "visitor", "room", "config", "agent", "status", "field", "fields",
        "page", "success", "_id", "ts", "_updatedAt", "rid", "msg", "token", "u", "newRoom", "error", "count",
        "total", "offset", "file", "data", "department"};
    StringBuilder out = new StringBuilder("{");
    int fields = 1 + random.nextInt(8);
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(names[random.nextInt(names.length)]).append("\":").append(value(random, depth));
    }
    return out.append('}').toString();
  }

  private static String value(Random random, int depth) {
    return switch (random.nextInt(depth < 3 ? 9 : 6)) {
      case 0 -> "\"" + TOKEN + "\"";
      case 1 -> String.valueOf(random.nextInt());
      case 2 -> "1e999";
      case 3 -> random.nextBoolean() ? "true" : "null";
      case 4 -> "\"2024-13-45T" + TOKEN + "\"";
      case 5 -> "{\"$date\":\"" + TOKEN + "\"}";
      case 6 -> "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
      default -> wrongTypes(random, depth + 1);
    };
  }

  /** A refusal echoing the token in every text field, sometimes as the whole Meteor error object. */
  private static String errorEcho(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> "{\"success\":false,\"error\":\"Invalid token " + TOKEN + " [invalid-token]\"}";
      case 1 -> "{\"success\":false,\"error\":{\"error\":\"" + TOKEN + "\",\"reason\":\"" + TOKEN + "\"},\"errorType\":\""
          + TOKEN + "\"}";
      case 2 -> "<html><body>Bad gateway for token=" + TOKEN + "</body></html>";
      default -> "{\"success\":false,\"reason\":\"You must wait " + TOKEN + " seconds\",\"message\":\"" + TOKEN + "\"}";
    };
  }

  /** A plausible success with the token where a field of another type, or a date, belongs. */
  private static String echoes(Random random) {
    List<String> bodies = new ArrayList<>(List.of(
        "{\"message\":{\"_id\":\"m1\",\"rid\":\"" + RID + "\",\"msg\":\"hi\",\"ts\":\"" + TOKEN + "\"},\"success\":true}",
        "{\"visitor\":{\"_id\":\"v1\",\"token\":\"" + TOKEN + "\",\"_updatedAt\":\"" + TOKEN + "\"},\"success\":true}",
        "{\"messages\":[{\"_id\":\"m1\",\"msg\":" + TOKEN + "}],\"success\":true}",
        "{\"config\":{\"enabled\":\"" + TOKEN + "\"},\"success\":true}",
        "{\"room\":{\"_id\":\"" + RID + "\",\"v\":{\"token\":\"" + TOKEN + "\"}},\"newRoom\":\"" + TOKEN + "\"}",
        "{\"status\":{\"" + TOKEN + "\":1},\"count\":\"" + TOKEN + "\",\"total\":\"" + TOKEN + "\"}"));
    return bodies.get(random.nextInt(bodies.size()));
  }
}
