package dev.livechat.client.realtime;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.internal.Backoff;
import dev.livechat.client.internal.Delays;
import dev.livechat.client.internal.HistoryCursor;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Loads what a session missed from the room's REST history, one load at a time, and never gives
 * up on a gap the server can still answer: a 429 waits for the server's stated reset, however
 * long, and tries again; a network failure or 5xx backs off and tries again. Only a refusal
 * (another 4xx: the token or room is not valid) or a closed client ends it.
 *
 * <p>Each load reports the subscription epoch read just before its newest page was requested: if
 * a subscription started after that, what came between may be missing and the caller loads again.
 * Results are handed to {@code events} (the session's event thread).
 */
final class GapFiller {
  static final int PAGE = 100;
  /** The shortest wait after a 429: the server states its waits in whole seconds. */
  static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofSeconds(1);

  /** What a load found. */
  interface Found {
    /**
     * @param missed the messages newer than the anchor, oldest first; messages sharing a
     *     millisecond in the order the server stored them
     * @param revisited the anchor and the older messages that came on the same pages, newest
     *     first: as they are now, so that what changed meanwhile (an edit, a deletion trace) is not
     *     missed either
     * @param epoch the subscription epoch when the newest page was requested
     */
    void found(List<Message> missed, List<Message> revisited, int epoch);
  }

  private final Function<HistoryQuery, CompletableFuture<MessageHistory>> history;
  private final Delays delays;
  private final Clock clock;
  private final Backoff backoff;
  private final Executor events;
  private final IntSupplier epoch;
  private final RoomTelemetry telemetry;
  private volatile boolean cancelled;
  private volatile @Nullable Future<?> waiting;
  private volatile @Nullable CompletableFuture<MessageHistory> inFlight;
  /** The fill in progress (one at a time): its history calls so far, and when it started on {@link #clock}. */
  private volatile int fillCalls;
  private volatile long fillStarted;

  GapFiller(Function<HistoryQuery, CompletableFuture<MessageHistory>> history, Delays delays, Clock clock,
      Backoff backoff, Executor events, IntSupplier epoch, RoomTelemetry telemetry) {
    this.history = history;
    this.delays = delays;
    this.clock = clock;
    this.backoff = backoff;
    this.events = events;
    this.epoch = epoch;
    this.telemetry = telemetry;
  }

  /** Loads the room's newest message (none if the room is empty): the session's baseline. */
  void newest(Found found, Consumer<LivechatException> refused) {
    int[] at = new int[1];
    load(HistoryQuery.latest(1), 1, () -> at[0] = epoch.getAsInt(),
        page -> found.found(page.messages().isEmpty() ? List.of() : List.of(page.messages().get(0)), List.of(), at[0]),
        refused);
  }

  /**
   * Loads every message newer than the anchor: those after {@code anchorId} in the server's order,
   * or (if the anchor is gone) those at or after {@code anchorAt}. Messages the session knows
   * come too (one edited meanwhile is news); the ledger tells.
   */
  void since(@Nullable String anchorId, Instant anchorAt, Found found, Consumer<LivechatException> refused) {
    fillCalls = 0;
    fillStarted = telemetry.on() ? clock.millis() : 0; // the clock is read for the telemetry only
    HistoryCursor cursor = new HistoryCursor(PAGE);
    List<Message> newestFirst = new ArrayList<>();
    page(cursor, true, anchorId, anchorAt, newestFirst, new int[1], found, refused);
  }

  private void page(HistoryCursor cursor, boolean first, @Nullable String anchorId, Instant anchorAt,
      List<Message> newestFirst, int[] at, Found found,
      Consumer<LivechatException> refused) {
    HistoryQuery query = cursor.nextQuery();
    load(query, 1, () -> {
      fillCalls++;
      if (first) {
        at[0] = epoch.getAsInt();
      }
    }, page -> {
      boolean reached = false;
      List<Message> revisited = new ArrayList<>();
      for (Message message : cursor.accept(page.messages())) {
        Instant ts = message.timestamp();
        reached = reached || message.id().equals(anchorId) || (ts != null && ts.isBefore(anchorAt));
        (reached ? revisited : newestFirst).add(message);
      }
      if (reached || cursor.exhausted()) {
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        found.found(oldestFirst, revisited, at[0]);
      } else {
        page(cursor, false, anchorId, anchorAt, newestFirst, at, found, refused);
      }
    }, refused);
  }

  /**
   * Reports the fill that just ended (its {@code found} is running) to the room's telemetry: its
   * calls, retries included, and how long it took on this filler's clock.
   *
   * @param recovered the messages it delivered
   */
  void filled(int recovered) {
    telemetry.gapFilled(fillCalls, recovered, fillStarted, clock);
  }

  /** Stops: no more requests, no more results. */
  void cancel() {
    cancelled = true;
    Future<?> wait = waiting;
    if (wait != null) {
      wait.cancel(false);
    }
    CompletableFuture<MessageHistory> call = inFlight;
    if (call != null) {
      call.cancel(false);
    }
  }

  /** One request, tried until it is answered or refused; {@code sending} runs right before each try. */
  private void load(HistoryQuery query, int attempt, Runnable sending,
      Consumer<MessageHistory> answered, Consumer<LivechatException> refused) {
    if (cancelled) {
      return;
    }
    sending.run();
    CompletableFuture<MessageHistory> call;
    try {
      call = history.apply(query);
    } catch (LivechatException failure) {
      onEvents(() -> refused.accept(failure));
      return;
    }
    inFlight = call;
    call.whenComplete((page, failure) -> onEvents(() -> {
      if (cancelled) {
        return;
      }
      if (page != null) {
        answered.accept(page);
        return;
      }
      LivechatException cause = unwrap(failure);
      Duration wait = retryAfter(cause, attempt);
      if (wait == null) {
        refused.accept(cause);
        return;
      }
      try {
        waiting = delays.schedule(() -> load(query, attempt + 1, sending, answered, refused), wait);
      } catch (RejectedExecutionException closing) {
        refused.accept(new LivechatException("The client is closed", "GET messages.history", cause));
      }
    }));
  }

  /**
   * How long to wait before trying again, or null to give up: a 429 waits until the server's
   * reset (its {@code X-RateLimit-Reset}, else the seconds in its text), whatever it says, and at
   * least {@link #MIN_RATE_LIMIT_WAIT};
   * another 4xx is a refusal that trying again will not change; a closed client ends it; anything
   * else (network, timeout, 5xx, an unreadable answer) backs off.
   */
  private @Nullable Duration retryAfter(LivechatException failure, int attempt) {
    if (failure instanceof LivechatRateLimitException limited) {
      Duration wait = limited.resetAt() != null ? Duration.between(clock.instant(), limited.resetAt())
          : limited.retryAfter() != null ? limited.retryAfter() : backoff.delay(attempt);
      // At the window's last instant the server still refuses, saying "wait 0 seconds": never
      // answer a refusal at once, or the retries would spin until the window has passed.
      return wait.compareTo(MIN_RATE_LIMIT_WAIT) < 0 ? MIN_RATE_LIMIT_WAIT : wait;
    }
    if (failure instanceof LivechatApiException api && api.statusCode() >= 400 && api.statusCode() < 500) {
      return null;
    }
    if (failure.getClass() == LivechatException.class) {
      return null; // the client was closed
    }
    return backoff.delay(attempt);
  }

  private static LivechatException unwrap(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof LivechatException livechat
        ? livechat
        : new LivechatException("Could not load the history: " + cause, "GET messages.history", cause);
  }

  private void onEvents(Runnable task) {
    try {
      events.execute(task);
    } catch (RejectedExecutionException closed) {
      // The session closed: nothing more to report.
    }
  }
}
