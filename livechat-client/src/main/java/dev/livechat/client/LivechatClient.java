package dev.livechat.client;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.exception.RateLimit;
import dev.livechat.client.internal.Checks;
import dev.livechat.client.internal.Delays;
import dev.livechat.client.internal.FileCredentials;
import dev.livechat.client.internal.RealtimeSupport;
import dev.livechat.client.internal.Telemetry;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.DeletedVisitor;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.SurveyAnswer;
import dev.livechat.client.model.SurveyResult;
import dev.livechat.client.model.Visitor;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.RecordedPageVisit;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.realtime.HubListener;
import dev.livechat.client.realtime.HubOptions;
import dev.livechat.client.realtime.LivechatHub;
import dev.livechat.client.telemetry.TelemetryListener;
import dev.livechat.client.realtime.LivechatRealtime;
import dev.livechat.client.realtime.RealtimeListener;
import dev.livechat.client.realtime.RealtimeOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A client for the Rocket.Chat Livechat visitor API: one method per endpoint, each returning an
 * immutable record or throwing an unchecked {@link LivechatException}.
 *
 * <pre>{@code
 * LivechatClient client = LivechatClient.create("https://chat.example.com");
 * Message sent = client.sendMessage(token, roomId, "Hello!");
 * }</pre>
 *
 * <p>Visitor endpoints need no login: the visitor is identified by its token, which every method
 * takes and which never appears in exception messages or {@code toString()}.
 *
 * <p>A client is immutable and safe to share across threads; create one per server and reuse it.
 * Arguments are checked before any request is sent: a null argument throws {@link
 * NullPointerException} and a blank one {@link IllegalArgumentException}, both naming it.
 */
public final class LivechatClient implements AutoCloseable {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ZERO;
  static final int MAX_CALLS_PER_HOST = 64;
  /**
   * 16 MiB: far above any real answer (a history page of 1,000 messages is under 1 MB; the
   * server's largest, the widget's config, a few KB), far below what would exhaust a phone's heap.
   */
  static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  private final HttpUrl baseUrl;
  private final OkHttpClient okHttp;
  private final boolean ownsOkHttp;
  private final CallExecutor executor;
  private final AsyncLivechatClient async;
  private final RealtimeSupport realtime;

  private LivechatClient(Builder builder) {
    this.baseUrl = Checks.notNull(builder.baseUrl, "baseUrl");
    this.ownsOkHttp = builder.okHttpClient == null;
    OkHttpClient.Builder okHttpBuilder =
        ownsOkHttp
            ? new OkHttpClient.Builder().dispatcher(newDispatcher()).connectionPool(newConnectionPool())
            : builder.okHttpClient.newBuilder();
    if (ownsOkHttp || builder.connectTimeout != null) {
      okHttpBuilder.connectTimeout(orDefault(builder.connectTimeout, DEFAULT_CONNECT_TIMEOUT));
    }
    if (ownsOkHttp || builder.readTimeout != null) {
      okHttpBuilder.readTimeout(orDefault(builder.readTimeout, DEFAULT_READ_TIMEOUT));
    }
    if (ownsOkHttp || builder.writeTimeout != null) {
      okHttpBuilder.writeTimeout(orDefault(builder.writeTimeout, DEFAULT_WRITE_TIMEOUT));
    }
    if (ownsOkHttp || builder.callTimeout != null) {
      okHttpBuilder.callTimeout(orDefault(builder.callTimeout, DEFAULT_CALL_TIMEOUT));
    }
    if (builder.httpLogger != null) {
      okHttpBuilder.addInterceptor(new LoggingInterceptor(builder.httpLogger));
    }
    okHttpBuilder.addNetworkInterceptor(FileCredentials.networkInterceptor(baseUrl));
    this.okHttp = okHttpBuilder.build();
    Delays delays = builder.delays != null ? builder.delays : Delays.system();
    Telemetry telemetry = Telemetry.of(builder.telemetry);
    this.executor = new CallExecutor(okHttp, baseUrl, builder.clock, builder.retryPolicy,
        builder.waitWhenRateLimited, delays, builder.maxResponseBytes, telemetry);
    this.async = new AsyncLivechatClient(executor);
    this.realtime = new RealtimeSupport(okHttp, baseUrl, builder.clock, delays, telemetry, new RealtimeSupport.Calls() {
      @Override
      public CompletableFuture<MessageHistory> history(String token, String roomId, HistoryQuery query) {
        return executor.executeAsync(VisitorApi.loadHistory(token, roomId, query));
      }

      @Override
      public CompletableFuture<Visitor> visitor(String token) {
        return executor.executeAsync(VisitorApi.getVisitor(token));
      }
    });
  }

  /**
   * OkHttp's default dispatcher runs at most 5 calls per host at once and queues the rest; a client
   * talks to one host, so a backend sending for many visitors through {@link #async()} would be held
   * to 5. The client's own dispatcher allows {@value #MAX_CALLS_PER_HOST} (OkHttp's own limit for
   * all hosts). A caller's {@code OkHttpClient} keeps its dispatcher.
   */
  private static Dispatcher newDispatcher() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_CALLS_PER_HOST);
    dispatcher.setMaxRequestsPerHost(MAX_CALLS_PER_HOST);
    return dispatcher;
  }

  /**
   * Keeps as many idle connections as calls can be in flight: OkHttp's default pool keeps 5, so a
   * burst of 64 calls would close 59 connections after it and open them again for the next.
   */
  private static ConnectionPool newConnectionPool() {
    return new ConnectionPool(MAX_CALLS_PER_HOST, 5, TimeUnit.MINUTES);
  }

  private static Duration orDefault(@Nullable Duration value, Duration fallback) {
    return value != null ? value : fallback;
  }

  /**
   * A client for the server at {@code baseUrl} with default settings.
   *
   * @param baseUrl the server root, for example {@code "https://chat.example.com"}; a base path
   *     ({@code "https://example.com/support"}) is kept
   * @throws IllegalArgumentException if {@code baseUrl} is not an http or https URL
   */
  public static LivechatClient create(String baseUrl) {
    return builder().baseUrl(baseUrl).build();
  }

  /** A builder for a client with non-default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The same endpoints without blocking: each returns a {@link CompletableFuture}. Both forms
   * share this client's settings, retries and rate-limit bookkeeping.
   */
  public AsyncLivechatClient async() {
    return async;
  }

  /**
   * What the server's rate limiter last said, by endpoint ({@code "POST
   * /api/v1/livechat/message"}): the {@code X-RateLimit-*} headers of each endpoint's latest
   * answer, success or not. A snapshot; empty until a rate-limited answer arrives.
   */
  public Map<String, RateLimit> rateLimits() {
    return executor.rateLimits();
  }

  /**
   * Opens a realtime session on the room: agent messages, typing and room events as they happen,
   * over the server's WebSocket, reconnecting by itself. See {@link LivechatRealtime}.
   *
   * @param token the visitor token
   * @param roomId the room to follow
   * @param listener receives the events, on the session's own thread
   * @return the session, connecting in the background; close it when done
   */
  public LivechatRealtime realtime(String token, String roomId, RealtimeListener listener) {
    return LivechatRealtime.open(realtime, token, roomId, RealtimeOptions.defaults(), listener);
  }

  /** As {@link #realtime(String, String, RealtimeListener)}, with other timings. */
  public LivechatRealtime realtime(String token, String roomId, RealtimeOptions options, RealtimeListener listener) {
    return LivechatRealtime.open(realtime, token, roomId, options, listener);
  }

  /**
   * Opens a realtime hub: many visitors' rooms over a few WebSockets and threads, for backends.
   * Add rooms with {@link LivechatHub#add}; every event reaches {@code listener} tagged with its
   * room. See {@link LivechatHub}.
   */
  public LivechatHub hub(HubListener listener) {
    return LivechatHub.open(realtime, HubOptions.defaults(), listener);
  }

  /** As {@link #hub(HubListener)}, with other connections, threads and timings. */
  public LivechatHub hub(HubOptions options, HubListener listener) {
    return LivechatHub.open(realtime, options, listener);
  }

  /**
   * The OkHttp client this client sends through (derived from yours, if you gave one): for
   * WebSocket or other calls that should share its connection pool and dispatcher.
   */
  public OkHttpClient okHttpClient() {
    return okHttp;
  }

  /** The server root this client talks to. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * The widget's configuration: whether Livechat is on and an agent online, settings, theme,
   * texts, survey, departments and triggers. {@code GET /api/v1/livechat/config}. Safe to repeat.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504.
   *
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public LivechatConfig config() {
    return executor.execute(VisitorApi.config(null, null));
  }

  /**
   * The widget's configuration for a visitor: as {@link #config()}, plus the visitor ({@code
   * guest}), its open room and that room's agent when the token is known. {@code GET
   * /api/v1/livechat/config?token=&department=}. Safe to repeat.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504.
   *
   * @param token the visitor token, or null
   * @param departmentId the department whose online state to report, or null
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public LivechatConfig config(@Nullable String token, @Nullable String departmentId) {
    return executor.execute(VisitorApi.config(token, departmentId));
  }

  /**
   * Sends a message from the visitor into an open room. {@code POST /api/v1/livechat/message}.
   *
   * <p>Safe to repeat: the message carries a generated id, so a retried send cannot store it twice;
   * if a repeated send is refused, the stored message is looked up by that id and returned.
   *
   * @param token the visitor token
   * @param roomId the room id; the room must be open
   * @param text the message text
   * @return the message as the server stored it
   * @throws LivechatApiException if the server refuses, for example {@code invalid-token},
   *     {@code invalid-room}, {@code room-closed} or {@code message-length-exceeds-character-limit}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Message sendMessage(String token, String roomId, String text) {
    return sendMessage(SendMessageRequest.of(token, roomId, text));
  }

  /**
   * Sends a message, with an optional message id of the caller's choosing and an optional agent.
   * {@code POST /api/v1/livechat/message}.
   *
   * <p>Safe to repeat: the request carries its message id (see {@link SendMessageRequest}), so a
   * retried send cannot store it twice; if a repeated send is refused, the stored message is looked
   * up by that id and returned.
   *
   * @return the message as the server stored it
   * @throws LivechatApiException if the server refuses (see {@link #sendMessage(String, String,
   *     String)})
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Message sendMessage(SendMessageRequest request) {
    return executor.execute(VisitorApi.sendMessage(request));
  }

  /**
   * Replaces the text of one of the visitor's messages. {@code PUT /api/v1/livechat/message/:_id}.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504.
   *
   * @return the message as the server now stores it, with {@code editedAt} and {@code editedBy}
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     invalid-room}, {@code invalid-message}, or {@code error-action-not-allowed} when editing is
   *     switched off or the message is not the visitor's own
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Message updateMessage(String token, String roomId, String messageId, String text) {
    return executor.execute(VisitorApi.updateMessage(token, roomId, messageId, text));
  }

  /**
   * Deletes one of the visitor's messages. {@code DELETE /api/v1/livechat/message/:_id}, with
   * {@code token} and {@code rid} in a JSON body.
   *
   * <p>Not safe to repeat: retried only when the request cannot have reached the server (no
   * connection, or HTTP 429).
   *
   * @return the id of the deleted message and when it was deleted
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     invalid-room}, {@code invalid-message}, or {@code error-action-not-allowed} when deleting
   *     is switched off or the message is not the visitor's own
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public DeletedMessage deleteMessage(String token, String roomId, String messageId) {
    return executor.execute(VisitorApi.deleteMessage(token, roomId, messageId));
  }

  /**
   * Loads the newest 20 messages of a room, newest first. {@code GET
   * /api/v1/livechat/messages.history/:rid}.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504.
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code invalid-room}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public MessageHistory loadHistory(String token, String roomId) {
    return loadHistory(token, roomId, HistoryQuery.defaults());
  }

  /**
   * Loads a page of a room's messages, newest first: at most {@code query.limit()}, sent before
   * {@code query.end()}, after skipping {@code query.offset()}. {@code GET
   * /api/v1/livechat/messages.history/:rid?token=&ls=&end=&limit=&offset=}.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504.
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code invalid-room}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public MessageHistory loadHistory(String token, String roomId, HistoryQuery query) {
    return executor.execute(VisitorApi.loadHistory(token, roomId, query));
  }

  /**
   * Uploads a file into the visitor's open room, as a message of its own. {@code POST
   * /api/v1/livechat/upload/:rid}, multipart, with the token in the {@code x-visitor-token}
   * header. The file is streamed, never held in memory whole. Not safe to repeat.
   *
   * <p>Not safe to repeat: retried only when the request cannot have reached the server (no
   * connection, or HTTP 429).
   *
   * @return the message that carries the file ({@link Message#file()}, {@link
   *     Message#attachments()})
   * @throws LivechatApiException if the server refuses: 403 {@code unauthorized} (unknown token,
   *     or the room is not open for it), {@code error-file-upload-disabled}, {@code
   *     error-type-not-allowed}, {@code error-size-not-allowed}, {@code error-no-file-uploaded}
   * @throws LivechatException if the server cannot be reached, the content cannot be read, or the
   *     answer cannot be read
   */
  public Message uploadFile(String token, String roomId, FileUpload file) {
    return executor.execute(VisitorApi.uploadFile(token, roomId, file));
  }

  /**
   * Downloads a file of a message ({@link Message#file()}, one of {@link Message#files()}), as the
   * visitor: {@code GET /file-upload/:id/:name} under the server root (a base path kept). The answer
   * is handed over as it arrives: read it from {@link FileDownload#body()} or {@link
   * FileDownload#writeTo}, never held whole in memory, then close it.
   *
   * <p>The visitor proves its right to the file as the server's widget does, with the cookies
   * {@code rc_token}, {@code rc_rid} and {@code rc_room_type=l}; they go to this client's server
   * only, not to a storage host the server redirects to (an S3 link), and the log shows the token
   * as {@code ***}. A {@code callTimeout}, if set, bounds the whole download.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504 until the file starts to
   * arrive, not after.
   *
   * @param roomId the room of the message that carries the file
   * @param file the file, by its id (and name)
   * @return the download, open: close it
   * @throws LivechatApiException if the server refuses: 403 when the token is unknown, is not the
   *     room's visitor or the file is not the room's (on servers that protect files, the default),
   *     404 when there is no such file
   * @throws LivechatException if the server cannot be reached; a failure while reading the body is
   *     an {@link java.io.IOException} of the stream, or a {@link LivechatNetworkException} of
   *     {@link FileDownload#writeTo}
   */
  public FileDownload downloadFile(String token, String roomId, FileInfo file) {
    return executor.execute(VisitorApi.downloadFile(token, roomId, file));
  }

  /**
   * Downloads the file a message's attachment links: its {@link Attachment#titleLink()} or {@link
   * Attachment#imageUrl()} ({@code /file-upload/<id>/<name>}, relative to the server root), or an
   * absolute URL of this server with that path. Otherwise as {@link #downloadFile(String, String,
   * FileInfo)}.
   *
   * @param link the link; its query is kept
   * @throws IllegalArgumentException if the link is not a file of this server (another host or
   *     path), or carries {@code rc_*} credentials of its own; before any request
   */
  public FileDownload downloadFile(String token, String roomId, String link) {
    return executor.execute(VisitorApi.downloadFile(baseUrl, token, roomId, link));
  }

  /**
   * The room's whole history, newest first, loaded lazily {@code pageSize} messages at a time as
   * the stream is consumed. No message is repeated or skipped at a page boundary, even when
   * several share a timestamp. Each page is one {@link #loadHistory(String, String, HistoryQuery)}
   * call and throws as it does.
   *
   * @param pageSize messages per request, at least 1
   */
  public Stream<Message> streamHistory(String token, String roomId, int pageSize) {
    VisitorApi.loadHistory(token, roomId, HistoryQuery.latest(pageSize)); // checks the arguments now
    HistoryPages pages = new HistoryPages(query -> loadHistory(token, roomId, query).messages(), pageSize);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * A handle on one visitor's conversation in one room, binding the token and room id for the
   * calls that take both.
   */
  public Conversation conversation(String token, String roomId) {
    return new Conversation(this, Checks.notBlank(token, "token"), Checks.pathSegment(roomId, "roomId"));
  }

  /**
   * Leaves a message for when no agent is online; the server mails it to the department.
   * {@code POST /api/v1/livechat/offline.message}. The server allows one call per 5 seconds.
   *
   * <p>Not safe to repeat: retried only when the request cannot have reached the server (no
   * connection, or HTTP 429).
   *
   * @return the server's confirmation
   * @throws LivechatApiException if the server refuses; the reason (offline form disabled, invalid
   *     email) is hidden behind one generic text
   * @throws LivechatRateLimitException if called again within 5 seconds
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public OfflineMessageResult sendOfflineMessage(OfflineMessage message) {
    return executor.execute(VisitorApi.sendOfflineMessage(message));
  }

  /**
   * Fetches one message of a room. {@code GET /api/v1/livechat/message/:_id?token=&rid=}. Safe to
   * repeat.
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     invalid-room}, {@code invalid-message}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Message getMessage(String token, String roomId, String messageId) {
    return executor.execute(VisitorApi.getMessage(token, roomId, messageId));
  }

  /**
   * Registers a visitor, or updates the one with the same token. {@code POST
   * /api/v1/livechat/visitor}. Safe to repeat. The server allows 5 calls per minute.
   *
   * @return the visitor as the server stores it
   * @throws LivechatApiException if the server refuses, for example {@code invalid-params} or
   *     {@code error-livechat-visitor-registration}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Visitor registerVisitor(NewVisitor visitor) {
    return executor.execute(VisitorApi.registerVisitor(visitor));
  }

  /**
   * Fetches the visitor with {@code token}. {@code GET /api/v1/livechat/visitor/:token}. Safe to
   * repeat.
   *
   * @throws LivechatApiException with {@code invalid-token} if no visitor has this token
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Visitor getVisitor(String token) {
    return executor.execute(VisitorApi.getVisitor(token));
  }

  /**
   * Removes the visitor with {@code token} and its data. {@code DELETE
   * /api/v1/livechat/visitor/:token}. Not safe to repeat: a second call finds no visitor.
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     visitor-has-open-rooms}, {@code error-removing-visitor}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public DeletedVisitor deleteVisitor(String token) {
    return executor.execute(VisitorApi.deleteVisitor(token));
  }

  /**
   * Sets the visitor's presence. {@code POST /api/v1/livechat/visitor.status}. Safe to repeat.
   *
   * @param status {@code online}, {@code away}, {@code busy} or {@code offline}
   * @return the status the server recorded
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code invalid-params}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public String setVisitorStatus(String token, String status) {
    return executor.execute(VisitorApi.setVisitorStatus(token, status));
  }

  /**
   * Returns the visitor's open room, opening one if there is none. {@code GET
   * /api/v1/livechat/room?token=}. The server allows 5 calls per minute.
   *
   * <p>Safe to repeat: a repeated call returns the room the first one opened.
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     no-agent-online}, {@code error-omnichannel-is-disabled}, {@code error-contact-channel-blocked}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public RoomResult openRoom(String token) {
    return executor.execute(VisitorApi.openRoom(token, null, null));
  }

  /**
   * Returns the visitor's open room {@code roomId} (or, with {@code roomId} null, the open room or
   * a new one); with {@code agentId}, asks for that agent. {@code GET
   * /api/v1/livechat/room?token=&rid=&agentId=}. The server does not create a room under a given
   * id: a {@code roomId} that is not an open room of the visitor is refused with {@code
   * invalid-room}.
   *
   * <p>Safe to repeat: a repeated call returns the room the first one opened.
   *
   * @param roomId an open room of the visitor, or null
   * @param agentId the agent to ask for, or null for the department's routing
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code invalid-room},
   *     {@code no-agent-online}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public RoomResult openRoom(String token, @Nullable String roomId, @Nullable String agentId) {
    return executor.execute(VisitorApi.openRoom(token, roomId, agentId));
  }

  /**
   * Closes the visitor's room. {@code POST /api/v1/livechat/room.close}.
   *
   * <p>Not safe to repeat: retried only when the request cannot have reached the server (no
   * connection, or HTTP 429).
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     invalid-room}, {@code room-closed}, or {@code error-not-allowed-to-close-conversation} when
   *     visitors may not close conversations
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public ClosedRoom closeRoom(String token, String roomId) {
    return executor.execute(VisitorApi.closeRoom(token, roomId));
  }

  /**
   * Moves the room to another department. {@code POST
   * /api/v1/livechat/visitor/department.transfer}.
   *
   * <p>Not safe to repeat: retried only when the request cannot have reached the server (no
   * connection, or HTTP 429).
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     error-invalid-room}, {@code This_conversation_is_already_closed}, {@code
   *     error-transfering-chat}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public void transferToDepartment(String token, String roomId, String departmentId) {
    executor.execute(VisitorApi.transferToDepartment(token, roomId, departmentId));
  }

  /**
   * Sends the visitor's answers to the satisfaction survey. {@code POST
   * /api/v1/livechat/room.survey}. Safe to repeat.
   *
   * @param answers at least one answer
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     invalid-room}, {@code invalid-livechat-config}, {@code invalid-data}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public SurveyResult submitSurvey(String token, String roomId, List<SurveyAnswer> answers) {
    return executor.execute(VisitorApi.submitSurvey(token, roomId, answers));
  }

  /**
   * Who serves the room. {@code GET /api/v1/livechat/agent.info/:rid/:token}. When the server
   * hides agents, the result has {@link Agent#hiddenInfo()} true and nothing else.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504.
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     invalid-room}, {@code invalid-agent}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Agent agentInfo(String token, String roomId) {
    return executor.execute(VisitorApi.agentInfo(token, roomId));
  }

  /**
   * The agent who would take the visitor's next conversation; empty when the visitor already has
   * an open room. {@code GET /api/v1/livechat/agent.next/:token}.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504.
   *
   * @throws LivechatApiException if the server refuses: {@code agent-not-found}, {@code invalid-agent}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Optional<Agent> nextAgent(String token) {
    return executor.execute(VisitorApi.nextAgent(token));
  }

  /**
   * The agent of {@code departmentId} who would take the visitor's next conversation; empty when
   * the visitor already has an open room. {@code GET /api/v1/livechat/agent.next/:token?department=}.
   *
   * <p>Safe to repeat: retried after network failures and 502/503/504.
   *
   * @throws LivechatApiException if the server refuses: {@code agent-not-found}, {@code invalid-agent}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Optional<Agent> nextAgent(String token, String departmentId) {
    return executor.execute(VisitorApi.nextAgent(token, departmentId));
  }

  /**
   * Records that the visitor opened a page, in the room's navigation history (what the agent
   * sees as "visited pages"). {@code POST /api/v1/livechat/page.visited}.
   *
   * <p>The server records only the kind of change its setting {@code Livechat_history_monitor_type}
   * names ({@link dev.livechat.client.model.LivechatSettings#historyMonitorType()}, {@code url} by
   * default); for any other it answers that nothing was recorded.
   *
   * <p>Not safe to repeat: retried only when the request cannot have reached the server (no
   * connection, or HTTP 429).
   *
   * @return what the server recorded: the navigation message's text and the page; null when it
   *     recorded nothing
   * @throws LivechatApiException if the server refuses: {@code invalid-params}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public @Nullable RecordedPageVisit sendPageVisited(String token, String roomId, PageVisit page) {
    return executor.execute(VisitorApi.sendPageVisited(token, roomId, page));
  }

  /**
   * Mails the transcript of the room to {@code email}. {@code POST /api/v1/livechat/transcript}.
   * The server allows 5 calls per minute.
   *
   * <p>Not safe to repeat: retried only when the request cannot have reached the server (no
   * connection, or HTTP 429).
   *
   * @return the server's confirmation, for example {@code "Livechat transcript sent"}
   * @throws LivechatApiException if the server refuses: {@code error-invalid-room}, {@code
   *     error-invalid-visitor}, {@code invalid-params}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public String requestTranscript(String token, String roomId, String email) {
    return executor.execute(VisitorApi.requestTranscript(token, roomId, email));
  }

  /**
   * Sets one custom field of the visitor. {@code POST /api/v1/livechat/custom.field}. Safe to
   * repeat.
   *
   * @param overwrite whether to replace a value the visitor already has
   * @return the field as the server recorded it
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code invalid-params}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public CustomField setCustomField(String token, String key, String value, boolean overwrite) {
    return executor.execute(VisitorApi.setCustomField(token, new CustomField(key, value, overwrite)));
  }

  /**
   * Sets several custom fields of the visitor at once. {@code POST /api/v1/livechat/custom.fields}.
   * Safe to repeat.
   *
   * @param fields at least one field
   * @return the fields as the server recorded them
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code invalid-params}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public List<CustomField> setCustomFields(String token, List<CustomField> fields) {
    return executor.execute(VisitorApi.setCustomFields(token, fields));
  }

  /**
   * Closes the realtime sessions this client opened, then releases the connections and threads
   * this client created. A client built with a caller's
   * {@link OkHttpClient} shares that client's pools and leaves them alone. Calling it twice does
   * nothing more.
   */
  @Override
  public void close() {
    realtime.close();
    executor.close();
    if (ownsOkHttp) {
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "LivechatClient[" + baseUrl + "]";
  }

  /**
   * Settings for a {@link LivechatClient}. Only {@link #baseUrl} is required.
   *
   * <table>
   *   <caption>Defaults</caption>
   *   <tr><th>setting</th><th>default</th></tr>
   *   <tr><td>{@link #okHttpClient}</td><td>a new {@code OkHttpClient}, closed by {@link
   *       LivechatClient#close()}</td></tr>
   *   <tr><td>{@link #connectTimeout}</td><td>10 s</td></tr>
   *   <tr><td>{@link #readTimeout}</td><td>30 s (between two reads)</td></tr>
   *   <tr><td>{@link #writeTimeout}</td><td>30 s (between two writes)</td></tr>
   *   <tr><td>{@link #callTimeout}</td><td>none: an upload may take long; connect, read and
   *       write timeouts still catch a stalled connection</td></tr>
   *   <tr><td>{@link #retryPolicy}</td><td>{@link RetryPolicy#defaults()}: 2 retries, backoff
   *       capped at 250 ms then 500 ms, up to 10 s of waiting on a 429</td></tr>
   *   <tr><td>{@link #waitWhenRateLimited}</td><td>false</td></tr>
   *   <tr><td>{@link #httpLogger}</td><td>none</td></tr>
   *   <tr><td>{@link #telemetry}</td><td>{@link TelemetryListener#NONE}: no event is built</td></tr>
   *   <tr><td>{@link #maxResponseBytes}</td><td>16 MiB (a history page of 1,000 messages is under
   *       1 MB); file downloads are streamed and not limited</td></tr>
   *   <tr><td>calls in flight</td><td>64 at once, the rest queued (OkHttp's default dispatcher
   *       allows 5 per host), and up to 64 idle connections kept for 5 minutes (OkHttp's default
   *       pool keeps 5); with {@link #okHttpClient}, that client's dispatcher and pool decide</td></tr>
   * </table>
   *
   * <p>With a caller's {@code OkHttpClient}, its own timeouts stand unless set here.
   */
  public static final class Builder {
    private @Nullable HttpUrl baseUrl;
    private @Nullable OkHttpClient okHttpClient;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private @Nullable Duration writeTimeout;
    private @Nullable Duration callTimeout;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private boolean waitWhenRateLimited;
    private @Nullable HttpLogger httpLogger;
    private TelemetryListener telemetry = TelemetryListener.NONE;
    private Clock clock = Clock.systemUTC();
    private @Nullable Delays delays;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    private Builder() {}

    /**
     * The server root. A base path is kept: {@code https://example.com/support} calls {@code
     * https://example.com/support/api/v1/...}.
     *
     * @throws IllegalArgumentException if it is not an http or https URL, or has a query or
     *     fragment
     */
    public Builder baseUrl(String baseUrl) {
      Checks.notBlank(baseUrl, "baseUrl");
      HttpUrl parsed = HttpUrl.parse(baseUrl);
      if (parsed == null) {
        throw new IllegalArgumentException("baseUrl is not an http or https URL: " + baseUrl);
      }
      return baseUrl(parsed);
    }

    /**
     * The server root as an {@link HttpUrl}; see {@link #baseUrl(String)}.
     *
     * @throws IllegalArgumentException if it has a query or fragment
     */
    public Builder baseUrl(HttpUrl baseUrl) {
      Checks.notNull(baseUrl, "baseUrl");
      if (baseUrl.query() != null || baseUrl.fragment() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + baseUrl);
      }
      this.baseUrl = withoutTrailingSlash(baseUrl);
      return this;
    }

    /**
     * The OkHttp client to share: the SDK derives its own through {@link OkHttpClient#newBuilder()},
     * so connection pool and dispatcher are shared and {@code client} itself is not changed.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Checks.notNull(client, "okHttpClient");
      return this;
    }

    /** How long to wait for a connection; zero for no limit. Default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait between two reads of an answer; zero for no limit. Default 30 s. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout(timeout, "readTimeout");
      return this;
    }

    /** How long to wait between two writes of a request; zero for no limit. Default 30 s. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = timeout(timeout, "writeTimeout");
      return this;
    }

    /**
     * How long one attempt of a call may take in all, from connecting to reading the last byte;
     * zero for no limit (the default). Retries each get their own.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout(timeout, "callTimeout");
      return this;
    }

    /** When and how long to wait before trying a call again. Default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Checks.notNull(policy, "retryPolicy");
      return this;
    }

    /**
     * Whether to wait before sending when the route's last answer said its rate limit is
     * exhausted ({@code X-RateLimit-Remaining: 0}) until a reset still to come, instead of
     * collecting a 429. A wait longer than the retry policy's {@link RetryPolicy#maxRateLimitWait()}
     * throws {@link LivechatRateLimitException} without sending. Default false.
     */
    public Builder waitWhenRateLimited(boolean wait) {
      this.waitWhenRateLimited = wait;
      return this;
    }

    /** Logs every call to {@code logger}, the visitor token redacted. Default: no log. */
    public Builder httpLogger(HttpLogger logger) {
      this.httpLogger = Checks.notNull(logger, "httpLogger");
      return this;
    }

    /**
     * Reports every call (its attempts, retries and rate-limit waits), and the realtime sessions and
     * hubs this client opens, to {@code listener}, for metrics and traces: routes, statuses, counts,
     * durations and ids, never the visitor token or a message's text. What the listener throws is
     * caught and never reaches a call. Default: {@link TelemetryListener#NONE}, for which no event
     * is built. The modules {@code livechat-client-micrometer} and {@code
     * livechat-client-opentelemetry} provide listeners.
     */
    public Builder telemetry(TelemetryListener listener) {
      this.telemetry = Checks.notNull(listener, "telemetry");
      return this;
    }

    /**
     * The most bytes of one answer read into memory. A successful answer longer than this (a
     * proxy's endless page, a hostile server) is refused with {@link LivechatDecodingException}
     * naming the limit, without reading the rest; of a refusal, the part that fits is read for its
     * error text. {@link LivechatClient#downloadFile} is streamed and not limited. Default 16 MiB,
     * far above any real answer: a history page of 1,000 messages is under 1 MB.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive, was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /** How the client waits between attempts; for tests. */
    Builder delays(Delays delays) {
      this.delays = Checks.notNull(delays, "delays");
      return this;
    }

    private static Duration timeout(Duration timeout, String name) {
      Checks.notNull(timeout, name);
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + timeout);
      }
      return timeout;
    }

    /** The clock that turns rate-limit reset times into waits; for tests. */
    Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if no base URL was given
     */
    public LivechatClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required");
      }
      return new LivechatClient(this);
    }

    private static HttpUrl withoutTrailingSlash(HttpUrl url) {
      int last = url.pathSize() - 1;
      return url.pathSegments().get(last).isEmpty() && last > 0
          ? url.newBuilder().removePathSegment(last).build()
          : url;
    }
  }
}
