package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Reconnecting: the gap is filled from history, in order, before what the new connection brings. */
class ReconnectTest extends RealtimeTestBase {

  /** Message ids of the next {@code count} events, which must all be MessageReceived. */
  List<String> nextMessages(RecordingListener from, int count) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(from.next(RealtimeEvent.MessageReceived.class).message().id());
    }
    return ids;
  }

  /**
   * Each refused attempt waits longer: attempt n waits between the minimum and min × 2^(n-1), never
   * more than the maximum; the WAITING event says when the next attempt starts; reconnect() starts
   * the count again. The waits are read from the manual timer, which parks every wait of 1 s or more.
   */
  @Test
  void theBackoffGrowsWithEachRefusedAttemptAndReconnectStartsItAgain() throws Exception {
    ManualTime time = new ManualTime(java.time.Instant.parse("2026-11-26T10:00:00Z"));
    useManualTime(time);
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofSeconds(16);
    LivechatRealtime realtime = open(FAST.withReconnectDelays(min, max), listener, Clock.systemUTC()); // on the manual client
    ScriptedDdpServer.Peer peer = connected();
    ddp.upgradesToRefuse.set(1_000);

    peer.drop();
    List<Duration> waits = new ArrayList<>();
    for (int attempt = 1; attempt <= 8; attempt++) {
      RealtimeEvent.ConnectionStateChanged waiting = listener.nextState(ConnectionState.WAITING);
      ManualTime.Parked parked = time.nextParked();
      assertThat(waiting.nextAttemptAt()).isEqualTo(time.instant().plus(parked.delay()));
      assertThat(waiting.cause()).isNotBlank();
      Duration cap = Duration.ofSeconds(Math.min(16, 1L << (attempt - 1)));
      assertThat(parked.delay()).as("attempt %d", attempt).isBetween(min, cap);
      waits.add(parked.delay());
      time.fire(parked);
      listener.nextState(ConnectionState.CONNECTING);
    }
    assertThat(waits.get(0)).as("the first wait's cap is the minimum").isEqualTo(min);
    // Full jitter: each later wait is random within its cap; that none of the five after the third
    // exceeded 2 s has a probability of about 1 in 30,000,000 (1/3 × 1/7 × 1/15 × 1/15 × 1/15).
    assertThat(waits.subList(3, 8)).as("the waits grew").anyMatch(wait -> wait.compareTo(Duration.ofSeconds(2)) > 0);

    listener.nextState(ConnectionState.WAITING);
    time.nextParked();
    realtime.reconnect();
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.WAITING);
    assertThat(time.nextParked().delay()).as("the count started again").isEqualTo(min);
  }

  @Test
  void whatWasHeldBackWhileCatchingUpIsDeliveredOnceAndNotAgainAfterAReconnect() throws Exception {
    AtomicBoolean once = new AtomicBoolean();
    ddp.onSub = sub -> {
      if (sub.name().equals("stream-room-messages") && once.compareAndSet(false, true)) {
        // Before the subscription is ready: held back until the gap is filled.
        sub.peer().send(ScriptedDdpServer.changed("stream-livechat-room", RID, Map.of("type", "agentStatus", "status", "online")));
      }
    };
    open();
    ScriptedDdpServer.Peer first = ddp.nextPeer();
    listener.nextState(ConnectionState.CONNECTING);
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentStatusChanged("online"));
    listener.nextState(ConnectionState.CONNECTED);

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ScriptedDdpServer.Peer second = ddp.nextPeer();
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    second.send(ScriptedDdpServer.changed("stream-livechat-room", RID, Map.of("type", "agentStatus", "status", "sentinel")));
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.AgentStatusChanged("sentinel"));
  }

  @Test
  void aCloseFrameFromTheServerIsALossWithItsCodeAndReason() throws Exception {
    open();
    ScriptedDdpServer.Peer first = connected();

    first.closeFromServer(4000, "going away");
    assertThat(listener.nextState(ConnectionState.WAITING).cause()).isEqualTo("closed by the server (4000 going away)");
    ScriptedDdpServer.Peer second = ddp.nextPeer();
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);

    second.closeFromServer(1001, "");
    assertThat(listener.nextState(ConnectionState.WAITING).cause()).isEqualTo("closed by the server (1001)");
  }

  @Test
  void aSuccessfulReconnectStartsTheAttemptCountAgain() throws Exception {
    open(FAST.withMaxReconnectAttempts(1), listener, Clock.systemUTC());
    ScriptedDdpServer.Peer peer = connected();

    for (int drop = 1; drop <= 3; drop++) {
      peer.drop();
      listener.nextState(ConnectionState.WAITING); // not FAILED: the last attempt succeeded
      peer = ddp.nextPeer();
      listener.nextState(ConnectionState.CONNECTING);
      listener.nextState(ConnectionState.CONNECTED);
    }

    ddp.upgradesToRefuse.set(1_000);
    peer.drop();
    listener.nextState(ConnectionState.WAITING);
    listener.nextState(ConnectionState.CONNECTING);
    assertThat(listener.nextState(ConnectionState.FAILED).cause()).startsWith("gave up after 1 reconnect attempts: ");
  }

  @Test
  void theGapIsFilledInOrderBeforeMessagesOfTheNewConnection() throws Exception {
    open();
    ScriptedDdpServer.Peer first = connected();
    ddp.storeAndPush("m1");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");

    AtomicBoolean once = new AtomicBoolean();
    ddp.onUpgrade = () -> {
      if (once.compareAndSet(false, true)) {
        ddp.store("gap1"); // only in history: no connection to push them on
        ddp.store("gap2");
        ddp.store("gap3");
      }
    };
    ddp.onSub = sub -> {
      if (sub.peer().index == 2 && sub.name().equals("stream-room-messages")) {
        sub.peer().pushMessage(ddp.store("early")); // before "ready": DDP allows data before ready
      }
    };
    ddp.onHistory = url -> {
      if ("100".equals(url.queryParameter("limit")) && url.queryParameter("end") == null) {
        ddp.storeAndPush("during-fill"); // stored after the page was read: only pushed
      }
    };
    first.drop();

    RealtimeEvent.ConnectionStateChanged waiting = listener.nextState(ConnectionState.WAITING);
    assertThat(waiting.nextAttemptAt()).isNotNull();
    listener.nextState(ConnectionState.CONNECTING);
    // The push of "during-fill" races the history answer: it may land before CONNECTED (held back
    // with the fill) or just after; either way every message comes once, in order.
    List<String> seen = new ArrayList<>();
    while (seen.size() < 6) {
      RealtimeEvent event = listener.next();
      if (event instanceof RealtimeEvent.MessageReceived received) {
        seen.add(received.message().id());
      } else if (event instanceof RealtimeEvent.ConnectionStateChanged changed) {
        assertThat(changed.state()).isEqualTo(ConnectionState.CONNECTED);
        seen.add("CONNECTED");
      }
    }
    assertThat(seen).containsSubsequence("gap1", "gap2", "gap3", "early", "CONNECTED");
    assertThat(seen).filteredOn(id -> !id.equals("CONNECTED"))
        .containsExactly("gap1", "gap2", "gap3", "early", "during-fill");

    HttpUrl fill = ddp.allHistoryRequests.get(1);
    assertThat(fill.queryParameter("limit")).isEqualTo("100");
    assertThat(fill.queryParameter("token")).isEqualTo(TOKEN);
    assertThat(fill.queryParameter("end")).isNull();

    ddp.storeAndPush("after");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("after");
    assertThat(ddp.roomIds()).containsExactly("m1", "gap1", "gap2", "gap3", "early", "during-fill", "after");
  }

  @Test
  void aLongGapIsLoadedPageByPageWithEnd() throws Exception {
    open();
    ScriptedDdpServer.Peer first = connected();
    ddp.storeAndPush("m0");
    listener.next(RealtimeEvent.MessageReceived.class);

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    List<String> gap = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      gap.add(ddp.store("gap" + i).id());
    }
    listener.nextState(ConnectionState.CONNECTING);

    assertThat(nextMessages(listener, 250)).isEqualTo(gap);
    listener.nextState(ConnectionState.CONNECTED);
    List<HttpUrl> fills = ddp.allHistoryRequests.subList(2, ddp.allHistoryRequests.size());
    assertThat(fills).hasSizeGreaterThanOrEqualTo(3);
    assertThat(fills).allSatisfy(url -> assertThat(url.queryParameter("limit")).isEqualTo("100"));
    assertThat(fills.get(0).queryParameter("end")).isNull();
    assertThat(fills.subList(1, fills.size())).allSatisfy(url -> assertThat(url.queryParameter("end")).isNotNull());
    assertThat(listener.poll(Duration.ofMillis(50))).isNull();
  }

  @Test
  void aRoomEmptyAtOpenGetsEveryMessageOfALongFirstGap() throws Exception {
    open();
    ScriptedDdpServer.Peer first = connected(); // the baseline: an empty room
    first.drop();
    listener.nextState(ConnectionState.WAITING);
    List<String> gap = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      gap.add(ddp.store("gap" + i).id());
    }
    listener.nextState(ConnectionState.CONNECTING);

    assertThat(nextMessages(listener, 150)).isEqualTo(gap);
    listener.nextState(ConnectionState.CONNECTED);
    // The empty baseline made the gap start at the beginning: the fill paged past 100.
    // (Requests: the baseline, the first connection's fill, then the two pages of this one.)
    assertThat(ddp.allHistoryRequests).hasSize(4);
    assertThat(ddp.allHistoryRequests.get(3).queryParameter("end")).isNotNull();
  }

  @Test
  void messagesOlderThanTheSessionAreNotDelivered() throws Exception {
    ddp.store("old1");
    ddp.store("old2");
    open();
    ScriptedDdpServer.Peer first = connected();
    ddp.storeAndPush("new1");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("new1");

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.store("new2");
    listener.nextState(ConnectionState.CONNECTING);

    assertThat(nextMessages(listener, 1)).containsExactly("new2");
    listener.nextState(ConnectionState.CONNECTED);
  }

  @Test
  void aMessageStoredWhileTheSessionOpensIsDeliveredOnceEvenIfItsPushComesLate() throws Exception {
    ddp.store("old");
    // The message is stored after the baseline and the subscriptions; its push comes only after
    // the first gap fill has delivered it.
    ddp.onSub = sub -> {
      if (sub.name().equals("stream-room-messages")) {
        ddp.store("racing");
      }
    };
    open();
    ScriptedDdpServer.Peer first = ddp.nextPeer();
    listener.nextState(ConnectionState.CONNECTING);
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("racing");
    listener.nextState(ConnectionState.CONNECTED);
    ddp.onSub = null;
    first.pushMessage(ddp.stored("racing"));
    assertThat(listener.poll(Duration.ofMillis(200))).as("not twice").isNull();

    // And a later gap fill neither repeats it nor brings back the older one.
    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.store("later");
    listener.nextState(ConnectionState.CONNECTING);
    assertThat(nextMessages(listener, 1)).containsExactly("later");
    listener.nextState(ConnectionState.CONNECTED);
  }

  @Test
  void aBaselineMessageThatIsNeverPushedIsNotDeliveredByAGapFill() throws Exception {
    ddp.store("old");
    open();
    ScriptedDdpServer.Peer first = connected();
    assertThat(listener.poll(Duration.ofMillis(100))).isNull();

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.store("new");
    listener.nextState(ConnectionState.CONNECTING);
    assertThat(nextMessages(listener, 1)).containsExactly("new");
    listener.nextState(ConnectionState.CONNECTED);
  }

  @Test
  void connectedIsNotReportedForAConnectionThatDroppedWhileTheGapWasLoading() throws Exception {
    RealtimeOptions options = FAST.withReconnectDelays(Duration.ofMillis(300), Duration.ofMillis(300));
    CountDownLatch secondWaiting = new CountDownLatch(1);
    RecordingListener recording = new RecordingListener() {
      int waits;

      @Override
      public void onConnectionStateChanged(RealtimeEvent.ConnectionStateChanged event) {
        if (event.state() == ConnectionState.WAITING && ++waits == 2) {
          secondWaiting.countDown();
        }
      }
    };
    open(options, recording, Clock.systemUTC());
    ScriptedDdpServer.Peer first = ddp.nextPeer();
    recording.nextState(ConnectionState.CONNECTING);
    recording.nextState(ConnectionState.CONNECTED);
    ddp.nextHistoryRequest();
    ddp.storeAndPush("m1");
    recording.next(RealtimeEvent.MessageReceived.class);

    AtomicBoolean once = new AtomicBoolean();
    ddp.onHistory = url -> {
      if ("100".equals(url.queryParameter("limit")) && once.compareAndSet(false, true)) {
        // The second connection drops while its gap is loading; the page is answered only after
        // the session has noticed.
        ddp.current().drop();
        try {
          secondWaiting.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    first.drop();
    recording.nextState(ConnectionState.WAITING);
    ddp.store("gap1");
    recording.nextState(ConnectionState.CONNECTING);

    List<RealtimeEvent> until = new ArrayList<>();
    RealtimeEvent event;
    do {
      event = recording.next();
      until.add(event);
    } while (!(event instanceof RealtimeEvent.ConnectionStateChanged changed && changed.state() == ConnectionState.CONNECTED));

    List<Object> states = until.stream()
        .map(e -> e instanceof RealtimeEvent.ConnectionStateChanged c ? c.state() : e.getClass().getSimpleName())
        .collect(Collectors.toList());
    assertThat(states).containsSubsequence(ConnectionState.WAITING, ConnectionState.CONNECTING, ConnectionState.CONNECTED);
    assertThat(states.subList(0, states.indexOf(ConnectionState.WAITING)))
        .as("no CONNECTED before the second connection's WAITING").doesNotContain(ConnectionState.CONNECTED);
    assertThat(until).filteredOn(RealtimeEvent.MessageReceived.class::isInstance)
        .extracting(e -> ((RealtimeEvent.MessageReceived) e).message().id()).containsExactly("gap1");
  }
}
