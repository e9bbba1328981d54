package dev.livechat.client.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Posts the webhook's deliveries as the server's {@code sendRequest} does ({@code
 * apps/meteor/app/livechat/server/lib/webhooks.ts}): {@code POST} of the JSON body to {@code
 * Livechat_webhookUrl}, {@code X-RocketChat-Livechat-Token} when a secret is set, each attempt
 * limited to {@code Livechat_http_timeout}; status 200 is success (and its text becomes the
 * room's {@code crmData}); 5xx, 429, a timeout or a network failure is tried again after the
 * settings' delay, 5 tries in all; any other status gives up. The URL, secret and timeout are read
 * again at each attempt, as the server reads its settings.
 *
 * <p>Nobody waits for a delivery (the server's {@code void sendRequest(...)}): attempts run on 4
 * daemon threads, retries are scheduled on them, and at most {@value #MAX_PENDING} deliveries wait
 * at once (more are recorded as failed, not sent). {@link #close()} drops what is left.
 */
final class WebhookSender implements AutoCloseable {
  /** {@code sendRequest(postData, attempts = 5)}. */
  static final int TRIES = 5;
  static final int MAX_PENDING = 10_000;
  static final String TOKEN_HEADER = "X-RocketChat-Livechat-Token";
  private static final MediaType JSON = MediaType.get("application/json");

  private final Store store;
  private final ScheduledThreadPoolExecutor executor;
  private final OkHttpClient http;
  private final AtomicInteger pending = new AtomicInteger();
  /** Every attempt, in the order they ended; guarded by the store. */
  private final List<WebhookAttempt> attempts = new ArrayList<>();
  /** Deliveries numbered so far; guarded by the store. */
  private int deliveries;

  private record Delivery(int number, String type, byte[] body, @Nullable Consumer<String> onDelivered) {}

  WebhookSender(Store store) {
    this.store = store;
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "fake-livechat-webhook-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = new ScheduledThreadPoolExecutor(4, factory);
    this.executor.setRemoveOnCancelPolicy(true);
    // A fresh connection per attempt: one attempt is one request, never a silent OkHttp retry on a
    // pooled connection the endpoint closed meanwhile.
    this.http = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
  }

  /**
   * Queues a delivery of {@code postData}, its body written now (the server builds the object once
   * and sends it unchanged on every try). Call holding the store's lock.
   *
   * @param onDelivered given the answer's text after a 200, holding the store's lock; or null
   */
  void post(java.util.Map<String, Object> postData, @Nullable Consumer<String> onDelivered) {
    String type = String.valueOf(postData.get("type"));
    byte[] body = JsonValues.write(postData, JsonValues.Dates.ISO).getBytes(StandardCharsets.UTF_8);
    Delivery delivery = new Delivery(++deliveries, type, body, onDelivered);
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      record(delivery, 1, store.settings.webhook(), null, "", "not sent: " + MAX_PENDING + " deliveries pending");
      return;
    }
    if (!executor.isShutdown()) {
      executor.execute(() -> attempt(delivery, 1));
    }
  }

  private void attempt(Delivery delivery, int attempt) {
    WebhookSettings settings;
    synchronized (store) {
      settings = store.settings.webhook();
    }
    Integer status = null;
    String answer = "";
    String failure = null;
    HttpUrl url = HttpUrl.parse(settings.url());
    if (url == null) {
      failure = "not a URL: \"" + settings.url() + "\"";
    } else {
      Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(delivery.body(), JSON));
      if (!settings.secretToken().isEmpty()) {
        request.header(TOKEN_HEADER, settings.secretToken());
      }
      OkHttpClient client = http.newBuilder().callTimeout(settings.httpTimeout()).build();
      try (Response response = client.newCall(request.build()).execute()) {
        status = response.code();
        answer = response.body().string();
      } catch (IOException e) {
        failure = e.toString();
      }
    }
    record(delivery, attempt, settings, status, answer, failure);
    boolean retryable = status == null || status >= 500 || status == 429;
    if (status != null && status == 200 || !retryable || attempt >= TRIES || executor.isShutdown()) {
      pending.decrementAndGet();
      return;
    }
    Duration delay = settings.delayBetweenTries();
    try {
      executor.schedule(() -> attempt(delivery, attempt + 1), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      pending.decrementAndGet();
    }
  }

  private void record(Delivery delivery, int attempt, WebhookSettings settings, @Nullable Integer status,
      String answer, @Nullable String failure) {
    synchronized (store) {
      attempts.add(new WebhookAttempt(delivery.number(), attempt, delivery.type(), settings.url(),
          settings.secretToken().isEmpty() ? null : settings.secretToken(),
          new String(delivery.body(), StandardCharsets.UTF_8), status, answer, failure, Instant.now()));
      if (status != null && status == 200 && delivery.onDelivered() != null) {
        delivery.onDelivered().accept(answer);
      }
      store.changed();
    }
  }

  /** Every attempt so far; call holding the store's lock. */
  List<WebhookAttempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Drops what waits, interrupts what runs, and waits a second at most for the threads to end. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.connectionPool().evictAll();
  }
}
