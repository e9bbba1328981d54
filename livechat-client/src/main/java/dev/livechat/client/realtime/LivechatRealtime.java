package dev.livechat.client.realtime;

import dev.livechat.client.internal.Checks;
import dev.livechat.client.internal.DaemonThreads;
import dev.livechat.client.internal.RealtimeSupport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;

/**
 * A visitor's live view of one room over the server's WebSocket (DDP, version 1): new, edited,
 * updated and deleted messages, agent typing, the agent joining, leaving or changing, the queue,
 * and the room closing, reported to a {@link RealtimeListener}. Open one with {@code
 * LivechatClient.realtime(token, roomId, listener)}.
 *
 * <p><b>Nothing lost, nothing twice.</b> When it opens, the session notes the room's newest
 * message (the baseline: it and everything older are the caller's to load), then connects. On
 * every connection,
 * the first included, it subscribes, loads from the room's history what it missed since the
 * newest message it knows, delivers it in the server's order, then what the connection brought
 * meanwhile, and only then reports {@link ConnectionState#CONNECTED} (connected means caught up).
 * Every message is delivered once, by id; a later change of it is delivered as an edit, an
 * update or a deletion, once. A history load refused by the server's rate limiter waits for the
 * limiter's reset, however long, and is never skipped; only one load runs at a time, and drops
 * while it waits are covered by it.
 *
 * <p><b>What it costs.</b> Opening: two {@code messages.history} calls (the baseline, then what
 * was missed while subscribing). Each reconnect: one (one more per 100 missed messages), because
 * the server gives a visitor no way to know that nothing was missed. The first {@link
 * #typing(boolean)}: one {@code GET livechat/visitor/:token}, unless the visitor's own message
 * named the visitor before.
 *
 * <p><b>When the room closes.</b> The room's {@code livechat-close} message is {@link
 * RealtimeEvent.RoomClosed}. If the room closed while the session was away, the server refuses the
 * room's messages on reconnecting: the session loads what it missed (the goodbye and the close),
 * delivers it, reports {@code RoomClosed}, then {@link ConnectionState#CLOSED}, and does not
 * subscribe again.
 *
 * <p><b>Reconnecting.</b> After a loss the session waits (exponential backoff with full jitter
 * between the {@linkplain RealtimeOptions options}' bounds) and reconnects, without limit by
 * default; with a limit it ends in {@link ConnectionState#FAILED}. {@link #reconnect()} connects
 * at once (Android's connectivity callback, say) and starts the count again.
 *
 * <p><b>Threads.</b> Listener methods run on the session's event thread ({@code livechat-realtime
 * <roomId>}), one at a time, in order. Pings are answered on OkHttp's WebSocket thread, so a slow
 * listener cannot make the connection look dead; timers run on the client's one timer thread.
 * {@link #close()} stops the connection and the event thread; none is left behind. Closing the
 * client closes its sessions.
 */
public final class LivechatRealtime implements AutoCloseable {
  private final String roomId;
  private final ExecutorService thread;
  private final RoomSession session;

  private LivechatRealtime(RealtimeSupport support, String token, String roomId, RealtimeOptions options,
      RealtimeListener listener) {
    this.roomId = roomId;
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        DaemonThreads.named("livechat-realtime " + roomId));
    Request request = new Request.Builder().url(support.webSocketUrl()).build();
    DdpConnection connection = new DdpConnection(support.okHttp(), request, options, support.delays(), support.clock(),
        null);
    this.session = new RoomSession(support, token, roomId, "", options,
        query -> support.calls().history(token, roomId, query), listener, new SerialExecutor(thread),
        connection.link(true), () -> {
          support.closed(this);
          thread.shutdown();
        });
    connection.reportTo(session);
  }

  /**
   * Opens a session with what a client lends it; {@code LivechatClient.realtime} is the way to call
   * this. It connects in the background and reports {@link ConnectionState#CONNECTING}, then
   * {@link ConnectionState#CONNECTED}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code token} is blank or {@code roomId} is not one path
   *     segment
   */
  // Public only for LivechatClient, in another package: outside the module nobody can name
  // RealtimeSupport (internal is not exported), so nobody else can call this.
  @SuppressWarnings("exports")
  public static LivechatRealtime open(RealtimeSupport support, String token, String roomId,
      RealtimeOptions options, RealtimeListener listener) {
    Checks.notNull(support, "support");
    Checks.notBlank(token, "token");
    Checks.pathSegment(roomId, "roomId");
    Checks.notNull(options, "options");
    Checks.notNull(listener, "listener");
    LivechatRealtime realtime = new LivechatRealtime(support, token, roomId, options, listener);
    support.opened(realtime);
    realtime.session.start();
    return realtime;
  }

  /** The room this session follows. */
  public String roomId() {
    return roomId;
  }

  /** Where the connection stands now. */
  public ConnectionState state() {
    return session.state();
  }

  /**
   * Tells the agent whether the visitor is typing, as the widget does: a "typing" signal at most
   * once per {@link RealtimeOptions#typingThrottle()}, and "stopped" by itself when no {@code
   * typing(true)} came for {@link RealtimeOptions#typingTimeout()}. Call it on every keystroke
   * with {@code true}, and with {@code false} when the text is sent or cleared. Nothing is sent
   * while disconnected: typing is not worth replaying.
   */
  public void typing(boolean typing) {
    session.typing(typing);
  }

  /**
   * Connects now, when the session is waiting to reconnect or gave up ({@link
   * ConnectionState#WAITING}, {@link ConnectionState#FAILED}), with the backoff and the attempt
   * count reset: for callers who know the network is back. Does nothing while connecting or
   * connected, or once closed.
   */
  public void reconnect() {
    session.reconnect();
  }

  /**
   * Stops everything at once: the connection, its timers, and (after the event in progress) the
   * event thread; {@link ConnectionState#CLOSED} is the last event. Called from a listener (on
   * {@link RealtimeEvent.RoomClosed}, say), it returns at once and the event thread ends after
   * that listener call.
   */
  @Override
  public void close() {
    boolean fromListener = session.inEventThread();
    session.close();
    if (fromListener) {
      return; // the event thread ends after this event and CLOSED; it cannot wait for itself
    }
    try {
      if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "LivechatRealtime[roomId=" + roomId + ", state=" + state() + "]";
  }
}
