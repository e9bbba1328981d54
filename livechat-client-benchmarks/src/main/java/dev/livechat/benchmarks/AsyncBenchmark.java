package dev.livechat.benchmarks;

import static dev.livechat.benchmarks.Payloads.RID;
import static dev.livechat.benchmarks.Payloads.TEXT;
import static dev.livechat.benchmarks.Payloads.TOKEN;

import dev.livechat.client.LivechatClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Completed {@code sendMessage} calls per second with {@code inFlight} calls outstanding at all
 * times (a sliding window: each operation waits for a free slot, then starts one call; the window
 * stays full from the first warm-up iteration to the end of the run). One
 * client, one sending thread; the answers arrive on OkHttp's dispatcher threads.
 *
 * <p>The hand-written baseline enqueues on an OkHttp client whose {@link Dispatcher} allows 256
 * calls per host (OkHttp's default is 5); {@code -Dhandwritten.maxRequestsPerHost=} sets another
 * limit (pass it with JMH's {@code -jvmArgsAppend}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AsyncBenchmark {
  @Param({"1", "16", "256"})
  public int inFlight;

  /**
   * How long the loopback server waits before each answer: 0 measures the client's CPU cost; a few
   * milliseconds stand in for a real network round trip, where calls in flight pay off.
   */
  @Param({"0"})
  public long serverDelayMillis;

  private LoopbackServer server;
  private LivechatClient sdk;
  private OkHttpClient okHttp;
  private HandWritten raw;
  private Semaphore slots;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long iterationStart;
  private long iterationCpuStart;

  @Setup
  public void setUp() throws IOException {
    server = new LoopbackServer(0, serverDelayMillis);
    sdk = LivechatClient.create(server.url());
    Dispatcher dispatcher = new Dispatcher();
    int limit = Integer.getInteger("handwritten.maxRequestsPerHost", 256);
    dispatcher.setMaxRequests(limit);
    dispatcher.setMaxRequestsPerHost(limit);
    okHttp = new OkHttpClient.Builder().dispatcher(dispatcher).build();
    raw = new HandWritten(okHttp, server.url());
    slots = new Semaphore(inFlight);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    completed.set(0);
    iterationStart = System.nanoTime();
    iterationCpuStart = os.getProcessCpuTime();
  }

  /**
   * Prints how busy the machine's cores were during the iteration: CPU time of this process
   * (client and server) over wall time, and per completed call. Throughput cannot pass (cores / CPU
   * per call). The window is not drained between iterations: it stays full, as in a steady state,
   * so every iteration counts as many started calls as completed ones.
   */
  @TearDown(Level.Iteration)
  public void report() {
    double wall = System.nanoTime() - iterationStart;
    double cpu = os.getProcessCpuTime() - iterationCpuStart;
    System.out.printf("  [completed %.0f calls/s; cpu: %.2f of %d cores busy, %.1f us CPU per call]%n",
        completed.get() / wall * 1e9, cpu / wall, Runtime.getRuntime().availableProcessors(),
        cpu / 1e3 / Math.max(1, completed.get()));
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " calls failed");
    }
  }

  @TearDown
  public void tearDown() throws IOException, InterruptedException {
    slots.acquire(inFlight);
    sdk.close();
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    server.close();
  }

  @Benchmark
  public void sendMessageAsyncSdk() throws InterruptedException {
    slots.acquire();
    sdk.async().sendMessage(TOKEN, RID, TEXT).whenComplete(this::done);
  }

  @Benchmark
  public void sendMessageAsyncHandWritten() throws InterruptedException {
    slots.acquire();
    raw.sendMessageAsync(TOKEN, RID, TEXT).whenComplete(this::done);
  }

  private void done(Object value, Throwable failure) {
    if (failure != null) {
      failures.incrementAndGet();
    }
    completed.incrementAndGet();
    slots.release();
  }
}
