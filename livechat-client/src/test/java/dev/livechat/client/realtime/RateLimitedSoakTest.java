package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The soak test under the server's rate limiter ({@code messages.history}: 10 calls per 60 s, the
 * defaults of {@code apps/meteor/server/settings/rate.ts}): the connection drops {@value #DROPS}
 * times within one minute, faster than the limiter allows a gap fill each, with messages pushed
 * before each drop, stored only while disconnected, and pushed on each new connection as it
 * subscribes. Other visitors behind the same address have spent the rest of the minute's budget,
 * so the first gap fill already meets the limiter. Time moves only when the session asks to wait
 * for the limiter's reset.
 *
 * <p>In the end every message is delivered exactly once, in the order stored, the session is
 * connected, and it never spent more than the limiter allows: in any window, at most the 10
 * allowed calls and the one refused call that told it to wait.
 */
class RateLimitedSoakTest extends RealtimeTestBase {
  static final int DROPS = 30;

  @Test
  void thirtyDropsWithinAMinuteUnderTheDefaultLimitsDeliverEveryMessageOnceInOrder() throws Exception {
    Limited limited = connectedWithTheHistoryBudgetSpent(); // someone else behind the same address spent the rest
    ManualTime time = limited.time();
    ScriptedDdpServer.Peer peer = limited.peer();
    int waitsFired = 0;

    for (int drop = 1; drop <= DROPS; drop++) {
      ddp.storeAndPush(drop + "-live-1");
      ddp.storeAndPush(drop + "-live-2");
      peer.drop();
      for (int i = 1; i <= 3; i++) {
        ddp.store(drop + "-gap-" + i); // only in history: no connection is open
      }
      peer = ddp.nextPeer();
      peer.nextFrame(frame -> "sub".equals(frame.get("msg")) && "stream-room-messages".equals(frame.get("name")),
          Duration.ofSeconds(5));
      ddp.storeAndPush(drop + "-early"); // on the new connection, as it subscribes
    }
    ddp.storeAndPush("last");
    List<String> stored = ddp.roomIds();

    // Let time pass only as the session asks: each long wait is a limiter's reset.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!deliveredIds().contains("last") && System.nanoTime() < deadline) {
      ManualTime.Parked wait = time.pollParked(Duration.ofMillis(200));
      if (wait != null) {
        time.advance(wait.delay().plusMillis(1));
        time.fire(wait);
        waitsFired++;
      }
    }
    listener.awaitState(ConnectionState.CONNECTED, Duration.ofSeconds(5));

    assertThat(deliveredIds()).as("every message once, in the order stored; events: %s; history: %s %s", listener.summary(), ddp.historyStatuses, ddp.allHistoryRequests).containsExactlyElementsOf(stored);
    assertThat(listener.all()).filteredOn(e -> !(e instanceof RealtimeEvent.MessageReceived)
        && !(e instanceof RealtimeEvent.ConnectionStateChanged)).as("nothing but messages and states").isEmpty();

    // The budget: every 429 was waited out (one wait per refusal), and no window saw more than the
    // 10 allowed calls and the one refusal.
    long refusals = ddp.historyStatuses.stream().filter(status -> status == 429).count();
    assertThat(refusals).as("the limiter was met").isPositive();
    assertThat(waitsFired).isEqualTo((int) refusals);
    List<Instant> times = ddp.historyTimes;
    for (Instant from : times) {
      long inMinute = times.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(60))).count();
      assertThat(inMinute).as("history calls in the minute from %s", from).isLessThanOrEqualTo(11);
    }
  }

  private List<String> deliveredIds() {
    return listener.all().stream()
        .filter(RealtimeEvent.MessageReceived.class::isInstance)
        .map(e -> ((RealtimeEvent.MessageReceived) e).message().id())
        .collect(Collectors.toList());
  }
}
