package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The session under the rules of today's server, each enforced by the scripted peer as the
 * server's source has it (see {@link ScriptedDdpServer}): a closed room's messages cannot be
 * subscribed to, {@code messages.history} is rate-limited, and one millisecond's messages come
 * latest stored first from history.
 */
class ServerRulesTest extends RealtimeTestBase {

  /** The next {@code count} events, as message ids, {@code closed:<id>} for RoomClosed, and states. */
  List<String> next(RecordingListener from, int count) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      seen.add(describe(from.next()));
    }
    return seen;
  }

  static String describe(RealtimeEvent event) {
    if (event instanceof RealtimeEvent.MessageReceived received) {
      return received.message().id();
    }
    if (event instanceof RealtimeEvent.RoomClosed closed) {
      return "closed:" + closed.message().id();
    }
    if (event instanceof RealtimeEvent.ConnectionStateChanged changed) {
      return changed.state().name();
    }
    return event.toString();
  }

  /** Subscriptions the peer received for {@code stream}, on every connection. */
  long subscriptionsTo(String stream) {
    return ddp.allPeers.stream()
        .flatMap(peer -> peer.frames.stream())
        .map(ScriptedDdpServer::parse)
        .filter(frame -> "sub".equals(frame.get("msg")) && stream.equals(frame.get("name")))
        .count();
  }

  // ---- a room closed while the visitor was away ----

  /**
   * {@code apps/meteor/app/livechat/server/roomAccessValidator.compatibility.ts}: a visitor reads
   * {@code stream-room-messages} only while {@code room.open === true}; the history of the closed
   * room still answers ({@code livechat/messages.history/:rid} checks the token and the room, not
   * that it is open).
   */
  @Test
  void aRoomClosedWhileAwayDeliversTheGoodbyeAndTheCloseThenRoomClosedThenClosedWithoutSubscribingAgain()
      throws Exception {
    LivechatRealtime realtime = open();
    ScriptedDdpServer.Peer first = connected();
    ddp.storeAndPush("hello");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("hello");

    // The app goes to the background; meanwhile the agent says goodbye and closes the chat.
    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.store("goodbye");
    ddp.closeRoom("close");

    listener.nextState(ConnectionState.CONNECTING);
    assertThat(next(listener, 3)).containsExactly("goodbye", "closed:close", "CLOSED");
    assertThat(realtime.state()).isEqualTo(ConnectionState.CLOSED);

    // The refusal was the server's, and it was not tried again.
    ScriptedDdpServer.Peer second = ddp.nextPeer();
    assertThat(second.gone.await(5, TimeUnit.SECONDS)).as("the refused connection was closed").isTrue();
    assertThat(ddp.peers.poll(300, TimeUnit.MILLISECONDS)).as("no new connection").isNull();
    assertThat(subscriptionsTo("stream-room-messages")).isEqualTo(2);
    assertThat(listener.poll(Duration.ofMillis(100))).isNull();
  }

  @Test
  void aRoomClosedWhileAwayWithNoCloseMessageFoundIsReportedAsARefusedSubscription() throws Exception {
    open();
    ScriptedDdpServer.Peer first = connected();
    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.roomOpen = false; // closed without a close message the visitor may read

    listener.nextState(ConnectionState.CONNECTING);
    assertThat(listener.next())
        .isEqualTo(new RealtimeEvent.SubscriptionFailed("stream-room-messages " + RID, "[not-allowed]"));
    listener.nextState(ConnectionState.CLOSED);
  }

  // ---- the REST rate limiter ----

  /**
   * {@code apps/meteor/server/settings/rate.ts}: 10 calls per 60 s per route by default, which
   * {@code messages.history} does not override; {@code apps/meteor/server/api/ApiClass.ts}: 429,
   * {@code X-RateLimit-Reset} in epoch ms and "You must wait N seconds".
   */
  @Test
  void aGapFillRefusedWith429WaitsForTheServersResetHoweverLongAndIsNeverSkipped() throws Exception {
    Limited limited = connectedWithTheHistoryBudgetSpent(); // someone else behind the same address spent the rest
    ManualTime time = limited.time();
    ScriptedDdpServer.Peer first = limited.peer();
    time.advance(Duration.ofSeconds(5));

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.store("gap1");
    ddp.store("gap2");
    listener.nextState(ConnectionState.CONNECTING);

    ManualTime.Parked wait = time.nextParked();
    assertThat(ddp.historyStatuses).last().isEqualTo(429);
    assertThat(wait.delay()).as("until the window's reset, 55 s away: longer than any retry policy waits")
        .isEqualTo(Duration.ofSeconds(55));
    // Meanwhile the new connection brings a message: held, so that nothing overtakes the gap.
    ddp.storeAndPush("live");
    assertThat(listener.poll(Duration.ofMillis(200))).as("nothing before the gap is filled").isNull();
    assertThat(realtime().state()).isEqualTo(ConnectionState.CONNECTING);

    time.advance(Duration.ofSeconds(55).plusMillis(1));
    time.fire(wait);
    assertThat(next(listener, 4)).containsExactly("gap1", "gap2", "live", "CONNECTED");
    assertThat(ddp.historyStatuses).endsWith(429, 200);
    assertThat(time.pollParked(Duration.ofMillis(100))).isNull();
  }

  /**
   * At the window's very last millisecond the server still refuses and says "wait 0 seconds": its
   * limiter (Meteor's {@code rate-limit} package, used by {@code apps/meteor/server/api/ApiClass.ts})
   * opens a new window only once more than the interval has passed, and the text's seconds are
   * {@code Math.ceil(timeToReset / 1000)}. The session waits a second rather than asking again at
   * once.
   */
  @Test
  void aRefusalThatSaysWaitZeroSecondsIsStillWaitedForNotRetriedAtOnce() throws Exception {
    Limited limited = connectedWithTheHistoryBudgetSpent(); // someone else behind the same address spent the rest
    ManualTime time = limited.time();
    ScriptedDdpServer.Peer first = limited.peer();
    time.advance(Duration.ofSeconds(60)); // exactly the window's end: still refused

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.store("gap");
    listener.nextState(ConnectionState.CONNECTING);
    ManualTime.Parked wait = time.nextParked();
    assertThat(wait.delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ddp.historyStatuses).as("one refusal, no spinning").containsOnlyOnce(429);

    time.advance(Duration.ofSeconds(1));
    time.fire(wait);
    assertThat(next(listener, 2)).containsExactly("gap", "CONNECTED");
  }

  @Test
  void dropsWhileAGapFillWaitsForTheLimiterAreCoveredByItWithoutAnotherCall() throws Exception {
    Limited limited = connectedWithTheHistoryBudgetSpent(); // someone else behind the same address spent the rest
    ManualTime time = limited.time();
    ScriptedDdpServer.Peer peer = limited.peer();
    List<String> expected = new ArrayList<>();
    peer.drop();
    ddp.store("gap0");
    expected.add("gap0");
    ManualTime.Parked wait = null;
    for (int drop = 1; drop <= 5; drop++) {
      peer = ddp.nextPeer();
      if (wait == null) {
        wait = time.nextParked();
      }
      peer.nextFrame(frame -> "sub".equals(frame.get("msg")) && "stream-room-messages".equals(frame.get("name")),
          Duration.ofSeconds(5));
      ddp.storeAndPush("live" + drop); // pushed on a connection that then drops: held, never lost
      expected.add("live" + drop);
      peer.drop();
      ddp.store("gap" + drop); // stored while no connection is open
      expected.add("gap" + drop);
    }
    ddp.nextPeer().nextFrame(frame -> "sub".equals(frame.get("msg")), Duration.ofSeconds(5));
    int calls = ddp.allHistoryRequests.size();
    assertThat(ddp.historyStatuses).containsOnlyOnce(429);
    assertThat(time.pollParked(Duration.ofMillis(200))).as("one wait, not one per drop").isNull();

    time.advance(Duration.ofSeconds(61));
    time.fire(wait);
    listener.awaitState(ConnectionState.CONNECTED, Duration.ofSeconds(5));
    assertThat(listener.all()).filteredOn(RealtimeEvent.MessageReceived.class::isInstance)
        .extracting(e -> ((RealtimeEvent.MessageReceived) e).message().id())
        .containsExactlyElementsOf(expected);
    // The waiting fill, once; plus one more only if the last connection's subscription reached the
    // session after that fill's page was read (the test cannot hold the session's thread).
    assertThat(ddp.allHistoryRequests.size() - calls).as("calls after the wait, for 5 drops").isBetween(1, 2);
    assertThat(ddp.historyStatuses).containsOnlyOnce(429);
  }

  // ---- messages of one millisecond ----

  /**
   * {@code apps/meteor/server/lib/messages/loadMessageHistory.ts}: {@code sort: { ts: -1 }} and
   * nothing else, so one millisecond's messages come from history latest stored first; pushes come
   * in the order stored.
   */
  @Test
  void messagesOfOneMillisecondAreDeliveredOldestFirstLiveAndAfterAnOutageAlike() throws Exception {
    open();
    ScriptedDdpServer.Peer first = connected();
    first.pushMessage(ddp.store("live-a"));
    first.pushMessage(ddp.storeTied("live-b"));
    first.pushMessage(ddp.storeTied("live-c"));
    assertThat(next(listener, 3)).containsExactly("live-a", "live-b", "live-c");

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.store("gap-a");
    ddp.storeTied("gap-b");
    ddp.storeTied("gap-c");
    listener.nextState(ConnectionState.CONNECTING);
    assertThat(next(listener, 4)).containsExactly("gap-a", "gap-b", "gap-c", "CONNECTED");
  }

  @Test
  void moreMessagesOfOneMillisecondThanAPageHoldsKeepTheirOrderAcrossPages() throws Exception {
    open();
    ScriptedDdpServer.Peer first = connected();
    first.drop();
    listener.nextState(ConnectionState.WAITING);
    List<String> stored = new ArrayList<>();
    ddp.store("tie-0");
    stored.add("tie-0");
    for (int i = 1; i < 250; i++) {
      ddp.storeTied("tie-" + i);
      stored.add("tie-" + i);
    }
    listener.nextState(ConnectionState.CONNECTING);
    List<String> delivered = next(listener, 250);
    assertThat(delivered).containsExactlyElementsOf(stored);
    listener.nextState(ConnectionState.CONNECTED);
  }

  // ---- what a session costs ----

  @Test
  void aReconnectCostsOneHistoryCallWithOrWithoutMissedMessages() throws Exception {
    open();
    ScriptedDdpServer.Peer first = connected();
    assertThat(ddp.allHistoryRequests).as("opening: the baseline and the first gap").hasSize(2);

    first.drop(); // nothing missed: the server cannot say so, so one call still
    listener.nextState(ConnectionState.WAITING);
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    assertThat(ddp.allHistoryRequests).hasSize(3);

    ddp.current().drop(); // three missed: one call
    listener.nextState(ConnectionState.WAITING);
    ddp.store("a");
    ddp.store("b");
    ddp.store("c");
    listener.nextState(ConnectionState.CONNECTING);
    assertThat(next(listener, 4)).containsExactly("a", "b", "c", "CONNECTED");
    assertThat(ddp.allHistoryRequests).hasSize(4);
    HttpUrl fill = ddp.allHistoryRequests.get(3);
    assertThat(fill.queryParameter("limit")).isEqualTo("100");
    assertThat(ddp.visitorRequests).as("no visitor lookup without typing").isEmpty();
  }

  private LivechatRealtime realtime() {
    return sessions.get(sessions.size() - 1);
  }

  // ---- a history load that fails otherwise ----

  /** The next history requests get these answers, in order, instead of the scripted pages. */
  BlockingQueue<MockResponse> historyFailures() {
    BlockingQueue<MockResponse> failures = new LinkedBlockingQueue<>();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        MockResponse failure = request.getUrl().encodedPath().contains("/messages.history/") ? failures.poll() : null;
        return failure != null ? failure : ddp.dispatch(request);
      }
    });
    return failures;
  }

  @Test
  void aHistoryLoadRefusedWithAnother4xxIsReportedAndClosesTheSession() throws Exception {
    BlockingQueue<MockResponse> failures = historyFailures();
    failures.add(new MockResponse.Builder().code(403)
        .body("{\"success\":false,\"error\":\"not-authorized\"}").build());
    open();

    // The baseline load comes before any connection: nothing was reported yet.
    assertThat(listener.next()).isEqualTo(new RealtimeEvent.SubscriptionFailed("history",
        "could not load the room's messages: HTTP 403 not-authorized (GET /api/v1/livechat/messages.history/:rid)"));
    listener.nextState(ConnectionState.CLOSED);
    assertThat(ddp.peers.poll(100, TimeUnit.MILLISECONDS)).as("no connection without a baseline").isNull();
  }

  @Test
  void aHistoryLoadFailingWith5xxOrAnUnreadableAnswerIsTriedAgainAndNothingIsLost() throws Exception {
    ddp.store("before");
    BlockingQueue<MockResponse> failures = historyFailures();
    failures.add(new MockResponse.Builder().code(503).body("{\"success\":false}").build());
    failures.add(new MockResponse.Builder().code(200).body("{\"messages\":").build());
    open();

    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    assertThat(failures).isEmpty();
    ddp.storeAndPush("after");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id())
        .as("the baseline was the newest message, read on the third try").isEqualTo("after");
    assertThat(peer.gone.getCount()).isEqualTo(1);
  }
}
