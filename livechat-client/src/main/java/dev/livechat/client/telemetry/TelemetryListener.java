package dev.livechat.client.telemetry;

import java.util.function.BiConsumer;

/**
 * Receives what the SDK does, for metrics and traces: each REST call and its attempts, retries and
 * rate-limit waits; each realtime room's connection states, reconnects, refused subscriptions, gap
 * fills and delivered events; a hub's rooms and load gate; each webhook delivery. Set it with
 * {@code LivechatClient.Builder.telemetry} (calls, realtime sessions and hubs of that client) and
 * {@code LivechatWebhooks.Builder.telemetry} (deliveries). The optional modules {@code
 * livechat-client-micrometer} and {@code livechat-client-opentelemetry} implement it.
 *
 * <p><b>What it is given.</b> Route templates ({@code livechat/message/:_id}, never a URL with its
 * values), HTTP methods and statuses, counts, durations, a call's number within its client, room
 * ids and event type names: never the visitor token, a message's text, a name, an e-mail address,
 * or any other value of a request or an answer.
 *
 * <p><b>Threads.</b> It is called on the thread doing the work: the caller's for a blocking call,
 * OkHttp's or the SDK's timer for an asynchronous one, a room's event thread for realtime, the
 * receiving thread for a webhook. Keep it quick and never block in it.
 *
 * <p><b>Failures.</b> What it throws is caught and never reaches the call, the session or the
 * delivery; the first failure of each listener is logged ({@code java.util.logging}, logger
 * {@code dev.livechat.client.telemetry}, level WARNING), later ones are not.
 *
 * <p>The default, {@link #NONE}, does nothing, and the SDK builds no event for it.
 */
@FunctionalInterface
public interface TelemetryListener {
  /** The listener that does nothing: the default. */
  TelemetryListener NONE = event -> {};

  /** One thing the SDK did; see {@link TelemetryEvent} for the kinds. */
  void onEvent(TelemetryEvent event);

  /**
   * Headers to add to the request of each attempt of call {@code callId}, before it is sent: trace
   * context ({@code traceparent}), so that a server behind a tracing proxy joins the trace. Called
   * after {@link TelemetryEvent.CallStarted} on the thread that sends the attempt. The default adds
   * none.
   *
   * @param header takes a name and a value; a header the request already has is replaced
   */
  default void requestHeaders(long callId, BiConsumer<String, String> header) {}
}
