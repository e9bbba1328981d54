package dev.livechat.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/** The in-memory store: both bounds honoured, and exactly one first sight per key under contention. */
class WebhookDeliveryStoreTest {
  final AtomicLong nanos = new AtomicLong(1_000);

  InMemoryDeliveryStore store(int maxKeys, Duration ttl) {
    return InMemoryDeliveryStore.create(maxKeys, ttl, nanos::get);
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void aKeyIsFirstSeenOnceThenRemembered() {
    InMemoryDeliveryStore store = store(10, Duration.ofHours(1));

    assertThat(store.firstSeen("a")).isTrue();
    assertThat(store.firstSeen("a")).isFalse();
    assertThat(store.firstSeen("a")).isFalse();
    assertThat(store.firstSeen("b")).isTrue();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void aKeyIsForgottenAfterItsTimeNotBefore() {
    InMemoryDeliveryStore store = store(10, Duration.ofMinutes(10));
    store.firstSeen("a");

    advance(Duration.ofMinutes(10).minusNanos(1));
    assertThat(store.firstSeen("a")).isFalse();

    advance(Duration.ofNanos(1));
    assertThat(store.size()).isZero();
    assertThat(store.firstSeen("a")).isTrue();
  }

  @Test
  void aRetryDoesNotExtendAKeysTime() {
    InMemoryDeliveryStore store = store(10, Duration.ofMinutes(10));
    store.firstSeen("a");
    advance(Duration.ofMinutes(9));
    assertThat(store.firstSeen("a")).isFalse();   // a retry, 9 minutes later

    advance(Duration.ofMinutes(1));
    assertThat(store.firstSeen("a")).isTrue();    // 10 minutes after the first sight
  }

  @Test
  void theOldestKeyGoesFirstWhenFull() {
    InMemoryDeliveryStore store = store(3, Duration.ofHours(1));
    for (String key : List.of("a", "b", "c", "d")) {
      assertThat(store.firstSeen(key)).isTrue();
      advance(Duration.ofSeconds(1));
    }

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.firstSeen("b")).isFalse();
    assertThat(store.firstSeen("c")).isFalse();
    assertThat(store.firstSeen("d")).isFalse();
    assertThat(store.firstSeen("a")).isTrue();    // evicted, so new again; "b" goes now
    assertThat(store.firstSeen("b")).isTrue();
  }

  @Test
  void memoryStaysWithinTheBoundWhateverArrives() {
    InMemoryDeliveryStore store = store(100, Duration.ofHours(1));
    for (int i = 0; i < 10_000; i++) {
      store.firstSeen("key-" + i);
      assertThat(store.size()).isLessThanOrEqualTo(100);
    }
    assertThat(store.size()).isEqualTo(100);
    assertThat(store.firstSeen("key-9999")).isFalse();
    assertThat(store.firstSeen("key-9899")).isTrue();
  }

  @Test
  void expiredKeysFreeTheirPlaceBeforeTheLimitEvictsLiveOnes() {
    InMemoryDeliveryStore store = store(2, Duration.ofMinutes(5));
    store.firstSeen("old");
    advance(Duration.ofMinutes(5));
    store.firstSeen("x");
    store.firstSeen("y");

    assertThat(store.firstSeen("x")).isFalse();
    assertThat(store.firstSeen("y")).isFalse();
  }

  @Test
  void aForgottenKeyIsFirstSeenAgain() {
    InMemoryDeliveryStore store = store(10, Duration.ofHours(1));
    store.firstSeen("a");
    store.forget("a");
    store.forget("never-seen");

    assertThat(store.firstSeen("a")).isTrue();
  }

  @Test
  void defaultsAreTenThousandKeysForAnHour() {
    assertThat(InMemoryDeliveryStore.create().toString())
        .isEqualTo("InMemoryDeliveryStore[maxKeys=10000, ttl=PT1H]");
  }

  @Test
  void badBoundsAreRefused() {
    assertThatThrownBy(() -> InMemoryDeliveryStore.create(0, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxKeys must be positive, was 0");
    assertThatThrownBy(() -> InMemoryDeliveryStore.create(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ttl must be positive, was PT0S");
    assertThatThrownBy(() -> InMemoryDeliveryStore.create(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryDeliveryStore.create(1, null))
        .isInstanceOf(NullPointerException.class).hasMessage("ttl must not be null");
    assertThatThrownBy(() -> InMemoryDeliveryStore.create().firstSeen(null))
        .isInstanceOf(NullPointerException.class).hasMessage("key must not be null");
  }

  /** Many threads racing on the same keys: each key is first seen by exactly one of them. */
  @Test
  void concurrentDeliveriesOfOneKeyAreFirstSeenExactlyOnce() throws Exception {
    InMemoryDeliveryStore store = InMemoryDeliveryStore.create(10_000, Duration.ofHours(1));
    int threads = 8;
    int keys = 2_000;
    AtomicLongArray firsts = new AtomicLongArray(keys);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * 97;
        done.add(pool.submit((Callable<Void>) () -> {
          start.await();
          for (int i = 0; i < keys; i++) {
            int key = (i + offset) % keys;   // each thread in its own order
            if (store.firstSeen("k" + key)) {
              firsts.incrementAndGet(key);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int key = 0; key < keys; key++) {
      assertThat(firsts.get(key)).as("first sights of k%d", key).isEqualTo(1);
    }
    assertThat(store.size()).isEqualTo(keys);
  }

  /** Contention with eviction and forgetting: the bound holds throughout, and nothing breaks. */
  @Test
  void theBoundHoldsUnderContention() throws Exception {
    InMemoryDeliveryStore store = InMemoryDeliveryStore.create(50, Duration.ofHours(1));
    AtomicInteger overBound = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit((Callable<Void>) () -> {
          start.await();
          for (int i = 0; i < 5_000; i++) {
            String key = "t" + thread + "-" + i;
            store.firstSeen(key);
            if (i % 7 == 0) {
              store.forget(key);
            }
            if (store.size() > 50) {
              overBound.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(overBound).hasValue(0);
    assertThat(store.size()).isLessThanOrEqualTo(50);
  }
}
