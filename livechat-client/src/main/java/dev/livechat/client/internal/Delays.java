package dev.livechat.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

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
    /*
     * What still waits, to run at once on shutdown. (The tasks shutdownNow() hands back refuse to
     * run once their executor stopped: they cancel themselves instead, and a call waiting for its
     * retry would never complete.) A wait leaves the set when it runs or is cancelled.
     */
    Set<FutureTask<Void>> waiting = ConcurrentHashMap.newKeySet();
    final class Waiting extends FutureTask<Void> {
      private volatile @Nullable Future<?> scheduled;

      Waiting(Runnable task) {
        super(task, null);
      }

      @Override
      protected void done() {
        waiting.remove(this);
        Future<?> onTimer = scheduled;
        if (onTimer != null && isCancelled()) {
          onTimer.cancel(false);
        }
      }
    }
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
        Waiting wait = new Waiting(task);
        waiting.add(wait);
        try {
          wait.scheduled = timer.schedule(wait, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
          waiting.remove(wait);
          throw shutDown;
        }
        return wait;
      }

      @Override
      public synchronized void shutdown() {
        if (timer != null) {
          timer.shutdownNow();
          new ArrayList<>(waiting).forEach(Runnable::run);
        }
      }
    };
  }
}
