package dev.livechat.client.realtime;

import com.squareup.moshi.JsonAdapter;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.internal.Checks;
import dev.livechat.client.internal.Json;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.Visitor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;

/**
 * A visitor's live view of one room over the server's WebSocket (DDP, version 1): new and edited
 * messages, deletions, agent typing, agent changes, queue position and the room closing, reported
 * to a {@link RealtimeListener}. Open one with {@link LivechatClient#realtime}.
 *
 * <p><b>Nothing lost, nothing twice.</b> Before connecting, the session notes the room's newest
 * message (the baseline: it and everything older are the caller's to load). On every connection,
 * the first included, it subscribes to each stream once, loads the history since the last message
 * it knew of and delivers what it missed, in server order, then what the connection brought
 * meanwhile, and only then reports {@link ConnectionState#CONNECTED} (connected means caught up).
 * When the
 * connection drops, the session waits (exponential backoff with full jitter between the
 * {@linkplain RealtimeOptions options}' bounds, unlimited attempts by default) and reconnects.
 * Every message is delivered once, by id; an edit is delivered as an edit, once.
 *
 * <p><b>Threads.</b> Listener methods run on the session's event thread ({@code livechat-realtime
 * <rid>}), one at a time, in order. Pings are answered on OkHttp's WebSocket thread, so a slow
 * listener cannot make the connection look dead. {@link #close()} stops the connection, the timer
 * and the event thread; none is left behind.
 */
public final class LivechatRealtime implements AutoCloseable {
  private static final JsonAdapter<Object> FRAMES = Json.MOSHI.adapter(Object.class);
  private static final int HISTORY_PAGE = 100;
  private static final int REMEMBERED_MESSAGES = 10_000;

  private final OkHttpClient okHttp;
  private final Request request;
  private final String token;
  private final String rid;
  private final RealtimeOptions options;
  private final RealtimeListener listener;
  private final Function<HistoryQuery, CompletableFuture<MessageHistory>> history;
  private final CompletableFuture<String> visitorUsername;
  private final Clock clock;
  private final ExecutorService events;
  private volatile @Nullable Thread eventThread;
  private final ScheduledThreadPoolExecutor timer;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, String> streamsBySubId = new LinkedHashMap<>();
  private final String messagesSubId;

  // Connection: guarded by this.
  private @Nullable WebSocket socket;
  private int generation;
  private int failedAttempts;
  private boolean closed;
  private ConnectionState state = ConnectionState.CONNECTING;
  private volatile long lastHeardNanos = System.nanoTime();
  private volatile boolean pingSent;

  // Typing: guarded by typingLock.
  private final Object typingLock = new Object();
  private boolean typingSent;
  private boolean typingTimerPending;
  private long lastTypingSentNanos;
  private long lastTypingCallNanos;

  // Delivery: confined to the event thread.
  private final Map<String, Instant> delivered = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > REMEMBERED_MESSAGES;
    }
  };
  private @Nullable Instant since;
  private @Nullable String baselineId;
  private CompletableFuture<Void> baselineKnown = CompletableFuture.completedFuture(null);
  private boolean filling;
  private final List<Runnable> heldBack = new ArrayList<>();

  private LivechatRealtime(LivechatClient client, String token, String rid, RealtimeOptions options,
      RealtimeListener listener, Clock clock) {
    this.okHttp = client.okHttpClient();
    HttpUrl url = client.baseUrl().newBuilder().addPathSegment("websocket").build();
    this.request = new Request.Builder().url(url).build();
    this.token = token;
    this.rid = rid;
    this.options = options;
    this.listener = listener;
    this.clock = clock;
    this.history = query -> client.async().loadHistory(token, rid, query);
    this.visitorUsername = new CompletableFuture<>();
    String name = "livechat-realtime " + rid;
    this.events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        runnable -> eventThread = daemon(runnable, name));
    this.timer = new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, name + " timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.messagesSubId = subscribe("stream-room-messages", rid);
    subscribe("stream-notify-room", rid + "/user-activity");
    subscribe("stream-notify-room", rid + "/deleteMessage");
    subscribe("stream-livechat-room", rid);
    client.async().getVisitor(token).whenComplete((visitor, failure) -> {
      if (visitor != null && visitor.username() != null) {
        visitorUsername.complete(visitor.username());
      } else {
        visitorUsername.completeExceptionally(failure != null ? failure : new IllegalStateException("no username"));
      }
    });
  }

  /**
   * Opens a session; {@link LivechatClient#realtime} is the usual way. It connects in the
   * background and reports {@link ConnectionState#CONNECTING}, then {@link ConnectionState#CONNECTED}.
   */
  public static LivechatRealtime open(
      LivechatClient client, String token, String rid, RealtimeOptions options, RealtimeListener listener) {
    return open(client, token, rid, options, listener, Clock.systemUTC());
  }

  static LivechatRealtime open(LivechatClient client, String token, String rid, RealtimeOptions options,
      RealtimeListener listener, Clock clock) {
    Checks.notNull(client, "client");
    Checks.notBlank(token, "token");
    Checks.pathSegment(rid, "rid");
    Checks.notNull(options, "options");
    Checks.notNull(listener, "listener");
    LivechatRealtime realtime = new LivechatRealtime(client, token, rid, options, listener, clock);
    realtime.loadBaseline();
    realtime.connect();
    realtime.startHeartbeat();
    return realtime;
  }

  /** The room this session follows. */
  public String roomId() {
    return rid;
  }

  /** Where the connection stands now. */
  public synchronized ConnectionState state() {
    return state;
  }

  /**
   * Tells the agent whether the visitor is typing, as the widget does: a "typing" signal at most
   * once per {@link RealtimeOptions#typingThrottle()}, and "stopped" by itself when no {@code
   * typing(true)} came for {@link RealtimeOptions#typingTimeout()}. Call it on every keystroke
   * with {@code true}, and with {@code false} when the text is sent or cleared. Nothing is sent
   * while disconnected: typing is not worth replaying.
   */
  public void typing(boolean typing) {
    long now = System.nanoTime();
    synchronized (typingLock) {
      if (typing) {
        lastTypingCallNanos = now;
        if (!typingSent || now - lastTypingSentNanos >= options.typingThrottle().toNanos()) {
          typingSent = true;
          lastTypingSentNanos = now;
          sendTyping(true);
          if (!typingTimerPending) {
            typingTimerPending = true;
            scheduleTypingTimeout(options.typingTimeout());
          }
        }
      } else if (typingSent) {
        typingSent = false;
        sendTyping(false);
      }
    }
  }

  /** Checks after {@code delay}; sends "stopped" once typingTimeout has passed since the last call, else checks again then. */
  private void scheduleTypingTimeout(Duration delay) {
    schedule(() -> {
      synchronized (typingLock) {
        long left = options.typingTimeout().toNanos() - (System.nanoTime() - lastTypingCallNanos);
        if (!typingSent) {
          typingTimerPending = false;
        } else if (left <= 0) {
          typingTimerPending = false;
          typingSent = false;
          sendTyping(false);
        } else {
          scheduleTypingTimeout(Duration.ofNanos(left));
        }
      }
    }, delay);
  }

  private void sendTyping(boolean typing) {
    visitorUsername.thenAccept(username -> send(Ddp.typing("m" + ids.incrementAndGet(), rid, username, typing, token)));
  }

  /**
   * Stops everything at once: the connection, the timer, and (after the event in progress) the
   * event thread; {@link ConnectionState#CLOSED} is the last event. Called from a listener (on
   * {@link RealtimeEvent.RoomClosed}, say), it returns at once and the event thread ends after
   * that listener call.
   */
  @Override
  public void close() {
    boolean fromListener = Thread.currentThread() == eventThread;
    WebSocket current;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      current = socket;
      socket = null;
      state = ConnectionState.CLOSED;
    }
    if (current != null) {
      current.close(1000, "closed by the client");
    }
    timer.shutdownNow();
    // Queued even when called from a listener, so that it is not delivered inside that call.
    onEventThread(() -> deliver(new RealtimeEvent.ConnectionStateChanged(ConnectionState.CLOSED, null, null)));
    events.shutdown();
    if (fromListener) {
      // Called by a listener: the event thread ends after this event and CLOSED; it cannot wait for itself.
      return;
    }
    try {
      if (!events.awaitTermination(1, TimeUnit.SECONDS)) {
        events.shutdownNow();
      }
    } catch (InterruptedException e) {
      events.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // ---- connection ----

  private String subscribe(String stream, String eventName) {
    String id = "s" + (streamsBySubId.size() + 1);
    streamsBySubId.put(id, stream + "\u0000" + eventName);
    return id;
  }

  private synchronized void connect() {
    if (closed) {
      return;
    }
    setState(ConnectionState.CONNECTING, null, null);
    int current = ++generation;
    lastHeardNanos = System.nanoTime();
    pingSent = false;
    socket = okHttp.newWebSocket(request, new Socket(current));
  }

  /** The connection of {@code ofGeneration} is gone: schedule the next, unless that was done already. */
  private synchronized void lost(int ofGeneration, String cause) {
    WebSocket dead = socket;
    if (closed || ofGeneration != generation || dead == null) {
      return;
    }
    socket = null;
    dead.cancel();
    failedAttempts++;
    if (options.maxReconnectAttempts() > 0 && failedAttempts > options.maxReconnectAttempts()) {
      emit(new RealtimeEvent.SubscriptionFailed("connection", "gave up after " + options.maxReconnectAttempts()
          + " reconnect attempts: " + cause));
      // Closed from the event thread: on the timer thread, close() would interrupt itself
      // (shutting the timer down) and drop the CLOSED event still queued.
      onEventThread(this::close);
      return;
    }
    Duration delay = reconnectDelay(failedAttempts);
    setState(ConnectionState.WAITING, clock.instant().plus(delay), cause);
    schedule(this::connect, delay);
  }

  /** Between the minimum and a cap that doubles per failed attempt (never above the maximum), at random. */
  private Duration reconnectDelay(int attempt) {
    long min = options.minReconnectDelay().toNanos();
    long max = options.maxReconnectDelay().toNanos();
    long cap = min;
    for (int i = 1; i < attempt && cap < max; i++) {
      cap = Math.min(max, cap * 2);
    }
    return Duration.ofNanos(min + ThreadLocalRandom.current().nextLong(cap - min + 1));
  }

  private void setState(ConnectionState next, @Nullable Instant nextAttemptAt, @Nullable String cause) {
    synchronized (this) {
      if (closed && next != ConnectionState.CLOSED) {
        return;
      }
      state = next;
    }
    emit(new RealtimeEvent.ConnectionStateChanged(next, nextAttemptAt, cause));
  }

  private void startHeartbeat() {
    long tick = Math.max(1, options.pingAfter().toMillis() / 6);
    timer.scheduleAtFixedRate(this::heartbeat, tick, tick, TimeUnit.MILLISECONDS);
  }

  private void heartbeat() {
    long silence = System.nanoTime() - lastHeardNanos;
    int current;
    synchronized (this) {
      if (socket == null) {
        return;
      }
      current = generation;
    }
    if (silence >= options.deadAfter().toNanos()) {
      lost(current, "no answer for " + describe(options.deadAfter()));
    } else if (silence >= options.pingAfter().toNanos() && !pingSent) {
      pingSent = true;
      send(Ddp.ping());
    }
  }

  private void send(String frame) {
    WebSocket current;
    synchronized (this) {
      current = socket;
    }
    if (current != null) {
      current.send(frame);
    }
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // The session is closing: nothing more to do.
    }
  }

  private synchronized boolean current(int ofGeneration) {
    return !closed && ofGeneration == generation;
  }

  /** One WebSocket connection's callbacks; stale ones (of an earlier connection) are ignored. */
  private final class Socket extends WebSocketListener {
    private final int connection;

    Socket(int connection) {
      this.connection = connection;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      if (current(connection)) {
        webSocket.send(Ddp.connect());
      }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      if (!current(connection)) {
        return;
      }
      lastHeardNanos = System.nanoTime();
      pingSent = false;
      Map<?, ?> frame;
      try {
        frame = FRAMES.fromJson(text) instanceof Map<?, ?> map ? map : null;
      } catch (IOException | RuntimeException e) {
        frame = null;
      }
      if (frame == null) {
        return;
      }
      Object msg = frame.get("msg");
      if ("ping".equals(msg)) {
        Object id = frame.get("id");
        webSocket.send(Ddp.pong(id instanceof String s ? s : null));
        return;
      }
      Map<?, ?> received = frame;
      onEventThread(() -> handle(connection, received));
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

  // ---- frames and events (event thread) ----

  private void onEventThread(Runnable task) {
    try {
      events.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // Closed: later frames are dropped.
    }
  }

  private void handle(int connection, Map<?, ?> frame) {
    Object msg = frame.get("msg");
    if (filling && ("changed".equals(msg) || ("nosub".equals(msg) && !messagesSubId.equals(frame.get("id"))))) {
      // Held until the gap before this connection is filled and CONNECTED reported, so that
      // everything is delivered in the order it happened.
      heldBack.add(() -> handle(connection, frame));
      return;
    }
    if ("changed".equals(msg)) {
      // Data received before its connection was replaced is still data (a deletion, an agent
      // change): deliver it. It was received before anything of the next connection, so it comes first.
      if (!isClosed() && frame.get("fields") instanceof Map<?, ?> fields) {
        try {
          changed(String.valueOf(frame.get("collection")), String.valueOf(fields.get("eventName")),
              fields.get("args") instanceof List<?> args ? args : List.of());
        } catch (RuntimeException malformed) {
          // A frame this client cannot read: skipped, the session goes on.
        }
      }
      return;
    }
    if (!current(connection)) {
      return;
    }
    if ("connected".equals(msg)) {
      synchronized (this) {
        // What this connection brings waits until the gap before it is filled, even if it
        // arrives before the subscription is ready.
        filling = true;
      }
      for (Map.Entry<String, String> sub : streamsBySubId.entrySet()) {
        String[] streamAndEvent = sub.getValue().split("\u0000", 2);
        send(Ddp.sub(sub.getKey(), streamAndEvent[0], streamAndEvent[1], token));
      }
    } else if ("ready".equals(msg) && frame.get("subs") instanceof List<?> subs && subs.contains(messagesSubId)) {
      subscribed(connection);
    } else if ("nosub".equals(msg)) {
      String id = String.valueOf(frame.get("id"));
      String stream = String.valueOf(streamsBySubId.getOrDefault(id, "unknown")).replace('\u0000', ' ');
      deliver(new RealtimeEvent.SubscriptionFailed(stream, reason(frame.get("error"))));
      if (id.equals(messagesSubId)) {
        // Without the room's messages the session has nothing to deliver, and the refusal (a token
        // that is not the room's visitor, a closed room) will not change by reconnecting.
        onEventThread(this::close);
      }
    } else if ("failed".equals(msg)) {
      deliver(new RealtimeEvent.SubscriptionFailed("connect", "the server does not speak DDP version 1"));
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Reports CONNECTED, unless the connection was lost (or replaced) meanwhile. */
  private void connectedIfLive(int connection) {
    synchronized (this) {
      if (closed || connection != generation || socket == null) {
        return;
      }
      state = ConnectionState.CONNECTED;
    }
    emit(new RealtimeEvent.ConnectionStateChanged(ConnectionState.CONNECTED, null, null));
  }

  /**
   * Every connection, the first included, reports CONNECTED only after the gap before it is
   * filled: on the first, the messages stored between the baseline (taken before connecting) and
   * the subscription; on a reconnect, those stored while disconnected.
   */
  private void subscribed(int connection) {
    synchronized (this) {
      failedAttempts = 0;
    }
    if (baselineKnown.isDone()) {
      fillGap(connection);
    } else {
      baselineKnown.thenRun(() -> onEventThread(() -> fillGap(connection)));
    }
  }

  /**
   * The baseline, loaded once before the first connection: the room's newest message then. It
   * and everything before it are the caller's to load; everything later is this session's to
   * deliver.
   */
  private void loadBaseline() {
    CompletableFuture<Void> known = new CompletableFuture<>();
    baselineKnown = known;
    history.apply(HistoryQuery.latest(1)).whenComplete((page, failure) -> onEventThread(() -> {
      if (page != null && !page.messages().isEmpty()) {
        // Not marked delivered: a push of it may still come, and is delivered then; a gap fill skips it.
        Message newest = page.messages().get(0);
        advance(newest.timestamp());
        baselineId = newest.id();
      } else if (page != null) {
        // The room was empty: every message from now on is new, however many a gap holds.
        advance(Instant.EPOCH);
      } else if (failure != null) {
        deliver(new RealtimeEvent.SubscriptionFailed("history", failure.toString()));
      }
      known.complete(null);
    }));
  }

  /** Loads what was missed since the last message known, delivers it, then what was held back. */
  private void fillGap(int connection) {
    if (!current(connection)) {
      return; // a newer connection fills the gap
    }
    Instant from = since;
    if (from == null) {
      // No baseline (it could not be loaded) and nothing delivered yet: no gap can be told apart
      // from the room's past, so only what arrives from now on is delivered.
      finishFill(connection);
      return;
    }
    missedSince(from, null, new ArrayList<>()).whenComplete((missed, failure) -> onEventThread(() -> {
      if (!current(connection)) {
        return;
      }
      // Not filling any more: the missed messages go out now, before those held back meanwhile
      // (while still filling, they would queue up behind them).
      filling = false;
      if (failure != null) {
        deliver(new RealtimeEvent.SubscriptionFailed("history", "could not load the messages missed while"
            + " disconnected: " + failure));
      } else {
        missed.sort(Comparator.comparing(m -> m.timestamp() == null ? Instant.MIN : m.timestamp()));
        missed.removeIf(m -> m.id().equals(baselineId) && !delivered.containsKey(m.id()));
        missed.forEach(this::deliverMessage);
      }
      finishFill(connection);
    }));
  }

  /**
   * Delivers what the connection brought while the gap was filled, then reports CONNECTED:
   * connected means caught up.
   */
  private void finishFill(int connection) {
    filling = false;
    List<Runnable> meanwhile = new ArrayList<>(heldBack);
    heldBack.clear();
    meanwhile.forEach(Runnable::run);
    connectedIfLive(connection);
  }

  /** The room's messages sent at or after {@code from}, newest first, page by page. */
  private CompletableFuture<List<Message>> missedSince(@Nullable Instant from, @Nullable Instant end, List<Message> found) {
    HistoryQuery query = HistoryQuery.latest(HISTORY_PAGE);
    return history.apply(end == null ? query : query.before(end)).thenCompose(page -> {
      Instant oldest = null;
      for (Message message : page.messages()) {
        if (from == null || message.timestamp() == null || !message.timestamp().isBefore(from)) {
          found.add(message);
        }
        oldest = message.timestamp();
      }
      boolean more = page.messages().size() >= HISTORY_PAGE && from != null && oldest != null && !oldest.isBefore(from);
      return more ? missedSince(from, oldest.plusMillis(1), found) : CompletableFuture.completedFuture(found);
    });
  }

  private void changed(String collection, String eventName, List<?> args) {
    Object first = args.isEmpty() ? null : args.get(0);
    switch (collection) {
      case "stream-room-messages" -> {
        for (Object arg : args) {
          Message message = Json.MESSAGE.fromJsonValue(arg);
          if (message != null) {
            deliverMessage(message);
          }
        }
      }
      case "stream-notify-room" -> {
        if (eventName.endsWith("/deleteMessage") && first instanceof Map<?, ?> deleted) {
          String id = String.valueOf(deleted.get("_id"));
          delivered.remove(id);
          deliver(new RealtimeEvent.MessageDeleted(id));
        } else if (eventName.endsWith("/user-activity") && first instanceof String username) {
          if (username.equals(visitorUsername.getNow(null))) {
            return;
          }
          boolean typing = args.size() > 1 && args.get(1) instanceof List<?> activities && activities.contains("user-typing");
          deliver(typing ? new RealtimeEvent.AgentTypingStarted(username) : new RealtimeEvent.AgentTypingStopped(username));
        }
      }
      case "stream-livechat-room" -> {
        if (first instanceof Map<?, ?> event) {
          livechatRoomEvent(event);
        }
      }
      default -> { }
    }
  }

  private void livechatRoomEvent(Map<?, ?> event) {
    Object type = event.get("type");
    if ("agentData".equals(type) && event.get("data") != null) {
      Agent agent = Json.AGENT.fromJsonValue(event.get("data"));
      if (agent != null) {
        deliver(new RealtimeEvent.AgentChanged(agent));
      }
    } else if ("agentStatus".equals(type) && event.get("status") instanceof String status) {
      deliver(new RealtimeEvent.AgentStatusChanged(status));
    } else if ("queueData".equals(type)) {
      Map<?, ?> data = event.get("data") instanceof Map<?, ?> map ? map : Map.of();
      Object position = data.containsKey("position") ? data.get("position") : data.get("spot");
      deliver(new RealtimeEvent.QueuePositionChanged(integer(position), integer(data.get("estimatedWaitTimeSeconds"))));
    } else if ("visitorData".equals(type) && event.get("visitor") != null) {
      Visitor visitor = Json.VISITOR.fromJsonValue(event.get("visitor"));
      if (visitor != null) {
        deliver(new RealtimeEvent.VisitorChanged(visitor));
      }
    }
  }

  /** Delivers a message once by id, or an edit once per edit. */
  private void deliverMessage(Message message) {
    Instant version = version(message);
    Instant known = delivered.get(message.id());
    if (known == null) {
      delivered.put(message.id(), version);
      advance(message.timestamp());
      deliver("livechat-close".equals(message.type())
          ? new RealtimeEvent.RoomClosed(message)
          : new RealtimeEvent.MessageReceived(message));
    } else if (version.isAfter(known)) {
      delivered.put(message.id(), version);
      deliver(new RealtimeEvent.MessageEdited(message));
    }
  }

  private static Instant version(Message message) {
    return message.editedAt() != null ? message.editedAt() : Instant.MIN;
  }

  private void advance(@Nullable Instant timestamp) {
    if (timestamp != null && (since == null || timestamp.isAfter(since))) {
      since = timestamp;
    }
  }

  /** Delivers at once on the event thread (so the event keeps its place), else queues it there. */
  private void emit(RealtimeEvent event) {
    if (Thread.currentThread() == eventThread) {
      deliver(event);
    } else {
      onEventThread(() -> deliver(event));
    }
  }

  /** Calls the listener; what it throws is caught, so the session goes on. */
  private void deliver(RealtimeEvent event) {
    try {
      listener.onEvent(event);
      if (event instanceof RealtimeEvent.MessageReceived e) {
        listener.onMessage(e);
      } else if (event instanceof RealtimeEvent.MessageEdited e) {
        listener.onMessageEdited(e);
      } else if (event instanceof RealtimeEvent.MessageDeleted e) {
        listener.onMessageDeleted(e);
      } else if (event instanceof RealtimeEvent.AgentTypingStarted e) {
        listener.onAgentTypingStarted(e);
      } else if (event instanceof RealtimeEvent.AgentTypingStopped e) {
        listener.onAgentTypingStopped(e);
      } else if (event instanceof RealtimeEvent.AgentChanged e) {
        listener.onAgentChanged(e);
      } else if (event instanceof RealtimeEvent.AgentStatusChanged e) {
        listener.onAgentStatusChanged(e);
      } else if (event instanceof RealtimeEvent.QueuePositionChanged e) {
        listener.onQueuePositionChanged(e);
      } else if (event instanceof RealtimeEvent.VisitorChanged e) {
        listener.onVisitorChanged(e);
      } else if (event instanceof RealtimeEvent.RoomClosed e) {
        listener.onRoomClosed(e);
      } else if (event instanceof RealtimeEvent.ConnectionStateChanged e) {
        listener.onConnectionStateChanged(e);
      } else if (event instanceof RealtimeEvent.SubscriptionFailed e) {
        listener.onSubscriptionFailed(e);
      }
    } catch (RuntimeException listenerFailed) {
      // The listener's own failure: the session, and later events, go on.
    }
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String reason(@Nullable Object error) {
    if (error instanceof Map<?, ?> map) {
      Object reason = map.get("reason") != null ? map.get("reason") : map.get("message");
      return String.valueOf(reason != null ? reason : map.get("error"));
    }
    return String.valueOf(error);
  }

  private static @Nullable Integer integer(@Nullable Object value) {
    return value instanceof Number number ? number.intValue() : null;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public String toString() {
    return "LivechatRealtime[roomId=" + rid + ", state=" + state() + "]";
  }
}
