package dev.livechat.loadtest;

import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Every number of a run: one HdrHistogram per measure (recorded in microseconds, 3 significant
 * digits, from 1 µs to one hour), counters, and errors by code, each also cut into one-second
 * intervals for the plots over time ({@link #tick}). Thread-safe: recording never blocks (one
 * {@link Recorder} per measure).
 *
 * <p>The REST routes are measured through the SDK's own telemetry ({@link #telemetry()}): each
 * {@code CallFinished} is one call's latency, retries and rate-limit waits included; each answer
 * with status 429 is counted, and each wait it caused (a retry's delay, a wait before sending) is
 * recorded as {@value #RATE_LIMIT_WAIT}.
 */
final class Metrics {
  /** From the intended send time of a visitor's message to an agent's realtime view showing it. */
  static final String VISITOR_TO_AGENT = "visitorToAgent";
  /** From the intended time of an agent's reply to the visitor's realtime session delivering it. */
  static final String AGENT_TO_VISITOR = "agentToVisitor";
  /** From the room opened (its {@code GET livechat/room} answered) to an agent having taken it and following it in realtime. */
  static final String QUEUE_WAIT = "queueWait";
  /** From the room opened to the first agent reply delivered to the visitor. */
  static final String FIRST_RESPONSE = "firstResponse";
  /** From the visitor's intended arrival to its realtime session caught up (registered, room open, subscribed). */
  static final String VISITOR_START = "visitorStart";
  /** Each wait caused by the server's rate limiter. */
  static final String RATE_LIMIT_WAIT = "rateLimitWait";

  /** The measures of the conversation, in the report's order; then the routes, then the rate-limit waits. */
  static final List<String> CONVERSATION = List.of(VISITOR_TO_AGENT, AGENT_TO_VISITOR, QUEUE_WAIT, FIRST_RESPONSE,
      VISITOR_START);

  private static final long HIGHEST_MICROS = 3_600_000_000L;

  /** One measure: its recorder, everything so far, and one point per interval. */
  static final class Measure {
    final String name;
    final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    final Histogram total = new Histogram(HIGHEST_MICROS, 3); // guarded by Metrics.this
    final List<Point> points = new ArrayList<>(); // guarded by Metrics.this
    private Histogram interval; // recycled

    Measure(String name) {
      this.name = name;
    }

    void record(long micros) {
      recorder.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, micros)));
    }
  }

  /** One interval of one measure: its end (seconds since the start), count and percentiles in ms. */
  record Point(double t, long count, double p50, double p90, double p99, double max) {}

  /** One interval of the run as a whole. */
  record Interval(double t, long visitorMessages, long agentMessages, long delivered, long errors, long http429,
      int activeVisitors) {}

  private final Map<String, Measure> measures = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  final LongAdder visitorMessages = new LongAdder();
  final LongAdder agentMessages = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder http429 = new LongAdder();
  final LongAdder calls = new LongAdder();
  final AtomicLong rateLimitWaitMicros = new AtomicLong();
  private final LongAdder errorCount = new LongAdder();
  private final List<Interval> intervals = new ArrayList<>(); // guarded by this
  private long lastVisitorMessages;
  private long lastAgentMessages;
  private long lastDelivered;
  private long lastErrors;
  private long last429;

  Metrics() {
    for (String name : CONVERSATION) {
      measure(name);
    }
  }

  Measure measure(String name) {
    return measures.computeIfAbsent(name, Measure::new);
  }

  void record(String measure, long nanos) {
    measure(measure).record(nanos / 1000);
  }

  /** Counts one failure under {@code code}, for example {@code "HTTP 400 error-invalid-room"} or {@code "reply-timeout"}. */
  void error(String code) {
    errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    errorCount.increment();
  }

  long errorCount() {
    return errorCount.sum();
  }

  Map<String, Long> errors() {
    Map<String, Long> sorted = new TreeMap<>();
    errors.forEach((code, count) -> sorted.put(code, count.sum()));
    return sorted;
  }

  /** The SDK's telemetry, turned into route latencies, 429 counts and rate-limit waits. */
  TelemetryListener telemetry() {
    return event -> {
      if (event instanceof TelemetryEvent.CallFinished finished) {
        calls.increment();
        record(finished.method() + " " + finished.route(), finished.duration().toNanos());
      } else if (event instanceof TelemetryEvent.AttemptFinished attempt) {
        if (attempt.status() == 429) {
          http429.increment();
        }
      } else if (event instanceof TelemetryEvent.RetryScheduled retry) {
        if (retry.reason() == TelemetryEvent.RetryReason.RATE_LIMITED) {
          rateLimited(retry.delay().toNanos());
        }
      } else if (event instanceof TelemetryEvent.RateLimitWait wait) {
        rateLimited(wait.duration().toNanos());
      }
    };
  }

  private void rateLimited(long nanos) {
    rateLimitWaitMicros.addAndGet(nanos / 1000);
    record(RATE_LIMIT_WAIT, nanos);
  }

  /**
   * Closes the interval ending {@code t} seconds after the start: each measure's interval histogram
   * is added to its total and summarised as a point; the counters' increments become an {@link Interval}.
   */
  synchronized void tick(double t, int activeVisitors) {
    for (Measure m : measures.values()) {
      m.interval = m.recorder.getIntervalHistogram(m.interval);
      m.total.add(m.interval);
      if (m.interval.getTotalCount() > 0) {
        m.points.add(new Point(t, m.interval.getTotalCount(), ms(m.interval.getValueAtPercentile(50)),
            ms(m.interval.getValueAtPercentile(90)), ms(m.interval.getValueAtPercentile(99)),
            ms(m.interval.getMaxValue())));
      }
    }
    long v = visitorMessages.sum();
    long a = agentMessages.sum();
    long d = delivered.sum();
    long e = errorCount.sum();
    long r = http429.sum();
    intervals.add(new Interval(t, v - lastVisitorMessages, a - lastAgentMessages, d - lastDelivered, e - lastErrors,
        r - last429, activeVisitors));
    lastVisitorMessages = v;
    lastAgentMessages = a;
    lastDelivered = d;
    lastErrors = e;
    last429 = r;
  }

  synchronized List<Interval> intervals() {
    return List.copyOf(intervals);
  }

  /** The measures with at least one value, conversation first, then routes and waits by name. */
  synchronized Map<String, Measure> measures() {
    Map<String, Measure> ordered = new LinkedHashMap<>();
    for (String name : CONVERSATION) {
      ordered.put(name, measures.get(name));
    }
    new TreeMap<>(measures).forEach(ordered::putIfAbsent);
    return ordered;
  }

  /** The last interval's percentile of {@code measure} in ms, or NaN if it had no value. */
  synchronized double recent(String measure, double percentile) {
    Measure m = measures.get(measure);
    if (m == null || m.points.isEmpty()) {
      return Double.NaN;
    }
    Point p = m.points.get(m.points.size() - 1);
    return percentile >= 99 ? p.p99() : p.p50();
  }

  static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
