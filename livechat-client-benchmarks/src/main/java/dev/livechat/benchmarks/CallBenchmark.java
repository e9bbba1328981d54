package dev.livechat.benchmarks;

import static dev.livechat.benchmarks.Payloads.RID;
import static dev.livechat.benchmarks.Payloads.TEXT;
import static dev.livechat.benchmarks.Payloads.TOKEN;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One blocking call over loopback, per call: the SDK (default settings, default retry policy)
 * beside the same request and answer done by hand with OkHttp and a Moshi {@code JsonReader} loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CallBenchmark {
  private LoopbackServer server;
  private LivechatClient sdk;
  private OkHttpClient okHttp;
  private HandWritten raw;

  @Setup
  public void setUp() throws IOException {
    server = new LoopbackServer();
    sdk = LivechatClient.create(server.url());
    okHttp = new OkHttpClient();
    raw = new HandWritten(okHttp, server.url());
  }

  @TearDown
  public void tearDown() throws IOException {
    sdk.close();
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    server.close();
  }

  @Benchmark
  public Message sendMessageSdk() {
    return sdk.sendMessage(TOKEN, RID, TEXT);
  }

  @Benchmark
  public Message sendMessageHandWritten() throws IOException {
    return raw.sendMessage(TOKEN, RID, TEXT);
  }

  @Benchmark
  public MessageHistory loadHistorySdk() {
    return sdk.loadHistory(TOKEN, RID);
  }

  @Benchmark
  public MessageHistory loadHistoryHandWritten() throws IOException {
    return raw.loadHistory(TOKEN, RID);
  }
}
