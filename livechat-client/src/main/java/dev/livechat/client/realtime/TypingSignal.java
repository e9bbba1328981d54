package dev.livechat.client.realtime;

import dev.livechat.client.internal.Delays;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The visitor's typing signal, timed as the widget times it: "typing" at most once per {@link
 * RealtimeOptions#typingThrottle()}, and "stopped" by itself {@link RealtimeOptions#typingTimeout()}
 * after the last {@code typing(true)}. The signal names the visitor by username, which costs one
 * {@code GET livechat/visitor/:token} the first time the visitor types (the server relays the name
 * as given).
 */
final class TypingSignal {
  private final RealtimeOptions options;
  private final Delays delays;
  private final Supplier<CompletableFuture<String>> lookUpUsername;
  private final BiConsumer<String, Boolean> send;

  // Guarded by this.
  private @Nullable CompletableFuture<String> username;
  private boolean typingSent;
  private boolean timerPending;
  private long lastSentNanos;
  private long lastCallNanos;
  private @Nullable Future<?> timer;
  private boolean stopped;

  /**
   * @param lookUpUsername finds the visitor's username (called once, when first needed)
   * @param send sends the signal: the username and whether typing
   */
  TypingSignal(RealtimeOptions options, Delays delays, Supplier<CompletableFuture<String>> lookUpUsername,
      BiConsumer<String, Boolean> send) {
    this.options = options;
    this.delays = delays;
    this.lookUpUsername = lookUpUsername;
    this.send = send;
  }

  /** The visitor's username, when the session learned it otherwise (from the visitor's own message). */
  synchronized void knownUsername(String name) {
    if (username == null) {
      username = CompletableFuture.completedFuture(name);
    }
  }

  /** The visitor's username if known yet, else null. */
  synchronized @Nullable String usernameIfKnown() {
    return username == null ? null : username.getNow(null);
  }

  synchronized void typing(boolean typing) {
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    if (typing) {
      lastCallNanos = now;
      if (!typingSent || now - lastSentNanos >= options.typingThrottle().toNanos()) {
        typingSent = true;
        lastSentNanos = now;
        signal(true);
        if (!timerPending) {
          timerPending = true;
          checkAfter(options.typingTimeout());
        }
      }
    } else if (typingSent) {
      typingSent = false;
      signal(false);
    }
  }

  /** No more signals or timers. */
  synchronized void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** After {@code delay}: "stopped" if typingTimeout has passed since the last call, else check again then. */
  private void checkAfter(Duration delay) {
    try {
      timer = delays.schedule(this::check, delay);
    } catch (RejectedExecutionException closing) {
      timerPending = false;
    }
  }

  private synchronized void check() {
    if (stopped) {
      return;
    }
    long left = options.typingTimeout().toNanos() - (System.nanoTime() - lastCallNanos);
    if (!typingSent) {
      timerPending = false;
    } else if (left <= 0) {
      timerPending = false;
      typingSent = false;
      signal(false);
    } else {
      checkAfter(Duration.ofNanos(left));
    }
  }

  private void signal(boolean typing) {
    if (username == null || username.isCompletedExceptionally()) {
      username = lookUpUsername.get(); // looked up again after a failure: the next signal may need it
    }
    username.thenAccept(name -> {
      synchronized (this) {
        if (typing) {
          lastSentNanos = System.nanoTime(); // the throttle counts from the signal sent, not from the lookup
        }
      }
      send.accept(name, typing);
    });
  }
}
