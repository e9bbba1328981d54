package dev.livechat.benchmarks;

import com.squareup.moshi.JsonReader;
import dev.livechat.client.internal.ModelAdapters;
import dev.livechat.client.internal.ResponseReader;
import dev.livechat.client.model.MessageHistory;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a 1,000-message history body (about 1 MB) already in memory: the SDK's reader for
 * {@code loadHistory} (the one {@code CallExecutor} applies to the body it read) beside the hand-written
 * streaming loop. Both start from the same bytes copied into an Okio {@link Buffer}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DecodeBenchmark {
  private static final ResponseReader<MessageHistory> SDK_READER = ResponseReader.whole(ModelAdapters.MESSAGE_HISTORY);
  private final byte[] body = Payloads.HISTORY_1000;

  @Benchmark
  public MessageHistory decodeHistory1000Sdk() throws IOException {
    return SDK_READER.read(JsonReader.of(new Buffer().write(body)));
  }

  @Benchmark
  public MessageHistory decodeHistory1000HandWritten() throws IOException {
    return HandWritten.history(JsonReader.of(new Buffer().write(body)));
  }
}
