package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.livechat.client.WireMessages;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.internal.ws.RealWebSocket;
import org.jspecify.annotations.Nullable;

/**
 * A scripted Rocket.Chat for the realtime tests, installed as a MockWebServer {@link Dispatcher}:
 *
 * <ul>
 *   <li>{@code .../websocket}: a WebSocket upgrade with a fresh {@link Peer} per connection, which
 *       records every client frame, answers {@code connect} with {@code connected}, each {@code
 *       sub} with {@code ready} (or {@code nosub} for a refused event name) and each {@code ping}
 *       with {@code pong} (unless told not to);
 *   <li>{@code GET .../api/v1/livechat/visitor/:token}: the visitor, with {@link #visitorUsername};
 *   <li>{@code GET .../api/v1/livechat/messages.history/:rid}: a page of the server's room as
 *       Rocket.Chat computes it: newest first, {@code ts < end}, at most {@code limit}.
 * </ul>
 *
 * <p>Messages are stored in the room before they are pushed, as the real server does, with
 * increasing timestamps ({@link #storeTied} stores one in the previous one's millisecond).
 *
 * <p>It enforces the rules of today's Rocket.Chat that a session must live with:
 *
 * <ul>
 *   <li>A visitor reads a room's {@code stream-room-messages} only while the room is open: a
 *       closed room's subscription is refused {@code nosub} with the streamer's {@code
 *       not-allowed} error, while its history still answers ({@code
 *       apps/meteor/app/livechat/server/roomAccessValidator.compatibility.ts}: {@code
 *       extraData?.visitorToken && room.v && room.v.token === extraData.visitorToken && room.open
 *       === true}, through {@code canReadRoom} in {@code
 *       apps/meteor/server/modules/notifications/notifications.module.ts}; the error is {@code new
 *       MeteorError('not-allowed')} in {@code apps/meteor/server/modules/streamer/streamer.module.ts}).
 *   <li>With {@link #rateLimitHistory}, the REST rate limiter's defaults on {@code messages.history}
 *       (it sets no limit of its own): 10 calls per 60 s, counted on {@link #clock}, then 429 with
 *       {@code X-RateLimit-Reset} in epoch ms and "You must wait N seconds" ({@code
 *       API_Enable_Rate_Limiter_Limit_Calls_Default} and {@code _Time_Default} in {@code
 *       apps/meteor/server/settings/rate.ts}; the headers and text in {@code
 *       apps/meteor/server/api/ApiClass.ts}).
 *   <li>History newest first by {@code ts}, messages of one millisecond latest stored first
 *       ({@code sort: { ts: -1 }} in {@code apps/meteor/server/lib/messages/loadMessageHistory.ts},
 *       walked backwards on the {@code ts} index); pushes in the order stored.
 * </ul>
 */
final class ScriptedDdpServer extends Dispatcher {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(5);
  static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
  static final User AGENT = new User("agent-1", "agent.smith", "Agent Smith");

  final String token;
  final String rid;
  volatile String visitorUsername = "guest-3";
  /** Whether new connections answer the client's pings. */
  volatile boolean answerPings = true;
  /** Event names whose {@code sub} is refused with {@code nosub}, and the reason. */
  final Map<String, String> refused = new ConcurrentHashMap<>();
  /** Whether the room is open; a closed room's messages cannot be subscribed to. */
  volatile boolean roomOpen = true;
  /** The clock the rate limiter counts on. */
  volatile java.time.Clock clock = java.time.Clock.systemUTC();
  /** Whether {@code messages.history} is rate-limited with the server's defaults. */
  volatile boolean rateLimitHistory;
  /** Every history answer's status, in order. */
  final List<Integer> historyStatuses = new CopyOnWriteArrayList<>();
  /** When (on {@link #clock}) each history request arrived, in order. */
  final List<Instant> historyTimes = new CopyOnWriteArrayList<>();
  private long windowStart = Long.MIN_VALUE; // guarded by this
  private int callsInWindow; // guarded by this
  /** How many of the next upgrade requests are refused with 503. */
  final AtomicInteger upgradesToRefuse = new AtomicInteger();

  /** Every connection, in order. */
  final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
  final List<Peer> allPeers = new CopyOnWriteArrayList<>();
  /** Every upgrade request (accepted or refused), in order, with when it arrived. */
  final BlockingQueue<Arrival> upgrades = new LinkedBlockingQueue<>();
  /** Every visitor GET. */
  final BlockingQueue<RecordedRequest> visitorRequests = new LinkedBlockingQueue<>();
  /** Every history GET, recorded after its page was computed. */
  final BlockingQueue<HttpUrl> historyRequests = new LinkedBlockingQueue<>();
  final List<HttpUrl> allHistoryRequests = new CopyOnWriteArrayList<>();

  /** Called after a history page is computed, before it is sent. */
  volatile @Nullable Consumer<HttpUrl> onHistory;
  /** Called when an upgrade request arrives, before it is answered. */
  volatile @Nullable Runnable onUpgrade;
  /** Called by a peer when a {@code sub} arrives, before it is answered. */
  volatile @Nullable Consumer<SubArrival> onSub;
  /** Called by a peer right after it answered a {@code sub} with {@code ready}. */
  volatile @Nullable Consumer<SubArrival> afterReady;

  private final List<Message> room = new ArrayList<>(); // guarded by room; in timestamp order
  private long nextMillis = 1_000;
  private volatile @Nullable Peer current;

  record Arrival(RecordedRequest request, long nanos, Instant at, boolean accepted) {}

  record SubArrival(Peer peer, String id, String name, String eventName) {}

  ScriptedDdpServer(String token, String rid) {
    this.token = token;
    this.rid = rid;
  }

  // ---- HTTP ----

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.endsWith("/websocket")) {
      Runnable hook = onUpgrade;
      if (hook != null) {
        hook.run();
      }
      if (upgradesToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        upgrades.add(new Arrival(request, System.nanoTime(), Instant.now(), false));
        return new MockResponse.Builder().code(503).body("try later").build();
      }
      upgrades.add(new Arrival(request, System.nanoTime(), Instant.now(), true));
      Peer peer = new Peer(allPeers.size() + 1, answerPings);
      allPeers.add(peer);
      current = peer;
      peers.add(peer);
      return new MockResponse.Builder().webSocketUpgrade(peer).build();
    }
    if (request.getMethod().equals("GET") && path.contains("/api/v1/livechat/visitor/")) {
      visitorRequests.add(request);
      return json("{\"visitor\":{\"_id\":\"v1\",\"username\":\"" + visitorUsername + "\",\"token\":\"" + token
          + "\",\"name\":\"Livechat Visitor\"},\"success\":true}");
    }
    if (request.getMethod().equals("GET") && path.contains("/api/v1/livechat/messages.history/")) {
      HttpUrl url = request.getUrl();
      MockResponse page = rateLimited(page(url));
      historyStatuses.add(page.getCode());
      historyTimes.add(clock.instant());
      allHistoryRequests.add(url);
      historyRequests.add(url);
      Consumer<HttpUrl> hook = onHistory;
      if (hook != null) {
        hook.accept(url);
      }
      return page;
    }
    return new MockResponse.Builder().code(404).body("{\"success\":false,\"error\":\"not found\"}").build();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }

  /**
   * The REST rate limiter with the server's defaults, if on: 10 calls a window of 60 s that starts
   * with its first call; the headers on every answer; 429 and the wait in seconds beyond.
   */
  private synchronized MockResponse rateLimited(MockResponse answer) {
    if (!rateLimitHistory) {
      return answer;
    }
    long now = clock.millis();
    if (windowStart == Long.MIN_VALUE || now - windowStart > 60_000) {
      windowStart = now;
      callsInWindow = 0;
    }
    callsInWindow++;
    long reset = windowStart + 60_000;
    MockResponse.Builder builder = callsInWindow <= 10
        ? answer.newBuilder()
        : new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
            .body("{\"success\":false,\"error\":\"Error, too many requests. Please slow down. You must wait "
                + (long) Math.ceil((reset - now) / 1000.0)
                + " seconds before trying this endpoint again. [error-too-many-requests]\"}");
    return builder.addHeader("X-RateLimit-Limit", "10")
        .addHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, 10 - callsInWindow)))
        .addHeader("X-RateLimit-Reset", String.valueOf(reset))
        .build();
  }

  /** Rocket.Chat's loadMessageHistory: ts descending (one millisecond's latest stored first), ts &lt; end, at most limit. */
  private MockResponse page(HttpUrl url) {
    String end = url.queryParameter("end");
    String limit = url.queryParameter("limit");
    List<Message> messages;
    synchronized (room) {
      List<Message> latestStoredFirst = new ArrayList<>(room);
      java.util.Collections.reverse(latestStoredFirst);
      messages = latestStoredFirst.stream()
          .sorted(Comparator.comparing(Message::timestamp).reversed())
          .filter(m -> end == null || m.timestamp().isBefore(Instant.parse(end)))
          .limit(limit == null ? 20 : Integer.parseInt(limit))
          .collect(Collectors.toList());
    }
    return json(WireMessages.history(messages));
  }

  // ---- the room ----

  /** Stores a new agent message, 10 ms after the previous one. */
  Message store(String id) {
    return store(id, null);
  }

  /** Stores a new message of type {@code type} (null for an ordinary one). */
  Message store(String id, @Nullable String type) {
    synchronized (room) {
      nextMillis += 10;
      return add(new Message(id, rid, "text of " + id, type, null, null, AGENT,
          T0.plusMillis(nextMillis), T0.plusMillis(nextMillis), null, null));
    }
  }

  /** Stores a new message in the same millisecond as the previous one. */
  Message storeTied(String id) {
    synchronized (room) {
      return add(new Message(id, rid, "text of " + id, null, null, null, AGENT,
          T0.plusMillis(nextMillis), T0.plusMillis(nextMillis), null, null));
    }
  }

  /** Replaces stored message {@code id} by {@code change} of it (an edit, an update, a deletion trace). */
  Message replace(String id, java.util.function.UnaryOperator<Message> change) {
    synchronized (room) {
      for (int i = 0; i < room.size(); i++) {
        if (room.get(i).id().equals(id)) {
          Message changed = change.apply(room.get(i));
          room.set(i, changed);
          return changed;
        }
      }
      throw new IllegalArgumentException("no message " + id);
    }
  }

  /** Removes stored message {@code id}, as a deletion without a trace does. */
  void remove(String id) {
    synchronized (room) {
      room.removeIf(m -> m.id().equals(id));
    }
  }

  /** The agent closes the room: its {@code livechat-close} message is stored and the room is closed. */
  Message closeRoom(String id) {
    Message close = store(id, "livechat-close");
    roomOpen = false;
    return close;
  }

  private Message add(Message message) {
    room.add(message);
    return message;
  }

  /** The stored message {@code id}. */
  Message stored(String id) {
    synchronized (room) {
      return room.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }
  }

  /** Every stored message id, in timestamp order. */
  List<String> roomIds() {
    synchronized (room) {
      return room.stream().map(Message::id).collect(Collectors.toList());
    }
  }

  /** Stores a message and pushes it on the current connection, if one is open. */
  Message storeAndPush(String id) {
    Message message = store(id);
    Peer peer = current;
    if (peer != null) {
      peer.pushMessage(message);
    }
    return message;
  }

  /** Stores a message and pushes it on every connection (each session is one). */
  Message storeAndPushToAll(String id) {
    Message message = store(id);
    for (Peer peer : allPeers) {
      peer.pushMessage(message);
    }
    return message;
  }

  /** The newest connection, or null before the first. */
  @Nullable Peer current() {
    return current;
  }

  /** The next connection, failing if none opens within 5 s. */
  Peer nextPeer() throws InterruptedException {
    Peer peer = peers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(peer).as("a WebSocket connection was opened").isNotNull();
    assertThat(peer.opened.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the WebSocket opened").isTrue();
    return peer;
  }

  /** The next history request, failing if none arrives within 5 s. */
  HttpUrl nextHistoryRequest() throws InterruptedException {
    HttpUrl url = historyRequests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(url).as("a history request").isNotNull();
    return url;
  }

  /** Cancels every connection still open (so nothing is left for MockWebServer to wait on). */
  void dropAll() {
    for (Peer peer : allPeers) {
      peer.drop();
    }
  }

  // ---- frames ----

  static Map<String, Object> parse(String json) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) JSON.fromJson(json);
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(Object value) {
    return JSON.toJson(value);
  }

  /** {@code {"msg":"changed","collection":..,"id":"id","fields":{"eventName":..,"args":[..]}}}. */
  static String changed(String collection, String eventName, Object... args) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventName", eventName);
    fields.put("args", List.of(args));
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("msg", "changed");
    frame.put("collection", collection);
    frame.put("id", "id");
    frame.put("fields", fields);
    return write(frame);
  }

  /** One WebSocket connection, server side. */
  final class Peer extends WebSocketListener {
    final int index;
    /** Every frame the client sent, raw, in order. */
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch gone = new CountDownLatch(1);
    volatile boolean answerPings;
    volatile @Nullable WebSocket socket;
    volatile int closeCode = -1;
    volatile @Nullable String closeReason;
    /** When this side last sent a frame ({@link System#nanoTime()}). */
    volatile long lastSentNanos = System.nanoTime();

    Peer(int index, boolean answerPings) {
      this.index = index;
      this.answerPings = answerPings;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      socket = webSocket;
      opened.countDown();
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      frames.add(text);
      Map<String, Object> frame = parse(text);
      Object msg = frame.get("msg");
      if ("connect".equals(msg)) {
        send("{\"msg\":\"connected\",\"session\":\"session-" + index + "\"}");
      } else if ("sub".equals(msg)) {
        String id = String.valueOf(frame.get("id"));
        String name = String.valueOf(frame.get("name"));
        String eventName = String.valueOf(((List<?>) frame.get("params")).get(0));
        Consumer<SubArrival> hook = onSub;
        if (hook != null) {
          hook.accept(new SubArrival(this, id, name, eventName));
        }
        String reason = refused.get(eventName);
        Consumer<SubArrival> after = afterReady;
        if (name.equals("stream-room-messages") && !roomOpen) {
          // The streamer's refusal: new MeteorError('not-allowed'), no reason.
          send(write(Map.of("msg", "nosub", "id", id, "error", Map.of("isClientSafe", true, "error", "not-allowed",
              "message", "[not-allowed]", "errorType", "Meteor.Error"))));
        } else if (reason != null) {
          send(write(Map.of("msg", "nosub", "id", id, "error", Map.of("isClientSafe", true, "error", "not-allowed",
              "reason", reason, "message", reason + " [not-allowed]", "errorType", "Meteor.Error"))));
        } else {
          send("{\"msg\":\"ready\",\"subs\":[\"" + id + "\"]}");
          if (after != null) {
            after.accept(new SubArrival(this, id, name, eventName));
          }
        }
      } else if ("ping".equals(msg) && answerPings) {
        send(frame.containsKey("id") ? write(Map.of("msg", "pong", "id", frame.get("id"))) : "{\"msg\":\"pong\"}");
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      closeCode = code;
      closeReason = reason;
      webSocket.close(1000, null);
      gone.countDown();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      gone.countDown();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
      gone.countDown();
    }

    void send(String frame) {
      WebSocket open = socket;
      if (open != null) {
        lastSentNanos = System.nanoTime();
        open.send(frame);
      }
    }

    void pushMessage(Message message) {
      send(changed("stream-room-messages", rid, WireMessages.ejson(message)));
    }

    /**
     * Tears the TCP connection down without a close frame: the client sees a failure. (The
     * server side of a MockWebServer WebSocket has no call to cancel, so this fails it the way
     * OkHttp does on an I/O error: the socket is closed at once.)
     */
    void drop() {
      WebSocket open = socket;
      if (open instanceof RealWebSocket real) {
        real.failWebSocket(new IOException("connection dropped by the test server"), null, false);
      }
    }

    /** Closes with a close frame: the client sees {@code onClosing}. */
    void closeFromServer(int code, String reason) {
      WebSocket open = socket;
      if (open != null) {
        open.close(code, reason);
      }
    }

    /** The next client frame, failing if none arrives within 5 s. */
    String nextFrame() throws InterruptedException {
      String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null) {
        fail("no frame from the client within " + WAIT + " on connection " + index);
      }
      return frame;
    }

    /** The next client frame that is not a ping or pong, parsed. */
    Map<String, Object> nextFrameExceptHeartbeat() throws InterruptedException {
      return nextFrame(frame -> !"ping".equals(frame.get("msg")) && !"pong".equals(frame.get("msg")), WAIT);
    }

    /** The next client frame that {@code wanted} accepts (others are skipped), or null after {@code within}. */
    @Nullable Map<String, Object> pollFrame(Predicate<Map<String, Object>> wanted, Duration within)
        throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        String frame = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (frame == null) {
          return null;
        }
        Map<String, Object> parsed = parse(frame);
        if (wanted.test(parsed)) {
          return parsed;
        }
      }
    }

    /** As {@link #pollFrame}, failing if none comes. */
    Map<String, Object> nextFrame(Predicate<Map<String, Object>> wanted, Duration within)
        throws InterruptedException {
      Map<String, Object> frame = pollFrame(wanted, within);
      if (frame == null) {
        fail("no wanted frame from the client within " + within + " on connection " + index);
      }
      return frame;
    }

    @Override
    public String toString() {
      return "Peer#" + index;
    }
  }
}
