package dev.livechat.client.realtime;

/** Where a {@link LivechatRealtime} session stands. */
public enum ConnectionState {
  /** Opening the WebSocket, shaking hands and subscribing. */
  CONNECTING,
  /** Connected and subscribed: events flow. */
  CONNECTED,
  /** The connection was lost; the next attempt is scheduled. */
  WAITING,
  /** Closed by {@link LivechatRealtime#close()}; nothing more happens. */
  CLOSED
}
