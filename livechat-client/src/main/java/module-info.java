/**
 * The Rocket.Chat Livechat visitor API client. Exports the client, its records, its exceptions,
 * the realtime (WebSocket) side, the webhook receiver and the telemetry listener; {@code dev.livechat.client.internal}
 * stays inside the module.
 */
@SuppressWarnings("requires-automatic") // Moshi 1.15 ships an Automatic-Module-Name, no descriptor
module dev.livechat.client {
  requires transitive okhttp3; // OkHttpClient and HttpUrl are in the builder; brings okio
  requires com.squareup.moshi;
  requires static transitive org.jspecify; // nullness annotations only
  requires java.logging; // a telemetry listener's first failure is logged

  exports dev.livechat.client;
  exports dev.livechat.client.exception;
  exports dev.livechat.client.model;
  exports dev.livechat.client.realtime;
  exports dev.livechat.client.telemetry;
  exports dev.livechat.client.webhook;
}
