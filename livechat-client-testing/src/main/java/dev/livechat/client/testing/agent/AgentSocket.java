package dev.livechat.client.testing.agent;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.model.Message;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;

/**
 * The agent's realtime connection: DDP 1 over {@code <base>/websocket}, logged in with the
 * {@code login} method and {@code {"resume": authToken}}, its subscriptions, its method calls and
 * the events it hands to the {@link AgentListener}. Frames are read on OkHttp's WebSocket thread;
 * calls wait for their answer on the caller's thread.
 */
final class AgentSocket extends WebSocketListener {
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
  private static final String ENDPOINT = "GET /websocket";

  private final OkHttpClient http;
  private final HttpUrl url;
  private final String userId;
  private final String authToken;
  private final List<String> secrets;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, CompletableFuture<@Nullable Object>> pending = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<Message>> visitorMessages = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  private volatile AgentListener listener = new AgentListener() {};
  private volatile @Nullable WebSocket webSocket;
  private volatile boolean open;

  AgentSocket(OkHttpClient http, HttpUrl baseUrl, String userId, String authToken, List<String> secrets) {
    this.http = http;
    this.url = baseUrl.newBuilder().addPathSegment("websocket").build();
    this.userId = userId;
    this.authToken = authToken;
    this.secrets = secrets;
  }

  boolean isOpen() {
    return open;
  }

  void listener(AgentListener listener) {
    this.listener = listener;
  }

  /** Connects and logs in, waiting for both. */
  void open(AgentListener listener) {
    this.listener = listener;
    open = true;
    webSocket = http.newWebSocket(new Request.Builder().url(url).build(), this);
    await(connected, "connect");
    Map<String, Object> resume = new LinkedHashMap<>();
    resume.put("resume", authToken);
    call("login", List.of(resume));
  }

  /** Subscribes; waits for {@code ready}, refused with the {@code nosub}'s error. */
  void subscribe(String stream, String eventName) {
    String id = nextId();
    CompletableFuture<@Nullable Object> ready = expect(id);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("useCollection", false);
    options.put("args", List.of());
    send(frame("msg", "sub", "id", id, "name", stream, "params", List.of(eventName, options)));
    await(ready, "sub " + stream + " " + eventName);
  }

  /** Watches a room's messages: subscribes once, and keeps its visitor's messages for {@link #awaitVisitorMessage}. */
  void watch(String roomId) {
    if (visitorMessages.putIfAbsent(roomId, new LinkedBlockingQueue<>()) == null) {
      try {
        subscribe("stream-room-messages", roomId);
      } catch (RuntimeException e) {
        visitorMessages.remove(roomId);
        throw e;
      }
    }
  }

  Message awaitVisitorMessage(String roomId, Duration timeout) {
    BlockingQueue<Message> queue = visitorMessages.get(roomId);
    if (queue == null) {
      throw new IllegalStateException("room " + roomId + " is not watched: call watchRoom first");
    }
    try {
      Message message = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (message == null) {
        throw new LivechatTimeoutException("stream-room-messages " + roomId,
            new InterruptedIOException("no visitor message within " + timeout));
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LivechatNetworkException("interrupted while waiting for a visitor message", null,
          new InterruptedIOException("interrupted"));
    }
  }

  /** Calls a method; waits for its {@code result}, refused with the result's error. */
  @Nullable Object call(String method, List<?> params) {
    String id = nextId();
    CompletableFuture<@Nullable Object> result = expect(id);
    send(frame("msg", "method", "id", id, "method", method, "params", params));
    return await(result, "method " + method);
  }

  void close() {
    boolean wasOpen = open;
    open = false;
    WebSocket current = webSocket;
    if (current != null) {
      current.close(1000, null);
    }
    failPending(new LivechatNetworkException("the realtime connection was closed", ENDPOINT,
        new IOException("closed")));
    if (wasOpen) {
      listener.onDisconnected(null);
    }
  }

  private String nextId() {
    return String.valueOf(ids.incrementAndGet());
  }

  private CompletableFuture<@Nullable Object> expect(String id) {
    CompletableFuture<@Nullable Object> future = new CompletableFuture<>();
    pending.put(id, future);
    return future;
  }

  private <T> T await(CompletableFuture<T> future, String what) {
    try {
      return future.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LivechatException failure) {
        throw failure;
      }
      throw new LivechatException(what + " failed: " + AgentJson.scrub(String.valueOf(e.getCause()), secrets), ENDPOINT,
          null);
    } catch (TimeoutException e) {
      throw new LivechatTimeoutException(ENDPOINT, new InterruptedIOException("no answer to " + what + " within "
          + ANSWER_TIMEOUT));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LivechatNetworkException("interrupted while waiting for " + what, ENDPOINT,
          new InterruptedIOException("interrupted"));
    }
  }

  private void send(Map<String, Object> frame) {
    WebSocket current = webSocket;
    if (current == null || !open || !current.send(AgentJson.write(frame))) {
      throw new LivechatNetworkException("the realtime connection is closed", ENDPOINT, new IOException("closed"));
    }
  }

  private static Map<String, Object> frame(Object... namesAndValues) {
    Map<String, Object> frame = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      frame.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return frame;
  }

  // ---- WebSocketListener ----

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    webSocket.send(AgentJson.write(frame("msg", "connect", "version", "1", "support", List.of("1"))));
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    Object parsed;
    try {
      parsed = AgentJson.parse(text);
    } catch (IOException | RuntimeException e) {
      return; // not a DDP frame: nothing to do with it
    }
    if (!(parsed instanceof Map<?, ?> frame)) {
      return;
    }
    Object msg = frame.get("msg");
    if ("connected".equals(msg)) {
      connected.complete(null);
    } else if ("failed".equals(msg)) {
      connected.completeExceptionally(new LivechatException("the server refused DDP 1", ENDPOINT, null));
    } else if ("ping".equals(msg)) {
      Map<String, Object> pong = frame("msg", "pong");
      if (frame.get("id") != null) {
        pong.put("id", frame.get("id"));
      }
      webSocket.send(AgentJson.write(pong));
    } else if ("result".equals(msg)) {
      CompletableFuture<@Nullable Object> future = pending.remove(String.valueOf(frame.get("id")));
      if (future != null) {
        if (frame.get("error") instanceof Map<?, ?> error) {
          future.completeExceptionally(refusal(error, "method"));
        } else {
          future.complete(frame.get("result"));
        }
      }
    } else if ("ready".equals(msg) && frame.get("subs") instanceof List<?> subs) {
      for (Object sub : subs) {
        CompletableFuture<@Nullable Object> future = pending.remove(String.valueOf(sub));
        if (future != null) {
          future.complete(null);
        }
      }
    } else if ("nosub".equals(msg)) {
      CompletableFuture<@Nullable Object> future = pending.remove(String.valueOf(frame.get("id")));
      if (future != null) {
        Map<?, ?> error = frame.get("error") instanceof Map<?, ?> e ? e : Map.of("error", "nosub");
        future.completeExceptionally(refusal(error, "sub"));
      }
    } else if ("changed".equals(msg)) {
      changed(frame);
    }
  }

  /** A DDP error as {@link LivechatApiException}: status 0 (no HTTP status), the error's code and reason. */
  private LivechatApiException refusal(Map<?, ?> error, String what) {
    Object code = error.get("error");
    String text = error.get("reason") instanceof String reason ? reason
        : error.get("message") instanceof String message ? message : null;
    String normalised = code instanceof Double number ? String.valueOf(number.intValue()) : String.valueOf(code);
    return new LivechatApiException(0, AgentJson.scrub(normalised, secrets),
        text == null ? null : AgentJson.scrub(text, secrets), "DDP " + what);
  }

  private void changed(Map<?, ?> frame) {
    String stream = String.valueOf(frame.get("collection"));
    if (!(frame.get("fields") instanceof Map<?, ?> fields) || !(fields.get("eventName") instanceof String eventName)
        || !(fields.get("args") instanceof List<?> args)) {
      return;
    }
    AgentListener current = listener;
    switch (stream) {
      case "stream-room-messages" -> {
        for (Object arg : args) {
          Message message = AgentJson.message(arg);
          if (message == null) {
            continue;
          }
          current.onMessage(eventName, message);
          if (message.token() != null && message.type() == null) {
            BlockingQueue<Message> queue = visitorMessages.get(eventName);
            if (queue != null) {
              queue.add(message);
            }
            current.onVisitorMessage(eventName, message);
          }
        }
      }
      case "stream-notify-user" -> {
        if (eventName.equals(userId + "/subscriptions-changed") && args.size() >= 2 && "inserted".equals(args.get(0))
            && args.get(1) instanceof Map<?, ?> subscription && "l".equals(subscription.get("t"))
            && subscription.get("rid") instanceof String rid) {
          current.onRoomAssigned(rid);
        }
      }
      case "stream-livechat-inquiry-queue-observer" -> {
        for (Object arg : args) {
          Inquiry inquiry = AgentJson.inquiry(arg);
          if (inquiry != null && arg instanceof Map<?, ?> map && "inserted".equals(map.get("clientAction"))) {
            current.onInquiryQueued(inquiry);
          }
        }
      }
      default -> {
        // another stream: not the agent's concern
      }
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(1000, null);
    ended(new IOException("the server closed the connection: " + code + " " + reason));
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
    ended(t);
  }

  private void ended(Throwable cause) {
    if (!open) {
      return;
    }
    open = false;
    IOException scrubbed = AgentJson.scrub(cause instanceof IOException io ? io : new IOException(cause.toString()),
        secrets);
    LivechatNetworkException failure = new LivechatNetworkException("the realtime connection ended: " + scrubbed,
        ENDPOINT, scrubbed);
    connected.completeExceptionally(failure);
    failPending(failure);
    listener.onDisconnected(scrubbed);
  }

  private void failPending(LivechatException failure) {
    pending.values().forEach(future -> future.completeExceptionally(failure));
    pending.clear();
  }
}
