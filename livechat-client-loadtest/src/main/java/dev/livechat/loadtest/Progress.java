package dev.livechat.loadtest;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress line: elapsed time, visitors under way / started, messages and messages per
 * second, the last second's p50/p99 in ms of visitor → agent and agent → visitor, errors, 429s,
 * the process's CPU (% of one core). In a terminal
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
    // Under 80 columns, so that a terminal's \r rewrites one line instead of a wrapped one.
    String line = String.format(Locale.ROOT,
        "%4.0fs visitors %d/%d  msgs %d %.0f/s  p50/p99 v>a %s/%s a>v %s/%s  err %d 429 %d cpu %.0f%%",
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
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }
}
