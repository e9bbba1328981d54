package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.internal.Delays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Time the test moves: a clock that stands still until {@link #advance}, and a timer that runs
 * short waits (under {@link #LONG}: heartbeats, reconnect backoff, typing) for real, but parks
 * long ones (a rate limiter's reset) until the test has moved the clock and {@linkplain #fire
 * fires} them. The scripted server's rate limiter reads the same clock, so a test can exhaust it,
 * see the session ask to wait for the reset, move time past the reset and let it try again,
 * without waiting a minute.
 */
final class ManualTime extends Clock implements Delays {
  static final Duration LONG = Duration.ofSeconds(1);

  /** A parked wait. */
  record Parked(Duration delay, FutureTask<Void> task) {}

  private volatile Instant now;
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread thread = new Thread(runnable, "ManualTime timer");
    thread.setDaemon(true);
    return thread;
  });
  private final BlockingQueue<Parked> parked = new LinkedBlockingQueue<>();

  ManualTime(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward. */
  void advance(Duration by) {
    now = now.plus(by);
  }

  /** The next long wait asked for, failing if none comes within 5 s. */
  Parked nextParked() throws InterruptedException {
    Parked wait = parked.poll(5, TimeUnit.SECONDS);
    assertThat(wait).as("a long wait was asked for").isNotNull();
    return wait;
  }

  /** The next long wait if one is asked for within {@code within}, else null. */
  Parked pollParked(Duration within) throws InterruptedException {
    return parked.poll(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs a parked wait's task now, on the timer thread, as its time has come. */
  void fire(Parked wait) {
    timer.execute(wait.task());
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void sleep(Duration delay) {
    throw new UnsupportedOperationException("the realtime side never blocks");
  }

  @Override
  public Future<?> schedule(Runnable task, Duration delay) {
    if (delay.compareTo(LONG) < 0) {
      return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
    FutureTask<Void> parkedTask = new FutureTask<>(task, null);
    parked.add(new Parked(delay, parkedTask));
    return parkedTask;
  }

  @Override
  public void shutdown() {
    timer.shutdownNow();
  }
}
