package dev.livechat.client;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.exception.RateLimit;
import dev.livechat.client.internal.Backoff;
import dev.livechat.client.internal.Delays;
import dev.livechat.client.internal.ErrorMapper;
import dev.livechat.client.internal.Redaction;
import dev.livechat.client.internal.Telemetry;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * The one executor: turns a {@link CallSpec} into OkHttp calls and the answer into a record or
 * a {@link LivechatException}, blocking or asynchronously, with the same retries, rate-limit
 * bookkeeping and recovery either way.
 *
 * <p>One attempt: build the request, send it, read the whole body, map it (or, for a streamed
 * endpoint's success, hand the answer over unread). Between attempts,
 * {@link #retryDelay} decides from the failure, the attempt number and whether the endpoint is
 * safe to repeat. When a repeated attempt of an endpoint with a {@linkplain
 * CallSpec#recovery() recovery} is refused, the recovery runs instead (a repeated message send
 * looks its message up by id).
 */
final class CallExecutor {
  private final OkHttpClient client;
  private final OkHttpClient noSilentRetry;
  private final HttpUrl baseUrl;
  private final HttpUrl apiBase;
  private final Clock clock;
  private final RetryPolicy retry;
  private final boolean waitWhenRateLimited;
  private final Delays delays;
  private final Backoff backoff;
  private final long maxResponseBytes;
  private final Map<String, RateLimit> rateLimits = new ConcurrentHashMap<>();
  /**
   * The URL of each route that has no path value and no query ({@code livechat/message}), built
   * once: building it per call (split the route, encode the segments, format and parse the URL)
   * cost a message send about 1 KB and half a microsecond. Bounded, since a {@link CallSpec}
   * could be made with any route string; past the bound, URLs are built per call as before.
   */
  private final Map<String, HttpUrl> fixedUrls = new ConcurrentHashMap<>();
  private static final int MAX_FIXED_URLS = 256;
  private volatile boolean closed;
  private final Telemetry telemetry;

  /**
   * @param client the OkHttp client every call goes through
   * @param baseUrl the server root, possibly with a base path ({@code https://host/support})
   * @param clock the clock that turns rate-limit reset times into waits
   * @param retry when to try again
   * @param waitWhenRateLimited whether to wait before sending to a route known to be exhausted
   * @param delays how to wait
   * @param maxResponseBytes the most of an answer that is read into memory (streamed answers are
   *     not limited)
   * @param telemetry where each call, attempt, retry and wait is reported
   */
  public CallExecutor(OkHttpClient client, HttpUrl baseUrl, Clock clock, RetryPolicy retry,
      boolean waitWhenRateLimited, Delays delays, long maxResponseBytes, Telemetry telemetry) {
    this.client = client;
    this.noSilentRetry = client.newBuilder().retryOnConnectionFailure(false).build();
    this.baseUrl = baseUrl;
    this.apiBase = baseUrl.newBuilder().addPathSegments("api/v1").build();
    this.clock = clock;
    this.retry = retry;
    this.telemetry = telemetry;
    this.waitWhenRateLimited = waitWhenRateLimited;
    this.delays = delays;
    this.backoff = new Backoff(Duration.ZERO, retry.initialBackoff(), retry.maxBackoff());
    this.maxResponseBytes = maxResponseBytes;
  }

  /** The server root every request is built under. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** The latest {@code X-RateLimit-*} headers seen, by endpoint ({@code "POST /api/v1/livechat/message"}). */
  public Map<String, RateLimit> rateLimits() {
    return Map.copyOf(rateLimits);
  }

  /** Refuses every later call and attempt; calls waiting for a retry fail at once. */
  public void close() {
    closed = true;
    delays.shutdown();
  }

  /** Runs {@code endpoint} on the calling thread and returns its record. */
  public <T> T execute(CallSpec<T> endpoint) {
    CallTrace trace = CallTrace.start(telemetry, endpoint);
    try {
      T value = attempts(endpoint, trace);
      trace.finished(null);
      return value;
    } catch (RuntimeException | Error failure) {
      trace.finished(failure); // an Error too: a listener's open span must end
      throw failure;
    }
  }

  private <T> T attempts(CallSpec<T> endpoint, CallTrace trace) {
    for (int attempt = 1; ; attempt++) {
      try {
        refuseIfClosed(endpoint);
        Duration wait = rateLimitWait(endpoint);
        trace.rateLimitWait(wait);
        pause(wait, endpoint);
        return once(endpoint, trace);
      } catch (LivechatException failure) {
        Duration delay = retryDelay(endpoint, failure, attempt);
        if (delay == null) {
          CallSpec<T> recovery = recoveryFor(endpoint, failure, attempt);
          if (recovery == null) {
            throw failure;
          }
          try {
            return execute(recovery); // a call of its own, as its listener sees it
          } catch (LivechatException lookupFailed) {
            failure.addSuppressed(lookupFailed);
            throw failure;
          }
        }
        trace.retry(attempt, failure, delay);
        pause(delay, endpoint);
      }
    }
  }

  /**
   * Runs {@code endpoint} without blocking: the future completes on an OkHttp dispatcher thread
   * (or the retry timer's). Cancelling it cancels the HTTP call in flight and any pending retry.
   */
  public <T> CompletableFuture<T> executeAsync(CallSpec<T> endpoint) {
    CallTrace trace = CallTrace.start(telemetry, endpoint);
    AsyncCall<T> call = new AsyncCall<>(endpoint, trace);
    if (trace != CallTrace.OFF) {
      call.whenComplete((value, failure) -> trace.finished(failure));
    }
    call.start(1);
    return call;
  }

  private void refuseIfClosed(CallSpec<?> endpoint) {
    if (closed) {
      throw new LivechatException("The client is closed", endpoint.describe(), null);
    }
  }

  private <T> T once(CallSpec<T> endpoint, CallTrace trace) {
    Request request = trace.decorate(requestFor(endpoint));
    long started = trace.attemptStarting();
    Response response;
    try {
      response = clientFor(endpoint).newCall(request).execute();
    } catch (IOException e) {
      trace.attemptFinished(0, started);
      throw networkFailure(endpoint, e);
    }
    try {
      return readAndRelease(endpoint, response);
    } finally {
      trace.attemptFinished(response.code(), started);
    }
  }

  /**
   * Reads the answer and closes it, unless a streamed endpoint took a successful answer over (its
   * result closes it then).
   */
  private <T> T readAndRelease(CallSpec<T> endpoint, Response response) {
    boolean handedOver = false;
    try {
      T value = read(endpoint, response);
      handedOver = endpoint.streams();
      return value;
    } catch (IOException e) {
      throw networkFailure(endpoint, e);
    } finally {
      if (!handedOver) {
        response.close();
      }
    }
  }

  private Request requestFor(CallSpec<?> endpoint) {
    if (!endpoint.fixedUrl()) {
      return endpoint.toRequest(baseUrl, apiBase);
    }
    HttpUrl url = fixedUrls.get(endpoint.route());
    if (url == null) {
      url = endpoint.url(baseUrl, apiBase);
      if (fixedUrls.size() < MAX_FIXED_URLS) {
        fixedUrls.putIfAbsent(endpoint.route(), url);
      }
    }
    return endpoint.toRequestAt(url);
  }

  /**
   * OkHttp silently re-sends a request when a pooled connection turns out to be dead, even after
   * the server may have read it. That is right for a call that is safe to repeat and wrong for one
   * that is not (a message could be stored twice), so those go through a client, sharing the same
   * pool and dispatcher, that never re-sends on its own.
   */
  private OkHttpClient clientFor(CallSpec<?> endpoint) {
    return endpoint.safeToRepeat() ? client : noSilentRetry;
  }

  /**
   * A successful answer of a streamed endpoint is handed over unread, whatever its size; any other
   * answer is read whole, up to {@link #maxResponseBytes}, then mapped. A successful answer past the
   * limit is refused without reading the rest; of a refusal, what fits is mapped (its status is what
   * matters). A successful answer must be one JSON document, nothing after it (as Retrofit's Moshi
   * converter checks). Every text taken from the answer or a failure is {@linkplain Redaction
   * scrubbed} of the call's secrets.
   */
  private <T> T read(CallSpec<T> endpoint, Response response) throws IOException {
    if (endpoint.streams() && response.isSuccessful()) {
      remember(endpoint, response);
      return endpoint.open(response);
    }
    remember(endpoint, response);
    if (response.isSuccessful() && response.body().contentLength() > maxResponseBytes) {
      throw tooLarge(endpoint, response);
    }
    Buffer body = new Buffer();
    BufferedSource source = response.body().source();
    long limit = maxResponseBytes + 1; // one byte more than allowed tells a body past the limit
    while (body.size() < limit && source.read(body, Math.min(8192, limit - body.size())) != -1) {
      // reading
    }
    if (!response.isSuccessful()) {
      throw ErrorMapper.toException(response.code(), response.headers(), body, endpoint.describe(),
          clock.instant(), endpoint.secrets());
    }
    if (body.size() > maxResponseBytes) {
      throw tooLarge(endpoint, response);
    }
    try {
      JsonReader in = JsonReader.of(body);
      T value = Objects.requireNonNull(endpoint.reader()).read(in);
      if (in.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("JSON document was not fully consumed.");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new LivechatDecodingException(
          "HTTP " + response.code() + " answer is not the expected JSON: " + reason(e, endpoint.secrets()),
          response.code(),
          endpoint.describe(),
          Redaction.scrub(e, endpoint.secrets()));
    }
  }

  private LivechatDecodingException tooLarge(CallSpec<?> endpoint, Response response) {
    return new LivechatDecodingException("HTTP " + response.code() + " answer is larger than the limit of "
        + maxResponseBytes + " bytes (LivechatClient.Builder.maxResponseBytes); not read further",
        response.code(), endpoint.describe(), null);
  }

  private void remember(CallSpec<?> endpoint, Response response) {
    // Each lookup scans every header of the answer: a server with its rate limiter off sends none,
    // so stop at the first missing one.
    String limit = response.header("X-RateLimit-Limit");
    if (limit == null) {
      return;
    }
    String remaining = response.header("X-RateLimit-Remaining");
    String reset = response.header("X-RateLimit-Reset");
    if (remaining == null || reset == null) {
      return;
    }
    try {
      rateLimits.put(endpoint.describe(), new RateLimit(Integer.parseInt(limit.trim()),
          Integer.parseInt(remaining.trim()), Instant.ofEpochMilli(Long.parseLong(reset.trim()))));
    } catch (NumberFormatException ignored) {
      // A header we cannot read tells us nothing; the previous reading stands.
    }
  }

  /**
   * How long to wait before trying {@code failure}'s endpoint again, or null to give up: after a
   * failure to connect any call is retried (nothing was sent); after a 429 any call whose body can
   * be sent again (the server did nothing), waiting as asked; after other network failures and
   * 502/503/504, only a call that is safe to repeat, with capped exponential backoff and full
   * jitter.
   */
  private @Nullable Duration retryDelay(CallSpec<?> endpoint, LivechatException failure, int attempt) {
    if (attempt > retry.maxRetries() || closed) {
      return null;
    }
    boolean nothingSent = failure.getCause() instanceof ConnectException
        || failure.getCause() instanceof UnknownHostException;
    if (nothingSent) {
      return backoff(attempt);
    }
    if (!endpoint.canResend()) {
      return null;
    }
    if (failure instanceof LivechatRateLimitException limited) {
      Duration wait = limited.retryAfter() == null ? backoff(attempt) : limited.retryAfter();
      return wait.compareTo(retry.maxRateLimitWait()) <= 0 ? wait : null;
    }
    boolean transientFailure = failure instanceof LivechatNetworkException
        || (failure instanceof LivechatApiException api
            && (api.statusCode() == 502 || api.statusCode() == 503 || api.statusCode() == 504));
    return transientFailure && endpoint.safeToRepeat() ? backoff(attempt) : null;
  }

  /** Full jitter: a random wait between zero and the attempt's cap. */
  private Duration backoff(int attempt) {
    return backoff.delay(attempt);
  }

  /** The recovery to run when a repeated attempt was refused (its first try may have landed). */
  private static <T> @Nullable CallSpec<T> recoveryFor(CallSpec<T> endpoint, LivechatException failure, int attempt) {
    boolean refused = failure instanceof LivechatApiException api && api.statusCode() >= 400 && api.statusCode() < 500;
    return attempt > 1 && refused ? endpoint.recovery() : null;
  }

  /**
   * How long to wait before sending, when asked to respect a known exhausted window; throws the
   * rate-limit exception without sending when the wait is longer than the policy accepts.
   */
  private Duration rateLimitWait(CallSpec<?> endpoint) {
    if (!waitWhenRateLimited) {
      return Duration.ZERO;
    }
    RateLimit known = rateLimits.get(endpoint.describe());
    Instant now = clock.instant();
    if (known == null || known.remaining() > 0 || !known.resetAt().isAfter(now)) {
      return Duration.ZERO;
    }
    Duration wait = Duration.between(now, known.resetAt());
    if (wait.compareTo(retry.maxRateLimitWait()) > 0) {
      throw new LivechatRateLimitException("error-too-many-requests",
          "Not sent: the route's rate limit is exhausted until " + known.resetAt(), endpoint.describe(),
          known.resetAt(), wait);
    }
    return wait;
  }

  private void pause(Duration delay, CallSpec<?> endpoint) {
    if (delay.isZero()) {
      return;
    }
    try {
      delays.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LivechatNetworkException("Interrupted while waiting to retry", endpoint.describe(),
          new InterruptedIOException("interrupted"));
    }
  }

  private static LivechatException networkFailure(CallSpec<?> endpoint, IOException e) {
    return networkFailure(endpoint.describe(), "Request failed: ", Redaction.scrub(e, endpoint.secrets()));
  }

  /**
   * The exception for an I/O failure of {@code endpoint}: {@link LivechatTimeoutException} for a
   * timeout, else {@link LivechatNetworkException}, its message {@code what} and the failure.
   * {@code e} must already be {@linkplain Redaction#scrub(IOException, java.util.List) scrubbed}
   * of the call's secrets.
   */
  public static LivechatException networkFailure(String endpoint, String what, IOException e) {
    if (e instanceof InterruptedIOException interrupted && !Thread.currentThread().isInterrupted()) {
      return new LivechatTimeoutException(endpoint, interrupted);
    }
    return new LivechatNetworkException(what + e, endpoint, e);
  }

  private static String reason(Exception e, java.util.List<String> secrets) {
    if (e instanceof EOFException) {
      return "the body ended early";
    }
    return e.getMessage() != null ? Redaction.scrub(e.getMessage(), secrets) : e.getClass().getSimpleName();
  }

  /** One asynchronous execution: its attempts, and what to cancel when the caller cancels. */
  private final class AsyncCall<T> extends CompletableFuture<T> {
    private final CallSpec<T> endpoint;
    private final CallTrace trace;
    private volatile @Nullable Call inFlight;
    private volatile @Nullable Future<?> pending;
    private volatile @Nullable CompletableFuture<T> lookup;

    AsyncCall(CallSpec<T> endpoint, CallTrace trace) {
      this.endpoint = endpoint;
      this.trace = trace;
    }

    void start(int attempt) {
      Duration wait;
      try {
        refuseIfClosed(endpoint);
        wait = rateLimitWait(endpoint);
      } catch (LivechatException failure) {
        completeExceptionally(failure);
        return;
      }
      if (wait.isZero()) {
        send(attempt);
      } else {
        trace.rateLimitWait(wait);
        later(() -> send(attempt), wait);
      }
    }

    private void send(int attempt) {
      if (isDone()) {
        return;
      }
      Call call = clientFor(endpoint).newCall(trace.decorate(requestFor(endpoint)));
      inFlight = call;
      if (isCancelled()) {
        call.cancel();
        return;
      }
      long started = trace.attemptStarting();
      call.enqueue(new Callback() {
        @Override
        public void onResponse(Call call, Response response) {
          T value;
          try {
            value = readAndRelease(endpoint, response);
          } catch (LivechatException failure) {
            attemptFinished(response.code(), started);
            failed(failure, attempt);
            return;
          }
          attemptFinished(response.code(), started);
          if (!complete(value) && endpoint.streams()) {
            response.close(); // cancelled meanwhile: nobody will read the stream
          }
        }

        @Override
        public void onFailure(Call call, IOException e) {
          attemptFinished(0, started);
          failed(networkFailure(endpoint, e), attempt);
        }
      });
    }

    /**
     * Reports an attempt's end, unless the call has ended already (cancelled while the attempt was
     * in flight): its listener has had {@code CallFinished}, the last event of a call.
     */
    private void attemptFinished(int status, long started) {
      if (!isDone()) {
        trace.attemptFinished(status, started);
      }
    }

    private void failed(LivechatException failure, int attempt) {
      if (isDone()) {
        return;
      }
      Duration delay = retryDelay(endpoint, failure, attempt);
      if (delay != null) {
        trace.retry(attempt, failure, delay);
        later(() -> start(attempt + 1), delay);
        return;
      }
      CallSpec<T> recovery = recoveryFor(endpoint, failure, attempt);
      if (recovery == null) {
        completeExceptionally(failure);
        return;
      }
      CompletableFuture<T> found = executeAsync(recovery);
      lookup = found;
      if (isCancelled()) {
        found.cancel(false);
      }
      found.whenComplete((value, lookupFailed) -> {
        if (lookupFailed == null) {
          complete(value);
        } else {
          failure.addSuppressed(lookupFailed);
          completeExceptionally(failure);
        }
      });
    }

    private void later(Runnable task, Duration delay) {
      try {
        pending = delays.schedule(task, delay);
      } catch (RejectedExecutionException closing) {
        completeExceptionally(new LivechatException("The client is closed", endpoint.describe(), null));
        return;
      }
      if (isCancelled()) {
        pending.cancel(false);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (!cancelled) {
        return false; // already complete: a streamed result (a download) may still be reading its call
      }
      Call call = inFlight;
      if (call != null) {
        call.cancel();
      }
      Future<?> task = pending;
      if (task != null) {
        task.cancel(false);
      }
      CompletableFuture<T> recovering = lookup;
      if (recovering != null) {
        recovering.cancel(false);
      }
      return cancelled;
    }
  }
}
