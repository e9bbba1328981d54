package dev.livechat.client.realtime;

import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.internal.Backoff;
import dev.livechat.client.internal.RealtimeSupport;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.Visitor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One room's session: it puts the connection that carries the room (a {@link Link} to a {@link
 * DdpConnection} of its own, or shared by a hub's rooms), the {@link GapFiller} and the {@link
 * TypingSignal} together and reports to the listener through its {@link RoomDelivery}, one event at
 * a time, on its serial executor (where all of its delivery state lives).
 *
 * <p><b>Catching up.</b> From the moment a connection attempt starts until the gap before it is
 * filled,
 * everything the connection brings is held back. When the room's messages subscription is ready,
 * the session loads what it missed since the newest message it knows (the baseline, loaded once
 * when the session opens, or the newest delivered since), delivers it oldest first, then what was
 * held back, and only then reports {@link ConnectionState#CONNECTED}. One load at a time: a
 * connection subscribed while a load waits (for a 429's reset, say) is covered by that load; one
 * subscribed after the load's newest page was read costs one more load.
 *
 * <p><b>A room that can no longer be read.</b> When the server refuses the room's messages (it
 * does once the room is closed), the session still loads what it missed (the history stays
 * readable), delivers it (the room's {@code livechat-close} message as {@link
 * RealtimeEvent.RoomClosed}) and closes, without subscribing again.
 */
final class RoomSession implements DdpConnection.Events {
  /** What a room's session needs of the connection that carries it. */
  interface Link {
    /** Starts receiving the room's streams: called once, after the baseline is known. */
    void subscribe(List<StreamEvents.Subscription> subscriptions);

    /** Whether {@code generation} is the live connection. */
    boolean isCurrent(int generation);

    /** Sends a frame on the live connection; dropped when there is none. */
    void send(String frame);

    /** Connects now, if waiting to. */
    void reconnect();

    /** The room leaves: its subscriptions end (and a connection of its own closes). */
    void detach(List<StreamEvents.Subscription> subscriptions);
  }

  private final String roomId;
  private final List<StreamEvents.Subscription> subscriptions;
  private final String messagesSubId;
  private final RoomDelivery out;
  private final Runnable whenClosed;
  private final SerialExecutor events;
  private final Link link;
  private final GapFiller filler;
  private final TypingSignal typing;
  private final AtomicInteger ids = new AtomicInteger();
  private final CompletableFuture<Void> firstCaughtUp = new CompletableFuture<>();
  /** Counts the room's messages subscriptions (and refusals): a load older than the newest may have missed something. */
  private final AtomicInteger epoch = new AtomicInteger();

  // Guarded by this.
  private boolean closed;
  private ConnectionState state = ConnectionState.CONNECTING;

  // Confined to the event thread.
  private final MessageLedger ledger;
  private final List<StreamEvents.Incoming> held = new ArrayList<>();
  private boolean catchingUp = true;
  private boolean awaitingReady = true;
  private boolean subscribed;
  private boolean fillNeeded;
  private boolean loading;
  private int readyGeneration = -1;
  private @Nullable String refusal;

  /**
   * @param idPrefix makes the room's subscription ids unique on its connection
   * @param history the room's history calls (through the client's executor)
   * @param events runs this room's work and listener calls, one at a time, in order
   * @param link the connection that carries the room
   * @param whenClosed runs once, when the session closes
   */
  RoomSession(RealtimeSupport support, String token, String roomId, String idPrefix, RealtimeOptions options,
      Function<HistoryQuery, CompletableFuture<MessageHistory>> history, RealtimeListener listener,
      SerialExecutor events, Link link, Runnable whenClosed) {
    this.roomId = roomId;
    this.subscriptions = StreamEvents.of(roomId, idPrefix, token);
    this.messagesSubId = subscriptions.get(0).id();
    this.whenClosed = whenClosed;
    this.events = events;
    this.link = link;
    Backoff backoff = new Backoff(options.minReconnectDelay(), options.minReconnectDelay(), options.maxReconnectDelay());
    RoomTelemetry telemetry = new RoomTelemetry(support.telemetry(), roomId);
    this.filler = new GapFiller(history, support.delays(), support.clock(), backoff, this::onEventThread, epoch::get,
        telemetry);
    this.typing = new TypingSignal(options, support.delays(),
        () -> support.calls().visitor(token).thenApply(RoomSession::username),
        (username, typing) -> link.send(Ddp.typing("m" + ids.incrementAndGet(), roomId, username, typing, token)));
    this.out = new RoomDelivery(token, listener, typing, telemetry);
    this.ledger = out.ledger();
  }

  /**
   * Loads the baseline, then subscribes: what is stored after the baseline was read is this
   * session's to deliver, so the subscription must come after it.
   */
  void start() {
    onEventThread(this::next);
  }

  /** Whether the calling thread is running this session's events (a listener call, say). */
  boolean inEventThread() {
    return events.inTask();
  }

  /**
   * Completes when the room first reports CONNECTED (its starting point fixed, what was missed
   * delivered); fails if the session closes before.
   */
  CompletableFuture<Void> firstCaughtUp() {
    return firstCaughtUp;
  }

  synchronized ConnectionState state() {
    return state;
  }

  void typing(boolean typing) {
    this.typing.typing(typing);
  }

  void reconnect() {
    link.reconnect();
  }

  /**
   * Stops everything at once: the room's subscriptions, its loads and timers; CLOSED is its last
   * event. Returns at once; the event in progress (if any) finishes first.
   */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      state = ConnectionState.CLOSED;
    }
    link.detach(subscriptions);
    filler.cancel();
    typing.stop();
    firstCaughtUp.completeExceptionally(new IllegalStateException("closed before it caught up"));
    // Queued even when called from a listener, so that it is not delivered inside that call.
    onEventThread(() -> out.deliver(new RealtimeEvent.ConnectionStateChanged(ConnectionState.CLOSED, null, null)));
    onEventThread(whenClosed);
    events.shutdown();
  }

  // ---- what the connection reports (its threads) ----

  @Override
  public void connecting() {
    // From here on, what arrives comes from a connection whose gap is not filled yet: held back,
    // even if the connection is gone again before its handshake reaches the event thread.
    Runnable holdBack = () -> {
      catchingUp = true;
      awaitingReady = true;
    };
    if (events.inTask()) {
      holdBack.run();
    } else {
      onEventThread(holdBack);
    }
    setState(ConnectionState.CONNECTING, null, null);
  }

  @Override
  public void frame(int generation, DdpFrame frame) {
    onEventThread(() -> onFrame(generation, frame));
  }

  @Override
  public void waiting(Instant nextAttemptAt, String cause) {
    setState(ConnectionState.WAITING, nextAttemptAt, cause);
  }

  @Override
  public void gaveUp(String cause) {
    setState(ConnectionState.FAILED, null, cause);
  }

  // ---- the event thread ----

  private void onFrame(int generation, DdpFrame frame) {
    if (isClosed()) {
      return;
    }
    if (frame instanceof DdpFrame.Changed changed) {
      // Data received before its connection was replaced is still data: it keeps its place.
      List<StreamEvents.Incoming> incoming;
      try {
        incoming = StreamEvents.read(changed);
      } catch (IOException | RuntimeException malformed) {
        return; // a frame this client cannot read: skipped, the session goes on
      }
      if (catchingUp) {
        held.addAll(incoming);
      } else {
        incoming.forEach(out::process);
      }
      return;
    }
    if (!link.isCurrent(generation)) {
      return;
    }
    if (frame instanceof DdpFrame.Connected) {
      // What this connection brings waits until the gap before it is filled.
      catchingUp = true;
      awaitingReady = true;
    } else if (frame instanceof DdpFrame.Ready ready && ready.subs().contains(messagesSubId)) {
      awaitingReady = false;
      readyGeneration = generation;
      epoch.incrementAndGet();
      fillNeeded = true;
      next();
    } else if (frame instanceof DdpFrame.NoSub refused) {
      refused(refused);
    } else if (frame instanceof DdpFrame.Failed) {
      out.deliver(new RealtimeEvent.SubscriptionFailed("connect", "the server does not speak DDP version 1"));
    }
  }

  private void refused(DdpFrame.NoSub refused) {
    String reason = refused.reason() != null ? refused.reason() : String.valueOf(refused.error());
    out.telemetry().refused(subscriptions, refused.id());
    if (!refused.id().equals(messagesSubId)) {
      RealtimeEvent failed = new RealtimeEvent.SubscriptionFailed(streamOf(refused.id()), reason);
      if (catchingUp) {
        held.add(new StreamEvents.Incoming.Event(failed));
      } else {
        out.deliver(failed);
      }
      return;
    }
    // The room's messages can no longer be read (a closed room, or not this visitor's): subscribing
    // again will not change that, but its history still answers. Load what was missed, then close.
    refusal = reason;
    link.detach(subscriptions);
    awaitingReady = false;
    catchingUp = true;
    epoch.incrementAndGet();
    fillNeeded = true;
    next();
  }

  /** The next step of catching up: the baseline, a load, or (when nothing is missing) the end of it. */
  private void next() {
    if (loading || isClosed()) {
      return;
    }
    if (!ledger.hasBaseline()) {
      loading = true;
      filler.newest((newest, none, at) -> {
        loading = false;
        ledger.baseline(newest.isEmpty() ? null : newest.get(0));
        fillNeeded = false; // the first subscription comes after the baseline, and asks for its own fill
        if (!subscribed) {
          subscribed = true;
          link.subscribe(subscriptions);
        }
        next();
      }, this::loadRefused);
      return;
    }
    if (fillNeeded) {
      fillNeeded = false;
      loading = true;
      filler.since(ledger.anchorId(), ledger.anchorAt(), (missed, revisited, at) -> {
        loading = false;
        filler.filled(out.filled(missed, revisited));
        fillNeeded = epoch.get() > at;
        next();
      }, this::loadRefused);
      return;
    }
    if (!awaitingReady) {
      caughtUp();
    }
  }

  /** Delivers what was held back, then reports CONNECTED (connected means caught up), or closes. */
  private void caughtUp() {
    catchingUp = false;
    List<StreamEvents.Incoming> meanwhile = new ArrayList<>(held);
    held.clear();
    meanwhile.forEach(out::process);
    if (refusal != null) {
      if (!ledger.closeSeen()) {
        out.deliver(new RealtimeEvent.SubscriptionFailed("stream-room-messages " + roomId, refusal));
      }
      close();
      return;
    }
    boolean live = link.isCurrent(readyGeneration); // not under this lock: the connection calls in under its own
    synchronized (this) {
      if (closed || !live) {
        return;
      }
      state = ConnectionState.CONNECTED;
    }
    out.deliver(new RealtimeEvent.ConnectionStateChanged(ConnectionState.CONNECTED, null, null));
    firstCaughtUp.complete(null);
  }

  /** A load was refused (another 4xx than 429) or the client closed: the session cannot go on. */
  private void loadRefused(LivechatException failure) {
    loading = false;
    if (isClosed()) {
      return;
    }
    if (refusal != null) {
      out.deliver(new RealtimeEvent.SubscriptionFailed("stream-room-messages " + roomId, refusal));
    }
    out.deliver(new RealtimeEvent.SubscriptionFailed("history", "could not load the room's messages: " + failure.getMessage()));
    close();
  }

  // ---- delivery ----

  private void setState(ConnectionState next, @Nullable Instant nextAttemptAt, @Nullable String cause) {
    synchronized (this) {
      if (closed) {
        return;
      }
      state = next;
    }
    RealtimeEvent event = new RealtimeEvent.ConnectionStateChanged(next, nextAttemptAt, cause);
    if (events.inTask()) {
      out.deliver(event);
    } else {
      onEventThread(() -> out.deliver(event));
    }
  }

  private void onEventThread(Runnable task) {
    try {
      events.execute(task);
    } catch (RejectedExecutionException closedAlready) {
      // Closed: later frames are dropped.
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private String streamOf(String subscriptionId) {
    for (StreamEvents.Subscription sub : subscriptions) {
      if (sub.id().equals(subscriptionId)) {
        return sub.stream() + " " + sub.eventName();
      }
    }
    return "unknown";
  }

  private static String username(Visitor visitor) {
    if (visitor.username() == null) {
      throw new IllegalStateException("the server gave the visitor no username");
    }
    return visitor.username();
  }
}
