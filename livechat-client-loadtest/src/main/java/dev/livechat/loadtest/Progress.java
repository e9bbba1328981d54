package dev.livechat.loadtest;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress line: elapsed time, visitors under way and started, messages per second, the
 * last second's p50/p99 of the two message measures, errors, the process's CPU. In a terminal
 * ({@code System.console() != null}) one line rewritten with {@code \r} every second; otherwise
 * (a CI log, a pipe) a plain line every {@value #PLAIN_EVERY} seconds.
 */
final class Progress {
  static final int PLAIN_EVERY = 5;

  private final PrintStream out;
  private final boolean terminal;
  private int ticks;
  private long lastMessages;
  private double lastT;
  private int width;

  Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  synchronized void update(LoadRun run) {
    ticks++;
    Metrics m = run.metrics();
    double t = run.elapsedSeconds();
    long messages = m.visitorMessages.sum() + m.agentMessages.sum();
    if (!terminal && ticks % PLAIN_EVERY != 0) {
      return;
    }
    double rate = (messages - lastMessages) / Math.max(0.001, t - lastT);
    lastMessages = messages;
    lastT = t;
    ProcessUsage usage = run.usage();
    String line = String.format(Locale.ROOT,
        "%5.0fs  visitors %d active / %d started  msgs %d (%.1f/s)  v->a p50 %s p99 %s  a->v p50 %s p99 %s"
            + "  errors %d  429s %d  cpu %.0f%%",
        t, run.active(), run.started(), messages, rate, ms(m.recent(Metrics.VISITOR_TO_AGENT, 50)),
        ms(m.recent(Metrics.VISITOR_TO_AGENT, 99)), ms(m.recent(Metrics.AGENT_TO_VISITOR, 50)),
        ms(m.recent(Metrics.AGENT_TO_VISITOR, 99)), m.errorCount(), m.http429.sum(),
        usage == null ? 0.0 : usage.recentCpuPercent());
    if (terminal) {
      String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
      width = line.length();
      out.print("\r" + padded);
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the rewritten line. */
  synchronized void end() {
    if (terminal && ticks > 0) {
      out.println();
    }
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0fms", v);
  }
}
