package dev.livechat.client.internal;

import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.Visitor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What a realtime session borrows from its client: the REST calls it makes (through the client's
 * own executor, with its retries and rate-limit bookkeeping), the OkHttp client its WebSocket
 * shares, the clock and the client's one timer. The client closes the sessions it opened when it
 * is closed itself.
 */
public final class RealtimeSupport {
  /** The two REST calls a session makes, run by the client's executor. */
  public interface Calls {
    /** {@code GET livechat/messages.history/:rid}. */
    CompletableFuture<MessageHistory> history(String token, String roomId, HistoryQuery query);

    /** {@code GET livechat/visitor/:token}. */
    CompletableFuture<Visitor> visitor(String token);
  }

  private final OkHttpClient okHttp;
  private final HttpUrl webSocketUrl;
  private final Clock clock;
  private final Delays delays;
  private final Calls calls;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

  public RealtimeSupport(OkHttpClient okHttp, HttpUrl baseUrl, Clock clock, Delays delays, Calls calls) {
    this.okHttp = okHttp;
    this.webSocketUrl = baseUrl.newBuilder().addPathSegment("websocket").build();
    this.clock = clock;
    this.delays = delays;
    this.calls = calls;
  }

  public OkHttpClient okHttp() {
    return okHttp;
  }

  /** {@code <base>/websocket}. */
  public HttpUrl webSocketUrl() {
    return webSocketUrl;
  }

  public Clock clock() {
    return clock;
  }

  /** The client's timer: heartbeats, reconnects and waits of every session, and REST retries. */
  public Delays delays() {
    return delays;
  }

  public Calls calls() {
    return calls;
  }

  /** Notes an open session, to close with the client. */
  public void opened(AutoCloseable session) {
    open.add(session);
  }

  /** Forgets a closed session. */
  public void closed(AutoCloseable session) {
    open.remove(session);
  }

  /** Closes every session still open. */
  public void closeAll() {
    List<AutoCloseable> sessions = new ArrayList<>(open);
    for (AutoCloseable session : sessions) {
      try {
        session.close();
      } catch (Exception ignored) {
        // A session's close does not throw; if one did, the others are still closed.
      }
    }
  }
}
