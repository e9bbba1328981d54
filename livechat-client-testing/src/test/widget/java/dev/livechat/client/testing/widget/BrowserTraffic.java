package dev.livechat.client.testing.widget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What the browser did, read from ChromeDriver's performance log (the DevTools network events:
 * every HTTP answer, failed load and WebSocket frame, the widget's frame included) and its browser
 * log (the console): the problems among them, the DDP frames the widget sent, and a readable
 * record of it all in {@code traffic.log}.
 */
final class BrowserTraffic {
  /** Something that went wrong in the browser: an HTTP error, a failed load, a DDP error, a console error. */
  record Problem(String kind, String detail) {
    @Override
    public String toString() {
      return kind + ": " + detail;
    }
  }

  private final Path log;
  private final Json json = new Json();
  private final Map<String, String> urls = new HashMap<>(); // requestId -> URL
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> sentFrames = new ArrayList<>();
  private final List<String> receivedFrames = new ArrayList<>();

  BrowserTraffic(Path log) {
    this.log = log;
  }

  /** Reads what the browser logged since the last call. */
  void drain(WebDriver driver, String step) {
    List<String> lines = new ArrayList<>();
    lines.add("---- " + step);
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      network(entry.getMessage(), lines);
    }
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      lines.add("console " + entry.getLevel() + " " + entry.getMessage());
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        problems.add(new Problem("console error", entry.getMessage()));
      }
    }
    try {
      Files.write(log, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private void network(String entry, List<String> lines) {
    Map<String, Object> message = (Map<String, Object>) object(entry).get("message");
    String method = String.valueOf(message.get("method"));
    Map<String, Object> params = (Map<String, Object>) message.get("params");
    switch (method) {
      case "Network.requestWillBeSent" -> {
        Map<String, Object> request = (Map<String, Object>) params.get("request");
        urls.put(String.valueOf(params.get("requestId")), String.valueOf(request.get("url")));
      }
      case "Network.responseReceived" -> {
        Map<String, Object> response = (Map<String, Object>) params.get("response");
        String url = String.valueOf(response.get("url"));
        long status = ((Number) response.get("status")).longValue();
        if (url.startsWith("http")) {
          lines.add(status + " " + url);
          if (status >= 400) {
            problems.add(new Problem("HTTP " + status, url));
          }
        }
      }
      case "Network.loadingFailed" -> {
        String url = urls.getOrDefault(String.valueOf(params.get("requestId")), "?");
        if (url.startsWith("http") && !Boolean.TRUE.equals(params.get("canceled"))) {
          lines.add("failed " + params.get("errorText") + " " + url);
          problems.add(new Problem("load failed " + params.get("errorText"), url));
        }
      }
      case "Network.webSocketFrameSent" -> {
        String payload = payload(params);
        sentFrames.add(payload);
        lines.add("ws> " + payload);
      }
      case "Network.webSocketFrameReceived" -> {
        String payload = payload(params);
        receivedFrames.add(payload);
        lines.add("ws< " + payload);
        Map<String, Object> frame = object(payload);
        Object msg = frame.get("msg");
        if ("error".equals(msg) || "failed".equals(msg) || frame.containsKey("error")) {
          problems.add(new Problem("DDP " + msg + " with error", payload + " (answering " + answered(frame) + ")"));
        }
      }
      case "Network.webSocketFrameError" -> problems.add(new Problem("WebSocket error", String.valueOf(params)));
      default -> { }
    }
  }

  @SuppressWarnings("unchecked")
  private static String payload(Map<String, Object> params) {
    return String.valueOf(((Map<String, Object>) params.get("response")).get("payloadData"));
  }

  /** The frame the widget sent that {@code frame} answers (same {@code id}), or "?". */
  private String answered(Map<String, Object> frame) {
    Object id = frame.get("id");
    for (String sent : sentFrames) {
      if (id != null && id.equals(object(sent).get("id"))) {
        return sent;
      }
    }
    return "?";
  }

  private Map<String, Object> object(String text) {
    return json.toType(text, Json.MAP_TYPE);
  }

  /** The problems seen so far, in order. */
  List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** Every DDP frame the widget sent so far whose text contains {@code fragment}. */
  List<String> sent(String fragment) {
    return sentFrames.stream().filter(frame -> frame.contains(fragment)).toList();
  }

  /** Every DDP frame the widget received so far whose text contains {@code fragment}. */
  List<String> received(String fragment) {
    return receivedFrames.stream().filter(frame -> frame.contains(fragment)).toList();
  }
}
