package dev.livechat.loadtest;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeListener;
import dev.livechat.client.realtime.RealtimeOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * One load test: the visitors' arrivals on their schedule, each visitor's conversation, the
 * agents, the one-second ticks (progress, plots, process usage), then the check of every
 * conversation against the server's history, and the {@link Result}.
 *
 * <p><b>Open model.</b> Visitor {@code i} is due at {@code start + i × interval} and starts then
 * whatever the visitors before it are doing: a slow server makes conversations pile up, never
 * arrivals slow down. Within a conversation, message {@code k+1} is due one think time after
 * message {@code k} was due, not after it was answered; latencies run from the due time
 * (coordinated omission corrected: a visitor held up by a slow answer still counts the time it
 * was held up). A visitor has one message in flight at most, as a widget does.
 */
final class LoadRun {
  /** How the run ended. */
  enum Stop { COMPLETED, MAX_DURATION, INTERRUPTED }

  /** Everything the report needs. */
  record Result(Options options, String target, String agents, Instant startedAt, Duration elapsed, Stop stop,
      int planned, int started, int completed, int failed, int aborted, int notStarted, Ledger.Check check,
      int verified, Metrics metrics, Map<String, Object> usage) {}

  private final Options options;
  private final Target target;
  private final Metrics metrics = new Metrics();
  private final Map<String, SimulatedVisitor> byRoom = new ConcurrentHashMap<>();
  /** Rooms taken before their visitor knew them, with when (guarded by byRoom). */
  private final Map<String, Long> takenEarly = new ConcurrentHashMap<>();
  private final List<SimulatedVisitor> visitors = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger aborted = new AtomicInteger();
  private final Object doneLock = new Object();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final ScheduledExecutorService timer;
  private final ScheduledExecutorService ticker;
  private final ExecutorService blocking;
  private final OkHttpClient okHttp;
  private final LivechatClient visitorClient;
  private final LivechatClient observerClient;
  private final ScriptedAgents agents;
  private final RealtimeOptions realtimeOptions = RealtimeOptions.defaults();
  private final long replyTimeoutNanos;
  private final long agentDelayNanos;
  private volatile boolean arrivalsDone;
  private volatile @Nullable Stop stopRequested;
  private volatile long loadEnd = Long.MAX_VALUE;
  private volatile long startNanos;
  private volatile @Nullable ProcessUsage usage;

  /** Where the visitors go and who answers them; closed with the run. */
  interface Target extends AutoCloseable {
    okhttp3.HttpUrl url();

    /** The agents, built over the run's observer client and timer. */
    ScriptedAgents agents(LivechatClient observer, ScheduledExecutorService timer);

    String describe();

    @Override
    void close();
  }

  LoadRun(Options options, Target target) {
    this.options = options;
    this.target = target;
    this.replyTimeoutNanos = options.replyTimeout().toNanos();
    this.agentDelayNanos = options.agentDelay().toNanos();
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(2, daemon("loadtest-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    // The one-second tick (progress, plots, process usage) on a thread of its own, so that it keeps
    // its pace whatever the visitors' timer is doing.
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("loadtest-tick"));
    this.blocking = Executors.newFixedThreadPool(4, daemon("loadtest-worker"));
    // One OkHttpClient (one dispatcher, one pool) for every visitor and agent: each visitor's
    // WebSocket and calls are on it, as many at once as visitors.
    int parallel = Math.max(64, options.visitors() * 2 + 64);
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(parallel);
    dispatcher.setMaxRequestsPerHost(parallel);
    this.okHttp = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(Math.max(64, options.visitors() + 64), 1, TimeUnit.MINUTES))
        .build();
    this.visitorClient = LivechatClient.builder().baseUrl(target.url()).okHttpClient(okHttp)
        .telemetry(metrics.telemetry()).build();
    this.observerClient = LivechatClient.builder().baseUrl(target.url()).okHttpClient(okHttp).build();
    this.agents = target.agents(observerClient, timer);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  Metrics metrics() {
    return metrics;
  }

  int active() {
    return active.get();
  }

  int started() {
    return visitors.size();
  }

  double elapsedSeconds() {
    return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
  }

  @Nullable ProcessUsage usage() {
    return usage;
  }

  /** Asks the run to stop now (Ctrl-C): conversations are abandoned, what ran is checked and reported. */
  void stop(Stop why) {
    stopRequested = why;
    synchronized (doneLock) {
      doneLock.notifyAll();
    }
  }

  /** Whether {@link #run} has returned its result. */
  boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs the test to its end and checks it; {@code progress} gets the live line. */
  Result run(@Nullable Progress progress) throws Exception {
    try {
      return runChecked(progress);
    } finally {
      finished.countDown();
    }
  }

  private Result runChecked(@Nullable Progress progress) throws Exception {
    agents.start(new Sink());
    usage = new ProcessUsage();
    Instant startedAt = Instant.now();
    startNanos = System.nanoTime();
    loadEnd = startNanos + options.duration().toNanos();
    long hardStop = startNanos + options.maxDuration().toNanos();
    ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(() -> tick(progress), 1, 1, TimeUnit.SECONDS);
    Thread arrivals = new Thread(this::arrive, "loadtest-arrivals");
    arrivals.setDaemon(true);
    arrivals.start();

    Stop stop = Stop.COMPLETED;
    synchronized (doneLock) {
      while (!(arrivalsDone && active.get() == 0)) {
        if (stopRequested != null) {
          stop = stopRequested;
          break;
        }
        long left = hardStop - System.nanoTime();
        if (left <= 0) {
          stop = Stop.MAX_DURATION;
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(doneLock, Math.min(left, 200_000_000L));
      }
    }
    arrivalsDone = true;
    arrivals.interrupt();
    ticks.cancel(false);
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
    tick(progress);
    if (progress != null) {
      progress.end();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    List<SimulatedVisitor> all;
    synchronized (visitors) {
      all = new ArrayList<>(visitors);
    }
    for (SimulatedVisitor v : all) {
      v.abort();
    }
    Map<String, Object> totals = usage.totals();
    agents.close();
    Ledger.Check check = Ledger.Check.NONE;
    int verified = 0;
    // Every conversation that ended (completed or failed) is checked against the room's history;
    // those abandoned by a stop are not, and are counted as aborted.
    List<Future<Ledger.Check>> checks = new ArrayList<>();
    ExecutorService verifiers = Executors.newFixedThreadPool(8, daemon("loadtest-check"));
    for (SimulatedVisitor v : all) {
      Ledger ledger = v.ledger;
      if (ledger != null && v.verifiable()) {
        checks.add(verifiers.submit(() -> ledger.check(history(ledger))));
      }
    }
    for (Future<Ledger.Check> f : checks) {
      try {
        check = check.plus(f.get(2, TimeUnit.MINUTES));
        verified++;
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        metrics.error("check: " + code(e));
      }
    }
    verifiers.shutdownNow();
    int planned = options.visitors();
    int startedCount = all.size();
    return new Result(options, target.describe(), agents.describe(), startedAt, elapsed, stop, planned,
        startedCount, completed.get(), failed.get(), aborted.get(), planned - startedCount, check, verified, metrics,
        totals);
  }

  /** The room's whole history, oldest first, from the observer client (not measured). */
  private List<Message> history(Ledger ledger) {
    List<Message> newestFirst;
    try (var stream = observerClient.streamHistory(ledger.token, ledger.roomId, 100)) {
      newestFirst = stream.collect(Collectors.toList());
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private void arrive() {
    long interval = options.arrivalInterval().toNanos();
    for (int i = 0; i < options.visitors(); i++) {
      long due = startNanos + i * interval;
      while (true) {
        long wait = due - System.nanoTime();
        if (wait <= 0 || arrivalsDone || stopRequested != null) {
          break;
        }
        LockSupport.parkNanos(wait);
      }
      if (arrivalsDone || stopRequested != null || due >= loadEnd) {
        break;
      }
      SimulatedVisitor visitor = new SimulatedVisitor(i, due);
      visitors.add(visitor);
      visitor.start();
    }
    arrivalsDone = true;
    synchronized (doneLock) {
      doneLock.notifyAll();
    }
  }

  private void tick(@Nullable Progress progress) {
    try {
      double t = elapsedSeconds();
      int now = active.get();
      metrics.tick(t, now);
      ProcessUsage u = usage;
      if (u != null) {
        u.sample(now);
      }
      if (progress != null) {
        progress.update(this);
      }
    } catch (RuntimeException e) {
      metrics.error("tool: " + e);
    }
  }

  private void visitorEnded(AtomicInteger outcome) {
    outcome.incrementAndGet();
    if (active.decrementAndGet() == 0) {
      synchronized (doneLock) {
        doneLock.notifyAll();
      }
    }
  }

  /** The error code under which a failure counts: {@code "HTTP 400 error-invalid-room"}, {@code "timeout"}, .... */
  static String code(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof LivechatRateLimitException) {
      return "HTTP 429";
    }
    if (t instanceof LivechatApiException api) {
      return "HTTP " + api.statusCode() + (api.errorCode() == null ? "" : " " + api.errorCode());
    }
    if (t instanceof LivechatTimeoutException) {
      return "timeout";
    }
    if (t instanceof LivechatNetworkException) {
      return "network";
    }
    if (t instanceof LivechatDecodingException) {
      return "decoding";
    }
    return t.getClass().getSimpleName();
  }

  /** What the agents report, matched to the visitors' ledgers. */
  private final class Sink implements ScriptedAgents.AgentSink {
    @Override
    public void taken(String roomId) {
      long now = System.nanoTime();
      SimulatedVisitor v;
      synchronized (byRoom) {
        v = byRoom.get(roomId);
        if (v == null) {
          // Agents hearing the queue may take a room before its visitor has the answer that
          // names it: the visitor picks this up when it has.
          takenEarly.put(roomId, now);
          return;
        }
      }
      v.taken(now);
    }

    @Override
    public ScriptedAgents.@Nullable Reply seen(String roomId, Message message, long nanos) {
      SimulatedVisitor v = byRoom.get(roomId);
      Ledger ledger = v == null ? null : v.ledger;
      int k = Ledger.visitorMessage(message.text());
      if (ledger == null || k < 0 || Ledger.visitorOf(message.text()) != ledger.visitor) {
        return null;
      }
      Long intended = ledger.seen(k);
      if (intended == null) {
        return null;
      }
      metrics.record(Metrics.VISITOR_TO_AGENT, nanos - intended);
      long replyAt = nanos + agentDelayNanos;
      ledger.replyPlanned(k, replyAt);
      return new ScriptedAgents.Reply(k, Ledger.replyText(ledger.visitor, k), replyAt);
    }

    @Override
    public void replied(String roomId, ScriptedAgents.Reply reply) {
      SimulatedVisitor v = byRoom.get(roomId);
      if (v != null && v.ledger != null) {
        v.ledger.replied(reply.k());
        metrics.agentMessages.increment();
      }
    }

    @Override
    public void failed(String roomId, String what, Throwable error) {
      metrics.error("agent " + what + ": " + code(error));
    }
  }

  /**
   * One visitor, as a widget in a browser: its own realtime session (WebSocket), register, open a
   * room, wait for an agent, send its messages one think time apart, take the replies as they
   * come in realtime, close the room. Driven by futures and the timer: it holds no thread.
   */
  private final class SimulatedVisitor implements RealtimeListener {
    final int n;
    final long due;
    final String token = UUID.randomUUID().toString();
    final Random random;
    volatile @Nullable Ledger ledger;
    volatile @Nullable LivechatRealtime realtime;
    volatile long roomOpened;
    final AtomicBoolean connected = new AtomicBoolean();
    final AtomicBoolean agentKnown = new AtomicBoolean();
    final AtomicBoolean firstReply = new AtomicBoolean();
    final AtomicBoolean ended = new AtomicBoolean();
    final AtomicBoolean closing = new AtomicBoolean();
    volatile boolean sendingDone;
    volatile boolean verifiable;
    volatile @Nullable ScheduledFuture<?> timeout;

    SimulatedVisitor(int n, long due) {
      this.n = n;
      this.due = due;
      this.random = new Random(options.seed() * 1_000_003L + n);
    }

    boolean verifiable() {
      return verifiable;
    }

    long think() {
      long base = options.think().toNanos();
      return base / 2 + (long) (random.nextDouble() * base);
    }

    void start() {
      active.incrementAndGet();
      try {
        visitorClient.async().registerVisitor(NewVisitor.of(token).withName("Load-test visitor " + n))
            .thenCompose(visitor -> visitorClient.async().openRoom(token))
            .whenComplete((room, error) -> {
              if (error != null) {
                fail("open", error);
              } else {
                opened(room);
              }
            });
      } catch (RuntimeException e) {
        fail("open", e);
      }
    }

    private void opened(RoomResult result) {
      roomOpened = System.nanoTime();
      String rid = result.room().id();
      Ledger l = new Ledger(n, token, rid);
      ledger = l;
      // The wait for an agent starts before the agents can find this visitor: an agent that takes
      // the room the moment it is in byRoom must find this timeout there to cancel.
      timeout = timer.schedule(() -> timedOut("agent-timeout"), replyTimeoutNanos, TimeUnit.NANOSECONDS);
      Long early;
      synchronized (byRoom) {
        byRoom.put(rid, this);
        early = takenEarly.remove(rid);
      }
      realtime = visitorClient.realtime(token, rid, realtimeOptions, this);
      if (ended.get()) {
        closeRealtime();
      }
      if (early != null) {
        taken(early);
      }
    }

    @Override
    public void onConnectionStateChanged(RealtimeEvent.ConnectionStateChanged event) {
      if (event.state() == ConnectionState.CONNECTED && connected.compareAndSet(false, true)) {
        metrics.record(Metrics.VISITOR_START, System.nanoTime() - due);
        Ledger l = ledger;
        if (l != null) {
          agents.roomOpened(token, l.roomId);
        }
      } else if (event.state() == ConnectionState.FAILED) {
        fail("realtime", new IllegalStateException("realtime FAILED: " + event.cause()));
      } else if (event.state() == ConnectionState.WAITING) {
        metrics.error("realtime reconnect");
      }
    }

    @Override
    public void onSubscriptionFailed(RealtimeEvent.SubscriptionFailed event) {
      metrics.error("realtime subscription refused: " + event.stream());
    }

    /**
     * An agent took the room and watches it (the agents said so). The visitor starts writing then,
     * not at its own session's {@code AgentChanged}, which may come before the agent follows the
     * room: a message in between would be the tool's loss, not the server's.
     */
    void taken(long at) {
      metrics.record(Metrics.QUEUE_WAIT, Math.max(0, at - roomOpened));
      agentArrived();
    }

    private void agentArrived() {
      if (!agentKnown.compareAndSet(false, true)) {
        return;
      }
      cancelTimeout();
      long first = System.nanoTime() + think();
      timer.schedule(() -> send(1, first), Math.max(0, first - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void send(int k, long intended) {
      Ledger l = ledger;
      if (ended.get() || l == null) {
        return;
      }
      if (stopRequested != null || System.nanoTime() >= loadEnd) {
        doneSending();
        return;
      }
      l.sending(k, intended);
      try {
        visitorClient.async().sendMessage(SendMessageRequest.of(token, l.roomId, Ledger.visitorText(n, k)))
            .whenComplete((message, error) -> {
              if (error == null) {
                l.accepted(k);
                metrics.visitorMessages.increment();
              } else {
                metrics.error("send: " + code(error));
              }
              if (k >= options.messages()) {
                doneSending();
                return;
              }
              long next = intended + think();
              timer.schedule(() -> send(k + 1, next), Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
            });
      } catch (RuntimeException e) {
        metrics.error("send: " + code(e));
        doneSending();
      }
    }

    private void doneSending() {
      sendingDone = true;
      Ledger l = ledger;
      if (l != null && l.allAnswered()) {
        finish();
      } else {
        cancelTimeout();
        timeout = timer.schedule(() -> timedOut("reply-timeout"), replyTimeoutNanos, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public void onMessage(RealtimeEvent.MessageReceived event) {
      long now = System.nanoTime();
      Ledger l = ledger;
      String text = event.message().text();
      int k = Ledger.reply(text);
      if (l == null || k < 0 || Ledger.visitorOf(text) != n) {
        return;
      }
      metrics.delivered.increment();
      Long intended = l.delivered(k);
      if (intended != null) {
        metrics.record(Metrics.AGENT_TO_VISITOR, now - intended);
      }
      if (firstReply.compareAndSet(false, true)) {
        metrics.record(Metrics.FIRST_RESPONSE, now - roomOpened);
      }
      if (sendingDone && l.allAnswered()) {
        finish();
      }
    }

    private void timedOut(String why) {
      if (ended.get()) {
        return;
      }
      metrics.error(why);
      finish();
    }

    private void cancelTimeout() {
      ScheduledFuture<?> t = timeout;
      if (t != null) {
        t.cancel(false);
      }
    }

    /** Closes the room as the visitor does, then the session; the conversation is checked at the end. */
    private void finish() {
      Ledger l = ledger;
      if (l == null || !closing.compareAndSet(false, true)) {
        return;
      }
      cancelTimeout();
      visitorClient.async().closeRoom(token, l.roomId).whenComplete((closed, error) -> {
        if (error != null) {
          metrics.error("close: " + code(error));
        }
        verifiable = true;
        end(completed);
      });
    }

    private void fail(String what, Throwable error) {
      metrics.error(what + ": " + code(error));
      verifiable = ledger != null;
      end(failed);
    }

    /** The run stops: a conversation still under way is abandoned, and not checked. */
    void abort() {
      end(aborted);
    }

    private void end(AtomicInteger outcome) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      cancelTimeout();
      closeRealtime();
      visitorEnded(outcome);
    }

    private void closeRealtime() {
      LivechatRealtime r = realtime;
      if (r != null) {
        blocking.execute(r::close);
      }
    }
  }

  /** Closes the clients, the agents, the target; waits briefly for the sessions to close. */
  void close(PrintStream err) {
    agents.close();
    blocking.shutdown();
    try {
      if (!blocking.awaitTermination(10, TimeUnit.SECONDS)) {
        err.println("some realtime sessions did not close within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer.shutdownNow();
    visitorClient.close();
    observerClient.close();
    target.close();
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
  }
}
