package dev.livechat.client.opentelemetry;

import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryEvent.AttemptFinished;
import dev.livechat.client.telemetry.TelemetryEvent.CallFinished;
import dev.livechat.client.telemetry.TelemetryEvent.CallStarted;
import dev.livechat.client.telemetry.TelemetryEvent.GapFilled;
import dev.livechat.client.telemetry.TelemetryEvent.Outcome;
import dev.livechat.client.telemetry.TelemetryEvent.RateLimitWait;
import dev.livechat.client.telemetry.TelemetryEvent.RetryScheduled;
import dev.livechat.client.telemetry.TelemetryListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry traces of a {@code LivechatClient}: a {@link SpanKind#CLIENT CLIENT} span for each
 * REST call, its attempts, retries and rate-limit waits as events of that span, the call's trace
 * context sent with each attempt ({@code traceparent}), and an {@link SpanKind#INTERNAL INTERNAL}
 * span for each realtime gap fill.
 *
 * <pre>{@code
 * LivechatClient client = LivechatClient.builder()
 *     .baseUrl(baseUrl)
 *     .telemetry(LivechatTracing.builder(openTelemetry).server(baseUrl).build())
 *     .build();
 * }</pre>
 *
 * <p><b>A call's span</b> is named {@code "{method} {route}"} ({@code POST livechat/message}) with the
 * attributes of OpenTelemetry's HTTP client conventions that the SDK can give without a value of the
 * request: {@code http.request.method}, {@code url.template} (the route), {@code
 * http.response.status_code} (the last answer's), {@code http.request.resend_count} (when the call
 * took more than one attempt), {@code error.type} when it failed, and {@code server.address} and
 * {@code server.port} when {@linkplain Builder#server(HttpUrl) given}. Its parent is the context
 * current on the thread that calls the client ({@link Context#current()}), for blocking and
 * asynchronous calls alike. It starts when the call starts and ends when the call ends, waits
 * between attempts included; any outcome other than success sets its status to {@link
 * StatusCode#ERROR ERROR}.
 *
 * <p><b>Events of a call's span:</b> {@code attempt} when an attempt ends ({@code livechat.attempt},
 * from 1; {@code http.response.status_code}, absent when no answer came; {@code
 * http.request.resend_count} from the second attempt on; {@code livechat.duration_ms}); {@code retry}
 * when a failed attempt will be followed by another ({@code livechat.attempt}, the failed one; {@code
 * livechat.retry.reason}: {@code network}, {@code rate_limited} or {@code unavailable}; {@code
 * livechat.delay_ms}); {@code rate_limit_wait} when the call waits for the server's rate limit to
 * reset before sending ({@code livechat.duration_ms}).
 *
 * <p><b>A gap fill's span</b>, {@code livechat.gap_fill}, covers the history calls that loaded what a
 * realtime room missed while away ({@code livechat.room.id}, {@code livechat.gap_fill.calls}, {@code
 * livechat.gap_fill.messages}); it has no parent, since a gap fill is nobody's call.
 *
 * <p><b>One per client.</b> Calls are told apart by their number within their client: give each
 * client its own instance (they are cheap; share the {@link OpenTelemetry}). An instance is
 * thread-safe and holds a call's span only until the call ends.
 */
public final class LivechatTracing implements TelemetryListener {
  /** The instrumentation scope of every span. */
  public static final String INSTRUMENTATION_NAME = "dev.livechat.client.opentelemetry";

  static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("livechat.attempt");
  static final AttributeKey<Double> DURATION_MS = AttributeKey.doubleKey("livechat.duration_ms");
  static final AttributeKey<String> RETRY_REASON = AttributeKey.stringKey("livechat.retry.reason");
  static final AttributeKey<Double> DELAY_MS = AttributeKey.doubleKey("livechat.delay_ms");
  static final AttributeKey<String> ROOM_ID = AttributeKey.stringKey("livechat.room.id");
  static final AttributeKey<Long> GAP_FILL_CALLS = AttributeKey.longKey("livechat.gap_fill.calls");
  static final AttributeKey<Long> GAP_FILL_MESSAGES = AttributeKey.longKey("livechat.gap_fill.messages");

  private static final TextMapSetter<BiConsumer<String, String>> SETTER =
      (carrier, key, value) -> Objects.requireNonNull(carrier).accept(key, value);

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final @Nullable String serverAddress;
  private final int serverPort;
  /** The span of each call under way, by call id; removed when the call ends. */
  private final Map<Long, OpenCall> calls = new ConcurrentHashMap<>();

  private LivechatTracing(Builder builder) {
    this.tracer = builder.openTelemetry.getTracer(INSTRUMENTATION_NAME);
    this.propagator = builder.propagator != null
        ? builder.propagator
        : builder.openTelemetry.getPropagators().getTextMapPropagator();
    this.serverAddress = builder.serverAddress;
    this.serverPort = builder.serverPort;
  }

  /**
   * Traces with {@code openTelemetry}'s tracer and its text-map propagator, without {@code
   * server.address} and {@code server.port}; see {@link #builder} for those.
   */
  public static LivechatTracing create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** A builder tracing with {@code openTelemetry}'s tracer. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  @Override
  public void onEvent(TelemetryEvent event) {
    if (event instanceof CallStarted started) {
      callStarted(started);
    } else if (event instanceof AttemptFinished attempt) {
      attemptFinished(attempt);
    } else if (event instanceof RetryScheduled retry) {
      retryScheduled(retry);
    } else if (event instanceof RateLimitWait wait) {
      rateLimitWait(wait);
    } else if (event instanceof CallFinished finished) {
      callFinished(finished);
    } else if (event instanceof GapFilled gapFill) {
      gapFilled(gapFill);
    }
    // The other kinds (connection states, reconnects, refused subscriptions, deliveries, a hub's
    // load, webhooks) are states and counts, for metrics: no span would hold them.
  }

  /**
   * Adds the call's trace context to the attempt's request, through the propagator: with W3C trace
   * context, {@code traceparent} naming the call's span (and {@code tracestate} when set). Nothing
   * for a call this instance does not know.
   */
  @Override
  public void requestHeaders(long callId, BiConsumer<String, String> header) {
    OpenCall call = calls.get(callId);
    if (call != null) {
      propagator.inject(call.context, header, SETTER);
    }
  }

  private void callStarted(CallStarted event) {
    Context parent = Context.current();
    SpanBuilder builder = tracer.spanBuilder(event.method() + " " + event.route())
        .setSpanKind(SpanKind.CLIENT)
        .setParent(parent)
        .setAttribute(HTTP_REQUEST_METHOD, event.method())
        .setAttribute(URL_TEMPLATE, event.route());
    if (serverAddress != null) {
      builder.setAttribute(SERVER_ADDRESS, serverAddress);
      builder.setAttribute(SERVER_PORT, (long) serverPort);
    }
    Span span = builder.startSpan();
    OpenCall previous = calls.put(event.callId(), new OpenCall(span, parent.with(span)));
    if (previous != null) { // the same id twice: one instance shared by two clients
      previous.span.end();
    }
  }

  private void attemptFinished(AttemptFinished event) {
    OpenCall call = calls.get(event.callId());
    if (call == null) {
      return;
    }
    AttributesBuilder attributes = Attributes.builder().put(ATTEMPT, (long) event.attempt());
    if (event.status() != 0) {
      attributes.put(HTTP_RESPONSE_STATUS_CODE, (long) event.status());
    }
    if (event.attempt() > 1) {
      attributes.put(HTTP_REQUEST_RESEND_COUNT, (long) event.attempt() - 1);
    }
    attributes.put(DURATION_MS, millis(event.duration()));
    call.span.addEvent("attempt", attributes.build());
  }

  private void retryScheduled(RetryScheduled event) {
    OpenCall call = calls.get(event.callId());
    if (call == null) {
      return;
    }
    call.span.addEvent("retry", Attributes.of(
        ATTEMPT, (long) event.attempt(),
        RETRY_REASON, event.reason().name().toLowerCase(Locale.ROOT),
        DELAY_MS, millis(event.delay())));
  }

  private void rateLimitWait(RateLimitWait event) {
    OpenCall call = calls.get(event.callId());
    if (call == null) {
      return;
    }
    call.span.addEvent("rate_limit_wait", Attributes.of(DURATION_MS, millis(event.duration())));
  }

  private void callFinished(CallFinished event) {
    OpenCall call = calls.remove(event.callId());
    if (call == null) {
      return;
    }
    Span span = call.span;
    if (event.status() != 0) {
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) event.status());
    }
    if (event.attempts() > 1) {
      span.setAttribute(HTTP_REQUEST_RESEND_COUNT, (long) event.attempts() - 1);
    }
    if (event.outcome() != Outcome.SUCCESS) {
      span.setAttribute(ERROR_TYPE, errorType(event.outcome(), event.status()));
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private void gapFilled(GapFilled event) {
    Instant end = Instant.now();
    tracer.spanBuilder("livechat.gap_fill")
        .setSpanKind(SpanKind.INTERNAL)
        .setNoParent()
        .setStartTimestamp(end.minus(event.duration()))
        .setAttribute(ROOM_ID, event.roomId())
        .setAttribute(GAP_FILL_CALLS, (long) event.calls())
        .setAttribute(GAP_FILL_MESSAGES, (long) event.messages())
        .startSpan()
        .end(end);
  }

  /**
   * The HTTP conventions' {@code error.type}: the status for a refusal (an HTTP status of 400 or
   * more), else the outcome, in lower case ({@code timeout}, {@code network_error}, {@code
   * decoding_error}, {@code cancelled}).
   */
  static String errorType(Outcome outcome, int status) {
    if (status >= 400 && (outcome == Outcome.REFUSED || outcome == Outcome.RATE_LIMITED)) {
      return Integer.toString(status);
    }
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }

  /** How many calls have a span open now; for tests. */
  int openCalls() {
    return calls.size();
  }

  /** A call under way: its span, and the context to send with its attempts. */
  private record OpenCall(Span span, Context context) {}

  /** Options of a {@link LivechatTracing}; all of them have defaults. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private @Nullable TextMapPropagator propagator;
    private @Nullable String serverAddress;
    private int serverPort;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /**
     * The server the client calls, for the {@code server.address} and {@code server.port} of every
     * call's span: give the client's base URL (its path is not used). The SDK's events do not name
     * the server. Default: neither attribute.
     */
    public Builder server(HttpUrl baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      this.serverAddress = baseUrl.host();
      this.serverPort = baseUrl.port();
      return this;
    }

    /**
     * How a call's context is written into the headers of its attempts. Default: the {@link
     * OpenTelemetry} instance's text-map propagator ({@code getPropagators()}), which sends nothing
     * unless the application configured one, usually W3C trace context ({@code traceparent}); {@link
     * TextMapPropagator#noop()} to send no header.
     */
    public Builder propagator(TextMapPropagator propagator) {
      this.propagator = Objects.requireNonNull(propagator, "propagator");
      return this;
    }

    /** The listener, to give {@code LivechatClient.Builder.telemetry}. */
    public LivechatTracing build() {
      return new LivechatTracing(this);
    }
  }
}
