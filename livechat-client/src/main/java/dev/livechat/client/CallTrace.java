package dev.livechat.client;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.internal.Telemetry;
import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryEvent.Outcome;
import dev.livechat.client.telemetry.TelemetryEvent.RetryReason;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * One call as its {@link dev.livechat.client.telemetry.TelemetryListener} sees it: started, each
 * attempt, each retry and rate-limit wait, finished. {@link #OFF} when nobody listens: every method
 * returns at once and nothing is built. A call's attempts run one after another (on the caller's
 * thread, or OkHttp's and the timer's in turn), so its counters need no lock; they are volatile
 * because an asynchronous call's attempts run on different threads.
 */
final class CallTrace {
  /** Nobody listens. */
  static final CallTrace OFF = new CallTrace(null, null, 0);

  private final @Nullable Telemetry telemetry;
  private final @Nullable CallSpec<?> endpoint;
  private final long callId;
  private final long startedAt = System.nanoTime();
  private volatile int attempts;
  private volatile int lastStatus;

  private CallTrace(@Nullable Telemetry telemetry, @Nullable CallSpec<?> endpoint, long callId) {
    this.telemetry = telemetry;
    this.endpoint = endpoint;
    this.callId = callId;
  }

  /** Reports the call started, on the caller's thread; {@link #OFF} when nobody listens. */
  static CallTrace start(Telemetry telemetry, CallSpec<?> endpoint) {
    if (!telemetry.on()) {
      return OFF;
    }
    CallTrace trace = new CallTrace(telemetry, endpoint, telemetry.nextCallId());
    telemetry.emit(new TelemetryEvent.CallStarted(trace.callId, endpoint.method(), endpoint.route()));
    return trace;
  }

  /** {@code request} with the listener's headers for this attempt (trace context), if any. */
  Request decorate(Request request) {
    if (telemetry == null) {
      return request;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    telemetry.requestHeaders(callId, headers::put);
    if (headers.isEmpty()) {
      return request;
    }
    Request.Builder decorated = request.newBuilder();
    headers.forEach(decorated::header);
    return decorated.build();
  }

  /** The time an attempt starts, to give to {@link #attemptFinished}. */
  long attemptStarting() {
    return telemetry == null ? 0 : System.nanoTime();
  }

  /** An attempt ended with an answer of {@code status}, or none (0). */
  void attemptFinished(int status, long startedNanos) {
    if (telemetry == null || endpoint == null) {
      return;
    }
    int attempt = ++attempts;
    lastStatus = status;
    telemetry.emit(new TelemetryEvent.AttemptFinished(callId, endpoint.method(), endpoint.route(), attempt, status,
        Duration.ofNanos(System.nanoTime() - startedNanos)));
  }

  /** The call waits {@code wait} for the rate limiter's known reset before sending. */
  void rateLimitWait(Duration wait) {
    if (telemetry == null || endpoint == null || wait.isZero()) {
      return;
    }
    telemetry.emit(new TelemetryEvent.RateLimitWait(callId, endpoint.method(), endpoint.route(), wait));
  }

  /** Attempt {@code attempt} failed with {@code failure}; another follows after {@code delay}. */
  void retry(int attempt, LivechatException failure, Duration delay) {
    if (telemetry == null || endpoint == null) {
      return;
    }
    RetryReason reason = failure instanceof LivechatRateLimitException ? RetryReason.RATE_LIMITED
        : failure instanceof LivechatApiException ? RetryReason.UNAVAILABLE
        : RetryReason.NETWORK;
    telemetry.emit(new TelemetryEvent.RetryScheduled(callId, endpoint.method(), endpoint.route(), attempt, reason,
        delay));
  }

  /** The call ended: with its record ({@code failure} null) or with {@code failure}. */
  void finished(@Nullable Throwable failure) {
    if (telemetry == null || endpoint == null) {
      return;
    }
    telemetry.emit(new TelemetryEvent.CallFinished(callId, endpoint.method(), endpoint.route(), outcome(failure),
        lastStatus, attempts, Duration.ofNanos(System.nanoTime() - startedAt)));
  }

  private static Outcome outcome(@Nullable Throwable failure) {
    if (failure == null) {
      return Outcome.SUCCESS;
    }
    if (failure instanceof LivechatRateLimitException) {
      return Outcome.RATE_LIMITED;
    }
    if (failure instanceof LivechatApiException) {
      return Outcome.REFUSED;
    }
    if (failure instanceof LivechatTimeoutException) {
      return Outcome.TIMEOUT;
    }
    if (failure instanceof LivechatNetworkException) {
      return Outcome.NETWORK_ERROR;
    }
    if (failure instanceof LivechatDecodingException) {
      return Outcome.DECODING_ERROR;
    }
    // Cancelled by the caller, interrupted, or the client closed (a plain LivechatException).
    return failure instanceof CancellationException || failure instanceof LivechatException
        ? Outcome.CANCELLED : Outcome.NETWORK_ERROR;
  }
}
