package dev.livechat.client;

import dev.livechat.client.internal.Delays;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Waits that cost no time: {@link #sleep} records the wait and returns at once, {@link #schedule}
 * records it and runs the task at once on a thread of its own (as the real timer would, never on
 * the caller's). The recorded waits are then asserted against the retry policy's bounds.
 *
 * <pre>{@code
 * RecordingDelays delays = new RecordingDelays();
 * LivechatClient client = LivechatClient.builder().baseUrl(url).delays(delays).build();
 * ...
 * assertThat(delays.waits()).containsExactly(Duration.ofSeconds(2));
 * }</pre>
 */
final class RecordingDelays implements Delays {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private volatile Runnable beforeEachWait = () -> {};
  private final ExecutorService runner = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "RecordingDelays runner");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public void sleep(Duration delay) throws InterruptedException {
    beforeEachWait.run();
    waits.add(delay);
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the wait");
    }
  }

  @Override
  public Future<?> schedule(Runnable task, Duration delay) {
    beforeEachWait.run();
    waits.add(delay);
    return runner.submit(task);
  }

  /** Stops the runner thread; called by {@link LivechatClient#close()}. */
  @Override
  public void shutdown() {
    runner.shutdown();
  }

  /** Runs {@code hook} as each wait is asked for, to look at the world at that moment. */
  RecordingDelays beforeEachWait(Runnable hook) {
    this.beforeEachWait = hook;
    return this;
  }

  /** Every wait asked for so far, blocking or scheduled, in the order asked. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
