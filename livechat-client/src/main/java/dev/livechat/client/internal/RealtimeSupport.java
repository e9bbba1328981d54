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
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What a realtime session borrows from its client: the REST calls it makes (through the client's
 * own executor, with its retries and rate-limit bookkeeping), an OkHttp client for its WebSocket,
 * the clock and the client's one timer. The client closes the sessions it opened when it is
 * closed itself.
 *
 * <p><b>No starvation.</b> OkHttp runs a WebSocket's reader inside its call, so an open WebSocket
 * holds one of its dispatcher's running-call slots for as long as it is open: with the REST
 * dispatcher's limits (OkHttp's defaults are 64 calls, 5 per host) the 65th session, or the 6th
 * on a caller's default client, would never connect, and every asynchronous REST call would queue
 * behind the open sockets forever. WebSockets therefore go through a client derived from the REST
 * one (same settings, interceptors, proxy and TLS) but with a dispatcher of their own, without
 * limits, on daemon threads: REST calls keep every slot they had.
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
  private final Telemetry telemetry;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

  public RealtimeSupport(OkHttpClient rest, HttpUrl baseUrl, Clock clock, Delays delays, Telemetry telemetry,
      Calls calls) {
    ThreadPoolExecutor sockets = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
        new SynchronousQueue<>(), DaemonThreads.named("livechat-client websocket"));
    Dispatcher dispatcher = new Dispatcher(sockets);
    dispatcher.setMaxRequests(Integer.MAX_VALUE);
    dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
    this.okHttp = rest.newBuilder().dispatcher(dispatcher).build();
    this.webSocketUrl = baseUrl.newBuilder().addPathSegment("websocket").build();
    this.clock = clock;
    this.delays = delays;
    this.calls = calls;
    this.telemetry = telemetry;
  }

  /** Where the sessions and hubs report what they do ({@link Telemetry#OFF} when nobody listens). */
  public Telemetry telemetry() {
    return telemetry;
  }

  /** The client for WebSockets: the REST client's settings, a dispatcher of its own without limits. */
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

  /** Closes every session still open, then lets the socket threads end. */
  public void close() {
    List<AutoCloseable> sessions = new ArrayList<>(open);
    for (AutoCloseable session : sessions) {
      try {
        session.close();
      } catch (Exception ignored) {
        // A session's close does not throw; if one did, the others are still closed.
      }
    }
    okHttp.dispatcher().executorService().shutdown();
  }
}
