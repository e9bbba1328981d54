package dev.livechat.client.telemetry;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One thing the SDK did, as a {@link TelemetryListener} receives it. Every kind holds routes,
 * methods, statuses, counts, durations and ids at most: never a token, a text or personal data.
 */
public sealed interface TelemetryEvent {

  // ---- REST calls ----

  /**
   * A call began: one method call on the client, however many attempts it takes.
   *
   * @param callId this call's number within its client, the same in each of its events
   * @param method the HTTP method
   * @param route the route template, for example {@code livechat/message/:_id}
   */
  record CallStarted(long callId, String method, String route) implements TelemetryEvent {}

  /**
   * The call waits before sending because the server's rate limiter is known to be exhausted for
   * its route until its reset (the client's {@code waitWhenRateLimited}).
   */
  record RateLimitWait(long callId, String method, String route, Duration duration) implements TelemetryEvent {}

  /**
   * One attempt ended: an answer was read (whatever its status) or none came.
   *
   * @param attempt 1 for the first
   * @param status the answer's HTTP status; 0 when no answer came (a network failure or timeout)
   * @param duration from sending the request to the end of the answer (or of the failure)
   */
  record AttemptFinished(long callId, String method, String route, int attempt, int status, Duration duration)
      implements TelemetryEvent {}

  /**
   * The attempt that failed will be followed by another after {@code delay}.
   *
   * @param attempt the attempt that failed
   */
  record RetryScheduled(long callId, String method, String route, int attempt, RetryReason reason, Duration delay)
      implements TelemetryEvent {}

  /**
   * The call ended: the last event of a call.
   *
   * @param status the last answer's HTTP status, or 0 when none came (after a recovery lookup,
   *     a call of its own, the status of this call's last attempt)
   * @param attempts how many attempts ended before the call did (one cancelled in flight is not
   *     counted; a lookup that recovers a refused repeat, {@code GET livechat/message/:_id}, is a
   *     call of its own)
   * @param duration from {@link CallStarted} to the end, waits included
   */
  record CallFinished(long callId, String method, String route, Outcome outcome, int status, int attempts,
      Duration duration) implements TelemetryEvent {}

  /** Why an attempt is followed by another. */
  enum RetryReason {
    /** The connection could not be made or broke; nothing, or nothing harmful, reached the server. */
    NETWORK,
    /** HTTP 429: the server's rate limiter; {@code delay} is its reset. */
    RATE_LIMITED,
    /** HTTP 502, 503 or 504 from the server or a proxy. */
    UNAVAILABLE
  }

  /** How a call ended. */
  enum Outcome {
    /** A 2xx answer, read into its record. */
    SUCCESS,
    /** A non-2xx answer other than 429 ({@code LivechatApiException}). */
    REFUSED,
    /** HTTP 429 with no retry left ({@code LivechatRateLimitException}). */
    RATE_LIMITED,
    /** No complete answer ({@code LivechatNetworkException}). */
    NETWORK_ERROR,
    /** A timeout ({@code LivechatTimeoutException}). */
    TIMEOUT,
    /** A 2xx answer that could not be read ({@code LivechatDecodingException}). */
    DECODING_ERROR,
    /** Cancelled by the caller, or the client closed. */
    CANCELLED
  }

  // ---- realtime ----

  /**
   * A realtime room's connection changed state ({@code RealtimeEvent.ConnectionStateChanged}).
   *
   * @param state the name of the {@code ConnectionState}: {@code CONNECTING}, {@code CONNECTED},
   *     {@code WAITING}, {@code FAILED} or {@code CLOSED} (a name, so that this package depends on
   *     no other of the SDK's)
   */
  record RealtimeStateChanged(String roomId, String state) implements TelemetryEvent {}

  /** A realtime room starts connecting again after its connection was lost. */
  record RealtimeReconnect(String roomId) implements TelemetryEvent {}

  /**
   * The server refused one of the room's subscriptions.
   *
   * @param stream the stream's name, for example {@code stream-room-messages}
   */
  record SubscriptionRefused(String roomId, String stream) implements TelemetryEvent {}

  /**
   * A gap fill ended: what the room missed while away was loaded from its history.
   *
   * @param calls the history calls it took
   * @param messages the messages it recovered (new or changed)
   * @param duration from its first call to the end of its last
   */
  record GapFilled(String roomId, int calls, int messages, Duration duration) implements TelemetryEvent {}

  /**
   * An event reached the room's listener.
   *
   * @param type the event's kind: the simple name of its {@code RealtimeEvent} record, for example
   *     {@code MessageReceived}
   */
  record RealtimeDelivered(String roomId, String type) implements TelemetryEvent {}

  /**
   * A hub's load changed: its rooms, its open connections, and the rooms waiting at its load gate
   * for their history loads.
   */
  record HubLoad(int rooms, int connections, int queued) implements TelemetryEvent {}

  // ---- webhooks ----

  /**
   * A request reached the webhook receiver.
   *
   * @param status what to answer: 200 (accepted or duplicate), 400 or 401 (refused)
   * @param type the event's {@code type} ({@code LivechatSession}, {@code Message}, ...), or null when
   *     refused before it was read
   */
  record WebhookReceived(WebhookResult result, int status, @Nullable String type) implements TelemetryEvent {}

  /** What the receiver did with a webhook delivery. */
  enum WebhookResult {
    /** A new delivery, read and handed over. */
    ACCEPTED,
    /** A delivery seen before (a retry of the server's): to acknowledge and skip. */
    DUPLICATE,
    /** Not a delivery from the server: wrong or missing secret, or a body that is not an event. */
    REFUSED
  }
}
