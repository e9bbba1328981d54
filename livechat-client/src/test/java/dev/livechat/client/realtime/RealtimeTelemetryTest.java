package dev.livechat.client.realtime;

import static dev.livechat.client.realtime.ScriptedDdpServer.changed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.TestClients;
import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryEvent.GapFilled;
import dev.livechat.client.telemetry.TelemetryEvent.RealtimeDelivered;
import dev.livechat.client.telemetry.TelemetryEvent.RealtimeReconnect;
import dev.livechat.client.telemetry.TelemetryEvent.RealtimeStateChanged;
import dev.livechat.client.telemetry.TelemetryEvent.SubscriptionRefused;
import dev.livechat.client.telemetry.TelemetryListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What a realtime session tells the client's telemetry listener: each state it reports, a reconnect
 * after a drop, each refused subscription by its stream's name, each gap fill's calls, messages and
 * duration, and the kind of each event delivered; in the order the session's listener sees them,
 * with the room id and nothing else of the room.
 */
class RealtimeTelemetryTest extends RealtimeTestBase {
  final RecordingTelemetry telemetry = new RecordingTelemetry();

  /** The client, with {@code to} as its telemetry listener. */
  void useTelemetry(TelemetryListener to) {
    client.close();
    client = LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.none()).telemetry(to).build();
  }

  static RealtimeStateChanged state(ConnectionState state) {
    return new RealtimeStateChanged(RID, state.name());
  }

  static RealtimeDelivered delivered(Class<? extends RealtimeEvent> kind) {
    return new RealtimeDelivered(RID, kind.getSimpleName());
  }

  static GapFilled gapFilled(int calls, int messages) {
    return new GapFilled(RID, calls, messages, Duration.ZERO);
  }

  /** A state as the telemetry sees it: the state, then its delivery. */
  static List<TelemetryEvent> reported(ConnectionState state) {
    return List.of(state(state), delivered(RealtimeEvent.ConnectionStateChanged.class));
  }

  /** The next event of {@code kind}, others skipped (a refusal may come before or after CONNECTED). */
  <T extends RealtimeEvent> T await(Class<T> kind) throws InterruptedException {
    for (RealtimeEvent event = listener.next(); ; event = listener.next()) {
      if (kind.isInstance(event)) {
        return kind.cast(event);
      }
    }
  }

  @SafeVarargs
  static List<TelemetryEvent> concat(List<? extends TelemetryEvent>... parts) {
    List<TelemetryEvent> all = new ArrayList<>();
    for (List<? extends TelemetryEvent> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  @Test
  void aSessionReportsItsStatesGapFillsDeliveriesAndAReconnectInOrder() throws Exception {
    useTelemetry(telemetry);
    LivechatRealtime realtime = open();
    ScriptedDdpServer.Peer first = connected();
    ddp.storeAndPush("m1");
    listener.next(RealtimeEvent.MessageReceived.class);

    AtomicBoolean once = new AtomicBoolean();
    ddp.onUpgrade = () -> {
      if (once.compareAndSet(false, true)) {
        // While away: m1 is edited and two messages are stored, in history only.
        ddp.replace("m1", m -> WidgetEventsTest.touched(m, "edited while away", m.updatedAt().plusSeconds(5),
            ScriptedDdpServer.AGENT, 5));
        ddp.store("gap1");
        ddp.store("gap2");
      }
    };
    first.drop();
    listener.nextState(ConnectionState.WAITING);
    listener.nextState(ConnectionState.CONNECTING);
    listener.next(RealtimeEvent.MessageEdited.class);
    listener.next(RealtimeEvent.MessageReceived.class);
    listener.next(RealtimeEvent.MessageReceived.class);
    listener.nextState(ConnectionState.CONNECTED);
    realtime.close(); // waits for the event thread: every event has been emitted
    listener.nextState(ConnectionState.CLOSED);

    assertThat(telemetry.realtime()).containsExactlyElementsOf(concat(
        reported(ConnectionState.CONNECTING),
        List.of(gapFilled(1, 0)), // the first gap: from the baseline to the subscription
        reported(ConnectionState.CONNECTED),
        List.of(delivered(RealtimeEvent.MessageReceived.class)),
        reported(ConnectionState.WAITING),
        List.of(new RealtimeReconnect(RID)),
        reported(ConnectionState.CONNECTING),
        List.of(delivered(RealtimeEvent.MessageEdited.class), delivered(RealtimeEvent.MessageReceived.class),
            delivered(RealtimeEvent.MessageReceived.class), gapFilled(1, 3)),
        reported(ConnectionState.CONNECTED),
        reported(ConnectionState.CLOSED)));
    assertThat(telemetry.of(GapFilled.class)).allSatisfy(filled -> assertThat(filled.duration().isNegative()).isFalse());
  }

  @Test
  void aFirstConnectThatFailsAndRetriesIsNoReconnect() throws Exception {
    useTelemetry(telemetry);
    ddp.upgradesToRefuse.set(1);
    LivechatRealtime realtime = open();
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.WAITING);
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    realtime.close();

    assertThat(telemetry.of(RealtimeReconnect.class)).isEmpty();
    assertThat(telemetry.of(RealtimeStateChanged.class)).containsExactly(state(ConnectionState.CONNECTING),
        state(ConnectionState.WAITING), state(ConnectionState.CONNECTING), state(ConnectionState.CONNECTED),
        state(ConnectionState.CLOSED));
  }

  @Test
  void aRefusedSubscriptionIsReportedByItsStreamsNameOnly() throws Exception {
    useTelemetry(telemetry);
    ddp.refused.put(RID + "/user-activity", "Not allowed");
    LivechatRealtime realtime = open();
    listener.awaitState(ConnectionState.CONNECTED, Duration.ofSeconds(5));
    realtime.close();

    assertThat(telemetry.of(SubscriptionRefused.class)).containsExactly(new SubscriptionRefused(RID, "stream-notify-room"));
    assertThat(telemetry.of(RealtimeDelivered.class)).contains(delivered(RealtimeEvent.SubscriptionFailed.class));
  }

  @Test
  void aClosedRoomsRefusedMessagesAreReportedThenItsLastStates() throws Exception {
    useTelemetry(telemetry);
    ddp.roomOpen = false;
    open();
    listener.awaitState(ConnectionState.CLOSED, Duration.ofSeconds(5));
    sessions.get(0).close();

    assertThat(telemetry.of(SubscriptionRefused.class)).containsExactly(new SubscriptionRefused(RID, "stream-room-messages"));
    assertThat(telemetry.of(RealtimeStateChanged.class)).containsExactly(state(ConnectionState.CONNECTING),
        state(ConnectionState.CLOSED));
    assertThat(telemetry.of(GapFilled.class)).extracting(GapFilled::calls, GapFilled::messages)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0));
  }

  /**
   * The fill waits out the limiter's reset on the session's clock: two calls (the refused one and
   * its retry), and a duration from the first call to the end of the retry, as that clock moved.
   */
  @Test
  void aGapFillRefusedWith429CountsItsRetryAndLastsUntilTheResetOnTheSessionsClock() throws Exception {
    ManualTime time = new ManualTime(Instant.parse("2026-11-26T10:00:00Z"));
    client.close();
    ddp.clock = time;
    client = TestClients.builder(server.url("/"), time, time).retryPolicy(RetryPolicy.none()).telemetry(telemetry).build();
    ddp.rateLimitHistory = true;
    open();
    ScriptedDdpServer.Peer first = connected();
    for (int i = 0; i < 8; i++) {
      client.loadHistory(TOKEN, RID); // others behind the same address spend the minute's budget
    }
    time.advance(Duration.ofSeconds(5));

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    ddp.store("gap1");
    ddp.store("gap2");
    listener.nextState(ConnectionState.CONNECTING);
    ManualTime.Parked wait = time.nextParked();
    assertThat(ddp.historyStatuses).last().isEqualTo(429);
    time.advance(wait.delay().plusMillis(1));
    time.fire(wait);
    listener.next(RealtimeEvent.MessageReceived.class);
    listener.next(RealtimeEvent.MessageReceived.class);
    listener.nextState(ConnectionState.CONNECTED);

    assertThat(telemetry.of(GapFilled.class)).containsExactly(
        new GapFilled(RID, 1, 0, Duration.ZERO), // the first, on a clock that stood still
        new GapFilled(RID, 2, 2, wait.delay().plusMillis(1)));
  }

  /**
   * A whole session (messages, the visitor's and the agent's typing, a refusal, a drop and a
   * reconnect, an edit, a deletion, the close) tells the telemetry the room id and kinds, never the
   * token, a text, a name or a message id.
   */
  @Test
  void nothingOfTheVisitorOrOfTheMessagesReachesTheTelemetry() throws Exception {
    useTelemetry(telemetry);
    ddp.refused.put(RID + "/deleteMessageBulk", "Not allowed");
    LivechatRealtime realtime = open();
    listener.awaitState(ConnectionState.CONNECTED, Duration.ofSeconds(5));
    ScriptedDdpServer.Peer peer = ddp.current();

    realtime.typing(true);
    peer.nextFrame(RealtimeTestBase::isMethod, Duration.ofSeconds(5)); // the visitor's typing went out
    realtime.typing(false);
    peer.send(changed("stream-notify-room", RID + "/user-activity", "agent.smith", List.of("user-typing")));
    await(RealtimeEvent.AgentTypingStarted.class);
    ddp.storeAndPush("secret-message-id");
    await(RealtimeEvent.MessageReceived.class);
    peer.send(changed("stream-notify-room", RID + "/deleteMessage", java.util.Map.of("_id", "secret-message-id")));
    await(RealtimeEvent.MessageDeleted.class);

    AtomicBoolean once = new AtomicBoolean();
    ddp.onUpgrade = () -> {
      if (once.compareAndSet(false, true)) {
        ddp.store("while-away-id");
      }
    };
    peer.drop();
    listener.awaitState(ConnectionState.CONNECTED, Duration.ofSeconds(5));
    telemetry.next(SubscriptionRefused.class); // the first connection's
    telemetry.next(SubscriptionRefused.class); // the second's: before or after its CONNECTED
    realtime.close();

    assertThat(telemetry.of(RealtimeReconnect.class)).hasSize(1);
    assertThat(telemetry.of(SubscriptionRefused.class)).hasSize(2).containsOnly(new SubscriptionRefused(RID, "stream-notify-room"));
    assertThat(telemetry.of(RealtimeDelivered.class)).extracting(RealtimeDelivered::type)
        .contains("AgentTypingStarted", "MessageReceived", "MessageDeleted");
    assertThat(telemetry.of(GapFilled.class)).extracting(GapFilled::messages).contains(1);
    List<String> secrets = List.of(TOKEN, "text of", "secret-message-id", "while-away-id", "agent.smith", "Agent Smith",
        "guest-3", "deleteMessage", "user-activity", "Not allowed");
    assertThat(telemetry.all).isNotEmpty().allSatisfy(event -> assertThat(event.toString())
        .as("%s", event).doesNotContain(secrets));
  }

  /** Written out so that R8's renaming cannot change them; each kind has its record's simple name. */
  @Test
  void everyEventKindIsNamedByItsRecordsSimpleName() {
    for (Class<?> kind : RealtimeEvent.class.getPermittedSubclasses()) {
      assertThat(RoomTelemetry.kind(kind.asSubclass(RealtimeEvent.class))).isEqualTo(kind.getSimpleName());
    }
    assertThat(RealtimeEvent.class.getPermittedSubclasses()).hasSize(RecordingListener.METHODS.size());
  }

  @Test
  void aTelemetryListenerThatThrowsBreaksNeitherTheSessionNorItsDeliveries() throws Exception {
    useTelemetry(event -> {
      throw new IllegalStateException("the telemetry listener failed");
    });
    LivechatRealtime realtime = open();
    ScriptedDdpServer.Peer first = connected();
    ddp.storeAndPush("m1");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");

    first.drop();
    listener.nextState(ConnectionState.WAITING);
    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    ddp.storeAndPush("m2");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m2");
    realtime.close();
    listener.nextState(ConnectionState.CLOSED);
  }
}
