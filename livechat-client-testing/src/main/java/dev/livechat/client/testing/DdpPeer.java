package dev.livechat.client.testing;

import java.net.Socket;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection, server side, speaking DDP 1 as Rocket.Chat does for a visitor (reference
 * §4): {@code connected} after {@code connect}, {@code ready} or {@code nosub} for each {@code sub},
 * {@code pong} for {@code ping}, and the {@code stream-notify-room} method for typing. Frames are
 * handled holding the store's lock.
 */
final class DdpPeer extends WebSocketListener {
  private static final List<String> STREAMS =
      List.of("stream-room-messages", "stream-notify-room", "stream-livechat-room");
  /** The streams only a logged-in user (an agent) may subscribe to. */
  private static final List<String> USER_STREAMS =
      List.of("stream-notify-user", "stream-livechat-inquiry-queue-observer");

  private final Store store;
  private final @Nullable Socket tcp;
  private volatile @Nullable WebSocket socket;
  private boolean connected; // guarded by store
  /** The agent logged in on this connection ({@code login} with {@code resume}), or null. */
  private @Nullable StoredAgent user; // guarded by store

  /** A peer on the TCP connection {@code tcp} (null if unknown: it is then closed with 1001 instead). */
  DdpPeer(Store store, @Nullable Socket tcp) {
    this.store = store;
    this.tcp = tcp;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    synchronized (store) {
      socket = webSocket;
      store.streams.opened(this);
    }
    webSocket.send("{\"server_id\":\"0\"}");
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    synchronized (store) {
      Object parsed = JsonValues.parse(text);
      if (!(parsed instanceof Map<?, ?> frame)) {
        send(JsonValues.object("msg", "error", "reason", "Bad request"));
        return;
      }
      handle(frame);
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(1000, null);
    gone();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    gone();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
    gone();
  }

  private void gone() {
    synchronized (store) {
      store.streams.closed(this);
    }
  }

  /** Sends one text frame, if the connection is still open. */
  void send(String frame) {
    WebSocket current = socket;
    if (current != null) {
      current.send(frame);
    }
  }

  private void send(Map<String, Object> frame) {
    send(JsonValues.write(frame, JsonValues.Dates.EJSON));
  }

  /** Cuts the connection without a close handshake (a TCP reset). */
  void drop() {
    if (tcp != null) {
      SocketTracker.reset(tcp);
      return;
    }
    WebSocket current = socket;
    if (current != null) {
      current.close(1001, "going away");
    }
  }

  private void handle(Map<?, ?> frame) {
    Object msg = frame.get("msg");
    if ("connect".equals(msg)) {
      connect(frame);
      return;
    }
    if (!connected) {
      send(JsonValues.object("msg", "error", "reason", "Must connect first", "offendingMessage", frame));
      return;
    }
    if ("ping".equals(msg)) {
      send(JsonValues.object("msg", "pong", "id", frame.get("id")));
    } else if ("pong".equals(msg)) {
      // Nothing to do: any frame proves the client alive.
    } else if ("sub".equals(msg)) {
      subscribe(frame);
    } else if ("unsub".equals(msg)) {
      String id = String.valueOf(frame.get("id"));
      store.streams.unsubscribe(this, id);
      send(JsonValues.object("msg", "nosub", "id", id));
    } else if ("method".equals(msg)) {
      method(frame);
    } else {
      send(JsonValues.object("msg", "error", "reason", "Bad request", "offendingMessage", frame));
    }
  }

  private void connect(Map<?, ?> frame) {
    Object support = frame.get("support");
    boolean speaksOne = "1".equals(frame.get("version"))
        || support instanceof List<?> versions && versions.contains("1");
    if (!speaksOne) {
      send(JsonValues.object("msg", "failed", "version", "1"));
      return;
    }
    connected = true;
    send(JsonValues.object("msg", "connected", "session", Ids.random()));
  }

  /** {@code {"msg":"sub","id":..,"name":stream,"params":[eventName,{"useCollection":false,"args":[extra]}]}}. */
  private void subscribe(Map<?, ?> frame) {
    String id = String.valueOf(frame.get("id"));
    String name = String.valueOf(frame.get("name"));
    List<?> params = frame.get("params") instanceof List<?> list ? list : List.of();
    if (!STREAMS.contains(name) && !(USER_STREAMS.contains(name) && user != null)) {
      send(JsonValues.object("msg", "nosub", "id", id, "error", meteorError(404, "Subscription '" + name + "' not found")));
      return;
    }
    String eventName = !params.isEmpty() && params.get(0) instanceof String s ? s : "";
    if (eventName.isEmpty()) {
      send(JsonValues.object("msg", "nosub", "id", id, "error", meteorError("invalid-event-name")));
      return;
    }
    Map<?, ?> extra = Map.of();
    if (params.size() > 1 && params.get(1) instanceof Map<?, ?> options
        && options.get("args") instanceof List<?> args && !args.isEmpty() && args.get(0) instanceof Map<?, ?> first) {
      extra = first;
    }
    boolean allowed = user != null ? store.agentMayRead(user, name, eventName) : store.mayRead(name, eventName, extra);
    if (!allowed) {
      send(JsonValues.object("msg", "nosub", "id", id, "error", meteorError("not-allowed")));
      return;
    }
    store.streams.subscribe(new Streams.Subscription(this, id, name, eventName));
    send(JsonValues.object("msg", "ready", "subs", List.of(id)));
  }

  /**
   * {@code stream-notify-room} (typing) and {@code livechat:setUpConnection} are the methods a visitor
   * calls; others are not found.
   */
  private void method(Map<?, ?> frame) {
    Object id = frame.get("id");
    String method = String.valueOf(frame.get("method"));
    List<?> params = frame.get("params") instanceof List<?> list ? list : List.of();
    if (method.equals("livechat:setUpConnection")) {
      // Still registered, not deprecated (apps/meteor/app/livechat/server/methods/setUpConnection.ts):
      // check(data, {token: String}), the token noted on the connection, nothing answered.
      boolean matches = MatchPattern.object("token", MatchPattern.STRING).check(params.isEmpty() ? null : params.get(0)) == null;
      send(matches ? JsonValues.object("msg", "result", "id", id)
          : JsonValues.object("msg", "result", "id", id, "error", meteorError(400, "Match failed")));
      send(JsonValues.object("msg", "updated", "methods", id == null ? List.of() : List.of(id)));
      return;
    }
    if (method.equals("login")) {
      login(id, params);
      return;
    }
    if (!method.equals("stream-notify-room")) {
      send(JsonValues.object("msg", "result", "id", id, "error", meteorError(404, "Method '" + method + "' not found")));
      return;
    }
    if (!params.isEmpty() && params.get(0) instanceof String eventName) {
      if (user != null) {
        store.agentActivity(this, user, eventName, params.subList(1, params.size()));
      } else {
        store.visitorActivity(this, eventName, params.subList(1, params.size()));
      }
    }
    // The server's streamer answers an emit it does not allow with an empty result as well.
    send(JsonValues.object("msg", "result", "id", id));
    send(JsonValues.object("msg", "updated", "methods", id == null ? List.of() : List.of(id)));
  }

  /** A {@code Meteor.Error(code)} as DDP sends it. */
  private static Map<String, Object> meteorError(String code) {
    return JsonValues.object("isClientSafe", true, "error", code, "message", "[" + code + "]", "errorType", "Meteor.Error");
  }

  private static Map<String, Object> meteorError(int code, String reason) {
    return JsonValues.object("isClientSafe", true, "error", code, "reason", reason,
        "message", reason + " [" + code + "]", "errorType", "Meteor.Error");
  }

  /**
   * Meteor's {@code login} method with {@code {"resume": token}} (a token of {@code POST login}): the
   * connection is the agent's from then on; answered {@code {"id","token","tokenExpires","type":"resume"}}.
   * An unknown token is the server's 403 {@code You've been logged out by the server. Please log in
   * again.}; other login types are not served (400 {@code Unrecognized options for login request}).
   */
  private void login(@Nullable Object id, List<?> params) {
    Object resume = !params.isEmpty() && params.get(0) instanceof Map<?, ?> options ? options.get("resume") : null;
    if (!(resume instanceof String token)) {
      send(JsonValues.object("msg", "result", "id", id, "error", meteorError(400, "Unrecognized options for login request")));
    } else {
      StoredAgent agent = store.agentByLoginToken(null, token);
      if (agent == null) {
        send(JsonValues.object("msg", "result", "id", id,
            "error", meteorError(403, "You've been logged out by the server. Please log in again.")));
      } else {
        user = agent;
        send(JsonValues.object("msg", "result", "id", id, "result", JsonValues.object("id", agent.id, "token", token,
            "tokenExpires", store.now().plus(java.time.Duration.ofDays(90)), "type", "resume")));
      }
    }
    send(JsonValues.object("msg", "updated", "methods", id == null ? List.of() : List.of(id)));
  }
}
