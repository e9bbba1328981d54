package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Puts every event on a queue (for the test to wait on) and on a list (for the final checks),
 * noting the listener thread of each, and notes which of the typed methods each event reached
 * ({@link #assertEveryEventReachedItsOwnMethod}).
 */
class RecordingListener implements RealtimeListener {
  static final Duration WAIT = Duration.ofSeconds(5);
  /** The typed method each kind of event must call, as the listener's javadoc promises. */
  static final Map<Class<? extends RealtimeEvent>, String> METHODS = Map.ofEntries(
      Map.entry(RealtimeEvent.MessageReceived.class, "onMessage"),
      Map.entry(RealtimeEvent.MessageEdited.class, "onMessageEdited"),
      Map.entry(RealtimeEvent.MessageUpdated.class, "onMessageUpdated"),
      Map.entry(RealtimeEvent.MessageDeleted.class, "onMessageDeleted"),
      Map.entry(RealtimeEvent.MessagesDeletedInBulk.class, "onMessagesDeletedInBulk"),
      Map.entry(RealtimeEvent.AgentTypingStarted.class, "onAgentTypingStarted"),
      Map.entry(RealtimeEvent.AgentTypingStopped.class, "onAgentTypingStopped"),
      Map.entry(RealtimeEvent.AgentChanged.class, "onAgentChanged"),
      Map.entry(RealtimeEvent.AgentLeft.class, "onAgentLeft"),
      Map.entry(RealtimeEvent.AgentStatusChanged.class, "onAgentStatusChanged"),
      Map.entry(RealtimeEvent.QueuePositionChanged.class, "onQueuePositionChanged"),
      Map.entry(RealtimeEvent.VisitorChanged.class, "onVisitorChanged"),
      Map.entry(RealtimeEvent.RoomClosed.class, "onRoomClosed"),
      Map.entry(RealtimeEvent.ConnectionStateChanged.class, "onConnectionStateChanged"),
      Map.entry(RealtimeEvent.SubscriptionFailed.class, "onSubscriptionFailed"));

  /** One call of a typed method. */
  record TypedCall(String method, RealtimeEvent event) {}

  final BlockingQueue<RealtimeEvent> events = new LinkedBlockingQueue<>();
  private final List<RealtimeEvent> all = new ArrayList<>();
  private final List<TypedCall> typed = new ArrayList<>();
  final List<String> threads = new ArrayList<>();
  private final java.util.Set<Thread> threadsSeen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  @Override
  public void onEvent(RealtimeEvent event) {
    synchronized (all) {
      all.add(event);
      threads.add(Thread.currentThread().getName());
      threadsSeen.add(Thread.currentThread());
    }
    events.add(event);
  }

  @Override
  public void onMessage(RealtimeEvent.MessageReceived event) {
    typed("onMessage", event);
  }

  @Override
  public void onMessageEdited(RealtimeEvent.MessageEdited event) {
    typed("onMessageEdited", event);
  }

  @Override
  public void onMessageUpdated(RealtimeEvent.MessageUpdated event) {
    typed("onMessageUpdated", event);
  }

  @Override
  public void onMessageDeleted(RealtimeEvent.MessageDeleted event) {
    typed("onMessageDeleted", event);
  }

  @Override
  public void onMessagesDeletedInBulk(RealtimeEvent.MessagesDeletedInBulk event) {
    typed("onMessagesDeletedInBulk", event);
  }

  @Override
  public void onAgentTypingStarted(RealtimeEvent.AgentTypingStarted event) {
    typed("onAgentTypingStarted", event);
  }

  @Override
  public void onAgentTypingStopped(RealtimeEvent.AgentTypingStopped event) {
    typed("onAgentTypingStopped", event);
  }

  @Override
  public void onAgentChanged(RealtimeEvent.AgentChanged event) {
    typed("onAgentChanged", event);
  }

  @Override
  public void onAgentLeft(RealtimeEvent.AgentLeft event) {
    typed("onAgentLeft", event);
  }

  @Override
  public void onAgentStatusChanged(RealtimeEvent.AgentStatusChanged event) {
    typed("onAgentStatusChanged", event);
  }

  @Override
  public void onQueuePositionChanged(RealtimeEvent.QueuePositionChanged event) {
    typed("onQueuePositionChanged", event);
  }

  @Override
  public void onVisitorChanged(RealtimeEvent.VisitorChanged event) {
    typed("onVisitorChanged", event);
  }

  @Override
  public void onRoomClosed(RealtimeEvent.RoomClosed event) {
    typed("onRoomClosed", event);
  }

  @Override
  public void onConnectionStateChanged(RealtimeEvent.ConnectionStateChanged event) {
    typed("onConnectionStateChanged", event);
  }

  @Override
  public void onSubscriptionFailed(RealtimeEvent.SubscriptionFailed event) {
    typed("onSubscriptionFailed", event);
  }

  private void typed(String method, RealtimeEvent event) {
    synchronized (all) {
      typed.add(new TypedCall(method, event));
    }
  }

  /**
   * Every event that reached {@link #onEvent} reached its own typed method next, once, and no
   * typed method was called otherwise. Call it once the sessions are closed (their event threads
   * ended), so that no call is still on its way; a subclass that overrides typed methods does not
   * qualify.
   */
  void assertEveryEventReachedItsOwnMethod() {
    List<TypedCall> expected = new ArrayList<>();
    for (RealtimeEvent event : all()) {
      expected.add(new TypedCall(METHODS.get(event.getClass()), event));
    }
    List<TypedCall> actual;
    synchronized (all) {
      actual = new ArrayList<>(typed);
    }
    assertThat(actual).as("the typed listener methods called, in order").isEqualTo(expected);
  }

  /** Every event so far, in order. */
  List<RealtimeEvent> all() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }

  /** The events so far, short: message ids and states. */
  String summary() {
    StringBuilder out = new StringBuilder();
    for (RealtimeEvent event : all()) {
      out.append(out.length() == 0 ? "" : ", ");
      if (event instanceof RealtimeEvent.MessageReceived e) {
        out.append("received ").append(e.message().id());
      } else if (event instanceof RealtimeEvent.MessageEdited e) {
        out.append("edited ").append(e.message().id());
      } else if (event instanceof RealtimeEvent.ConnectionStateChanged e) {
        out.append(e.state());
      } else {
        out.append(event);
      }
    }
    return out.toString();
  }

  /** How many distinct threads called the listener so far. */
  int distinctThreads() {
    synchronized (all) {
      return threadsSeen.size();
    }
  }

  /** Every listener thread's name so far. */
  List<String> threadNames() {
    synchronized (all) {
      return new ArrayList<>(threads);
    }
  }

  /** The next event, failing if none comes within 5 s. */
  RealtimeEvent next() throws InterruptedException {
    RealtimeEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      fail("no event within " + WAIT);
    }
    return event;
  }

  /** The next event, which must be a {@code type}. */
  <T extends RealtimeEvent> T next(Class<T> type) throws InterruptedException {
    RealtimeEvent event = next();
    assertThat(event).as("the next event; all so far: %s", summary()).isInstanceOf(type);
    return type.cast(event);
  }

  /** The next event, which must be a change to {@code state}. */
  RealtimeEvent.ConnectionStateChanged nextState(ConnectionState state) throws InterruptedException {
    RealtimeEvent.ConnectionStateChanged changed = next(RealtimeEvent.ConnectionStateChanged.class);
    assertThat(changed.state()).as("the next state; all events so far: %s", summary()).isEqualTo(state);
    return changed;
  }

  /** Skips events until a change to {@code state}; fails if none comes within {@code within}. */
  RealtimeEvent.ConnectionStateChanged awaitState(ConnectionState state, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      RealtimeEvent event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (event == null) {
        fail("no change to " + state + " within " + within);
      }
      if (event instanceof RealtimeEvent.ConnectionStateChanged changed && changed.state() == state) {
        return changed;
      }
    }
  }

  /** The next event if one comes within {@code within}, else null. */
  @Nullable RealtimeEvent poll(Duration within) throws InterruptedException {
    return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Fails if any event comes within {@code within}. */
  void assertNoEventWithin(Duration within) throws InterruptedException {
    RealtimeEvent event = poll(within);
    assertThat(event).as("no event expected").isNull();
  }
}
