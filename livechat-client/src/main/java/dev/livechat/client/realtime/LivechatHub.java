package dev.livechat.client.realtime;

import dev.livechat.client.internal.Checks;
import dev.livechat.client.internal.DaemonThreads;
import dev.livechat.client.internal.RealtimeSupport;
import dev.livechat.client.internal.Telemetry;
import dev.livechat.client.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Many visitors' rooms over a few WebSockets, for backends that speak for thousands of visitors
 * (bridges from WhatsApp, SMS or e-mail into Rocket.Chat's omnichannel). Open one with {@code
 * LivechatClient.hub(listener)}, then {@link #add} each room with its visitor's token.
 *
 * <p>The server lets one DDP connection hold the subscriptions of many rooms, each with its own
 * visitor token (the streamer authorises each subscription by its own arguments and sets no limit
 * per connection: {@code apps/meteor/server/modules/streamer/streamer.module.ts}), so the hub
 * spreads its rooms over {@link HubOptions#connections()} WebSockets and runs their work on
 * {@link HubOptions#threads()} threads, whatever the number of rooms.
 *
 * <p><b>Per room, the guarantees of {@link LivechatRealtime}</b>: every message once, in the
 * server's order; on each connection, what the room missed is loaded from its history before
 * anything newer, and the room reports {@link ConnectionState#CONNECTED} when caught up; a room
 * closed while a connection was down still ends with {@link RealtimeEvent.RoomClosed}, then
 * {@link ConnectionState#CLOSED}. The events are the same, each tagged with its room.
 *
 * <p><b>History loads are shared.</b> The server counts {@code messages.history} of all rooms
 * against one budget per client address (10 calls a minute by default). The hub runs at most
 * {@link HubOptions#concurrentLoads()} at once, and when the limiter refuses one, sends none
 * until its reset; no room's gap is given up. Adding a room costs two loads (its baseline, then
 * what was stored while subscribing); each reconnect of a connection costs one per room on it.
 * After a drop, a connection with N rooms therefore needs N loads: at the default limit, N/10
 * minutes. A backend with many rooms should raise the limit for its address, or learn of agents'
 * messages from the Livechat webhook instead.
 */
public final class LivechatHub implements AutoCloseable {
  private final RealtimeSupport support;
  private final HubOptions options;
  private final HubListener listener;
  private final ExecutorService threads;
  private final LoadGate loads;
  private final List<Carrier> carriers = new ArrayList<>();
  private final Map<String, RoomSession> rooms = new ConcurrentHashMap<>();
  private final AtomicLong roomNumbers = new AtomicLong();
  private final Telemetry telemetry;
  /** The load last reported: rooms, open connections, queued loads (guarded by itself). */
  private final int[] reported = {0, 0, 0};
  private volatile boolean closed;

  private LivechatHub(RealtimeSupport support, HubOptions options, HubListener listener) {
    this.support = support;
    this.options = options;
    this.listener = listener;
    this.threads = Executors.newFixedThreadPool(options.threads(), DaemonThreads.named("livechat-hub"));
    this.telemetry = support.telemetry();
    this.loads = new LoadGate(options.concurrentLoads(), support.delays(), support.clock(), this::loadChanged);
    Request request = new Request.Builder().url(support.webSocketUrl()).build();
    for (int i = 0; i < options.connections(); i++) {
      carriers.add(new Carrier(request));
    }
  }

  /**
   * Opens a hub with what a client lends it; {@code LivechatClient.hub} is the way to call this.
   * It connects when the first room is added.
   */
  // Public only for LivechatClient, in another package: outside the module nobody can name
  // RealtimeSupport (internal is not exported), so nobody else can call this.
  @SuppressWarnings("exports")
  public static LivechatHub open(RealtimeSupport support, HubOptions options, HubListener listener) {
    Checks.notNull(support, "support");
    Checks.notNull(options, "options");
    Checks.notNull(listener, "listener");
    LivechatHub hub = new LivechatHub(support, options, listener);
    support.opened(hub);
    return hub;
  }

  /**
   * Follows room {@code roomId} of the visitor with {@code token}: its events reach the listener
   * tagged with {@code roomId}, from {@link ConnectionState#CONNECTING} on. Its starting point is
   * the room's newest message when the hub reads it, just after this call (it and everything older
   * are the caller's to load): wait for the returned future before sending the visitor's first
   * message, so that no reply can land before the starting point.
   *
   * @return completes when the room first reports {@link ConnectionState#CONNECTED} (caught up);
   *     fails if the room is removed or closed before
   *
   * @throws IllegalArgumentException if {@code token} is blank, {@code roomId} is not one path
   *     segment, or the hub follows that room already
   * @throws IllegalStateException if the hub is closed
   */
  public CompletableFuture<Void> add(String token, String roomId) {
    Checks.notBlank(token, "token");
    Checks.pathSegment(roomId, "roomId");
    if (closed) {
      throw new IllegalStateException("the hub is closed");
    }
    Carrier carrier = leastLoaded();
    String prefix = "r" + roomNumbers.incrementAndGet() + ".";
    RoomSession[] room = new RoomSession[1];
    RealtimeListener tagged = new RealtimeListener() {
      @Override
      public void onEvent(RealtimeEvent event) {
        listener.onEvent(roomId, event);
      }
    };
    room[0] = new RoomSession(support, token, roomId, prefix, options.realtime(),
        query -> loads.submit(() -> support.calls().history(token, roomId, query)), tagged,
        new SerialExecutor(threads), carrier.connection.link(false), () -> {
          rooms.remove(roomId, room[0]);
          carrier.rooms.remove(roomId, room[0]);
          carrier.byPrefix.remove(prefix, room[0]);
          loadChanged();
        });
    if (rooms.putIfAbsent(roomId, room[0]) != null) {
      throw new IllegalArgumentException("the hub follows room " + roomId + " already");
    }
    carrier.rooms.put(roomId, room[0]);
    carrier.byPrefix.put(prefix, room[0]);
    loadChanged();
    room[0].start();
    return room[0].firstCaughtUp().thenApply(caughtUp -> caughtUp); // a future of its own: the caller may cancel it
  }

  /**
   * Stops following {@code roomId}: its subscriptions end and {@link ConnectionState#CLOSED} is its
   * last event.
   *
   * @return false if the hub did not follow that room
   */
  public boolean remove(String roomId) {
    RoomSession room = rooms.get(roomId);
    if (room == null) {
      return false;
    }
    room.close();
    return true;
  }

  /** The rooms followed now. */
  public Set<String> rooms() {
    return Set.copyOf(rooms.keySet());
  }

  /** Where room {@code roomId} stands, or null if the hub does not follow it. */
  public @Nullable ConnectionState state(String roomId) {
    RoomSession room = rooms.get(roomId);
    return room == null ? null : room.state();
  }

  /** The visitor of {@code roomId} is typing (or stopped), as {@link LivechatRealtime#typing}. */
  public void typing(String roomId, boolean typing) {
    RoomSession room = rooms.get(roomId);
    if (room == null) {
      throw new IllegalArgumentException("the hub does not follow room " + roomId);
    }
    room.typing(typing);
  }

  /** Connects now every connection that waits to reconnect or gave up, the backoff reset. */
  public void reconnect() {
    for (Carrier carrier : carriers) {
      carrier.connection.reconnect();
    }
  }

  /** Stops every room (each reports CLOSED), every connection and the hub's threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (RoomSession room : new ArrayList<>(rooms.values())) {
      room.close();
    }
    for (Carrier carrier : carriers) {
      carrier.connection.close();
      carrier.open = false;
    }
    loadChanged();
    support.closed(this);
    threads.shutdown();
    try {
      if (!threads.awaitTermination(1, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "LivechatHub[rooms=" + rooms.size() + ", connections=" + carriers.size() + "]";
  }

  private static String prefixOf(String subscriptionId) {
    return subscriptionId.substring(0, subscriptionId.indexOf('.') + 1);
  }

  /** Reports the hub's load to the telemetry if it changed since last reported. */
  private void loadChanged() {
    if (!telemetry.on()) {
      return;
    }
    synchronized (reported) {
      int connections = 0;
      for (Carrier carrier : carriers) {
        connections += carrier.open ? 1 : 0;
      }
      int size = rooms.size();
      int queued = loads.queued();
      if (size == reported[0] && connections == reported[1] && queued == reported[2]) {
        return;
      }
      reported[0] = size;
      reported[1] = connections;
      reported[2] = queued;
      telemetry.emit(new TelemetryEvent.HubLoad(size, connections, queued)); // in order: under the lock
    }
  }

  private Carrier leastLoaded() {
    Carrier best = carriers.get(0);
    for (Carrier carrier : carriers) {
      if (carrier.rooms.size() < best.rooms.size()) {
        best = carrier;
      }
    }
    return best;
  }

  /** One WebSocket and the rooms it carries: routes each frame to its room. */
  private final class Carrier implements DdpConnection.Events {
    final Map<String, RoomSession> rooms = new ConcurrentHashMap<>();
    /** By subscription id prefix ({@code r<n>.}). */
    final Map<String, RoomSession> byPrefix = new ConcurrentHashMap<>();
    final DdpConnection connection;
    /** Whether its connection shook hands and was not lost since. */
    volatile boolean open;

    Carrier(Request request) {
      this.connection = new DdpConnection(support.okHttp(), request, options.realtime(), support.delays(),
          support.clock(), this);
    }

    @Override
    public void connecting() {
      lost();
      rooms.values().forEach(RoomSession::connecting);
    }

    private void lost() {
      if (open) {
        open = false;
        loadChanged();
      }
    }

    @Override
    public void frame(int generation, DdpFrame frame) {
      if (frame instanceof DdpFrame.Changed changed) {
        RoomSession room = rooms.get(StreamEvents.roomOf(changed.eventName()));
        if (room != null) {
          room.frame(generation, frame);
        }
      } else if (frame instanceof DdpFrame.Ready ready) {
        for (String id : ready.subs()) {
          RoomSession room = byPrefix.get(prefixOf(id));
          if (room != null) {
            room.frame(generation, new DdpFrame.Ready(List.of(id)));
          }
        }
      } else if (frame instanceof DdpFrame.NoSub refused) {
        RoomSession room = byPrefix.get(prefixOf(refused.id()));
        if (room != null) {
          room.frame(generation, frame);
        }
      } else {
        if (frame instanceof DdpFrame.Connected && !open) {
          open = true;
          loadChanged();
        }
        rooms.values().forEach(room -> room.frame(generation, frame));
      }
    }

    @Override
    public void waiting(Instant nextAttemptAt, String cause) {
      lost();
      rooms.values().forEach(room -> room.waiting(nextAttemptAt, cause));
    }

    @Override
    public void gaveUp(String cause) {
      lost();
      rooms.values().forEach(room -> room.gaveUp(cause));
    }
  }
}
