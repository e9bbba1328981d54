package dev.livechat.benchmarks;

import static dev.livechat.benchmarks.Payloads.RID;
import static dev.livechat.benchmarks.Payloads.TEXT;
import static dev.livechat.benchmarks.Payloads.TOKEN;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
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
 * The same calls as {@link CallBenchmark} with the network cut out: an OkHttp application
 * interceptor, the same in both clients, writes the request body into a buffer and answers with
 * the loopback server's bytes. What remains is the cost the client code adds on top of the
 * network, without the noise of socket round trips and thread wake-ups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class OverheadBenchmark {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private LivechatClient sdk;
  private HandWritten raw;

  @Setup
  public void setUp() {
    OkHttpClient canned = new OkHttpClient.Builder().addInterceptor(OverheadBenchmark::answer).build();
    sdk = LivechatClient.builder().baseUrl("http://127.0.0.1:9").okHttpClient(canned).build();
    raw = new HandWritten(canned, "http://127.0.0.1:9");
  }

  /** The canned answer, also {@link MicrometerOverheadBenchmark}'s. */
  static Response answer(Interceptor.Chain chain) throws IOException {
    Request request = chain.request();
    if (request.body() != null) {
      request.body().writeTo(new Buffer());
    }
    byte[] body = request.method().equals("POST") ? Payloads.SEND_RESPONSE : Payloads.HISTORY_20;
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Content-Length", Integer.toString(body.length))
        .body(ResponseBody.create(body, JSON))
        .build();
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
