package dev.livechat.client.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How the client waits between attempts: blocking the caller's thread for a blocking call, on a
 * timer for an asynchronous one (so no thread is held per call). Tests replace it to record the
 * waits instead of spending them.
 */
public interface Delays {
  /** Blocks the calling thread for {@code delay}. */
  void sleep(Duration delay) throws InterruptedException;

  /** Runs {@code task} after {@code delay} on a timer thread; the future cancels it. */
  Future<?> schedule(Runnable task, Duration delay);

  /** Stops the timer thread, if there is one, running at once what was still waiting (it finds its client closed). */
  void shutdown();

  /**
   * Real waits, with one daemon timer thread started on first use: the client's REST retries and
   * every realtime session's heartbeat, reconnects and waits share it.
   */
  static Delays system() {
    return new Delays() {
      private ScheduledThreadPoolExecutor timer;

      @Override
      public void sleep(Duration delay) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(delay.toNanos());
      }

      @Override
      public synchronized Future<?> schedule(Runnable task, Duration delay) {
        if (timer == null) {
          timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("livechat-client timer"));
          timer.setRemoveOnCancelPolicy(true);
        }
        return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      }

      @Override
      public synchronized void shutdown() {
        if (timer != null) {
          timer.shutdownNow().forEach(Runnable::run);
        }
      }
    };
  }
}
