package dev.livechat.client.testing.agent;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.model.Message;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A scripted Livechat agent over the Rocket.Chat server's agent API: enough for a test harness to
 * play the agent of a visitor conversation against a real server or a {@link
 * dev.livechat.client.testing.FakeLivechatServer}, not an agent application.
 *
 * <pre>{@code
 * try (LivechatAgent agent = LivechatAgent.builder()
 *     .baseUrl("https://chat.example.com")
 *     .credentials(AgentCredentials.password("ana", secret))
 *     .build()) {                                   // POST /api/v1/login
 *   agent.setAvailable(true);                       // POST /api/v1/livechat/agent.status
 *   AgentRoom room = agent.accept(roomId, Duration.ofSeconds(10)); // queued: take; routed: found
 *   agent.listen(new AgentListener() {});           // DDP: connect, login {resume}
 *   agent.watchRoom(room.id());                     // sub stream-room-messages
 *   Message question = agent.awaitVisitorMessage(room.id(), Duration.ofSeconds(10));
 *   agent.typing(room.id(), true);
 *   agent.sendMessage(room.id(), "Hello, how can I help?");
 *   agent.closeRoom(room.id(), "solved");
 * }
 * }</pre>
 *
 * <p>Every call sends {@code X-User-Id} and {@code X-Auth-Token}; the password and the auth token
 * are never printed: not by {@link #toString()}, not in exception messages. A refusal of the server
 * is a {@link LivechatApiException} (status, normalised code, the server's text, the endpoint); a
 * network failure a {@link LivechatNetworkException}; a body that is not the answer expected a
 * {@link LivechatDecodingException}, as for {@code LivechatClient}. Safe to use from several
 * threads.
 */
public final class LivechatAgent implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final long POLL_MILLIS = 100;

  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final HttpUrl baseUrl;
  private final HttpUrl apiBase;
  private final String userId;
  private final String authToken;
  private final List<String> secrets;
  private volatile @Nullable String username;
  private final Object lock = new Object();
  private @Nullable AgentSocket socket; // guarded by lock
  private final Set<String> accepted = new HashSet<>(); // guarded by itself

  private LivechatAgent(OkHttpClient http, boolean ownsHttp, HttpUrl baseUrl, String userId, String authToken,
      @Nullable String username, List<String> secrets) {
    this.http = http;
    this.ownsHttp = ownsHttp;
    this.baseUrl = baseUrl;
    this.apiBase = baseUrl.newBuilder().addPathSegment("api").addPathSegment("v1").build();
    this.userId = userId;
    this.authToken = authToken;
    this.username = username;
    this.secrets = secrets;
  }

  /** A builder; {@link Builder#baseUrl} and {@link Builder#credentials} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Logs in with a password: shorthand for {@code builder().baseUrl(baseUrl).credentials(password(user,
   * password)).build()}.
   *
   * @throws LivechatApiException if the server refuses the login (401)
   */
  public static LivechatAgent login(String baseUrl, String user, String password) {
    return builder().baseUrl(baseUrl).credentials(AgentCredentials.password(user, password)).build();
  }

  /** Builds a {@link LivechatAgent}. */
  public static final class Builder {
    private @Nullable HttpUrl baseUrl;
    private @Nullable OkHttpClient okHttpClient;
    private @Nullable AgentCredentials credentials;

    private Builder() {}

    /** The server, for example {@code https://chat.example.com} (a path prefix is kept). */
    public Builder baseUrl(String baseUrl) {
      return baseUrl(HttpUrl.get(Objects.requireNonNull(baseUrl, "baseUrl")));
    }

    /** The server, for example {@code FakeLivechatServer.url()}. */
    public Builder baseUrl(HttpUrl baseUrl) {
      HttpUrl url = Objects.requireNonNull(baseUrl, "baseUrl");
      String path = url.encodedPath();
      this.baseUrl = path.endsWith("/") ? url : url.newBuilder().encodedPath(path + "/").build();
      return this;
    }

    /**
     * The OkHttp client to share (its pools and dispatcher, through {@code newBuilder()}); default:
     * a client of its own, with OkHttp's defaults, shut down by {@link LivechatAgent#close()}.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** How to log in. */
    public Builder credentials(AgentCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * The agent, logged in: with a password, after {@code POST /api/v1/login} {@code {"user":..,
     * "password":..}} answered {@code data.userId} and {@code data.authToken}; with a token, at once
     * (the first call tells whether the token is good).
     *
     * @throws IllegalStateException if the base URL or the credentials are missing
     * @throws LivechatApiException if the server refuses the login (401 for wrong credentials)
     * @throws LivechatNetworkException if the server cannot be reached
     */
    public LivechatAgent build() {
      if (baseUrl == null || credentials == null) {
        throw new IllegalStateException("baseUrl and credentials are required");
      }
      OkHttpClient client = okHttpClient != null ? okHttpClient.newBuilder().build() : new OkHttpClient();
      boolean owns = okHttpClient == null;
      if (!credentials.usesPassword()) {
        String token = Objects.requireNonNull(credentials.authToken());
        return new LivechatAgent(client, owns, baseUrl, Objects.requireNonNull(credentials.userId()), token, null,
            List.of(token));
      }
      String password = Objects.requireNonNull(credentials.passwordValue());
      LivechatAgent anonymous = new LivechatAgent(client, owns, baseUrl, "", "", null, List.of(password));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("user", credentials.user());
      body.put("password", password);
      try {
        Map<String, Object> answer = anonymous.call("POST", "login", null, body, false);
        Map<String, Object> data = object(answer, "data", "POST /api/v1/login");
        String id = string(data, "userId", "POST /api/v1/login");
        String token = string(data, "authToken", "POST /api/v1/login");
        String name = data.get("me") instanceof Map<?, ?> me && me.get("username") instanceof String u ? u : null;
        return new LivechatAgent(client, owns, baseUrl, id, token, name, List.of(token, password));
      } catch (RuntimeException e) {
        if (owns) {
          shutDown(client);
        }
        throw e;
      }
    }
  }

  // ---- who ----

  /** The agent's user id ({@code X-User-Id}). */
  public String userId() {
    return userId;
  }

  /**
   * The agent's username: from the login's answer, else asked once with {@code GET /api/v1/me}.
   *
   * @throws LivechatApiException if the server refuses the token (401)
   */
  public String username() {
    String known = username;
    if (known != null) {
      return known;
    }
    String name = string(call("GET", "me", null, null, true), "username", "GET /api/v1/me");
    username = name;
    return name;
  }

  // ---- availability and the queue ----

  /**
   * Makes the agent available to take chats ({@code true}) or not: {@code POST
   * /api/v1/livechat/agent.status} {@code {"status":"available"}} or {@code "not-available"}.
   *
   * @return the status the server answers, {@code available} or {@code not-available}
   * @throws LivechatApiException if the server refuses, for example {@code
   *     error-business-hours-are-closed}
   */
  public String setAvailable(boolean available) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", available ? "available" : "not-available");
    return string(call("POST", "livechat/agent.status", null, body, true), "status",
        "POST /api/v1/livechat/agent.status");
  }

  /**
   * The chats waiting in the queue that this agent may take, oldest first as the server sorts them:
   * {@code GET /api/v1/livechat/inquiries.queuedForUser} (its first page, the server's default size).
   *
   * @throws LivechatApiException if the server refuses
   */
  public List<Inquiry> queuedInquiries() {
    return inquiries(call("GET", "livechat/inquiries.queuedForUser", null, null, true));
  }

  /**
   * One page of {@link #queuedInquiries()}: {@code offset} and {@code count} as query parameters.
   *
   * @throws IllegalArgumentException if {@code offset} is negative or {@code count} not positive
   * @throws LivechatApiException if the server refuses
   */
  public List<Inquiry> queuedInquiries(int offset, int count) {
    if (offset < 0 || count <= 0) {
      throw new IllegalArgumentException("offset must be >= 0 and count > 0, were " + offset + " and " + count);
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("offset", List.of(String.valueOf(offset)));
    query.put("count", List.of(String.valueOf(count)));
    return inquiries(call("GET", "livechat/inquiries.queuedForUser", query, null, true));
  }

  /**
   * Takes a queued chat: {@code POST /api/v1/livechat/inquiries.take} {@code {"inquiryId":..}}. The
   * agent serves the room from then on.
   *
   * @throws LivechatApiException if the server refuses: {@code error-inquiry-taken} (another agent
   *     was quicker), {@code error-not-found}, {@code error-agent-status-service-offline} (the agent
   *     is not available)
   */
  public void takeInquiry(String inquiryId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("inquiryId", Objects.requireNonNull(inquiryId, "inquiryId"));
    call("POST", "livechat/inquiries.take", null, body, true);
  }

  /**
   * The open rooms this agent serves: {@code GET /api/v1/livechat/rooms?agents[]=<userId>&open=true}.
   *
   * @throws LivechatApiException if the server refuses
   */
  public List<AgentRoom> openRooms() {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("agents[]", List.of(userId));
    query.put("open", List.of("true"));
    Map<String, Object> answer = call("GET", "livechat/rooms", query, null, true);
    List<AgentRoom> rooms = new ArrayList<>();
    if (answer.get("rooms") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> room) {
          rooms.add(room(room));
        }
      }
    }
    return rooms;
  }

  /**
   * Waits until room {@code roomId} is this agent's and returns it: routed to it already (auto
   * selection: it is among {@link #openRooms()}), or taken now from the queue ({@link
   * #queuedInquiries()}, {@link #takeInquiry}). Polls the two REST routes every 100 ms.
   *
   * @throws LivechatTimeoutException if neither happened within {@code timeout}
   * @throws LivechatApiException if the server refuses a call (a take lost to another agent is
   *     retried until the timeout)
   */
  public AgentRoom accept(String roomId, Duration timeout) {
    Objects.requireNonNull(roomId, "roomId");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (AgentRoom room : openRooms()) {
        if (room.id().equals(roomId)) {
          remember(roomId);
          return room;
        }
      }
      for (Inquiry inquiry : queuedInquiries()) {
        if (inquiry.roomId().equals(roomId)) {
          try {
            takeInquiry(inquiry.id());
          } catch (LivechatApiException lost) {
            if (!"error-inquiry-taken".equals(lost.errorCode())) {
              throw lost;
            }
          }
        }
      }
      pauseUntil(deadline, "room " + roomId + " was neither routed to " + describeSelf() + " nor queued");
    }
  }

  /**
   * Waits for the next room this agent has not accepted yet (by {@link #accept} or this method) and
   * returns it: a room routed to it, else the first queued chat, taken. Polls every 100 ms.
   *
   * @throws LivechatTimeoutException if none came within {@code timeout}
   * @throws LivechatApiException if the server refuses a call
   */
  public AgentRoom acceptNext(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (AgentRoom room : openRooms()) {
        if (remember(room.id())) {
          return room;
        }
      }
      List<Inquiry> queued = queuedInquiries();
      if (!queued.isEmpty()) {
        try {
          takeInquiry(queued.get(0).id());
          continue; // the room is among openRooms() now
        } catch (LivechatApiException lost) {
          if (!"error-inquiry-taken".equals(lost.errorCode())) {
            throw lost;
          }
        }
      }
      pauseUntil(deadline, "no chat came to " + describeSelf());
    }
  }

  private boolean remember(String roomId) {
    synchronized (accepted) {
      return accepted.add(roomId);
    }
  }

  // ---- messages ----

  /**
   * Sends a message into a room the agent serves: {@code POST /api/v1/chat.sendMessage} {@code
   * {"message":{"rid":..,"msg":..}}}.
   *
   * @return the message as stored
   * @throws LivechatApiException if the server refuses, for example {@code error-not-allowed} for
   *     a room the agent may not write in
   */
  public Message sendMessage(String roomId, String text) {
    return send(null, roomId, text);
  }

  /**
   * As {@link #sendMessage(String, String)} with the message's id chosen by the caller ({@code
   * _id}), so that a retry cannot send it twice.
   *
   * @throws LivechatApiException if the server refuses, for example an id already used
   */
  public Message sendMessage(String roomId, String messageId, String text) {
    return send(Objects.requireNonNull(messageId, "messageId"), roomId, text);
  }

  private Message send(@Nullable String messageId, String roomId, String text) {
    Map<String, Object> message = new LinkedHashMap<>();
    if (messageId != null) {
      message.put("_id", messageId);
    }
    message.put("rid", Objects.requireNonNull(roomId, "roomId"));
    message.put("msg", Objects.requireNonNull(text, "text"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    return message(call("POST", "chat.sendMessage", null, body, true), "POST /api/v1/chat.sendMessage");
  }

  /**
   * Replaces the text of a message: {@code POST /api/v1/chat.update} {@code
   * {"roomId":..,"msgId":..,"text":..}}. The room's subscribers get the edited message.
   *
   * @return the message as now stored
   * @throws LivechatApiException if the server refuses: no such message, another room's, editing
   *     not allowed
   */
  public Message editMessage(String roomId, String messageId, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("roomId", Objects.requireNonNull(roomId, "roomId"));
    body.put("msgId", Objects.requireNonNull(messageId, "messageId"));
    body.put("text", Objects.requireNonNull(text, "text"));
    return message(call("POST", "chat.update", null, body, true), "POST /api/v1/chat.update");
  }

  // ---- transfer and close ----

  /**
   * Forwards a room to another agent: {@code POST /api/v1/livechat/room.forward} {@code
   * {"roomId":..,"userId":..}}.
   *
   * @throws LivechatApiException if the server refuses, for example {@code error-forwarding-chat}
   */
  public void forward(String roomId, String agentUserId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("roomId", Objects.requireNonNull(roomId, "roomId"));
    body.put("userId", Objects.requireNonNull(agentUserId, "agentUserId"));
    call("POST", "livechat/room.forward", null, body, true);
  }

  /**
   * Forwards a room to a department: {@code POST /api/v1/livechat/room.forward} {@code
   * {"roomId":..,"departmentId":..}}.
   *
   * @throws LivechatApiException if the server refuses
   */
  public void forwardToDepartment(String roomId, String departmentId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("roomId", Objects.requireNonNull(roomId, "roomId"));
    body.put("departmentId", Objects.requireNonNull(departmentId, "departmentId"));
    call("POST", "livechat/room.forward", null, body, true);
  }

  /**
   * Closes a room without a comment: {@code POST /api/v1/livechat/room.closeByUser} {@code {"rid":..}}.
   *
   * @throws LivechatApiException if the server refuses, for example {@code error-room-already-closed}
   */
  public void closeRoom(String roomId) {
    closeRoom(roomId, null, List.of());
  }

  /**
   * Closes a room with a comment: {@code {"rid":..,"comment":..}}.
   *
   * @throws LivechatApiException if the server refuses
   */
  public void closeRoom(String roomId, @Nullable String comment) {
    closeRoom(roomId, comment, List.of());
  }

  /**
   * Closes a room with a comment (null for none) and tags (sent only when not empty).
   *
   * @throws LivechatApiException if the server refuses
   */
  public void closeRoom(String roomId, @Nullable String comment, List<String> tags) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rid", Objects.requireNonNull(roomId, "roomId"));
    if (comment != null) {
      body.put("comment", comment);
    }
    if (!tags.isEmpty()) {
      body.put("tags", List.copyOf(tags));
    }
    call("POST", "livechat/room.closeByUser", null, body, true);
  }

  // ---- realtime ----

  /**
   * Opens the realtime connection ({@code <base>/websocket}: DDP {@code connect}, the {@code login}
   * method with {@code {"resume": authToken}}) and subscribes to what concerns the agent: {@code
   * stream-notify-user} {@code <userId>/subscriptions-changed} (rooms given to it) and {@code
   * stream-livechat-inquiry-queue-observer} {@code public} (chats entering the queue; left out,
   * without failing, where the server refuses it: poll {@link #queuedInquiries()} there). Events go
   * to {@code listener}. Calling it again replaces the listener and keeps the connection.
   *
   * @throws LivechatApiException if the server refuses the login or a subscription
   * @throws LivechatNetworkException if the connection fails
   */
  public void listen(AgentListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (lock) {
      if (socket == null || !socket.isOpen()) {
        AgentSocket opened = new AgentSocket(http, baseUrl, userId, authToken, secrets);
        try {
          opened.open(listener);
          opened.subscribe("stream-notify-user", userId + "/subscriptions-changed");
          try {
            opened.subscribe("stream-livechat-inquiry-queue-observer", "public");
          } catch (LivechatApiException noQueueStream) {
            // A server without the stream (or not letting this agent read it): the queue is still
            // there to poll with queuedInquiries(), and nothing else depends on the stream.
          }
        } catch (RuntimeException e) {
          opened.close();
          throw e;
        }
        socket = opened;
      } else {
        socket.listener(listener);
      }
    }
  }

  /**
   * Subscribes to a room's messages ({@code stream-room-messages} with the room's id): they go to
   * the listener and to {@link #awaitVisitorMessage}. Opens the connection first if {@link #listen}
   * was not called (with a listener that does nothing).
   *
   * @throws LivechatApiException if the server refuses the subscription ({@code nosub})
   */
  public void watchRoom(String roomId) {
    Objects.requireNonNull(roomId, "roomId");
    realtime().watch(roomId);
  }

  /**
   * The next message of the room's visitor heard since {@link #watchRoom} (each is returned once),
   * waiting up to {@code timeout} for one.
   *
   * @throws IllegalStateException if the room is not watched
   * @throws LivechatTimeoutException if none came within {@code timeout}
   */
  public Message awaitVisitorMessage(String roomId, Duration timeout) {
    return realtime().awaitVisitorMessage(roomId, timeout);
  }

  /**
   * Tells the room the agent is typing, or stopped: the DDP method {@code stream-notify-room} with
   * {@code <roomId>/user-activity}, the agent's username and {@code ["user-typing"]} or {@code []}.
   * Opens the connection first if needed.
   *
   * @throws LivechatApiException if the server answers the method with an error
   */
  public void typing(String roomId, boolean typing) {
    Objects.requireNonNull(roomId, "roomId");
    String name = username();
    realtime().call("stream-notify-room", List.of(roomId + "/user-activity", name,
        typing ? List.of("user-typing") : List.of(), Map.of()));
  }

  private AgentSocket realtime() {
    synchronized (lock) {
      if (socket == null || !socket.isOpen()) {
        listen(new AgentListener() {});
      }
      return Objects.requireNonNull(socket);
    }
  }

  /**
   * Closes the realtime connection (the listener hears {@code onDisconnected(null)}) and, if the
   * agent made its own OkHttp client, shuts it down. Does not log out: the token stays valid.
   */
  @Override
  public void close() {
    AgentSocket open;
    synchronized (lock) {
      open = socket;
      socket = null;
    }
    if (open != null) {
      open.close();
    }
    if (ownsHttp) {
      shutDown(http);
    }
  }

  private static void shutDown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private String describeSelf() {
    String name = username;
    return "agent " + (name != null ? name : userId);
  }

  @Override
  public String toString() {
    return "LivechatAgent[" + describeSelf() + " at " + baseUrl + "]";
  }

  // ---- the one executor ----

  /**
   * Runs one call: {@code method /api/v1/<route>} with the query and a JSON body, the auth headers
   * when {@code auth}; the answer's JSON object on 2xx, else the exception for the refusal.
   */
  Map<String, Object> call(String method, String route, @Nullable Map<String, List<String>> query,
      @Nullable Map<String, Object> body, boolean auth) {
    String endpoint = method + " /api/v1/" + route;
    HttpUrl.Builder url = apiBase.newBuilder();
    for (String segment : route.split("/")) {
      url.addPathSegment(segment);
    }
    if (query != null) {
      query.forEach((name, values) -> values.forEach(value -> url.addQueryParameter(name, value)));
    }
    Request.Builder request = new Request.Builder().url(url.build())
        .method(method, body == null ? null : RequestBody.create(AgentJson.write(body), JSON));
    if (auth) {
      request.header("X-User-Id", userId).header("X-Auth-Token", authToken);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      String text = response.body().string();
      if (!response.isSuccessful()) {
        throw AgentJson.refusal(response.code(), response.header("X-RateLimit-Reset"), text, endpoint, secrets);
      }
      Object json;
      try {
        json = AgentJson.parse(text);
      } catch (IOException | RuntimeException e) {
        throw new LivechatDecodingException("the answer is not JSON", response.code(), endpoint, null);
      }
      if (!(json instanceof Map<?, ?> map)) {
        throw new LivechatDecodingException("the answer is not a JSON object", response.code(), endpoint, null);
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      map.forEach((key, value) -> answer.put(String.valueOf(key), value));
      return answer;
    } catch (IOException e) {
      IOException scrubbed = AgentJson.scrub(e, secrets);
      if (scrubbed instanceof InterruptedIOException interrupted && !Thread.currentThread().isInterrupted()) {
        throw new LivechatTimeoutException(endpoint, interrupted);
      }
      throw new LivechatNetworkException("Request failed: " + scrubbed, endpoint, scrubbed);
    }
  }

  // ---- reading answers ----

  private static List<Inquiry> inquiries(Map<String, Object> answer) {
    List<Inquiry> inquiries = new ArrayList<>();
    if (answer.get("inquiries") instanceof List<?> list) {
      for (Object item : list) {
        Inquiry inquiry = AgentJson.inquiry(item);
        if (inquiry != null) {
          inquiries.add(inquiry);
        }
      }
    }
    return inquiries;
  }

  static AgentRoom room(Map<?, ?> room) {
    Map<?, ?> servedBy = room.get("servedBy") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> visitor = room.get("v") instanceof Map<?, ?> m ? m : Map.of();
    return new AgentRoom(String.valueOf(room.get("_id")), text(room.get("fname")), Boolean.TRUE.equals(room.get("open")),
        text(servedBy.get("_id")), text(visitor.get("_id")), text(visitor.get("username")));
  }

  private static Message message(Map<String, Object> answer, String endpoint) {
    Message message = AgentJson.message(answer.get("message"));
    if (message == null) {
      throw new LivechatDecodingException("the answer has no message", 200, endpoint, null);
    }
    return message;
  }

  private static @Nullable String text(@Nullable Object value) {
    return value instanceof String s ? s : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> answer, String name, String endpoint) {
    if (answer.get(name) instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new LivechatDecodingException("the answer has no object " + name, 200, endpoint, null);
  }

  private static String string(Map<String, Object> answer, String name, String endpoint) {
    if (answer.get(name) instanceof String value) {
      return value;
    }
    throw new LivechatDecodingException("the answer has no string " + name, 200, endpoint, null);
  }

  private static void pauseUntil(long deadline, String what) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new LivechatTimeoutException(null, new InterruptedIOException("timed out: " + what));
    }
    try {
      Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LivechatNetworkException("interrupted while waiting: " + what, null,
          new InterruptedIOException("interrupted"));
    }
  }
}
