package dev.livechat.client.realtime;

import dev.livechat.client.internal.Backoff;
import dev.livechat.client.internal.Delays;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;

/**
 * A DDP connection, kept up: it opens the WebSocket, shakes hands (version 1), sends every
 * subscription again on each connection with the same ids (one room's, or many rooms' each with
 * its own visitor token, added and removed while it runs), answers pings, sends its own
 * after {@link RealtimeOptions#pingAfter()} of silence, replaces a connection silent for {@link
 * RealtimeOptions#deadAfter()}, and reconnects after a loss with backoff and full jitter, until
 * {@link RealtimeOptions#maxReconnectAttempts()} failed attempts in a row (then it waits for
 * {@link #reconnect()}). Every other frame goes to the {@link Events}, tagged with the connection
 * (its generation) it came on, so that stale ones can be told apart.
 */
final class DdpConnection {
  /** What the connection reports; called on OkHttp's and the timer's threads. */
  interface Events {
    /** A new attempt starts. */
    void connecting();

    /** A frame other than ping and pong, on connection {@code generation}. */
    void frame(int generation, DdpFrame frame);

    /** The connection was lost; the next attempt starts at {@code nextAttemptAt}. */
    void waiting(Instant nextAttemptAt, String cause);

    /** The connection was lost and the attempt limit reached: nothing more until {@link #reconnect()}. */
    void gaveUp(String cause);
  }

  private final OkHttpClient okHttp;
  private final Request request;
  private final Map<String, StreamEvents.Subscription> subscriptions = new LinkedHashMap<>(); // guarded by this
  private final RealtimeOptions options;
  private final Delays delays;
  private final Clock clock;
  private final Backoff backoff;
  private volatile Events events;

  // Guarded by this.
  private @Nullable WebSocket socket;
  private boolean handshaken;
  private int generation;
  private int failedAttempts;
  private boolean closed;
  private @Nullable Future<?> nextAttempt;
  private @Nullable Future<?> heartbeat;
  private volatile long lastHeardNanos = System.nanoTime();
  private volatile boolean pingSent;

  /** A connection reporting to {@code events}, which may be set later with {@link #reportTo} (before {@link #start}). */
  DdpConnection(OkHttpClient okHttp, Request request, RealtimeOptions options, Delays delays, Clock clock,
      @Nullable Events events) {
    this.okHttp = okHttp;
    this.request = request;
    this.options = options;
    this.delays = delays;
    this.clock = clock;
    this.backoff = new Backoff(options.minReconnectDelay(), options.minReconnectDelay(), options.maxReconnectDelay());
    this.events = events;
  }

  /** Where this connection reports, when that could not be given to the constructor. */
  void reportTo(Events events) {
    this.events = events;
  }

  /**
   * How a room's session uses this connection: when the room leaves, the connection closes if
   * {@code onlyRoom}, else just that room's subscriptions end.
   */
  RoomSession.Link link(boolean onlyRoom) {
    return new RoomSession.Link() {
      @Override
      public void subscribe(List<StreamEvents.Subscription> subscriptions) {
        DdpConnection.this.subscribe(subscriptions);
        synchronized (DdpConnection.this) {
          if (!started()) {
            start();
          }
        }
      }

      @Override
      public boolean isCurrent(int generation) {
        return DdpConnection.this.isCurrent(generation);
      }

      @Override
      public void send(String frame) {
        DdpConnection.this.send(frame);
      }

      @Override
      public void reconnect() {
        DdpConnection.this.reconnect();
      }

      @Override
      public void detach(List<StreamEvents.Subscription> subscriptions) {
        if (onlyRoom) {
          close();
        } else {
          unsubscribe(subscriptions);
        }
      }
    };
  }

  /** Subscribes now if the connection is up, and on every connection from now on. */
  synchronized void subscribe(List<StreamEvents.Subscription> added) {
    for (StreamEvents.Subscription sub : added) {
      subscriptions.put(sub.id(), sub);
      if (handshaken && socket != null) {
        socket.send(Ddp.sub(sub.id(), sub.stream(), sub.eventName(), sub.token()));
      }
    }
  }

  /** Unsubscribes now if the connection is up, and subscribes no more. */
  synchronized void unsubscribe(List<StreamEvents.Subscription> removed) {
    for (StreamEvents.Subscription sub : removed) {
      if (subscriptions.remove(sub.id()) != null && handshaken && socket != null) {
        socket.send(Ddp.unsub(sub.id()));
      }
    }
  }

  /** Whether the connection has been started (by {@link #start()}). */
  synchronized boolean started() {
    return generation > 0 || closed;
  }

  /** Opens the first connection and starts the heartbeat. */
  void start() {
    connect();
    tick();
  }

  /**
   * Connects now if there is no connection (waiting for an attempt, or given up), with the backoff
   * and the attempt count reset; does nothing while connecting or connected.
   */
  synchronized void reconnect() {
    if (closed || socket != null) {
      return;
    }
    if (nextAttempt != null) {
      nextAttempt.cancel(false);
      nextAttempt = null;
    }
    failedAttempts = 0;
    connect();
  }

  /** Whether {@code ofGeneration} is the live connection. */
  synchronized boolean isCurrent(int ofGeneration) {
    return !closed && socket != null && ofGeneration == generation;
  }

  /** Sends a frame on the live connection; dropped when there is none. */
  void send(String frame) {
    WebSocket current;
    synchronized (this) {
      current = socket;
    }
    if (current != null) {
      current.send(frame);
    }
  }

  /** Closes the connection for good: no more attempts, frames or ticks. */
  void close() {
    WebSocket current;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      current = socket;
      socket = null;
      cancel(nextAttempt);
      cancel(heartbeat);
    }
    if (current != null) {
      current.close(1000, "closed by the client");
    }
  }

  private synchronized void connect() {
    if (closed) {
      return;
    }
    nextAttempt = null;
    handshaken = false;
    events.connecting();
    int current = ++generation;
    lastHeardNanos = System.nanoTime();
    pingSent = false;
    socket = okHttp.newWebSocket(request, new Listener(current));
  }

  /** The connection of {@code ofGeneration} is gone: schedule the next, unless that was done already. */
  private void lost(int ofGeneration, String cause) {
    synchronized (this) {
      WebSocket dead = socket;
      if (closed || ofGeneration != generation || dead == null) {
        return;
      }
      socket = null;
      handshaken = false;
      dead.cancel();
      failedAttempts++;
      if (options.maxReconnectAttempts() > 0 && failedAttempts > options.maxReconnectAttempts()) {
        events.gaveUp("gave up after " + options.maxReconnectAttempts() + " reconnect attempts: " + cause);
        return;
      }
      Duration delay = backoff.delay(failedAttempts);
      events.waiting(clock.instant().plus(delay), cause);
      try {
        nextAttempt = delays.schedule(this::connect, delay);
      } catch (RejectedExecutionException clientClosed) {
        // The client is closing, and closes this session with it.
      }
    }
  }

  /** Sends every subscription on connection {@code ofGeneration}, which just shook hands. */
  private synchronized void handshake(int ofGeneration, WebSocket webSocket) {
    if (closed || ofGeneration != generation) {
      return;
    }
    handshaken = true;
    for (StreamEvents.Subscription sub : subscriptions.values()) {
      webSocket.send(Ddp.sub(sub.id(), sub.stream(), sub.eventName(), sub.token()));
    }
  }

  private synchronized void subscribed() {
    failedAttempts = 0;
  }

  /** The heartbeat, every sixth of {@code pingAfter}: a ping after pingAfter of silence, a new connection after deadAfter. */
  private void tick() {
    int current;
    boolean live;
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        heartbeat = delays.schedule(this::tick, Duration.ofMillis(Math.max(1, options.pingAfter().toMillis() / 6)));
      } catch (RejectedExecutionException clientClosed) {
        return;
      }
      current = generation;
      live = socket != null;
    }
    long silence = System.nanoTime() - lastHeardNanos;
    if (!live) {
      return;
    }
    if (silence >= options.deadAfter().toNanos()) {
      lost(current, "no answer for " + describe(options.deadAfter()));
    } else if (silence >= options.pingAfter().toNanos() && !pingSent) {
      pingSent = true;
      send(Ddp.ping());
    }
  }

  private static void cancel(@Nullable Future<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** One WebSocket's callbacks; those of an earlier connection are ignored, except its data. */
  private final class Listener extends WebSocketListener {
    private final int connection;

    Listener(int connection) {
      this.connection = connection;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      if (isCurrent(connection)) {
        webSocket.send(Ddp.connect());
      }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      DdpFrame frame;
      try {
        frame = DdpFrame.parse(text);
      } catch (IOException | RuntimeException unreadable) {
        return; // not a frame this client can read: skipped, the connection goes on
      }
      if (isCurrent(connection)) {
        lastHeardNanos = System.nanoTime();
        pingSent = false;
      } else if (!(frame instanceof DdpFrame.Changed)) {
        return; // a replaced connection's data is still delivered; nothing else of it matters
      }
      if (frame instanceof DdpFrame.Ping ping) {
        webSocket.send(Ddp.pong(ping.id()));
        return;
      }
      if (frame instanceof DdpFrame.Pong) {
        return;
      }
      if (frame instanceof DdpFrame.Connected) {
        handshake(connection, webSocket);
      } else if (frame instanceof DdpFrame.Ready) {
        subscribed();
      }
      events.frame(connection, frame);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      lost(connection, "closed by the server (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
      lost(connection, t.toString());
    }
  }
}
