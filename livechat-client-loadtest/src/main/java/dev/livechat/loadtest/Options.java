package dev.livechat.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a load test does, from the command line ({@link #parse}) or built in code ({@link
 * #defaults()} and the {@code with*} methods).
 *
 * @param visitors how many simulated visitors arrive in all
 * @param duration the load phase: visitors arrive and chat during it; at its end no visitor starts
 *     another message, and the conversations in flight wind down (replies awaited for at most
 *     {@code replyTimeout}), then rooms are closed and checked
 * @param ramp over how long the visitors arrive, evenly spaced (an open model: arrivals follow the
 *     schedule whatever the server does); null for {@link #defaultRamp()}
 * @param rate arrivals per second instead of a ramp; null when the ramp decides
 * @param messages how many messages each visitor sends
 * @param think the time between two messages of a visitor (each varied by up to ±50%, seeded)
 * @param agents how many scripted agents take the chats
 * @param agentChats how many open chats one agent takes at most; 0 for no limit
 * @param agentDelay how long an agent waits after seeing a visitor's message before replying
 * @param replyTimeout how long a visitor waits for an agent to take its room, and for the last
 *     replies after its last message
 * @param maxDuration the hard stop of the whole run, whatever is still running
 * @param url the server to load; null for the embedded fake (loopback)
 * @param agentUser the agent account's username on a real server ({@code --url})
 * @param agentPassword that account's password
 * @param seed the seed of every random choice (think times, tokens' order); printed in the report
 * @param report the directory for {@code summary.json} and {@code report.html}
 * @param serverDelay the embedded fake's delay of every REST answer (for checking the tool itself)
 * @param rateLimits whether the embedded fake's rate limiter is on (off by default: the real
 *     server's limits count per client address, and all simulated visitors share one)
 * @param progress whether to print a progress line while running
 * @param agentsOverHttp embedded fake only: whether the agents use the agent API over HTTP and DDP
 *     ({@code LivechatAgent}, the path taken against a real server; the default) or the fake's
 *     in-process {@code FakeAgent}s
 */
public record Options(
    int visitors,
    Duration duration,
    @Nullable Duration ramp,
    @Nullable Double rate,
    int messages,
    Duration think,
    int agents,
    int agentChats,
    Duration agentDelay,
    Duration replyTimeout,
    Duration maxDuration,
    @Nullable String url,
    @Nullable String agentUser,
    @Nullable String agentPassword,
    long seed,
    Path report,
    Duration serverDelay,
    boolean rateLimits,
    boolean progress,
    boolean agentsOverHttp) {

  public Options {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(think, "think");
    Objects.requireNonNull(agentDelay, "agentDelay");
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(serverDelay, "serverDelay");
    positive(visitors, "--visitors");
    positive(messages, "--messages");
    if (agents < 1) {
      throw new IllegalArgumentException("--agents must be at least 1, was " + agents);
    }
    if (agentChats < 0) {
      throw new IllegalArgumentException("--agent-chats must not be negative, was " + agentChats);
    }
    if (rate != null && !(rate > 0)) {
      throw new IllegalArgumentException("--rate must be positive, was " + rate);
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    if (maxDuration.compareTo(duration) < 0) {
      throw new IllegalArgumentException("--max-duration (" + format(maxDuration) + ") is shorter than --duration ("
          + format(duration) + ")");
    }
    if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new IllegalArgumentException("--url must be an http or https URL, was " + url);
    }
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }

  /**
   * 50 visitors over 20 s (arriving in the first 12.5 s), 5 messages each a second apart, 5 agents
   * over the agent API replying after 500 ms.
   */
  public static Options defaults() {
    return new Options(50, Duration.ofSeconds(20), null, null, 5, Duration.ofSeconds(1), 5, 0,
        Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(10), null, null, null,
        System.nanoTime(), Path.of("target", "loadtest"), Duration.ZERO, false, true, true);
  }

  /** The time between two arrivals. */
  public Duration arrivalInterval() {
    if (rate != null) {
      return Duration.ofNanos(Math.round(1e9 / rate));
    }
    Duration over = ramp != null ? ramp : defaultRamp();
    return visitors == 1 ? Duration.ZERO : over.dividedBy(visitors);
  }

  /**
   * Without {@code --ramp}: the visitors arrive over the duration less one conversation (its
   * messages' think times, the agent delay and two seconds to open), so that the last one can
   * finish within the duration; over half the duration at least.
   */
  Duration defaultRamp() {
    Duration conversation = think.multipliedBy(messages).plus(agentDelay).plusSeconds(2);
    Duration rest = duration.minus(conversation);
    Duration half = duration.dividedBy(2);
    return rest.compareTo(half) > 0 ? rest : half;
  }

  public Options withVisitors(int visitors) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withDuration(Duration duration) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withRamp(Duration ramp) {
    return new Options(visitors, duration, ramp, null, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withMessages(int messages, Duration think) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withAgents(int agents, Duration agentDelay) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withReplyTimeout(Duration replyTimeout) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withSeed(long seed) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withReport(Path report) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withServerDelay(Duration serverDelay) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withAgentsOverHttp(boolean agentsOverHttp) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  public Options withProgress(boolean progress) {
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  static final String USAGE = String.join("\n",
      "Usage: java -jar livechat-loadtest.jar [options]",
      "",
      "Simulated Livechat visitors (each a widget: its own WebSocket, register, open a room, wait for an",
      "agent, send messages, receive the replies in realtime, close) against an embedded fake server",
      "(the default, loopback only) or the server at --url, with scripted agents replying.",
      "",
      "Load:",
      "  --visitors N        visitors in all (default 50)",
      "  --duration D        the load phase (default 20s); then conversations wind down and are checked",
      "  --ramp D            visitors arrive evenly over D (default: --duration less one conversation,",
      "                      at least half of it)",
      "  --rate R            or: R visitors arrive per second (overrides --ramp)",
      "  --messages N        messages per visitor (default 5)",
      "  --think D           time between a visitor's messages, varied by up to +-50% (default 1s)",
      "  --seed N            seed of the random choices (default: the clock; printed in the report)",
      "Agents:",
      "  --agents N          scripted agents taking the chats (default 5; with --url, sessions of the",
      "                      one --agent-user account)",
      "  --agent-chats N     open chats per agent at most, 0 for no limit (default 0)",
      "  --agent-delay D     an agent replies this long after seeing a message (default 500ms)",
      "  --reply-timeout D   how long a visitor waits for an agent and for its last replies (default 30s)",
      "Target:",
      "  --url URL           a real server instead of the embedded fake (needs --agent-user)",
      "  --agent-user U      an agent account of that server for the scripted agents",
      "  --agent-password P  its password (or the environment variable LIVECHAT_AGENT_PASSWORD)",
      "  --agent-api A       embedded fake only: http (the agent REST and DDP API, as against --url; the",
      "                      default) or in-process (the fake's FakeAgents, lighter)",
      "  --server-delay D    embedded fake only: delay every REST answer by D",
      "  --rate-limits       embedded fake only: switch its rate limiter on (off by default)",
      "Run:",
      "  --max-duration D    stop whatever still runs after D (default 10m)",
      "  --report DIR        where summary.json and report.html go (default target/loadtest)",
      "  --no-progress       no progress line",
      "  --help              this text",
      "",
      "Durations: 500ms, 20s, 2m, 1h (a bare number is seconds).",
      "",
      "The server's rate limiter counts per client address, and every simulated visitor of this process",
      "shares one: against a real server with its default limits, most calls of more than a handful of",
      "visitors are refused with 429 (counted, and their waits measured). Raise the limits for this",
      "machine's address, or switch the limiter off, on a server you are allowed to load.");

  /**
   * Reads the command line.
   *
   * @throws IllegalArgumentException for an unknown option, a missing or bad value
   */
  public static Options parse(String... args) {
    Options o = defaults();
    int visitors = o.visitors;
    Duration duration = o.duration;
    Duration ramp = null;
    Double rate = null;
    int messages = o.messages;
    Duration think = o.think;
    int agents = o.agents;
    int agentChats = o.agentChats;
    Duration agentDelay = o.agentDelay;
    Duration replyTimeout = o.replyTimeout;
    Duration maxDuration = o.maxDuration;
    String url = null;
    String agentUser = null;
    String agentPassword = System.getenv("LIVECHAT_AGENT_PASSWORD");
    long seed = o.seed;
    Path report = o.report;
    Duration serverDelay = Duration.ZERO;
    boolean rateLimits = false;
    boolean progress = true;
    boolean agentsOverHttp = true;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--rate-limits" -> rateLimits = true;
        case "--no-progress" -> progress = false;
        case "--help", "-h" -> throw new HelpRequested();
        default -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(known(name) + " needs a value");
            }
            value = args[++i];
          }
          switch (known(name)) {
            case "--visitors" -> visitors = integer(name, value);
            case "--duration" -> duration = duration(name, value);
            case "--ramp" -> ramp = duration(name, value);
            case "--rate" -> rate = number(name, value);
            case "--messages" -> messages = integer(name, value);
            case "--think" -> think = duration(name, value);
            case "--agents" -> agents = integer(name, value);
            case "--agent-chats" -> agentChats = integer(name, value);
            case "--agent-delay" -> agentDelay = duration(name, value);
            case "--reply-timeout" -> replyTimeout = duration(name, value);
            case "--max-duration" -> maxDuration = duration(name, value);
            case "--url" -> url = value;
            case "--agent-user" -> agentUser = value;
            case "--agent-password" -> agentPassword = value;
            case "--seed" -> seed = integer(name, value);
            case "--report" -> report = Path.of(value);
            case "--server-delay" -> serverDelay = duration(name, value);
            case "--agent-api" -> agentsOverHttp = switch (value) {
              case "http" -> true;
              case "in-process" -> false;
              default -> throw new IllegalArgumentException("--agent-api is http or in-process, was " + value);
            };
            default -> throw new IllegalStateException(name);
          }
        }
      }
    }
    if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new IllegalArgumentException("--url must be an http or https URL, was " + url);
    }
    if (url != null && agentUser == null) {
      throw new IllegalArgumentException("--url needs --agent-user (and --agent-password): an agent account for"
          + " the scripted agents");
    }
    if (url == null && agentUser != null) {
      throw new IllegalArgumentException("--agent-user is for --url only: the embedded fake's agents need no account");
    }
    if (url != null && (rateLimits || !serverDelay.isZero())) {
      throw new IllegalArgumentException("--rate-limits and --server-delay are for the embedded fake only");
    }
    if (url != null && agentPassword == null) {
      throw new IllegalArgumentException("--url needs --agent-password (or LIVECHAT_AGENT_PASSWORD) for --agent-user");
    }
    return new Options(visitors, duration, ramp, rate, messages, think, agents, agentChats, agentDelay, replyTimeout,
        maxDuration, url, agentUser, agentPassword, seed, report, serverDelay, rateLimits, progress, agentsOverHttp);
  }

  /** Thrown by {@link #parse} for {@code --help}. */
  static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super("help", null, false, false);
    }
  }

  private static String known(String name) {
    return switch (name) {
      case "--visitors", "--duration", "--ramp", "--rate", "--messages", "--think", "--agents", "--agent-chats",
          "--agent-delay", "--reply-timeout", "--max-duration", "--url", "--agent-user", "--agent-password",
          "--seed", "--report", "--server-delay", "--agent-api" -> name;
      // a stray argument is not echoed: it may be part of a password the shell split
      default -> throw new IllegalArgumentException(name.startsWith("--")
          ? "unknown option " + name + " (--help lists them)"
          : "unexpected argument: options start with -- (--help lists them)");
    };
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a whole number, was " + value);
    }
  }

  private static double number(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a number, was " + value);
    }
  }

  /** {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, or a bare number of seconds. */
  static Duration duration(String name, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return check(name, Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
      }
      char unit = v.isEmpty() ? 's' : v.charAt(v.length() - 1);
      String number = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
      long millis = Math.round(Double.parseDouble(number) * switch (Character.isDigit(unit) ? 's' : unit) {
        case 's' -> 1_000;
        case 'm' -> 60_000;
        case 'h' -> 3_600_000;
        default -> throw new NumberFormatException(value);
      });
      return check(name, Duration.ofMillis(millis));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a duration such as 500ms, 20s, 2m or 1h; was " + value);
    }
  }

  private static Duration check(String name, Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
    return d;
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /** Never prints the agent password. */
  @Override
  public String toString() {
    return "Options[visitors=" + visitors + ", duration=" + format(duration) + ", ramp=" + (ramp == null ? null
        : format(ramp)) + ", rate=" + rate + ", messages=" + messages + ", think=" + format(think) + ", agents="
        + agents + (agentsOverHttp ? " over http" : "") + ", agentChats=" + agentChats + ", agentDelay="
        + format(agentDelay) + ", url=" + url
        + ", agentUser=" + agentUser + ", seed=" + seed + "]";
  }
}
