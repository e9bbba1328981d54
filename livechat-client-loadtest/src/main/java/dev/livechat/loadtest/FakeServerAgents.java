package dev.livechat.loadtest;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.model.Message;
import dev.livechat.client.realtime.HubOptions;
import dev.livechat.client.realtime.LivechatHub;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scripted agents in the same process as the embedded {@link FakeLivechatServer}, over its {@link
 * FakeAgent}s ({@code --agent-api in-process}): lighter than agents over the agent API, and open
 * to tests that make the fake lose or repeat a reply. The fake runs with manual selection, so a
 * room waits in the queue until one of these agents takes it ({@link FakeAgent#assign}): the one
 * serving the fewest rooms, when it is under its chat limit; otherwise the room waits for a chat
 * to close. The agents watch their rooms through one {@link LivechatHub} (a few WebSockets for all
 * rooms, each subscribed with its visitor's token): a visitor message it shows is "seen by the
 * agent", and the run hears "taken" once the hub follows the room. The reply ({@link
 * FakeAgent#reply}) is sent after the agent delay, one after the other per room.
 */
final class FakeServerAgents implements ScriptedAgents {
  /** How an agent sends a reply; tests replace it to make the fake lose or repeat a message. */
  @FunctionalInterface
  interface ReplySender {
    Message send(FakeAgent agent, String roomId, String text);
  }

  private final FakeLivechatServer server;
  private final LivechatClient observer;
  private final int count;
  private final int maxChats;
  private final ScheduledExecutorService timer;
  private final ReplySender sender;
  /** The agents' own work (taking rooms, replying: each holds the fake's lock a while), off the visitors' timer. */
  private final java.util.concurrent.ExecutorService work = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
    Thread thread = new Thread(r, "loadtest-agent");
    thread.setDaemon(true);
    return thread;
  });
  private final List<FakeAgent> agents = new ArrayList<>();
  private final Map<FakeAgent, Integer> load = new HashMap<>(); // guarded by this
  private final Map<String, Watch> servedBy = new HashMap<>(); // guarded by this
  private final Queue<String[]> waiting = new ArrayDeque<>(); // guarded by this: {token, roomId}
  private volatile AgentSink sink;

  /**
   * A room an agent took: the ids of the messages it saw (its realtime view and its history load
   * may both show one; an agent's screen shows it once), and its replies, sent one after the
   * other in the order they were owed.
   */
  private static final class Watch {
    final FakeAgent agent;
    final Set<String> seen = new HashSet<>(); // guarded by itself
    CompletableFuture<Void> replies = CompletableFuture.completedFuture(null);

    Watch(FakeAgent agent) {
      this.agent = agent;
    }
  }
  private volatile LivechatHub hub;

  FakeServerAgents(FakeLivechatServer server, LivechatClient observer, int count, int maxChats,
      ScheduledExecutorService timer, ReplySender sender) {
    this.server = server;
    this.observer = observer;
    this.count = count;
    this.maxChats = maxChats;
    this.timer = timer;
    this.sender = sender;
  }

  @Override
  public void start(AgentSink sink) {
    this.sink = sink;
    for (int i = 1; i <= count; i++) {
      FakeAgent agent = server.agent("loadtest.agent" + i, "Load-test agent " + i);
      agents.add(agent);
      load.put(agent, 0);
    }
    hub = observer.hub(HubOptions.defaults().withConnections(Math.min(8, Math.max(2, count))).withThreads(2)
        .withConcurrentLoads(16), this::onEvent);
  }

  @Override
  public void roomOpened(String token, String roomId) {
    synchronized (this) {
      waiting.add(new String[] {token, roomId});
    }
    work.execute(this::dispatch);
  }

  /** Gives waiting rooms to the least loaded agents under their limit. */
  private void dispatch() {
    while (true) {
      String[] room;
      FakeAgent agent;
      synchronized (this) {
        if (waiting.isEmpty()) {
          return;
        }
        agent = leastLoaded();
        if (agent == null) {
          return;
        }
        room = waiting.poll();
        load.merge(agent, 1, Integer::sum);
        servedBy.put(room[1], new Watch(agent));
      }
      String token = room[0];
      String roomId = room[1];
      try {
        agent.assign(roomId);
        // The agent has taken the room when it follows it: only then may the visitor write, so
        // that every message comes after the hub's starting point (nothing for the agent to load
        // from the history) and shows in its order.
        hub.add(token, roomId).whenComplete((ready, error) -> {
          if (error != null) {
            sink.failed(roomId, "watch", error);
          } else {
            sink.taken(roomId);
          }
        });
      } catch (RuntimeException e) {
        sink.failed(room[1], "take", e);
        release(room[1]);
      }
    }
  }

  private FakeAgent leastLoaded() {
    FakeAgent best = null;
    for (FakeAgent agent : agents) {
      int n = load.get(agent);
      if ((maxChats == 0 || n < maxChats) && (best == null || n < load.get(best))) {
        best = agent;
      }
    }
    return best;
  }

  private void release(String roomId) {
    synchronized (this) {
      Watch watch = servedBy.remove(roomId);
      if (watch == null) {
        return;
      }
      load.merge(watch.agent, -1, Integer::sum);
    }
    work.execute(this::dispatch);
  }

  private void onEvent(String roomId, RealtimeEvent event) {
    if (event instanceof RealtimeEvent.MessageReceived received) {
      seen(roomId, received.message());
    } else if (event instanceof RealtimeEvent.RoomClosed) {
      hub.remove(roomId);
      release(roomId);
    }
  }

  /** The agent sees {@code message} (once per id); a reply it owes goes after the room's earlier ones. */
  private void seen(String roomId, Message message) {
    long now = System.nanoTime();
    Watch watch;
    synchronized (this) {
      watch = servedBy.get(roomId);
    }
    if (watch == null) {
      return;
    }
    synchronized (watch.seen) {
      if (!watch.seen.add(message.id())) {
        return;
      }
    }
    Reply reply = sink.seen(roomId, message, now);
    if (reply == null) {
      return;
    }
    synchronized (watch) {
      watch.replies = watch.replies.thenCompose(previous -> {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        long delay = Math.max(0, reply.intendedNanos() - System.nanoTime());
        timer.schedule(() -> work.execute(() -> {
          send(watch, roomId, reply);
          sent.complete(null);
        }), delay, TimeUnit.NANOSECONDS);
        return sent;
      });
    }
  }

  private void send(Watch watch, String roomId, Reply reply) {
    synchronized (this) {
      if (servedBy.get(roomId) != watch) {
        return; // closed meanwhile: nothing owed
      }
    }
    try {
      sender.send(watch.agent, roomId, reply.text());
      sink.replied(roomId, reply);
    } catch (RuntimeException e) {
      sink.failed(roomId, "reply", e);
    }
  }

  @Override
  public String describe() {
    return count + " in-process FakeAgent(s)" + (maxChats == 0 ? "" : ", at most " + maxChats + " chats each")
        + ", watching through one LivechatHub";
  }

  @Override
  public void close() {
    LivechatHub h = hub;
    if (h != null) {
      h.close();
    }
    work.shutdownNow();
  }
}
