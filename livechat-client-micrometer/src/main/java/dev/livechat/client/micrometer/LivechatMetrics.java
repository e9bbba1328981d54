package dev.livechat.client.micrometer;

import dev.livechat.client.realtime.ConnectionState;
import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryEvent.AttemptFinished;
import dev.livechat.client.telemetry.TelemetryEvent.CallFinished;
import dev.livechat.client.telemetry.TelemetryEvent.GapFilled;
import dev.livechat.client.telemetry.TelemetryEvent.HubLoad;
import dev.livechat.client.telemetry.TelemetryEvent.RateLimitWait;
import dev.livechat.client.telemetry.TelemetryEvent.RealtimeDelivered;
import dev.livechat.client.telemetry.TelemetryEvent.RealtimeReconnect;
import dev.livechat.client.telemetry.TelemetryEvent.RealtimeStateChanged;
import dev.livechat.client.telemetry.TelemetryEvent.RetryScheduled;
import dev.livechat.client.telemetry.TelemetryEvent.SubscriptionRefused;
import dev.livechat.client.telemetry.TelemetryEvent.WebhookReceived;
import dev.livechat.client.telemetry.TelemetryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Micrometer meters for livechat-client: a {@link TelemetryListener} that turns the SDK's {@link
 * TelemetryEvent}s into timers, counters and gauges, and a {@link MeterBinder} that registers them.
 *
 * <pre>{@code
 * LivechatMetrics metrics = new LivechatMetrics();
 * metrics.bindTo(registry);                          // any MeterRegistry; several are fine
 * LivechatClient client = LivechatClient.builder()
 *     .baseUrl("https://chat.example.com")
 *     .telemetry(metrics)                            // REST calls, realtime rooms, hubs
 *     .build();
 * LivechatWebhooks webhooks = LivechatWebhooks.builder()
 *     .secret(secret)
 *     .telemetry(metrics)                            // webhook deliveries
 *     .build();
 * }</pre>
 *
 * <p><b>Meters.</b> Named by Micrometer's conventions (dotted, lower case; each registry renders
 * them its way, Prometheus as {@code livechat_client_requests_seconds}). Tags hold bounded values
 * only: HTTP methods, route templates ({@code livechat/message/:_id}), outcomes, status classes
 * ({@code 2xx}, {@code 4xx}, {@code 5xx}, {@code none} when no answer came), retry reasons, stream
 * names, event kinds and webhook results. Never a room id, a call number, a token or a URL with
 * its values.
 *
 * <table>
 *   <caption>The meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What it measures</th></tr>
 *   <tr><td>{@code livechat.client.requests}</td><td>timer</td><td>method, route, outcome, status</td>
 *       <td>each call, from its start to its end, retries and waits included</td></tr>
 *   <tr><td>{@code livechat.client.attempts}</td><td>timer</td><td>method, route, status</td>
 *       <td>each HTTP attempt of a call, from sending to the end of the answer</td></tr>
 *   <tr><td>{@code livechat.client.retries}</td><td>counter</td><td>method, route, reason</td>
 *       <td>attempts followed by another</td></tr>
 *   <tr><td>{@code livechat.client.rate.limit.wait}</td><td>timer</td><td>method, route</td>
 *       <td>waits before sending while the server's rate limit for the route is exhausted</td></tr>
 *   <tr><td>{@code livechat.realtime.connections}</td><td>gauge</td><td>state</td>
 *       <td>realtime rooms in each state (CONNECTING, CONNECTED, WAITING, FAILED); closed rooms
 *       are no longer counted</td></tr>
 *   <tr><td>{@code livechat.realtime.reconnects}</td><td>counter</td><td></td>
 *       <td>reconnections after a lost connection</td></tr>
 *   <tr><td>{@code livechat.realtime.subscriptions.refused}</td><td>counter</td><td>stream</td>
 *       <td>subscriptions the server refused</td></tr>
 *   <tr><td>{@code livechat.realtime.gap.fills}</td><td>timer</td><td></td>
 *       <td>loads of what a room missed while away</td></tr>
 *   <tr><td>{@code livechat.realtime.gap.fill.messages}</td><td>distribution summary</td><td></td>
 *       <td>messages each gap fill recovered (its total: all recovered messages)</td></tr>
 *   <tr><td>{@code livechat.realtime.events}</td><td>counter</td><td>type</td>
 *       <td>events delivered to realtime listeners, by kind ({@code MessageReceived}, ...)</td></tr>
 *   <tr><td>{@code livechat.hub.rooms}, {@code livechat.hub.connections},
 *       {@code livechat.hub.queued}</td><td>gauges</td><td></td>
 *       <td>a hub's rooms, its open connections, and its rooms waiting at its load gate</td></tr>
 *   <tr><td>{@code livechat.webhook.deliveries}</td><td>counter</td><td>result, status</td>
 *       <td>requests that reached the webhook receiver: ACCEPTED, DUPLICATE or REFUSED, and the
 *       status to answer</td></tr>
 * </table>
 *
 * <p><b>Before binding.</b> The meters are registered in the registries given to {@link #bindTo},
 * from then on: events that come before the first {@code bindTo} are not counted or timed. The
 * gauges' state (rooms by connection state, the hub's load) is kept from the first event on, so a
 * gauge shows the present value as soon as it is bound. Binding to several registries records in
 * each; binding the same registry again changes nothing.
 *
 * <p><b>Hubs.</b> The hub gauges show the last load reported: give each hub's client its own
 * instance (with a distinguishing tag, {@link #LivechatMetrics(Iterable)}) when there are several.
 *
 * <p><b>Threads.</b> Safe for use from any thread, as {@link TelemetryListener} requires; recording
 * never blocks, and each combination of tags makes its meter once (later events look it up).
 */
public final class LivechatMetrics implements TelemetryListener, MeterBinder {
  private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};
  /** The states a live room can be in, by name; CLOSED rooms are dropped. */
  private static final List<String> LIVE_STATES = List.of(ConnectionState.CONNECTING.name(),
      ConnectionState.CONNECTED.name(), ConnectionState.WAITING.name(), ConnectionState.FAILED.name());

  private final Tags tags;
  /** One set of meters per registry bound, in binding order; replaced whole under {@code this}. */
  private volatile Meters[] bound = new Meters[0];

  private final Map<String, String> roomStates = new ConcurrentHashMap<>();
  /** Fixed at construction: one count per live state. */
  private final Map<String, AtomicInteger> roomsByState = new HashMap<>();
  private final AtomicInteger hubRooms = new AtomicInteger();
  private final AtomicInteger hubConnections = new AtomicInteger();
  private final AtomicInteger hubQueued = new AtomicInteger();

  /** Meters without tags of their own (a registry's common tags still apply). */
  public LivechatMetrics() {
    this(Tags.empty());
  }

  /**
   * Meters that all carry {@code tags} besides their own, for example {@code Tags.of("client",
   * "support-widget")} to tell two clients apart.
   *
   * @param tags the extra tags; keep their values bounded
   */
  public LivechatMetrics(Iterable<Tag> tags) {
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    for (String state : LIVE_STATES) {
      roomsByState.put(state, new AtomicInteger());
    }
  }

  /**
   * Registers the meters in {@code registry} and records in it from now on. Can be called for
   * several registries; binding the same one again changes nothing.
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    Meters[] before = bound;
    for (Meters meters : before) {
      if (meters.registry == registry) {
        return;
      }
    }
    Meters[] after = Arrays.copyOf(before, before.length + 1);
    after[before.length] = new Meters(registry);
    bound = after;
  }

  /** Records {@code event} in the meters it concerns; kinds these meters do not use are ignored. */
  @Override
  public void onEvent(TelemetryEvent event) {
    // The gauges' state first: it is kept whether or not a registry is bound yet.
    if (event instanceof RealtimeStateChanged e) {
      stateChanged(e.roomId(), e.state());
      return;
    } else if (event instanceof HubLoad e) {
      hubRooms.set(e.rooms());
      hubConnections.set(e.connections());
      hubQueued.set(e.queued());
      return;
    }
    Meters[] all = bound;
    if (all.length == 0) {
      return;
    }
    if (event instanceof CallFinished e) {
      CallKey key = new CallKey(e.method(), e.route(), e.outcome().name(), statusClass(e.status()));
      long nanos = e.duration().toNanos();
      for (Meters m : all) {
        meter(m.requests, key, m::requestTimer).record(nanos, TimeUnit.NANOSECONDS);
      }
    } else if (event instanceof AttemptFinished e) {
      AttemptKey key = new AttemptKey(e.method(), e.route(), statusClass(e.status()));
      long nanos = e.duration().toNanos();
      for (Meters m : all) {
        meter(m.attempts, key, m::attemptTimer).record(nanos, TimeUnit.NANOSECONDS);
      }
    } else if (event instanceof RetryScheduled e) {
      RetryKey key = new RetryKey(e.method(), e.route(), e.reason().name());
      for (Meters m : all) {
        meter(m.retries, key, m::retryCounter).increment();
      }
    } else if (event instanceof RateLimitWait e) {
      RouteKey key = new RouteKey(e.method(), e.route());
      long nanos = e.duration().toNanos();
      for (Meters m : all) {
        meter(m.rateLimitWaits, key, m::rateLimitTimer).record(nanos, TimeUnit.NANOSECONDS);
      }
    } else if (event instanceof RealtimeDelivered e) {
      for (Meters m : all) {
        meter(m.realtimeEvents, e.type(), m::eventCounter).increment();
      }
    } else if (event instanceof RealtimeReconnect) {
      for (Meters m : all) {
        m.reconnects.increment();
      }
    } else if (event instanceof SubscriptionRefused e) {
      for (Meters m : all) {
        meter(m.refusedSubscriptions, e.stream(), m::refusalCounter).increment();
      }
    } else if (event instanceof GapFilled e) {
      long nanos = e.duration().toNanos();
      for (Meters m : all) {
        m.gapFills.record(nanos, TimeUnit.NANOSECONDS);
        m.gapFillMessages.record(e.messages());
      }
    } else if (event instanceof WebhookReceived e) {
      WebhookKey key = new WebhookKey(e.result().name(), e.status());
      for (Meters m : all) {
        meter(m.webhookDeliveries, key, m::webhookCounter).increment();
      }
    }
    // CallStarted: nothing to record, CallFinished times the whole call
  }

  /**
   * Moves the room's count to {@code state}; a room that closes leaves the counts. A state name this
   * version does not know is not counted (the room leaves its previous state's count).
   */
  private void stateChanged(String roomId, String state) {
    String before = state.equals(ConnectionState.CLOSED.name()) ? roomStates.remove(roomId)
        : roomStates.put(roomId, state);
    if (state.equals(before)) {
      return;
    }
    AtomicInteger left = before == null ? null : roomsByState.get(before);
    if (left != null) {
      left.decrementAndGet();
    }
    AtomicInteger entered = roomsByState.get(state);
    if (entered != null) {
      entered.incrementAndGet();
    }
  }

  private static <K, M> M meter(Map<K, M> meters, K key, Function<K, M> create) {
    M meter = meters.get(key);
    return meter != null ? meter : meters.computeIfAbsent(key, create);
  }

  static String statusClass(int status) {
    int hundreds = status / 100;
    return hundreds >= 1 && hundreds <= 5 ? STATUS_CLASSES[hundreds] : STATUS_CLASSES[0];
  }

  /** The meters of one registry: the fixed ones registered at once, the tagged ones at first use. */
  private final class Meters {
    final MeterRegistry registry;
    final Map<CallKey, Timer> requests = new ConcurrentHashMap<>();
    final Map<AttemptKey, Timer> attempts = new ConcurrentHashMap<>();
    final Map<RetryKey, Counter> retries = new ConcurrentHashMap<>();
    final Map<RouteKey, Timer> rateLimitWaits = new ConcurrentHashMap<>();
    final Map<String, Counter> refusedSubscriptions = new ConcurrentHashMap<>();
    final Map<String, Counter> realtimeEvents = new ConcurrentHashMap<>();
    final Map<WebhookKey, Counter> webhookDeliveries = new ConcurrentHashMap<>();
    final Counter reconnects;
    final Timer gapFills;
    final DistributionSummary gapFillMessages;

    Meters(MeterRegistry registry) {
      this.registry = registry;
      for (String state : LIVE_STATES) {
        Gauge.builder("livechat.realtime.connections", roomsByState.get(state), AtomicInteger::get)
            .description("Realtime rooms in this connection state")
            .tags(tags).tag("state", state)
            .strongReference(true)
            .register(registry);
      }
      gauge("livechat.hub.rooms", hubRooms, "Rooms a realtime hub follows");
      gauge("livechat.hub.connections", hubConnections, "WebSocket connections a realtime hub has open");
      gauge("livechat.hub.queued", hubQueued, "Rooms waiting at a realtime hub's load gate for their history");
      reconnects = Counter.builder("livechat.realtime.reconnects")
          .description("Realtime reconnections after a lost connection")
          .tags(tags)
          .register(registry);
      gapFills = Timer.builder("livechat.realtime.gap.fills")
          .description("Loads of the messages a realtime room missed while away")
          .tags(tags)
          .register(registry);
      gapFillMessages = DistributionSummary.builder("livechat.realtime.gap.fill.messages")
          .description("Messages recovered by each realtime gap fill")
          .tags(tags)
          .baseUnit("messages")
          .register(registry);
    }

    private void gauge(String name, AtomicInteger value, String description) {
      Gauge.builder(name, value, AtomicInteger::get)
          .description(description)
          .tags(tags)
          .strongReference(true)
          .register(registry);
    }

    Timer requestTimer(CallKey key) {
      return Timer.builder("livechat.client.requests")
          .description("Calls of the Livechat REST API, from start to end, retries and waits included")
          .tags(tags)
          .tag("method", key.method()).tag("route", key.route())
          .tag("outcome", key.outcome()).tag("status", key.status())
          .register(registry);
    }

    Timer attemptTimer(AttemptKey key) {
      return Timer.builder("livechat.client.attempts")
          .description("HTTP attempts of Livechat REST calls, from sending to the end of the answer")
          .tags(tags)
          .tag("method", key.method()).tag("route", key.route()).tag("status", key.status())
          .register(registry);
    }

    Counter retryCounter(RetryKey key) {
      return Counter.builder("livechat.client.retries")
          .description("Attempts of Livechat REST calls followed by another")
          .tags(tags)
          .tag("method", key.method()).tag("route", key.route()).tag("reason", key.reason())
          .register(registry);
    }

    Timer rateLimitTimer(RouteKey key) {
      return Timer.builder("livechat.client.rate.limit.wait")
          .description("Waits before sending while the server's rate limit for the route is exhausted")
          .tags(tags)
          .tag("method", key.method()).tag("route", key.route())
          .register(registry);
    }

    Counter eventCounter(String type) {
      return Counter.builder("livechat.realtime.events")
          .description("Events delivered to realtime listeners")
          .tags(tags)
          .tag("type", type)
          .register(registry);
    }

    Counter refusalCounter(String stream) {
      return Counter.builder("livechat.realtime.subscriptions.refused")
          .description("Realtime subscriptions the server refused")
          .tags(tags)
          .tag("stream", stream)
          .register(registry);
    }

    Counter webhookCounter(WebhookKey key) {
      return Counter.builder("livechat.webhook.deliveries")
          .description("Requests that reached the webhook receiver")
          .tags(tags)
          .tag("result", key.result()).tag("status", Integer.toString(key.status()))
          .register(registry);
    }
  }

  private record CallKey(String method, String route, String outcome, String status) {}

  private record AttemptKey(String method, String route, String status) {}

  private record RetryKey(String method, String route, String reason) {}

  private record RouteKey(String method, String route) {}

  private record WebhookKey(String result, int status) {}
}
