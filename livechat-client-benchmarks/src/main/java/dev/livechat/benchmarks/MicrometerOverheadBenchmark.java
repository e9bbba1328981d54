package dev.livechat.benchmarks;

import static dev.livechat.benchmarks.Payloads.RID;
import static dev.livechat.benchmarks.Payloads.TEXT;
import static dev.livechat.benchmarks.Payloads.TOKEN;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.micrometer.LivechatMetrics;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code livechat-client-micrometer} adds to a call: the calls of {@link OverheadBenchmark}
 * (network cut out by the same interceptor) by a client without a telemetry listener (the default,
 * which builds no event), by one whose listener does nothing (what building the events costs), and
 * by one whose listener is {@link LivechatMetrics} bound to a {@link SimpleMeterRegistry} (a call's
 * CallStarted, AttemptFinished and CallFinished: two timers recorded).
 *
 * <pre>
 * java -jar livechat-client-benchmarks/target/benchmarks.jar MicrometerOverheadBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MicrometerOverheadBenchmark {
  private LivechatClient unset;
  private LivechatClient noop;
  private LivechatClient metered;

  @Setup
  public void setUp() {
    OkHttpClient canned = new OkHttpClient.Builder().addInterceptor(OverheadBenchmark::answer).build();
    unset = LivechatClient.builder().baseUrl("http://127.0.0.1:9").okHttpClient(canned).build();
    noop = LivechatClient.builder().baseUrl("http://127.0.0.1:9").okHttpClient(canned).telemetry(event -> {}).build();
    LivechatMetrics metrics = new LivechatMetrics();
    metrics.bindTo(new SimpleMeterRegistry());
    metered = LivechatClient.builder().baseUrl("http://127.0.0.1:9").okHttpClient(canned).telemetry(metrics).build();
  }

  @Benchmark
  public Message sendMessageUnset() {
    return unset.sendMessage(TOKEN, RID, TEXT);
  }

  @Benchmark
  public Message sendMessageNoopListener() {
    return noop.sendMessage(TOKEN, RID, TEXT);
  }

  @Benchmark
  public Message sendMessageMicrometer() {
    return metered.sendMessage(TOKEN, RID, TEXT);
  }

  @Benchmark
  public MessageHistory loadHistoryUnset() {
    return unset.loadHistory(TOKEN, RID);
  }

  @Benchmark
  public MessageHistory loadHistoryNoopListener() {
    return noop.loadHistory(TOKEN, RID);
  }

  @Benchmark
  public MessageHistory loadHistoryMicrometer() {
    return metered.loadHistory(TOKEN, RID);
  }
}
