package dev.livechat.benchmarks;

import static dev.livechat.benchmarks.Payloads.RID;
import static dev.livechat.benchmarks.Payloads.TEXT;
import static dev.livechat.benchmarks.Payloads.TOKEN;

import dev.livechat.client.LivechatClient;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * {@link OverheadBenchmark}'s {@code sendMessage} pair (the network cut out by an interceptor that
 * answers with the send answer's bytes), measured in CPU time and allocated bytes of the calling
 * thread ({@code com.sun.management.ThreadMXBean}) instead of wall time: on a shared machine with
 * a load average above its core count, a thread's wall time counts the time it waits for a core,
 * its CPU time does not. Alternates the SDK and the hand-written call in rounds and prints the
 * median and spread of each. Usage: {@code OverheadCpu [calls per round=200000] [rounds=10]
 * [warm-up rounds=5]}; {@code -DrateLimitHeaders=true} adds the {@code X-RateLimit-*} headers a
 * server with its rate limiter on sends with every answer (the SDK reads them, the hand-written
 * client does not).
 */
public final class OverheadCpu {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private OverheadCpu() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    boolean rateLimitHeaders = Boolean.getBoolean("rateLimitHeaders");
    AtomicLong remaining = new AtomicLong(Long.MAX_VALUE);
    OkHttpClient canned = new OkHttpClient.Builder().addInterceptor(chain -> {
      if (chain.request().body() != null) {
        chain.request().body().writeTo(new Buffer());
      }
      Response.Builder answer = new Response.Builder()
          .request(chain.request())
          .protocol(Protocol.HTTP_1_1)
          .code(200)
          .message("OK")
          .header("Content-Type", "application/json; charset=utf-8")
          .header("Content-Length", Integer.toString(Payloads.SEND_RESPONSE.length));
      if (rateLimitHeaders) {
        // As a server with its rate limiter on sends them with every answer.
        answer.header("X-RateLimit-Limit", "1000000000")
            .header("X-RateLimit-Remaining", Long.toString(remaining.decrementAndGet() % 1_000_000_000))
            .header("X-RateLimit-Reset", Long.toString(System.currentTimeMillis() + 60_000));
      }
      return answer.body(ResponseBody.create(Payloads.SEND_RESPONSE, JSON)).build();
    }).build();
    LivechatClient sdk = LivechatClient.builder().baseUrl("http://127.0.0.1:9").okHttpClient(canned).build();
    HandWritten raw = new HandWritten(canned, "http://127.0.0.1:9");
    Task sdkCall = () -> sdk.sendMessage(TOKEN, RID, TEXT);
    Task rawCall = () -> raw.sendMessage(TOKEN, RID, TEXT);
    double[][] sdkRounds = new double[rounds][];
    double[][] rawRounds = new double[rounds][];
    for (int r = -warmup; r < rounds; r++) {
      boolean sdkFirst = (r & 1) == 0;
      double[] a = measure(sdkFirst ? sdkCall : rawCall, n);
      double[] b = measure(sdkFirst ? rawCall : sdkCall, n);
      if (r >= 0) {
        sdkRounds[r] = sdkFirst ? a : b;
        rawRounds[r] = sdkFirst ? b : a;
      }
    }
    print("livechat-client", sdkRounds);
    print("hand-written", rawRounds);
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratio[r] = sdkRounds[r][0] / rawRounds[r][0];
    }
    Arrays.sort(ratio);
    System.out.printf(Locale.ROOT, "CPU ratio livechat-client / hand-written: pairs median %.3f (%.3f..%.3f)%n",
        ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
    sdk.close();
  }

  private interface Task {
    void run() throws Exception;
  }

  /** {CPU ns per call, bytes allocated per call} of this thread. */
  private static double[] measure(Task task, int n) throws Exception {
    long thread = Thread.currentThread().getId();
    long cpu = THREADS.getCurrentThreadCpuTime();
    long bytes = THREADS.getThreadAllocatedBytes(thread);
    for (int i = 0; i < n; i++) {
      task.run();
    }
    return new double[] {
      (THREADS.getCurrentThreadCpuTime() - cpu) / (double) n,
      (THREADS.getThreadAllocatedBytes(thread) - bytes) / (double) n
    };
  }

  private static void print(String name, double[][] rounds) {
    double[] cpu = Arrays.stream(rounds).mapToDouble(r -> r[0]).sorted().toArray();
    double[] bytes = Arrays.stream(rounds).mapToDouble(r -> r[1]).sorted().toArray();
    System.out.printf(Locale.ROOT, "%-16s CPU %.2f us/call (%.2f..%.2f), %.0f B/call%n", name,
        cpu[cpu.length / 2] / 1e3, cpu[0] / 1e3, cpu[cpu.length - 1] / 1e3, bytes[bytes.length / 2]);
  }
}
