package dev.livechat.client;

import dev.livechat.client.internal.Checks;
import dev.livechat.client.internal.Http;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;
import java.time.Clock;
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
  private final HttpUrl baseUrl;
  private final OkHttpClient okHttp;
  private final boolean ownsOkHttp;
  private final Http http;

  private LivechatClient(Builder builder) {
    this.baseUrl = Checks.notNull(builder.baseUrl, "baseUrl");
    this.ownsOkHttp = builder.okHttpClient == null;
    this.okHttp = ownsOkHttp ? new OkHttpClient() : builder.okHttpClient.newBuilder().build();
    this.http = new Http(okHttp, baseUrl, builder.clock);
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

  /** The server root this client talks to. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * Sends a message from the visitor into an open room. {@code POST /api/v1/livechat/message}.
   *
   * @param token the visitor token
   * @param rid the room id; the room must be open
   * @param text the message text
   * @return the message as the server stored it
   * @throws LivechatApiException if the server refuses, for example {@code invalid-token},
   *     {@code invalid-room}, {@code room-closed} or {@code message-length-exceeds-character-limit}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Message sendMessage(String token, String rid, String text) {
    return sendMessage(SendMessageRequest.of(token, rid, text));
  }

  /**
   * Sends a message, with an optional message id of the caller's choosing and an optional agent.
   * {@code POST /api/v1/livechat/message}.
   *
   * @return the message as the server stored it
   * @throws LivechatApiException if the server refuses (see {@link #sendMessage(String, String,
   *     String)})
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Message sendMessage(SendMessageRequest request) {
    return http.execute(Endpoints.sendMessage(request));
  }

  /**
   * Replaces the text of one of the visitor's messages. {@code PUT /api/v1/livechat/message/:_id}.
   *
   * @return the message as the server now stores it, with {@code editedAt} and {@code editedBy}
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     invalid-room}, {@code invalid-message}, or {@code error-action-not-allowed} when editing is
   *     switched off or the message is not the visitor's own
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public Message updateMessage(String token, String rid, String messageId, String text) {
    return http.execute(Endpoints.updateMessage(token, rid, messageId, text));
  }

  /**
   * Deletes one of the visitor's messages. {@code DELETE /api/v1/livechat/message/:_id}, with
   * {@code token} and {@code rid} in a JSON body.
   *
   * @return the id of the deleted message and when it was deleted
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code
   *     invalid-room}, {@code invalid-message}, or {@code error-action-not-allowed} when deleting
   *     is switched off or the message is not the visitor's own
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public DeletedMessage deleteMessage(String token, String rid, String messageId) {
    return http.execute(Endpoints.deleteMessage(token, rid, messageId));
  }

  /**
   * Loads the newest 20 messages of a room, newest first. {@code GET
   * /api/v1/livechat/messages.history/:rid}.
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code invalid-room}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public MessageHistory loadHistory(String token, String rid) {
    return loadHistory(token, rid, HistoryQuery.defaults());
  }

  /**
   * Loads a page of a room's messages, newest first: at most {@code query.limit()}, sent before
   * {@code query.end()}. {@code GET /api/v1/livechat/messages.history/:rid?token=&ls=&end=&limit=}.
   *
   * @throws LivechatApiException if the server refuses: {@code invalid-token}, {@code invalid-room}
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public MessageHistory loadHistory(String token, String rid, HistoryQuery query) {
    return http.execute(Endpoints.loadHistory(token, rid, query));
  }

  /**
   * Leaves a message for when no agent is online; the server mails it to the department.
   * {@code POST /api/v1/livechat/offline.message}. The server allows one call per 5 seconds.
   *
   * @return the server's confirmation
   * @throws LivechatApiException if the server refuses; the reason (offline form disabled, invalid
   *     email) is hidden behind one generic text
   * @throws LivechatRateLimitException if called again within 5 seconds
   * @throws LivechatException if the server cannot be reached or its answer cannot be read
   */
  public OfflineMessageResult sendOfflineMessage(OfflineMessage message) {
    return http.execute(Endpoints.sendOfflineMessage(message));
  }

  /**
   * Releases the connections and threads this client created. A client built with a caller's
   * {@link OkHttpClient} shares that client's pools and leaves them alone. Calling it twice does
   * nothing more.
   */
  @Override
  public void close() {
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
   *   <tr><td>{@link #okHttpClient}</td><td>a new {@code OkHttpClient} with OkHttp's defaults
   *       (10 s connect, read and write timeouts), closed by {@link LivechatClient#close()}</td></tr>
   * </table>
   */
  public static final class Builder {
    private @Nullable HttpUrl baseUrl;
    private @Nullable OkHttpClient okHttpClient;
    private Clock clock = Clock.systemUTC();

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
