package dev.livechat.client.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks one at a time, in the order given, on the threads of a shared executor: one room's
 * events keep their order while many rooms share a few threads. A task that throws does not stop
 * the ones after it.
 */
final class SerialExecutor implements Executor {
  private final Executor threads;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(); // guarded by this
  private boolean scheduled; // guarded by this
  private boolean shutdown; // guarded by this
  private volatile @Nullable Thread running;

  SerialExecutor(Executor threads) {
    this.threads = threads;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (shutdown) {
        throw new RejectedExecutionException("closed");
      }
      tasks.add(task);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    try {
      threads.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        scheduled = false;
        tasks.clear();
      }
      throw e;
    }
  }

  /** Whether the calling thread is running one of this executor's tasks. */
  boolean inTask() {
    return Thread.currentThread() == running;
  }

  /** Accepts no more tasks; those already given still run. */
  synchronized void shutdown() {
    shutdown = true;
  }

  private void drain() {
    running = Thread.currentThread();
    try {
      for (int i = 0; i < 64; i++) { // then give the thread to other rooms
        Runnable task;
        synchronized (this) {
          task = tasks.poll();
          if (task == null) {
            scheduled = false;
            return;
          }
        }
        try {
          task.run();
        } catch (RuntimeException ignored) {
          // A task's own failure: the ones after it still run.
        }
      }
    } finally {
      running = null;
    }
    try {
      threads.execute(this::drain);
    } catch (RejectedExecutionException closed) {
      synchronized (this) {
        scheduled = false;
        tasks.clear();
      }
    }
  }
}
