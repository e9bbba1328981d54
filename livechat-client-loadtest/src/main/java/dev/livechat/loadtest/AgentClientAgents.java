package dev.livechat.loadtest;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.model.Message;
import dev.livechat.client.testing.agent.AgentCredentials;
import dev.livechat.client.testing.agent.AgentListener;
import dev.livechat.client.testing.agent.Inquiry;
import dev.livechat.client.testing.agent.LivechatAgent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Scripted agents over the server's agent API ({@link LivechatAgent}: REST login, {@code
 * agent.status}, {@code inquiries.take}, {@code chat.sendMessage}, and the agent's DDP
 * connection): the same path against a real server ({@code --url}) and against the embedded fake
 * ({@code --agent-api http}).
 *
 * <p>Each agent logs in, makes itself available and listens. A chat entering the queue ({@code
 * stream-livechat-inquiry-queue-observer}) is taken by the agent of ours serving the fewest rooms
 * under its limit (or waits for a chat to close); a room the server routes to one of ours ({@code
 * subscriptions-changed}, auto selection) is that agent's. The agent then watches the room ({@code
 * stream-room-messages}) and only then tells the run it took it, so that the visitor's first message
 * comes after the agent listens. If neither event came for a room the visitor opened within five
 * seconds, an agent polls for it ({@link LivechatAgent#accept}). Replies go one after the other per
 * room, each after the agent delay.
 */
final class AgentClientAgents implements ScriptedAgents {
  private static final long FALLBACK_AFTER_SECONDS = 5;

  private final HttpUrl url;
  private final OkHttpClient http;
  private final List<AgentCredentials> credentials;
  private final int maxChats;
  private final ScheduledExecutorService timer;
  private final String description;
  private final ExecutorService work = Executors.newFixedThreadPool(8, r -> {
    Thread thread = new Thread(r, "loadtest-agent");
    thread.setDaemon(true);
    return thread;
  });
  private final List<LivechatAgent> agents = new ArrayList<>();
  private final Map<LivechatAgent, Integer> load = new HashMap<>(); // guarded by this
  /** Rooms one of ours took or was given, with their state. */
  private final Map<String, Room> rooms = new HashMap<>(); // guarded by this
  private final Set<String> claimed = new HashSet<>(); // guarded by this
  private final Queue<Inquiry> waiting = new ArrayDeque<>(); // guarded by this
  private volatile @Nullable AgentSink sink;

  private static final class Room {
    final LivechatAgent agent;
    final Set<String> seen = new HashSet<>(); // guarded by itself
    CompletableFuture<Void> replies = CompletableFuture.completedFuture(null); // guarded by this Room

    Room(LivechatAgent agent) {
      this.agent = agent;
    }
  }

  AgentClientAgents(HttpUrl url, OkHttpClient http, List<AgentCredentials> credentials, int maxChats,
      ScheduledExecutorService timer, String description) {
    this.url = url;
    this.http = http;
    this.credentials = List.copyOf(credentials);
    this.maxChats = maxChats;
    this.timer = timer;
    this.description = description;
  }

  @Override
  public void start(AgentSink sink) {
    this.sink = sink;
    for (AgentCredentials c : credentials) {
      LivechatAgent agent = LivechatAgent.builder().baseUrl(url).okHttpClient(http).credentials(c).build();
      agents.add(agent);
      synchronized (this) {
        load.put(agent, 0);
      }
      agent.setAvailable(true);
      agent.listen(new Listener(agent));
    }
  }

  private final class Listener implements AgentListener {
    private final LivechatAgent agent;

    Listener(LivechatAgent agent) {
      this.agent = agent;
    }

    @Override
    public void onInquiryQueued(Inquiry inquiry) {
      work.execute(() -> claim(inquiry));
    }

    @Override
    public void onRoomAssigned(String roomId) {
      work.execute(() -> given(agent, roomId));
    }

    @Override
    public void onVisitorMessage(String roomId, Message message) {
      seen(roomId, message);
    }

    @Override
    public void onMessage(String roomId, Message message) {
      if ("livechat-close".equals(message.type())) {
        work.execute(() -> release(roomId));
      }
    }

    @Override
    public void onDisconnected(@Nullable Throwable cause) {
      AgentSink s = sink;
      if (cause != null && s != null) {
        s.failed("-", "realtime", cause);
      }
    }
  }

  @Override
  public void roomOpened(String token, String roomId) {
    timer.schedule(() -> work.execute(() -> fallback(roomId)), FALLBACK_AFTER_SECONDS, TimeUnit.SECONDS);
  }

  /** A queued chat: the least loaded of ours takes it, or it waits for a chat to close. */
  private void claim(Inquiry inquiry) {
    LivechatAgent agent;
    synchronized (this) {
      if (!claimed.add(inquiry.roomId())) {
        return; // every agent of ours hears the queue: the first event claims
      }
      agent = leastLoaded();
      if (agent == null) {
        claimed.remove(inquiry.roomId());
        waiting.add(inquiry);
        return;
      }
      load.merge(agent, 1, Integer::sum);
      rooms.put(inquiry.roomId(), new Room(agent));
    }
    try {
      agent.takeInquiry(inquiry.id());
    } catch (LivechatApiException e) {
      if (!"error-inquiry-taken".equals(e.errorCode())) {
        fail(inquiry.roomId(), "take", e);
        return;
      }
      // taken meanwhile by routing or an agent not ours: watch it only if it is ours (onRoomAssigned)
    } catch (RuntimeException e) {
      fail(inquiry.roomId(), "take", e);
      return;
    }
    watch(inquiry.roomId());
  }

  /** The server gave {@code roomId} to {@code agent} (routing, or our own take). */
  private void given(LivechatAgent agent, String roomId) {
    synchronized (this) {
      if (!claimed.add(roomId)) {
        return;
      }
      load.merge(agent, 1, Integer::sum);
      rooms.put(roomId, new Room(agent));
    }
    watch(roomId);
  }

  /** No event named the room in time: the least loaded agent polls for it. */
  private void fallback(String roomId) {
    LivechatAgent agent;
    synchronized (this) {
      if (claimed.contains(roomId) || agents.isEmpty()) {
        return;
      }
      agent = leastLoaded();
      if (agent == null) {
        return; // all busy: it waits for a chat to close, as the queue does
      }
      claimed.add(roomId);
      load.merge(agent, 1, Integer::sum);
      rooms.put(roomId, new Room(agent));
    }
    try {
      agent.accept(roomId, Duration.ofSeconds(10));
      watch(roomId);
    } catch (RuntimeException e) {
      fail(roomId, "accept", e);
    }
  }

  private void watch(String roomId) {
    Room room;
    synchronized (this) {
      room = rooms.get(roomId);
    }
    if (room == null) {
      return;
    }
    try {
      room.agent.watchRoom(roomId);
      sink.taken(roomId);
    } catch (RuntimeException e) {
      fail(roomId, "watch", e);
    }
  }

  private void fail(String roomId, String what, Exception e) {
    sink.failed(roomId, what, e);
    release(roomId);
  }

  private @Nullable LivechatAgent leastLoaded() {
    LivechatAgent best = null;
    for (LivechatAgent agent : agents) {
      int n = load.get(agent);
      if ((maxChats == 0 || n < maxChats) && (best == null || n < load.get(best))) {
        best = agent;
      }
    }
    return best;
  }

  private void release(String roomId) {
    Inquiry next;
    synchronized (this) {
      Room room = rooms.remove(roomId);
      if (room == null) {
        return;
      }
      load.merge(room.agent, -1, Integer::sum);
      next = waiting.poll();
    }
    if (next != null) {
      claim(next);
    }
  }

  private void seen(String roomId, Message message) {
    long now = System.nanoTime();
    Room room;
    synchronized (this) {
      room = rooms.get(roomId);
    }
    if (room == null) {
      return;
    }
    synchronized (room.seen) {
      if (!room.seen.add(message.id())) {
        return; // an edit, or the same message again: an agent's screen shows it once
      }
    }
    Reply reply = sink.seen(roomId, message, now);
    if (reply == null) {
      return;
    }
    synchronized (room) {
      room.replies = room.replies.thenCompose(previous -> {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        long delay = Math.max(0, reply.intendedNanos() - System.nanoTime());
        timer.schedule(() -> work.execute(() -> {
          send(room, roomId, reply);
          sent.complete(null);
        }), delay, TimeUnit.NANOSECONDS);
        return sent;
      });
    }
  }

  private void send(Room room, String roomId, Reply reply) {
    synchronized (this) {
      if (rooms.get(roomId) != room) {
        return; // closed meanwhile: nothing owed
      }
    }
    try {
      room.agent.sendMessage(roomId, reply.text());
      sink.replied(roomId, reply);
    } catch (RuntimeException e) {
      sink.failed(roomId, "reply", e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    work.shutdownNow();
    for (LivechatAgent agent : agents) {
      try {
        agent.close();
      } catch (RuntimeException e) {
        // closing: nothing more to do for it
      }
    }
  }
}
