package dev.livechat.benchmarks;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.VisitorToken;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.realtime.HubOptions;
import dev.livechat.client.realtime.LivechatHub;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.realtime.RealtimeListener;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N visitors' rooms in one JVM against {@link FakeLivechatServer}: through one {@link LivechatHub},
 * then (with {@code sessions}) through one {@link LivechatRealtime} each, as far as they go. Prints
 * the threads the SDK uses, heap per room, connections, the time to subscribe all rooms (each
 * caught up) and the time for one agent message to each room to be delivered everywhere, and
 * checks every message arrived exactly once.
 *
 * <pre>
 * java -Xmx4g -cp livechat-client-benchmarks/target/benchmarks.jar dev.livechat.benchmarks.HubScale hub 10000
 * java -Xmx4g -cp livechat-client-benchmarks/target/benchmarks.jar dev.livechat.benchmarks.HubScale sessions 1000
 * </pre>
 */
public final class HubScale {
  private HubScale() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "hub";
    int rooms = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      Map<String, String> tokens;
      try (LivechatClient setup = LivechatClient.create(server.url().toString())) {
        tokens = createRooms(setup, rooms);
      }
      awaitQuiet();
      measure(server, mode, rooms, tokens);
    }
  }

  private static void measure(FakeLivechatServer server, String mode, int rooms, Map<String, String> tokens)
      throws Exception {
    try (LivechatClient client = LivechatClient.create(server.url().toString())) {
      long heapBefore = usedHeapAfterGc();
      int threadsBefore = Thread.activeCount();
      long sdkThreadsBefore = sdkThreads();
      Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
      Set<String> connected = ConcurrentHashMap.newKeySet();
      CountDownLatch allConnected = new CountDownLatch(rooms);
      CountDownLatch allReceived = new CountDownLatch(rooms);
      RoomEvents events = (roomId, event) -> {
        if (event instanceof RealtimeEvent.ConnectionStateChanged changed && changed.state() == ConnectionState.CONNECTED
            && connected.add(roomId)) {
          allConnected.countDown();
        } else if (event instanceof RealtimeEvent.MessageReceived message && message.message().text().startsWith("ping ")
            && received.computeIfAbsent(roomId, r -> new AtomicInteger()).incrementAndGet() == 1) {
          allReceived.countDown();
        }
      };

      long start = System.nanoTime();
      AutoCloseable opened;
      if (mode.equals("hub")) {
        LivechatHub hub = client.hub(HubOptions.defaults(), events::on);
        tokens.forEach((rid, token) -> hub.add(token, rid));
        opened = hub;
      } else {
        List<LivechatRealtime> sessions = new ArrayList<>();
        for (Map.Entry<String, String> room : tokens.entrySet()) {
          String rid = room.getKey();
          sessions.add(client.realtime(room.getValue(), rid, new RealtimeListener() {
            @Override
            public void onEvent(RealtimeEvent event) {
              events.on(rid, event);
            }
          }));
        }
        opened = () -> sessions.forEach(LivechatRealtime::close);
      }
      boolean subscribed = allConnected.await(10, TimeUnit.MINUTES);
      long subscribeMillis = (System.nanoTime() - start) / 1_000_000;
      long heapAfter = usedHeapAfterGc();
      int threads = Thread.activeCount();
      long sdkThreads = sdkThreads();

      FakeAgent agent = server.agent("agent.smith");
      long sendStart = System.nanoTime();
      tokens.keySet().forEach(rid -> agent.reply(rid, "ping " + rid));
      boolean delivered = allReceived.await(10, TimeUnit.MINUTES);
      long deliverMillis = (System.nanoTime() - sendStart) / 1_000_000;
      long twice = received.values().stream().filter(count -> count.get() != 1).count();

      System.out.printf("%s, %d rooms: all caught up %s in %,d ms; %d WebSockets; JVM threads %d -> %d, "
              + "the SDK's %d (%d before); heap %.1f KB per room; one agent message to each room "
              + "delivered %s in %,d ms; rooms with a message twice: %d%n",
          mode, rooms, subscribed ? "yes" : "NO", subscribeMillis, server.openConnections(), threadsBefore, threads,
          sdkThreads, sdkThreadsBefore, (heapAfter - heapBefore) / 1024.0 / rooms,
          delivered ? "everywhere" : "NOT everywhere", deliverMillis, twice);
      if (System.getenv("THREADS") != null) {
        Thread.getAllStackTraces().keySet().stream()
            .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("[0-9]+", "#"),
                java.util.stream.Collectors.counting()))
            .forEach((name, count) -> System.out.println("  " + count + " x " + name));
      }
      opened.close();
    }
  }

  /** Threads of the client side: the SDK's own ({@code livechat-*}) and OkHttp's (not MockWebServer's). */
  private static long sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("livechat-") || name.startsWith("OkHttp") || name.startsWith("Okio"))
        .count();
  }

  /** Waits (bounded) for the setup client's idle threads to end, so they are not counted. */
  private static void awaitQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("OkHttp Dispatcher") || t.getName().startsWith("livechat-"))) {
      Thread.sleep(200); // a measurement program, not a test: waiting for idle threads to time out
    }
  }

  /** {@link dev.livechat.client.realtime.HubListener}, also fed by the sessions. */
  private interface RoomEvents {
    void on(String roomId, RealtimeEvent event);
  }

  /** Registers {@code rooms} visitors with a room each, 64 at a time; room id to token. */
  static Map<String, String> createRooms(LivechatClient client, int rooms) throws Exception {
    Map<String, String> tokens = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (int i = 0; i < rooms; i++) {
      String token = VisitorToken.random();
      pending.add(client.async().registerVisitor(NewVisitor.of(token))
          .thenCompose(visitor -> client.async().openRoom(token))
          .thenAccept(room -> tokens.put(room.room().id(), token)));
      if (pending.size() == 64) {
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get();
        pending.clear();
      }
    }
    CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get();
    return tokens;
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
