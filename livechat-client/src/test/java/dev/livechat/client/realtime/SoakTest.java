package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The soak test: a scripted server drops the connection {@value #DROPS} times while agent
 * messages keep arriving. Around each drop some messages are pushed on the socket (and stored),
 * one is pushed just before the drop (it may or may not get through), some are stored only while
 * the session is disconnected (served only by the history endpoint), one is pushed on the new
 * connection before its subscription is ready, and one is pushed while the gap is loading. Some
 * reconnect attempts are refused, so the backoff grows. One gap holds more than a history page.
 *
 * <p>In the end the listener must have received every message exactly once, in the server's
 * order, reached CONNECTED after each drop, and every reconnect delay must lie within the
 * backoff bounds (read against the session's clock).
 */
class SoakTest extends RealtimeTestBase {
  static final int DROPS = 25;
  static final int LONG_GAP_CYCLE = 12;
  static final int LONG_GAP = 150;

  /** The session's clock, noting every reading (the session reads it when it schedules a reconnect). */
  static final class RecordingClock extends Clock {
    final List<Instant> readings = new CopyOnWriteArrayList<>();

    @Override
    public Instant instant() {
      Instant now = Instant.now();
      readings.add(now);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void everyMessageExactlyOnceInOrderAcrossManyDropsWithDelaysInsideTheBackoffBounds() throws Exception {
    long started = System.nanoTime();
    RecordingClock clock = new RecordingClock();
    // A heartbeat far longer than the test: every loss counted here is one the test caused, not a
    // ping answered late on a busy machine.
    open(FAST.withHeartbeat(Duration.ofSeconds(30), Duration.ofSeconds(60)), listener, clock);
    connected(); // the baseline: an empty room

    AtomicInteger cycle = new AtomicInteger(-1); // the cycle whose drop happened last
    AtomicInteger gapStored = new AtomicInteger(-1);
    AtomicInteger earlyPushed = new AtomicInteger(-1);
    AtomicInteger fillPushed = new AtomicInteger(-1);
    // While disconnected: stored only, served only by the history endpoint.
    ddp.onUpgrade = () -> {
      int c = cycle.get();
      if (c >= 0 && gapStored.getAndSet(c) != c) {
        int count = c == LONG_GAP_CYCLE ? LONG_GAP : 3;
        for (int i = 0; i < count; i++) {
          ddp.store("c" + c + "-gap" + i);
        }
      }
    };
    // On the new connection, before its message subscription is ready.
    ddp.onSub = sub -> {
      int c = cycle.get();
      if (c >= 0 && sub.name().equals("stream-room-messages") && earlyPushed.getAndSet(c) != c) {
        sub.peer().pushMessage(ddp.store("c" + c + "-early"));
      }
    };
    // While the gap is loading: stored after the first page was read, and pushed.
    ddp.onHistory = url -> {
      int c = cycle.get();
      if (c >= 0 && "100".equals(url.queryParameter("limit")) && url.queryParameter("end") == null
          && fillPushed.getAndSet(c) != c) {
        ddp.storeAndPush("c" + c + "-during-fill");
      }
    };

    int refusedInAll = 0;
    for (int c = 0; c < DROPS; c++) {
      for (int i = 0; i < 3; i++) {
        ddp.storeAndPush("c" + c + "-live" + i);
      }
      if (c % 4 == 3) {
        int refuse = 1 + (c / 4) % 3; // 1, 2 or 3 failed attempts in a row
        ddp.upgradesToRefuse.set(refuse);
        refusedInAll += refuse;
      }
      cycle.set(c);
      ScriptedDdpServer.Peer peer = ddp.current();
      ddp.storeAndPush("c" + c + "-edge"); // right before the drop: it may not get through
      if (c % 2 == 0) {
        peer.drop(); // no close frame: the client sees a failure
      } else {
        peer.closeFromServer(1001, "going away");
      }
      listener.awaitState(ConnectionState.CONNECTED, Duration.ofSeconds(10));
    }
    for (int i = 0; i < 3; i++) {
      ddp.storeAndPush("final" + i);
    }
    awaitMessage("final2");
    assertThat(listener.poll(Duration.ofMillis(100))).as("nothing after the last message").isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the soak's running time").isLessThan(Duration.ofSeconds(60));

    List<RealtimeEvent> events = listener.all();
    List<String> received = events.stream()
        .filter(RealtimeEvent.MessageReceived.class::isInstance)
        .map(e -> ((RealtimeEvent.MessageReceived) e).message().id())
        .collect(Collectors.toList());
    List<String> stored = ddp.roomIds();

    // Every message exactly once, in the server's order.
    try {
      assertThat(received).doesNotHaveDuplicates();
      assertThat(received).isEqualTo(stored);
    } catch (AssertionError e) {
      System.out.println("soak events: " + listener.summary());
      throw e;
    }
    assertThat(stored).hasSize(DROPS * 9 - 3 + LONG_GAP + 3);
    assertThat(events).noneMatch(e -> e instanceof RealtimeEvent.MessageEdited
        || e instanceof RealtimeEvent.SubscriptionFailed || e instanceof RealtimeEvent.RoomClosed);

    // The states: well formed, and CONNECTED after each drop.
    List<RealtimeEvent.ConnectionStateChanged> states = events.stream()
        .filter(RealtimeEvent.ConnectionStateChanged.class::isInstance)
        .map(RealtimeEvent.ConnectionStateChanged.class::cast)
        .collect(Collectors.toList());
    assertWellFormed(states);
    assertThat(states).filteredOn(s -> s.state() == ConnectionState.CONNECTED).hasSize(DROPS + 1);
    List<RealtimeEvent.ConnectionStateChanged> waits = states.stream()
        .filter(s -> s.state() == ConnectionState.WAITING)
        .collect(Collectors.toList());
    assertThat(waits).hasSize(DROPS + refusedInAll);

    // The delays: each WAITING's next attempt, minus the clock reading it was computed from, lies
    // within [min, max] and within the cap of its attempt (min doubled per failed attempt).
    assertThat(clock.readings).hasSameSizeAs(waits);
    List<ScriptedDdpServer.Arrival> upgrades = new ArrayList<>(ddp.upgrades);
    assertThat(upgrades).hasSize(1 + waits.size());
    int attempt = 0;
    int wait = 0;
    List<Duration> delays = new ArrayList<>();
    for (RealtimeEvent.ConnectionStateChanged state : states) {
      if (state.state() == ConnectionState.CONNECTED) {
        attempt = 0;
      } else if (state.state() == ConnectionState.WAITING) {
        attempt++;
        Duration delay = Duration.between(clock.readings.get(wait), state.nextAttemptAt());
        Duration cap = MIN_RECONNECT.multipliedBy(1L << Math.min(attempt - 1, 20));
        cap = cap.compareTo(MAX_RECONNECT) > 0 ? MAX_RECONNECT : cap;
        assertThat(delay).as("delay of attempt %d (wait %d)", attempt, wait)
            .isBetween(MIN_RECONNECT, MAX_RECONNECT)
            .isLessThanOrEqualTo(cap);
        // And the next attempt really came no earlier than announced (nor much later).
        Instant arrived = upgrades.get(wait + 1).at();
        assertThat(arrived).as("attempt after wait %d", wait)
            .isAfterOrEqualTo(state.nextAttemptAt().minusMillis(2))
            .isBefore(state.nextAttemptAt().plusSeconds(2));
        delays.add(delay);
        wait++;
      }
    }
    assertThat(upgrades).filteredOn(a -> !a.accepted()).hasSize(refusedInAll);
    assertThat(delays).as("some delays grew past the minimum").anyMatch(d -> d.compareTo(MIN_RECONNECT) > 0);
  }

  private void awaitMessage(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      RealtimeEvent event = listener.poll(Duration.ofMillis(100));
      if (event instanceof RealtimeEvent.MessageReceived received && received.message().id().equals(id)) {
        return;
      }
    }
    fail("message " + id + " never arrived");
  }

  static void assertWellFormed(List<RealtimeEvent.ConnectionStateChanged> states) {
    assertThat(states.get(0).state()).isEqualTo(ConnectionState.CONNECTING);
    for (int i = 1; i < states.size(); i++) {
      ConnectionState from = states.get(i - 1).state();
      ConnectionState to = states.get(i).state();
      boolean allowed = switch (from) {
        case CONNECTING -> to == ConnectionState.CONNECTED || to == ConnectionState.WAITING;
        case CONNECTED -> to == ConnectionState.WAITING;
        case WAITING -> to == ConnectionState.CONNECTING;
        case FAILED -> to == ConnectionState.CONNECTING;
        case CLOSED -> false;
      };
      assertThat(allowed).as("%s -> %s at %d", from, to, i).isTrue();
      if (to == ConnectionState.WAITING) {
        assertThat(states.get(i).nextAttemptAt()).isNotNull();
        assertThat(states.get(i).cause()).isNotBlank();
      }
    }
  }
}
