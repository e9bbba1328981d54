package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Watches an {@link OkHttpClient} that a test passes to the SDK (whose derived clients share its
 * dispatcher and connection pool), to tell when no call runs any more and whether a connection
 * leaked. Waiting is on the dispatcher's idle callback, bounded, never on a sleep.
 */
final class IdleWatch {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final OkHttpClient ok;
  private final Semaphore becameIdle = new Semaphore(0);

  /** Installs the watch; call before the first call goes out. */
  IdleWatch(OkHttpClient ok) {
    this.ok = ok;
    ok.dispatcher().setIdleCallback(becameIdle::release);
  }

  /** A fresh OkHttp client with its own pool and dispatcher. */
  static OkHttpClient freshOkHttp() {
    return new OkHttpClient.Builder().connectionPool(new ConnectionPool()).build();
  }

  /**
   * Waits until the dispatcher runs no call (an asynchronous future completes inside OkHttp's
   * callback, a moment before the call releases its connection), failing after 10 s.
   */
  void awaitNoRunningCalls() throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (ok.dispatcher().runningCallsCount() > 0) {
      long left = deadline - System.nanoTime();
      assertThat(left > 0 && becameIdle.tryAcquire(left, TimeUnit.NANOSECONDS))
          .as("the dispatcher became idle within " + BOUND + " (running: " + ok.dispatcher().runningCallsCount() + ")")
          .isTrue();
    }
  }

  /** Asserts that no call runs and every pooled connection is idle: nothing leaked. */
  void assertNoLeak() throws InterruptedException {
    awaitNoRunningCalls();
    ConnectionPool pool = ok.connectionPool();
    assertThat(pool.connectionCount())
        .as("pooled connections that are all idle (no response left open)")
        .isEqualTo(pool.idleConnectionCount());
  }

  /** Releases the test's own OkHttp client. */
  void release() {
    ok.dispatcher().executorService().shutdown();
    ok.connectionPool().evictAll();
  }
}
