package dev.livechat.benchmarks;

import static dev.livechat.benchmarks.Payloads.RID;
import static dev.livechat.benchmarks.Payloads.TEXT;
import static dev.livechat.benchmarks.Payloads.TOKEN;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.model.Message;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * {@code async().sendMessage} against a server in another process ({@code js/send-server.cjs},
 * Node's {@code node:http}), next to the hand-written OkHttp {@code enqueue} + Moshi {@code
 * JsonReader} client ({@link HandWritten#sendMessageAsync}) doing the same calls. Run by {@code
 * async-ratio.sh}.
 *
 * <p>For each window size C: warm-up rounds, then rounds that alternate the two clients (SDK,
 * hand-written, hand-written, SDK, ...: neither always goes first), each round {@code n} calls
 * with a sliding window of C in flight (a call starts as soon as one completes). Per round it
 * prints calls/s (from the first start to the last completion) and the CPU time of this process
 * per call ({@code OperatingSystemMXBean.getProcessCpuTime}: the client's threads, JIT and GC
 * included; the server's CPU is in the other process), and the 1-minute load average. At the end,
 * per C: the median of each client, the ratio of the medians, and the median and spread of the
 * ratios of the adjacent SDK/hand-written pairs (robust against a load that drifts over the run).
 *
 * <p>Usage: {@code AsyncRatio <port> [n=20000] [windows=16,64] [warmup=3] [rounds=8]
 * [clients=both|sdk|handwritten]}; {@code AsyncRatio --write-answer <file>} writes the answer
 * bytes the server sends ({@link Payloads#SEND_RESPONSE}).
 *
 * <p>Both clients use the same OkHttp settings: the hand-written one gets the dispatcher and
 * connection pool the SDK makes for itself (64 calls per host, 64 idle connections), so the
 * comparison is of the code on the call path, not of configuration.
 */
public final class AsyncRatio {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private AsyncRatio() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--write-answer")) {
      Files.write(Path.of(args[1]), Payloads.SEND_RESPONSE);
      return;
    }
    int port = Integer.parseInt(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int[] windows = Arrays.stream((args.length > 2 ? args[2] : "16,64").split(","))
        .mapToInt(Integer::parseInt).toArray();
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    String clients = args.length > 5 ? args[5] : "both";
    String url = "http://127.0.0.1:" + port;

    OkHttpClient okHttp;
    if (Boolean.getBoolean("handwritten.defaults")) {
      okHttp = new OkHttpClient();
    } else {
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(64);
      dispatcher.setMaxRequestsPerHost(64);
      okHttp = new OkHttpClient.Builder()
          .dispatcher(dispatcher)
          .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
          .build();
    }
    HandWritten raw = new HandWritten(okHttp, url);
    try (LivechatClient sdk = LivechatClient.create(url)) {
      Client sdkClient = new Client("livechat-client", () -> sdk.async().sendMessage(TOKEN, RID, TEXT));
      Client rawClient = new Client("hand-written", () -> raw.sendMessageAsync(TOKEN, RID, TEXT));
      List<Client> order = switch (clients) {
        case "sdk" -> List.of(sdkClient);
        case "handwritten" -> List.of(rawClient);
        default -> List.of(sdkClient, rawClient);
      };
      System.out.printf(Locale.ROOT, "%s; %d cores; n=%d per round, windows %s, %d warm-up + %d measured rounds%n",
          System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
          Runtime.getRuntime().availableProcessors(), n, Arrays.toString(windows), warmup, rounds);
      List<String> summary = new ArrayList<>();
      for (int window : windows) {
        for (int r = 0; r < warmup; r++) {
          for (Client client : order) {
            Round round = client.run(n, window);
            System.out.printf(Locale.ROOT, "C=%-3d warm-up %d %-16s %s%n", window, r + 1, client.name, round);
          }
        }
        List<Round> sdkRounds = new ArrayList<>();
        List<Round> rawRounds = new ArrayList<>();
        Profiler.start();
        for (int r = 0; r < rounds; r++) {
          // ABBA: SDK first in even rounds, hand-written first in odd ones.
          List<Client> now = new ArrayList<>(order);
          if (r % 2 == 1) {
            java.util.Collections.reverse(now);
          }
          for (Client client : now) {
            Round round = client.run(n, window);
            (client == sdkClient ? sdkRounds : rawRounds).add(round);
            System.out.printf(Locale.ROOT, "C=%-3d round %d   %-16s %s%n", window, r + 1, client.name, round);
          }
        }
        Profiler.stop(clients + "-C" + window);
        summary.add(summarise(window, sdkRounds, rawRounds));
      }
      System.out.println();
      summary.forEach(System.out::println);
      if (!sdk.rateLimits().isEmpty()) {
        System.out.println("rate limits the SDK kept: " + sdk.rateLimits());
      }
    } finally {
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }

  private static String summarise(int window, List<Round> sdk, List<Round> raw) {
    StringBuilder out = new StringBuilder();
    if (!sdk.isEmpty()) {
      out.append(String.format(Locale.ROOT, "C=%d livechat-client: median %.0f calls/s (%.0f..%.0f), %.1f us CPU/call (%.1f..%.1f)%n",
          window, median(sdk, Round::callsPerSecond), min(sdk, Round::callsPerSecond), max(sdk, Round::callsPerSecond),
          median(sdk, Round::cpuMicrosPerCall), min(sdk, Round::cpuMicrosPerCall), max(sdk, Round::cpuMicrosPerCall)));
    }
    if (!raw.isEmpty()) {
      out.append(String.format(Locale.ROOT, "C=%d hand-written:    median %.0f calls/s (%.0f..%.0f), %.1f us CPU/call (%.1f..%.1f)%n",
          window, median(raw, Round::callsPerSecond), min(raw, Round::callsPerSecond), max(raw, Round::callsPerSecond),
          median(raw, Round::cpuMicrosPerCall), min(raw, Round::cpuMicrosPerCall), max(raw, Round::cpuMicrosPerCall)));
    }
    if (!sdk.isEmpty() && sdk.size() == raw.size()) {
      double[] pairs = new double[sdk.size()];
      double[] cpuPairs = new double[sdk.size()];
      for (int i = 0; i < pairs.length; i++) {
        pairs[i] = sdk.get(i).callsPerSecond() / raw.get(i).callsPerSecond();
        cpuPairs[i] = raw.get(i).cpuMicrosPerCall() / sdk.get(i).cpuMicrosPerCall();
      }
      Arrays.sort(pairs);
      Arrays.sort(cpuPairs);
      out.append(String.format(Locale.ROOT,
          "C=%d RATIO livechat-client / hand-written calls/s: %.2f of medians; pairs median %.2f (%.2f..%.2f)%n",
          window, median(sdk, Round::callsPerSecond) / median(raw, Round::callsPerSecond),
          median(pairs), pairs[0], pairs[pairs.length - 1]));
      out.append(String.format(Locale.ROOT,
          "C=%d RATIO hand-written CPU/call / livechat-client CPU/call: %.2f of medians; pairs median %.2f (%.2f..%.2f)%n",
          window, median(raw, Round::cpuMicrosPerCall) / median(sdk, Round::cpuMicrosPerCall),
          median(cpuPairs), cpuPairs[0], cpuPairs[cpuPairs.length - 1]));
      out.append(String.format(Locale.ROOT, "C=%d load average (1 min) during the rounds: %.1f..%.1f%n",
          window, Math.min(min(sdk, Round::load), min(raw, Round::load)),
          Math.max(max(sdk, Round::load), max(raw, Round::load))));
    }
    return out.toString();
  }

  private interface Metric {
    double of(Round round);
  }

  private static double median(List<Round> rounds, Metric metric) {
    return median(rounds.stream().mapToDouble(metric::of).sorted().toArray());
  }

  private static double median(double[] sorted) {
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double min(List<Round> rounds, Metric metric) {
    return rounds.stream().mapToDouble(metric::of).min().orElse(Double.NaN);
  }

  private static double max(List<Round> rounds, Metric metric) {
    return rounds.stream().mapToDouble(metric::of).max().orElse(Double.NaN);
  }

  /** The 1-minute load average, from /proc/loadavg (the JMX value is the same number, rounded less). */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return OS.getSystemLoadAverage();
    }
  }

  /**
   * async-profiler over the measured rounds only (not the warm-up), when {@code
   * -Dprofile.lib=<libasyncProfiler.so>} is given and async-profiler's jar is on the class path
   * (called by reflection: the benchmarks do not depend on it). {@code -Dprofile.event} (default
   * {@code cpu}; {@code itimer} where perf events are refused, {@code alloc} for allocations) and
   * {@code -Dprofile.dir} (default {@code .}); one collapsed-stacks file per window and client set.
   */
  private static final class Profiler {
    private static final String LIB = System.getProperty("profile.lib");

    static void start() throws Exception {
      if (LIB != null) {
        execute("start,event=" + System.getProperty("profile.event", "cpu") + ",interval=1ms");
      }
    }

    static void stop(String name) throws Exception {
      if (LIB != null) {
        Path file = Path.of(System.getProperty("profile.dir", "."), name + ".collapsed");
        execute("stop,collapsed,file=" + file.toAbsolutePath());
        System.out.println("profile written to " + file);
      }
    }

    private static void execute(String command) throws Exception {
      Class<?> type = Class.forName("one.profiler.AsyncProfiler");
      Object profiler = type.getMethod("getInstance", String.class).invoke(null, LIB);
      type.getMethod("execute", String.class).invoke(profiler, command);
    }
  }

  private record Round(double callsPerSecond, double cpuMicrosPerCall, double load) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%8.0f calls/s %7.1f us CPU/call  load %.1f",
          callsPerSecond, cpuMicrosPerCall, load);
    }
  }

  private static final class Client {
    final String name;
    final Supplier<CompletableFuture<Message>> send;

    Client(String name, Supplier<CompletableFuture<Message>> send) {
      this.name = name;
      this.send = send;
    }

    /** {@code n} calls, at most {@code window} in flight, a new one started as each completes. */
    Round run(int n, int window) throws InterruptedException {
      Semaphore slots = new Semaphore(window);
      AtomicLong failures = new AtomicLong();
      AtomicReference<Throwable> firstFailure = new AtomicReference<>();
      long cpuStart = OS.getProcessCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < n && failures.get() == 0; i++) {
        slots.acquire();
        send.get().whenComplete((message, failure) -> {
          if (failure != null || message == null || message.id() == null) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, failure);
          }
          slots.release();
        });
      }
      // Every slot free again: every call started has completed. After a failure (the server
      // gone, say) no more calls start, so the run stops soon instead of retrying n calls.
      slots.acquire(window);
      long wall = System.nanoTime() - start;
      long cpu = OS.getProcessCpuTime() - cpuStart;
      if (failures.get() > 0) {
        throw new IllegalStateException(failures.get() + " calls failed", firstFailure.get());
      }
      return new Round(n / (wall / 1e9), cpu / 1e3 / n, loadAverage());
    }
  }
}
