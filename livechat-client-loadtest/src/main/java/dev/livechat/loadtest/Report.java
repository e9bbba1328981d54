package dev.livechat.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Writes a run's {@code summary.json} and {@code report.html}. The HTML is one self-contained file
 * (inline CSS and SVG, no script, nothing fetched), readable offline: the headline numbers, a
 * latency table, and four kinds of plots (percentiles over time, throughput, the latency
 * distribution of each measure, errors over time). Every number shown comes from the same values
 * as summary.json's, and carries them in {@code data-*} attributes.
 */
final class Report {
  private Report() {}

  /** Writes both files into {@code dir}; returns summary.json's content as a map. */
  static Map<String, Object> write(LoadRun.Result result, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> summary = summary(result);
    Files.writeString(dir.resolve("summary.json"), Json.write(summary), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.html"), html(result, summary), StandardCharsets.UTF_8);
    return summary;
  }

  /** summary.json: see the README for each field. */
  static Map<String, Object> summary(LoadRun.Result r) {
    Options o = r.options();
    Metrics m = r.metrics();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("tool", "livechat-loadtest");
    s.put("startedAt", r.startedAt().toString());
    s.put("elapsedSeconds", round(r.elapsed().toMillis() / 1000.0));
    s.put("stoppedBy", r.stop().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    s.put("target", r.target());
    s.put("agents", r.agents());
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("visitors", o.visitors());
    opts.put("durationSeconds", o.duration().toMillis() / 1000.0);
    opts.put("arrivalIntervalMs", round(o.arrivalInterval().toNanos() / 1e6));
    opts.put("messages", o.messages());
    opts.put("thinkMs", o.think().toMillis());
    opts.put("agents", o.agents());
    opts.put("agentChats", o.agentChats());
    opts.put("agentDelayMs", o.agentDelay().toMillis());
    opts.put("replyTimeoutMs", o.replyTimeout().toMillis());
    opts.put("maxDurationSeconds", o.maxDuration().toMillis() / 1000.0);
    opts.put("serverDelayMs", o.serverDelay().toMillis());
    opts.put("rateLimits", o.url() != null || o.rateLimits());
    opts.put("seed", o.seed());
    s.put("options", opts);
    s.put("visitors", r.started());
    s.put("visitorsPlanned", r.planned());
    s.put("visitorsCompleted", r.completed());
    s.put("visitorsFailed", r.failed());
    s.put("visitorsAborted", r.aborted());
    s.put("visitorsNotStarted", r.notStarted());
    s.put("visitorsChecked", r.verified());
    long visitorMessages = m.visitorMessages.sum();
    long agentMessages = m.agentMessages.sum();
    s.put("messages", visitorMessages + agentMessages);
    s.put("visitorMessages", visitorMessages);
    s.put("agentMessages", agentMessages);
    s.put("repliesDelivered", m.delivered.sum());
    s.put("messagesPerSecond", round((visitorMessages + agentMessages) / Math.max(0.001, r.elapsed().toMillis() / 1000.0)));
    Ledger.Check c = r.check();
    s.put("lost", c.lost());
    s.put("duplicated", c.duplicated());
    s.put("outOfOrder", c.outOfOrder());
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("lostFromHistory", c.lostStored());
    check.put("lostInRealtime", c.lostInRealtime());
    check.put("duplicatedInHistory", c.duplicatedStored());
    check.put("duplicatedInRealtime", c.duplicatedInRealtime());
    check.put("storedWithoutAcknowledgement", c.unacknowledged());
    check.put("findings", c.findings());
    s.put("check", check);
    s.put("calls", m.calls.sum());
    s.put("http429", m.http429.sum());
    s.put("rateLimitWaitMs", round(m.rateLimitWaitMicros.get() / 1000.0));
    s.put("errorCount", m.errorCount());
    s.put("errors", m.errors());
    Map<String, Object> latency = new LinkedHashMap<>();
    m.measures().forEach((name, measure) -> {
      Histogram h = measure.total;
      if (h.getTotalCount() == 0) {
        return;
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("count", h.getTotalCount());
      p.put("mean", round(h.getMean() / 1000.0));
      p.put("p50", Metrics.ms(h.getValueAtPercentile(50)));
      p.put("p90", Metrics.ms(h.getValueAtPercentile(90)));
      p.put("p99", Metrics.ms(h.getValueAtPercentile(99)));
      p.put("max", Metrics.ms(h.getMaxValue()));
      latency.put(name, p);
    });
    s.put("latencyMs", latency);
    s.put("process", r.usage());
    return s;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static final Map<String, String> MEANING = Map.of(
      Metrics.VISITOR_TO_AGENT, "visitor message (from its due time) → shown in the agent's realtime view",
      Metrics.AGENT_TO_VISITOR, "agent reply (from its due time) → delivered to the visitor's realtime session",
      Metrics.QUEUE_WAIT, "room opened → taken by an agent, who follows it in realtime",
      Metrics.FIRST_RESPONSE, "room opened → first agent reply delivered",
      Metrics.VISITOR_START, "visitor due → registered, room open, realtime caught up",
      Metrics.RATE_LIMIT_WAIT, "each wait for the server's rate limiter (429 retry or wait before sending)");

  static String html(LoadRun.Result r, Map<String, Object> s) {
    Metrics m = r.metrics();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Livechat load test report</title><style>")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}")
        .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}")
        .append(".meta{color:#555}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}")
        .append(".card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:110px}")
        .append(".card b{display:block;font-size:20px}.card.bad b{color:#c0392b}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}")
        .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
        .append(".charts{display:flex;flex-wrap:wrap;gap:14px}.chart{border:1px solid #eee;background:#fff}")
        .append(".grid{stroke:#eee}.axis{stroke:#999}.tick,.legend{font-size:10px;fill:#555}.label{font-size:11px;fill:#333}")
        .append("figure{margin:0}figcaption{font-size:12px;color:#444;margin:2px 0 8px}code{font-size:12px}")
        .append("</style></head><body>\n");
    h.append("<h1>Livechat load test</h1><div class=\"meta\">").append(Html.escape(r.startedAt().toString()))
        .append(" · ").append(Html.escape(r.target())).append(" · ").append(Html.escape(r.agents()))
        .append(" · stopped: <span id=\"stopped-by\">").append(s.get("stoppedBy")).append("</span>")
        .append(" · ").append(Html.escape(String.valueOf(r.options()))).append("</div>\n");

    h.append("<div class=\"cards\" id=\"headline\">");
    card(h, "visitors", s.get("visitors"), "visitors started", false);
    card(h, "messages", s.get("messages"), "messages sent", false);
    card(h, "messagesPerSecond", s.get("messagesPerSecond"), "messages / s", false);
    card(h, "lost", s.get("lost"), "lost", ((Number) s.get("lost")).longValue() > 0);
    card(h, "duplicated", s.get("duplicated"), "duplicated", ((Number) s.get("duplicated")).longValue() > 0);
    card(h, "outOfOrder", s.get("outOfOrder"), "out of order", ((Number) s.get("outOfOrder")).longValue() > 0);
    card(h, "http429", s.get("http429"), "HTTP 429s", ((Number) s.get("http429")).longValue() > 0);
    card(h, "errorCount", s.get("errorCount"), "errors", ((Number) s.get("errorCount")).longValue() > 0);
    @SuppressWarnings("unchecked")
    Map<String, Object> process = (Map<String, Object>) s.get("process");
    card(h, "processCpuPercentOfMachine", process.get("processCpuPercentOfMachine"), "process CPU % of machine", false);
    card(h, "heapMbPerVisitor", process.get("heapMbPerVisitor"), "heap MB / visitor", false);
    h.append("</div>\n");

    h.append("<h2>Latency (ms)</h2><table id=\"latency\"><tr><th>measure</th><th>count</th><th>p50</th><th>p90</th>")
        .append("<th>p99</th><th>max</th><th>what it measures</th></tr>");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> latency = (Map<String, Map<String, Object>>) s.get("latencyMs");
    latency.forEach((name, p) -> {
      h.append("<tr data-measure=\"").append(Html.escape(name)).append('"');
      for (String k : List.of("count", "p50", "p90", "p99", "max")) {
        h.append(" data-").append(k).append("=\"").append(Json.compact(p.get(k))).append('"');
      }
      h.append("><td>").append(Html.escape(name)).append("</td>");
      for (String k : List.of("count", "p50", "p90", "p99", "max")) {
        h.append("<td class=\"").append(k).append("\">").append(Json.compact(p.get(k))).append("</td>");
      }
      h.append("<td style=\"text-align:left\">").append(Html.escape(MEANING.getOrDefault(name,
          name.contains(" ") ? "REST call, from the SDK's telemetry (retries and waits included)" : ""))).append("</td></tr>");
    });
    h.append("</table>\n<p class=\"meta\">Due times, not send times: a message held up by a slow answer still counts"
        + " the time it was held up (coordinated omission corrected). HdrHistogram, 3 significant digits.</p>\n");

    // Percentiles over time
    h.append("<h2>Percentiles over time</h2><div class=\"charts\" id=\"over-time\">");
    m.measures().forEach((name, measure) -> {
      List<Metrics.Point> points;
      synchronized (m) {
        points = new ArrayList<>(measure.points);
      }
      Map<String, Object> p = latency.get(name);
      if (points.isEmpty() || p == null) {
        return;
      }
      double[] t = points.stream().mapToDouble(Metrics.Point::t).toArray();
      List<Svg.Series> series = List.of(
          new Svg.Series("p50", t, points.stream().mapToDouble(Metrics.Point::p50).toArray()),
          new Svg.Series("p90", t, points.stream().mapToDouble(Metrics.Point::p90).toArray()),
          new Svg.Series("p99", t, points.stream().mapToDouble(Metrics.Point::p99).toArray()),
          new Svg.Series("max", t, points.stream().mapToDouble(Metrics.Point::max).toArray()));
      figure(h, Svg.lines(name + " per second", "ms", Svg.XAxis.SECONDS, series,
          attrs("data-measure", name, "data-kind", "over-time", "data-p99", Json.compact(p.get("p99"))), false),
          name + ": each second's p50, p90, p99 and max (overall p99 " + Json.compact(p.get("p99")) + " ms)");
    });
    h.append("</div>\n");

    // Throughput
    List<Metrics.Interval> intervals = m.intervals();
    double[] t = intervals.stream().mapToDouble(Metrics.Interval::t).toArray();
    h.append("<h2>Throughput</h2><div class=\"charts\" id=\"throughput\">");
    figure(h, Svg.lines("messages per second", "messages / s", Svg.XAxis.SECONDS, List.of(
        new Svg.Series("visitor", t, intervals.stream().mapToDouble(Metrics.Interval::visitorMessages).toArray()),
        new Svg.Series("agent", t, intervals.stream().mapToDouble(Metrics.Interval::agentMessages).toArray()),
        new Svg.Series("delivered", t, intervals.stream().mapToDouble(Metrics.Interval::delivered).toArray())),
        attrs("data-kind", "throughput", "data-messages", Json.compact(s.get("messages"))), false),
        "messages accepted per second (visitors', agents') and replies delivered in realtime; "
            + Json.compact(s.get("messages")) + " messages in all");
    figure(h, Svg.lines("visitors under way", "visitors", Svg.XAxis.SECONDS, List.of(
        new Svg.Series("active", t, intervals.stream().mapToDouble(Metrics.Interval::activeVisitors).toArray())),
        attrs("data-kind", "active", "data-visitors", Json.compact(s.get("visitors"))), false),
        "conversations under way (arrived, not yet closed)");
    h.append("</div>\n");

    // Distributions
    h.append("<h2>Latency distribution</h2><div class=\"charts\" id=\"distribution\">");
    double[] percentiles = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100};
    m.measures().forEach((name, measure) -> {
      Histogram hist = measure.total;
      Map<String, Object> p = latency.get(name);
      if (hist.getTotalCount() == 0 || p == null) {
        return;
      }
      double[] ys = new double[percentiles.length];
      for (int i = 0; i < percentiles.length; i++) {
        ys[i] = percentiles[i] == 100 ? Metrics.ms(hist.getMaxValue()) : Metrics.ms(hist.getValueAtPercentile(percentiles[i]));
      }
      figure(h, Svg.lines(name + " distribution", "ms", Svg.XAxis.PERCENTILE,
          List.of(new Svg.Series(name, percentiles, ys)),
          attrs("data-measure", name, "data-kind", "distribution", "data-p50", Json.compact(p.get("p50")),
              "data-p99", Json.compact(p.get("p99")), "data-max", Json.compact(p.get("max"))), false),
          name + ": latency at each percentile, " + hist.getTotalCount() + " values");
    });
    h.append("</div>\n");

    // Errors
    h.append("<h2>Errors</h2><div class=\"charts\" id=\"errors\">");
    figure(h, Svg.lines("errors per second", "per second", Svg.XAxis.SECONDS, List.of(
        new Svg.Series("errors", t, intervals.stream().mapToDouble(Metrics.Interval::errors).toArray()),
        new Svg.Series("HTTP 429", t, intervals.stream().mapToDouble(Metrics.Interval::http429).toArray())),
        attrs("data-kind", "errors", "data-errors", Json.compact(s.get("errorCount")), "data-http429",
            Json.compact(s.get("http429"))), true),
        "errors and 429 answers per second; " + s.get("errorCount") + " errors, " + s.get("http429") + " 429s, "
            + s.get("rateLimitWaitMs") + " ms waited for the rate limiter");
    h.append("</div><table id=\"error-codes\"><tr><th>error</th><th>count</th></tr>");
    @SuppressWarnings("unchecked")
    Map<String, Long> errors = (Map<String, Long>) s.get("errors");
    if (errors.isEmpty()) {
      h.append("<tr><td colspan=\"2\">none</td></tr>");
    }
    errors.forEach((code, n) -> h.append("<tr data-code=\"").append(Html.escape(code)).append("\"><td>")
        .append(Html.escape(code)).append("</td><td>").append(n).append("</td></tr>"));
    h.append("</table>\n");

    // Check
    @SuppressWarnings("unchecked")
    Map<String, Object> check = (Map<String, Object>) s.get("check");
    h.append("<h2>Message check</h2><p>Every message the server accepted is looked up in its room's history (stored"
        + " once, in order) and in what the other side's realtime session showed (delivered once, in order). ")
        .append(s.get("visitorsChecked")).append(" conversations checked; ").append(s.get("visitorsAborted"))
        .append(" abandoned by the stop and not checked.</p><table id=\"check\">");
    check.forEach((k, v) -> {
      if (!k.equals("findings")) {
        h.append("<tr><td>").append(k).append("</td><td>").append(v).append("</td></tr>");
      }
    });
    h.append("</table>");
    @SuppressWarnings("unchecked")
    List<String> findings = (List<String>) check.get("findings");
    if (!findings.isEmpty()) {
      h.append("<ul id=\"findings\">");
      findings.forEach(f -> h.append("<li>").append(Html.escape(f)).append("</li>"));
      h.append("</ul>");
    }

    // Process
    h.append("<h2>This process</h2><p class=\"meta\">If the process CPU is near the machine's cores, the tool (or,"
        + " embedded, the fake in the same process: its MockWebServer threads are counted apart) is the limit, not"
        + " the server.")
        .append(" Heap per visitor is an upper bound: heap in use at the peak of concurrent visitors, less the"
            + " baseline, garbage included.</p><table id=\"process\">");
    process.forEach((k, v) -> h.append("<tr><td>").append(Html.escape(k)).append("</td><td>")
        .append(Html.escape(v instanceof Map ? Json.compact(v) : String.valueOf(v))).append("</td></tr>"));
    h.append("</table>\n");
    h.append("<script type=\"application/json\" id=\"summary\">").append(Json.compact(s)).append("</script>\n");
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void card(StringBuilder h, String id, Object value, String label, boolean bad) {
    h.append("<div class=\"card").append(bad ? " bad" : "").append("\" id=\"card-").append(id).append("\"><b>")
        .append(Html.escape(Json.compact(value))).append("</b>").append(Html.escape(label)).append("</div>");
  }

  private static void figure(StringBuilder h, String svg, String caption) {
    h.append("<figure>").append(svg).append("<figcaption>").append(Html.escape(caption)).append("</figcaption></figure>");
  }

  private static Map<String, String> attrs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
