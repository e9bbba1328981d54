package dev.livechat.client.testing;

import dev.livechat.client.model.Message;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.Visitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory Rocket.Chat for tests: the Livechat visitor REST API and the realtime (DDP)
 * WebSocket a visitor uses, with the real server's semantics and error bodies, on a loopback port.
 *
 * <pre>{@code
 * try (FakeLivechatServer server = FakeLivechatServer.start();
 *      LivechatClient client = LivechatClient.builder().baseUrl(server.url()).build()) {
 *   client.registerVisitor(NewVisitor.of(token).withName("Ada"));
 *   String rid = client.openRoom(token).room().id();
 *   client.sendMessage(token, rid, "Hello!");
 *   server.agent("agent.smith").reply(rid, "Hi Ada, how can I help?");
 *   assertThat(server.messages(rid)).extracting(Message::text).contains("Hello!");
 * }
 * }</pre>
 *
 * <p><b>Settings.</b> The fake runs with one immutable {@link ServerSettings} value, named after
 * the server's settings: {@link #start(ServerSettings)}, {@link #reconfigure(ServerSettings)}. The
 * older switches ({@link #allowMessageEditing}, {@link #agentsOnline}, ...) are shorthand for one
 * {@code reconfigure}.
 *
 * <p><b>What it implements.</b> Reference §1 rows 1–5, 7, 8, 10–24: visitors upserted by token, and
 * a new token with a known phone number or email address registers as that visitor ({@code
 * registerGuest}); one open room per visitor ({@code newRoom} true only when none was open),
 * routed as the server does: under auto selection (the default) served at once by the available
 * agent (online, accepting chats, under {@code Livechat_maximum_chats_per_agent}) with the fewest
 * open rooms, else left in the queue; under manual selection queued until an agent {@linkplain
 * FakeAgent#assign takes} it, {@code agent.next} then refused with {@code agent-not-found}. Taking a
 * room stores and pushes the {@code command} ({@code connected}) and {@code uj} messages, then
 * {@code agentData}. The room's {@code source} is {@code widget} or {@code api} as {@code isWidget}
 * decides. Messages with server ids and timestamps, a repeated {@code _id} refused, their links in
 * {@code urls} and a quote attachment for a link to a message of the visitor's rooms; edits and
 * deletions of the visitor's own messages only (else the plain {@code error-action-not-allowed});
 * history newest first (of one millisecond, the latest stored first) with {@code end}, {@code
 * limit} and {@code offset}, closed rooms' included, hidden messages left out; custom fields only
 * as {@linkplain CustomFieldDefinition defined} ({@code invalid-custom-field}, patterns, room scope,
 * required fields at registration, {@code config.customFields}); {@code config} listing only
 * departments with agents; survey; transcripts and offline messages with the server's e-mail checks
 * ({@code invalid email}, {@code Livechat_offline_email}, {@code Livechat_validate_offline_email});
 * uploads, several files per message ({@link FakeAgent#sendFiles}), and downloads from {@code
 * /file-upload/:id/:name} with a visitor's {@code rc_token}/{@code rc_rid}/{@code rc_room_type}
 * (query or cookies); page visits stored as {@code livechat_navigation_history}; blocked contacts
 * ({@link #blockContact}). Every refusal carries the server's status and body (reference §3): plain
 * {@code {"success":false,"error":"invalid-token"}}, Meteor-style {@code "reason [code]"} with
 * {@code errorType}, {@code invalid-params} in the legacy or the typed shape per route (unknown
 * fields refused, types coerced as the server's ajv does: a {@code null} string becomes {@code ""}),
 * {@code Match error} where the server uses {@code check()}. Realtime
 * (reference §4) at {@code /websocket}: DDP 1, {@code ready}/{@code nosub} by visitor token ({@code
 * stream-room-messages} only while the room is open: a closed room's is refused with {@code
 * not-allowed}, though its history still answers), {@code pong}, {@code changed} frames with EJSON
 * dates, and the visitor's typing method. Beside the API, what a visitor's browser loads: letter
 * avatars ({@code /avatar/:username}), the chime {@code config} names ({@code /sounds/chime.mp3}),
 * and, once {@linkplain #serveWidget given a build}, the official Livechat widget at {@code /livechat}.
 *
 * <p><b>The Livechat webhook.</b> With a URL and switches set ({@link ServerSettings#withWebhook},
 * {@link WebhookSettings}) it POSTs the server's events to that URL as the server does: {@code
 * LivechatSessionStart}, {@code LivechatSessionQueued} (manual selection), {@code
 * LivechatSessionTaken}, {@code LivechatSessionForwarded} (to an agent, {@link FakeAgent#forward},
 * or a department), {@code LivechatSession} at close with the room's messages, {@code Message} for
 * visitor and agent messages (the closing one and edits included), {@code LeadCapture} and {@code
 * LivechatOfflineMessage}, each body built by the fake itself as {@code sendToCRM} builds it, with
 * the secret in {@code X-RocketChat-Livechat-Token} when set; asynchronously, and retried as
 * {@code sendRequest} retries (5 tries, after no answer, 5xx or 429, {@code Livechat_http_timeout}
 * × 4 apart unless {@link WebhookSettings#withRetryDelay} says otherwise). Every attempt and its
 * answer: {@link #webhookAttempts()}.
 *
 * <p><b>The agent API.</b> What a scripted agent ({@link dev.livechat.client.testing.agent.LivechatAgent})
 * calls, so that a harness written for a real server runs against the fake unchanged: {@code POST
 * login} with an agent's {@linkplain FakeAgent#password() password} (or its {@linkplain
 * FakeAgent#newAuthToken() auth token} as {@code X-User-Id}/{@code X-Auth-Token}), {@code GET me},
 * {@code livechat/agent.status}, {@code livechat/inquiries.queuedForUser} and {@code .take} (the
 * manual-selection queue), {@code livechat/rooms} (the agent's own), {@code chat.sendMessage} and
 * {@code chat.update} (reaching the visitor as {@link FakeAgent#reply} and {@link FakeAgent#edit}
 * do), {@code livechat/room.forward} and {@code livechat/room.closeByUser}, with the server's
 * authentication (401), validation and refusal bodies; on the WebSocket the {@code login} method
 * with {@code {"resume": token}}, then {@code stream-room-messages} of the agent's rooms, {@code
 * stream-notify-user} {@code <userId>/subscriptions-changed} (a room given to the agent, {@code
 * inserted}), {@code stream-livechat-inquiry-queue-observer} (a chat queued, {@code inserted}) and
 * the agent's typing. Agents have the livechat-agent role's permissions, not a manager's.
 *
 * <p><b>What it leaves out.</b> Agent-side (logged-in) routes other than the agent API above (no
 * users, departments or settings administration, no logout, no 2FA); queue mechanics beyond the two
 * routing methods (a queued room is not offered again when an agent becomes available, as on a
 * server without the premium queue; a department transfer leaves the room in the queue; no
 * external routing; no waiting-queue positions unless a test {@linkplain #announceQueuePosition
 * announces} them); mail (transcripts and offline messages are
 * only recorded, MX lookups are answered from {@link ServerSettings#mailDomains}); thumbnails and
 * image dimensions of uploads; server-initiated pings; the deprecated {@code sendMessageLivechat}
 * and {@code livechat:*} methods (answered as unknown methods), except {@code
 * livechat:setUpConnection}, which the server still has (answered empty); failures only a real deployment has
 * (MAC limits, size limits, {@code FileUpload_ProtectFiles} off, JWT file links); a
 * {@code rid} in a subscription's extra data (the server's visitor check then looks at that room
 * instead).
 *
 * <p><b>Where it differs.</b> Where the server's ajv would coerce {@code null} to {@code ""}, the
 * fake refuses it ({@code "must be string"}). {@code config.customFields} is sent as a licensed
 * (premium) server sends it; a community server sends none. Away or busy agents are not routed
 * (the server routes them while {@code Livechat_enabled_when_agent_idle} is on). A message's {@code
 * md} is one plain paragraph, links included. Defaults: {@code Livechat_offline_email} is set, the
 * rate limiter is off, an agent counts as online ({@link ServerSettings#defaults()}).
 *
 * <p><b>Time.</b> Every timestamp the fake stores comes from its clock ({@link #start(Clock)}), by
 * default one millisecond after the previous one at least, so no two messages share a timestamp
 * and paging history by {@code end} never skips one. {@link #distinctTimestamps
 * distinctTimestamps(false)} takes the clock's milliseconds as they are, so that messages can share
 * one as on the real server (under a fixed clock, all of them do): history then gives those latest
 * stored first, {@code stream-room-messages} still pushes them in the order they were stored, and a
 * page that ends ({@code end}, exclusive) at a shared millisecond leaves out the rest of that
 * millisecond, as the server's does. Rate-limit windows always follow the clock as it is.
 *
 * <p><b>Threads.</b> All methods are safe to call from any thread; the state is guarded by one
 * lock, held while frames are pushed, so subscribers see changes in the order they happened.
 */
public final class FakeLivechatServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final SocketTracker sockets = new SocketTracker();
  private final Store store;
  private final RateLimiter limiter;
  private final RestRouter router;
  private final AtomicInteger refusals = new AtomicInteger();
  private final List<String> requests = new ArrayList<>(); // guarded by itself
  private volatile Duration delay = Duration.ZERO;
  private volatile @Nullable WidgetFiles widget;

  private FakeLivechatServer(Clock clock, ServerSettings settings) {
    this.store = new Store(clock, settings);
    this.limiter = new RateLimiter(clock);
    this.router = new RestRouter(store, limiter);
    server.setServerSocketFactory(sockets);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        MockResponse response = answer(request);
        forgetRecordedRequests();
        return response;
      }
    });
  }

  /** MockWebServer queues every request (bodies and all) for {@code takeRequest}; the fake never takes them. */
  private void forgetRecordedRequests() throws InterruptedException {
    RecordedRequest recorded = server.takeRequest(0, TimeUnit.NANOSECONDS);
    while (recorded != null) {
      recorded = server.takeRequest(0, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Starts a fake server on a free loopback port, with the system clock.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public static FakeLivechatServer start() {
    return start(Clock.systemUTC());
  }

  /**
   * Starts a fake server on a free loopback port whose timestamps (messages, rooms, visitors) and
   * rate-limit windows come from {@code clock}.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public static FakeLivechatServer start(Clock clock) {
    return start(clock, ServerSettings.defaults());
  }

  /**
   * Starts a fake server on a free loopback port with {@code settings} and the system clock.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public static FakeLivechatServer start(ServerSettings settings) {
    return start(Clock.systemUTC(), settings);
  }

  /**
   * Starts a fake server on a free loopback port with {@code settings}, whose timestamps and
   * rate-limit windows come from {@code clock}.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public static FakeLivechatServer start(Clock clock, ServerSettings settings) {
    FakeLivechatServer fake = new FakeLivechatServer(Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(settings, "settings"));
    try {
      fake.server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      fake.store.webhooks.close();
      throw new UncheckedIOException("could not start the fake server", e);
    }
    String url = fake.url().toString();
    synchronized (fake.store) {
      fake.store.siteUrl = url.substring(0, url.length() - 1);
    }
    return fake;
  }

  /** The base URL to give {@code LivechatClient.builder().baseUrl(...)}, for example {@code http://127.0.0.1:51234/}. */
  public HttpUrl url() {
    return server.url("/");
  }

  private MockResponse answer(RecordedRequest request) {
    Duration delayed = delay; // as set when the request arrived
    synchronized (requests) {
      requests.add(request.getMethod() + " " + request.getUrl().encodedPath());
    }
    if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return json(503, "{\"success\":false,\"error\":\"Service Unavailable\"}", Map.of(), Duration.ZERO);
    }
    WidgetFiles files = widget;
    if (files != null && request.getMethod().equals("GET")) {
      String siteUrl;
      synchronized (store) {
        siteUrl = store.siteUrl;
      }
      RestRouter.Reply file = files.answer(request.getUrl(), siteUrl);
      if (file != null) {
        return response(file, Duration.ZERO);
      }
    }
    if (request.getUrl().encodedPath().equals("/websocket")) {
      DdpPeer peer = new DdpPeer(store, sockets.socket(request.getConnectionIndex()));
      return new MockResponse.Builder().webSocketUpgrade(peer).build();
    }
    return response(router.answer(request), delayed);
  }

  private static MockResponse json(int status, String body, Map<String, String> headers, Duration delay) {
    return response(RestRouter.Reply.json(status, body, headers), delay);
  }

  private static MockResponse response(RestRouter.Reply reply, Duration delay) {
    MockResponse.Builder response = new MockResponse.Builder()
        .code(reply.status())
        .body(new okio.Buffer().write(reply.body()));
    if (reply.contentType() != null) {
      response.addHeader("Content-Type", reply.contentType());
    }
    reply.headers().forEach(response::addHeader);
    long nanos = delay.toNanos();
    if (nanos > 0) {
      response.headersDelay(nanos, TimeUnit.NANOSECONDS);
    }
    return response.build();
  }

  /**
   * Serves a build of the official Livechat widget ({@code build/} of the npm package {@code
   * @rocket.chat/livechat}) as Rocket.Chat serves its own: {@code GET /livechat} answers the
   * build's {@code index.html} with the server's URL put in ({@code SERVER_URL}), {@code GET
   * /livechat/<file>} the build's files ({@code rocketchat-livechat.min.js}, the bundles), 404 for a
   * file the build lacks. It also serves a page of its own (not a Rocket.Chat route), {@code
   * /widget-host.html}, that embeds the widget with the installation snippet the server's
   * administration gives, pointed at {@link #url()}:
   *
   * <pre>{@code
   * try (FakeLivechatServer server = FakeLivechatServer.start()) {
   *   HttpUrl page = server.serveWidget(Path.of("node_modules/@rocket.chat/livechat/build"));
   *   server.agent("agent.smith", "Agent Smith"); // an agent online, so the widget opens a chat
   *   // open page in a browser: the widget talks to the fake over REST and DDP
   * }
   * }</pre>
   *
   * <p>The page's URL names the loopback interface the other way than {@link #url()} does ({@code
   * 127.0.0.1} for {@code localhost} and back), so that, as on a real site, the page and the widget's
   * frame are of different origins. The files are read when asked for; calling this again serves
   * another build.
   *
   * @param buildDir the directory holding the build's {@code index.html} and {@code
   *     rocketchat-livechat.min.js}
   * @return the URL of the page embedding the widget
   * @throws IllegalArgumentException if {@code buildDir} holds no widget build
   * @throws java.io.UncheckedIOException if the build's {@code index.html} cannot be read
   */
  public HttpUrl serveWidget(Path buildDir) {
    widget = new WidgetFiles(Objects.requireNonNull(buildDir, "buildDir"));
    HttpUrl url = url();
    String otherName = url.host().equals("localhost") ? "127.0.0.1" : "localhost";
    return url.newBuilder().host(otherName).addPathSegment(WidgetFiles.HOST_PAGE).build();
  }

  // ---- the agent side ----

  /** The agent with {@code username} (its name the same), created online if it is new. */
  public FakeAgent agent(String username) {
    return agent(username, username);
  }

  /** The agent with {@code username}, created online with the display name {@code name} if it is new. */
  public FakeAgent agent(String username, String name) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(name, "name");
    synchronized (store) {
      return new FakeAgent(store, store.agent(username, name));
    }
  }

  /**
   * Tells the room's subscribers its place in the queue and the estimated wait: {@code queueData}
   * on {@code stream-livechat-room}.
   *
   * @param estimatedWaitSeconds the estimated wait in seconds, or null
   * @throws IllegalArgumentException if there is no room {@code roomId}
   */
  public void announceQueuePosition(String roomId, int position, @Nullable Integer estimatedWaitSeconds) {
    synchronized (store) {
      StoredRoom room = store.room(roomId);
      if (room == null) {
        throw new IllegalArgumentException("no room " + roomId);
      }
      store.queuePosition(room, position, estimatedWaitSeconds);
    }
  }

  /**
   * Blocks the contact of visitor {@code token}, as an agent blocking its channel does: opening a
   * room and sending a message are then refused with the plain {@code error-contact-channel-blocked}.
   *
   * @throws IllegalArgumentException if no visitor has {@code token}
   */
  public void blockContact(String token) {
    synchronized (store) {
      StoredVisitor visitor = store.visitor(token);
      if (visitor == null) {
        throw new IllegalArgumentException("no visitor with that token");
      }
      store.block(visitor);
    }
  }

  /**
   * Adds a department: a target of {@code department.transfer}, listed by {@code config} once it has
   * an agent ({@link FakeAgent#joinDepartment}).
   */
  public FakeLivechatServer addDepartment(String id, String name) {
    store.addDepartment(Objects.requireNonNull(id, "id"), Objects.requireNonNull(name, "name"));
    return this;
  }

  // ---- settings ----

  /** The settings in force. */
  public ServerSettings settings() {
    synchronized (store) {
      return store.settings;
    }
  }

  /**
   * Runs with {@code settings} from now on (what is stored stays). Switching the rate limiter on
   * starts its windows afresh.
   */
  public FakeLivechatServer reconfigure(ServerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    synchronized (store) {
      if (settings.rateLimiter() && !store.settings.rateLimiter()) {
        limiter.reset();
      }
      store.settings = settings;
      store.changed();
    }
    return this;
  }

  /** Changes the settings in force with {@code change}, for example {@code s -> s.withMessageEditing(false)}. */
  public FakeLivechatServer reconfigure(java.util.function.UnaryOperator<ServerSettings> change) {
    synchronized (store) {
      return reconfigure(change.apply(store.settings));
    }
  }

  // The switches below predate ServerSettings; each is shorthand for one reconfigure(...) and stays
  // so that tests written against them keep working.

  /** Shorthand for {@link ServerSettings#withMessageEditing} ({@code Message_AllowEditing}). */
  public FakeLivechatServer allowMessageEditing(boolean allow) {
    return reconfigure(s -> s.withMessageEditing(allow));
  }

  /** Shorthand for {@link ServerSettings#withMessageDeleting} ({@code Message_AllowDeleting}). */
  public FakeLivechatServer allowMessageDeleting(boolean allow) {
    return reconfigure(s -> s.withMessageDeleting(allow));
  }

  /** Shorthand for {@link ServerSettings#withVisitorsCanCloseChat}. */
  public FakeLivechatServer allowVisitorsToCloseConversation(boolean allow) {
    return reconfigure(s -> s.withVisitorsCanCloseChat(allow));
  }

  /** Shorthand for {@link ServerSettings#withShowAgentInfo} ({@code Livechat_show_agent_info}). */
  public FakeLivechatServer showAgentInfo(boolean show) {
    return reconfigure(s -> s.withShowAgentInfo(show));
  }

  /** Shorthand for {@link ServerSettings#withLivechatFileUpload} ({@code Livechat_fileupload_enabled}). */
  public FakeLivechatServer fileUploadEnabled(boolean enabled) {
    return reconfigure(s -> s.withLivechatFileUpload(enabled));
  }

  /** Shorthand for {@link ServerSettings#withOfflineForm} ({@code Livechat_display_offline_form}). */
  public FakeLivechatServer offlineFormEnabled(boolean enabled) {
    return reconfigure(s -> s.withOfflineForm(enabled));
  }

  /** Shorthand for {@link ServerSettings#withLivechatEnabled} ({@code Livechat_enabled}). */
  public FakeLivechatServer livechatEnabled(boolean enabled) {
    return reconfigure(s -> s.withLivechatEnabled(enabled));
  }

  /** Shorthand for {@link ServerSettings#withAgentsOnline}. */
  public FakeLivechatServer agentsOnline(boolean online) {
    return reconfigure(s -> s.withAgentsOnline(online));
  }

  /** Shorthand for {@link ServerSettings#withMessageCharacterLimit}. */
  public FakeLivechatServer messageCharacterLimit(int limit) {
    return reconfigure(s -> s.withMessageCharacterLimit(limit));
  }

  /**
   * Switches on the server's rate limiter with its defaults (reference §3): 10 calls per 60 s per
   * route and method; {@code POST visitor}, {@code DELETE visitor/:token}, {@code GET room} and
   * {@code POST transcript} 5 per 60 s; {@code POST offline.message} 1 per 5 s. Every answer of a
   * route then carries {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} (epoch ms),
   * and a call over the limit gets 429 with the server's text. Windows start afresh. Shorthand for
   * {@link ServerSettings#withRateLimiter} {@code (true)}.
   */
  public FakeLivechatServer enableRateLimits() {
    synchronized (store) {
      limiter.reset();
      return reconfigure(s -> s.withRateLimiter(true));
    }
  }

  /** Switches the rate limiter off again (the default). */
  public FakeLivechatServer disableRateLimits() {
    return reconfigure(s -> s.withRateLimiter(false));
  }

  /**
   * Whether each timestamp the fake stores is at least one millisecond after the previous one (the
   * default) or the clock's own millisecond, which messages may then share as on the real server
   * (see <i>Time</i> above). Applies to what is stored from now on. Shorthand for {@link
   * ServerSettings#withDistinctTimestamps}.
   */
  public FakeLivechatServer distinctTimestamps(boolean distinct) {
    return reconfigure(s -> s.withDistinctTimestamps(distinct));
  }

  // ---- faults ----

  /** Cuts every open WebSocket at once, without a close handshake, as a network failure would. */
  public void dropAllConnections() {
    synchronized (store) {
      store.streams.dropAll();
    }
  }

  /**
   * Answers the next {@code n} HTTP requests (REST calls and WebSocket upgrades alike) with 503
   * {@code {"success":false,"error":"Service Unavailable"}}, as a proxy in front of a restarting
   * server would; they change nothing.
   */
  public FakeLivechatServer refuseNext(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    refusals.set(n);
    return this;
  }

  /**
   * Delays the answer to every REST request arriving from now on by {@code delay} (the request takes
   * effect at once, only its answer waits); {@link Duration#ZERO} to stop.
   */
  public FakeLivechatServer delayResponses(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    this.delay = delay;
    return this;
  }

  // ---- inspection ----

  /** Every visitor, in the order they registered. */
  public List<Visitor> visitors() {
    synchronized (store) {
      List<Visitor> visitors = new ArrayList<>();
      store.visitors().forEach(visitor -> visitors.add(visitor.toModel()));
      return visitors;
    }
  }

  /** The visitor of {@code token}, if registered. */
  public Optional<Visitor> visitor(String token) {
    synchronized (store) {
      StoredVisitor visitor = store.visitor(token);
      return visitor == null ? Optional.empty() : Optional.of(visitor.toModel());
    }
  }

  /** Every room, open or closed, in the order they were opened. */
  public List<Room> rooms() {
    synchronized (store) {
      List<Room> rooms = new ArrayList<>();
      store.rooms().forEach(room -> rooms.add(room.toModel()));
      return rooms;
    }
  }

  /** The room {@code roomId}, if there is one. */
  public Optional<Room> room(String roomId) {
    synchronized (store) {
      StoredRoom room = store.room(roomId);
      return room == null ? Optional.empty() : Optional.of(room.toModel());
    }
  }

  /**
   * The room's messages, oldest first, system messages included ({@code livechat-started}, {@code
   * livechat-close}, ...) and hidden ones too (page visits), deleted ones gone; empty for an unknown room.
   */
  public List<Message> messages(String roomId) {
    synchronized (store) {
      List<Message> messages = new ArrayList<>();
      store.messages(roomId).forEach(message -> messages.add(message.toModel()));
      return messages;
    }
  }

  /** The survey answers the room received, by item name; empty if none. */
  public Map<String, String> surveyAnswers(String roomId) {
    synchronized (store) {
      StoredRoom room = store.room(roomId);
      return room == null ? Map.of() : new LinkedHashMap<>(room.surveyFeedback);
    }
  }

  /** Every offline message accepted, in order. */
  public List<OfflineMessage> offlineMessages() {
    synchronized (store) {
      return List.copyOf(store.offlineMessages);
    }
  }

  /** Every transcript request accepted, in order. */
  public List<TranscriptRequest> transcripts() {
    synchronized (store) {
      return List.copyOf(store.transcripts);
    }
  }

  /** Every file uploaded, in order. */
  public List<UploadedFile> uploads() {
    synchronized (store) {
      return List.copyOf(store.uploads);
    }
  }

  /** Every typing signal accepted from visitors over the WebSocket, in order. */
  public List<TypingSignal> typingSignals() {
    synchronized (store) {
      return List.copyOf(store.typingSignals);
    }
  }

  /** Every page visit recorded ({@code change} {@code url}), in order. */
  public List<PageVisit> pageVisits() {
    synchronized (store) {
      return List.copyOf(store.pageVisits);
    }
  }

  /**
   * Every POST of the Livechat webhook so far ({@link ServerSettings#withWebhook}), with its answer,
   * in the order the attempts ended; a retry is a further entry with the same {@link
   * WebhookAttempt#delivery()} and body. Deliveries are asynchronous: wait for them with {@link
   * #await}, for example {@code server.await(s -> s.webhookAttempts().size() == 2, timeout)}.
   */
  public List<WebhookAttempt> webhookAttempts() {
    synchronized (store) {
      return store.webhooks.attempts();
    }
  }

  /** How many HTTP requests arrived (REST calls and WebSocket upgrades, refused ones too). */
  public int requestCount() {
    synchronized (requests) {
      return requests.size();
    }
  }

  /** Every HTTP request that arrived, as {@code "METHOD /path"} (no query), in order. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** How many WebSocket connections are open now. */
  public int openConnections() {
    synchronized (store) {
      return store.streams.openCount();
    }
  }

  /** How many WebSocket connections were opened since the start. */
  public int connectionsOpened() {
    synchronized (store) {
      return store.streams.openedCount();
    }
  }

  /** How many stream subscriptions concern room {@code roomId} now (a {@code LivechatRealtime} session makes 4). */
  public int subscriptionCount(String roomId) {
    synchronized (store) {
      return store.streams.subscriptionCount(roomId);
    }
  }

  /**
   * Waits until {@code condition} holds, without polling: it is tested now and again after each
   * change the fake sees (a REST call handled, a frame pushed, a subscription or connection made or
   * lost, a typing signal recorded). For what arrives asynchronously over the WebSocket:
   *
   * <pre>{@code
   * assertThat(server.await(s -> s.subscriptionCount(rid) == 4, Duration.ofSeconds(5))).isTrue();
   * }</pre>
   *
   * <p>The condition runs holding the fake's lock: it should only read the fake.
   *
   * @return whether the condition held before {@code timeout} passed (false if interrupted)
   */
  public boolean await(Predicate<FakeLivechatServer> condition, Duration timeout) {
    Objects.requireNonNull(condition, "condition");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (store) {
      while (!condition.test(this)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(store, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Cuts the WebSockets, stops the server, and stops the webhook's deliveries (retries not yet
   * made are dropped); calling it again does nothing.
   */
  @Override
  public void close() {
    dropAllConnections();
    server.close();
    store.webhooks.close();
  }

  @Override
  public String toString() {
    return "FakeLivechatServer[" + url() + "]";
  }
}
