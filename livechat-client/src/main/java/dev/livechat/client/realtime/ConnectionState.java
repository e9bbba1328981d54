package dev.livechat.client.realtime;

/** Where a {@link LivechatRealtime} session stands. */
public enum ConnectionState {
  /** Opening the WebSocket, shaking hands and subscribing. */
  CONNECTING,
  /** Connected, subscribed and caught up with what was missed: events flow. */
  CONNECTED,
  /** The connection was lost; the next attempt is scheduled. */
  WAITING,
  /**
   * The session gave up reconnecting after {@link RealtimeOptions#maxReconnectAttempts()} failed
   * attempts in a row; {@link LivechatRealtime#reconnect()} starts again.
   */
  FAILED,
  /** Closed by {@link LivechatRealtime#close()}; nothing more happens. */
  CLOSED
}
