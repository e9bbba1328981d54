package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.exception.LivechatRateLimitException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hub's shared gate for history loads: a few at once, none while the limiter is exhausted.
 * The server counts {@code messages.history} of every room against one budget: its limiter keys
 * by client address and route pattern ({@code apps/meteor/server/api/ApiClass.ts},
 * {@code apps/meteor/server/api/rateLimiterKey.ts}), and {@code livechat/messages.history/:rid}
 * is one pattern whatever the room.
 */
class LoadGateTest {
  final ManualTime time = new ManualTime(Instant.parse("2026-11-26T10:00:00Z"));
  final LoadGate gate = new LoadGate(2, time, time, () -> {});

  @Test
  void atMostTheConcurrentNumberRunAtOnceAndTheRestFollowInOrder() throws Exception {
    List<CompletableFuture<String>> calls = new ArrayList<>();
    List<CompletableFuture<String>> results = new ArrayList<>();
    AtomicInteger started = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      CompletableFuture<String> call = new CompletableFuture<>();
      calls.add(call);
      results.add(gate.submit(() -> {
        started.incrementAndGet();
        return call;
      }));
    }
    assertThat(started).hasValue(2);
    calls.get(0).complete("a");
    assertThat(started).hasValue(3);
    calls.get(1).complete("b");
    calls.get(2).complete("c");
    assertThat(started).hasValue(5);
    calls.get(3).complete("d");
    calls.get(4).complete("e");
    for (int i = 0; i < 5; i++) {
      assertThat(results.get(i).get(1, TimeUnit.SECONDS)).isEqualTo(String.valueOf((char) ('a' + i)));
    }
  }

  @Test
  void aLoadRefusedByTheLimiterHoldsEveryOtherUntilTheReset() throws Exception {
    Instant reset = time.instant().plusSeconds(42);
    CompletableFuture<String> refused = gate.submit(() -> CompletableFuture.failedFuture(
        new LivechatRateLimitException("error-too-many-requests", "You must wait 42 seconds", "GET history",
            reset, Duration.ofSeconds(42))));
    assertThat(refused).isCompletedExceptionally();

    AtomicInteger started = new AtomicInteger();
    CompletableFuture<String> next = gate.submit(() -> {
      started.incrementAndGet();
      return CompletableFuture.completedFuture("loaded");
    });
    ManualTime.Parked wait = time.nextParked();
    assertThat(wait.delay()).isEqualTo(Duration.ofSeconds(42));
    assertThat(started).as("nothing sent before the reset").hasValue(0);

    time.advance(Duration.ofSeconds(42));
    time.fire(wait);
    assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("loaded");
    assertThat(started).hasValue(1);
  }

  static LivechatRateLimitException limited(Instant reset) {
    return new LivechatRateLimitException("error-too-many-requests", "You must wait", "GET history", reset, null);
  }

  @Test
  void aLoadThatThrowsFailsItsResultAndFreesItsSlot() throws Exception {
    LoadGate one = new LoadGate(1, time, time, () -> {});
    IllegalStateException thrown = new IllegalStateException("the client is closed");
    CompletableFuture<String> failed = one.submit(() -> {
      throw thrown;
    });
    CompletableFuture<String> next = one.submit(() -> CompletableFuture.completedFuture("loaded"));

    assertThat(failed).isCompletedExceptionally();
    assertThat(catchThrowable(failed::join)).hasCause(thrown);
    assertThat(next.get(1, TimeUnit.SECONDS)).isEqualTo("loaded");
  }

  @Test
  void aFailureWrappedInACompletionExceptionIsPassedOnUnwrapped() {
    IllegalStateException cause = new IllegalStateException("refused");
    CompletableFuture<String> result = gate.submit(() -> CompletableFuture.supplyAsync(() -> {
      throw cause;
    }, Runnable::run));

    assertThat(catchThrowable(result::join)).isInstanceOf(java.util.concurrent.CompletionException.class)
        .cause().isSameAs(cause);
  }

  @Test
  void cancellingAResultCancelsItsLoad() {
    CompletableFuture<String> call = new CompletableFuture<>();
    CompletableFuture<String> result = gate.submit(() -> call);

    result.cancel(false);

    assertThat(call).isCancelled();
  }

  @Test
  void theLatestResetHoldsAndAWakeUpTooEarlyWaitsForTheRest() throws Exception {
    LoadGate three = new LoadGate(3, time, time, () -> {});
    List<CompletableFuture<String>> calls = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
        new CompletableFuture<>());
    calls.forEach(call -> three.submit(() -> call)); // all three in flight
    calls.get(0).completeExceptionally(limited(time.instant()));
    calls.get(1).completeExceptionally(limited(time.instant().plusSeconds(30)));
    calls.get(2).completeExceptionally(limited(time.instant().plusSeconds(10))); // not sooner: 30 s holds

    AtomicInteger started = new AtomicInteger();
    CompletableFuture<String> next = three.submit(() -> {
      started.incrementAndGet();
      return CompletableFuture.completedFuture("loaded");
    });
    ManualTime.Parked wait = time.nextParked();
    assertThat(wait.delay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(time.pollParked(Duration.ofMillis(50))).as("one wake-up for the waiting loads").isNull();

    time.advance(Duration.ofSeconds(29));
    time.fire(wait); // too early: still paused, so it waits again for what is left
    assertThat(time.nextParked().delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(started).hasValue(0);
    assertThat(next).isNotDone();
  }

  @Test
  void aResetAlreadyPastStillPausesOneSecond() throws Exception {
    gate.submit(() -> CompletableFuture.failedFuture(limited(time.instant().minusSeconds(5))));
    CompletableFuture<String> next = gate.submit(() -> CompletableFuture.completedFuture("loaded"));

    assertThat(time.nextParked().delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(next).isNotDone();
  }
}
