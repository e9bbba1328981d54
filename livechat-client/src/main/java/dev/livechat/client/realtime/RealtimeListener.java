package dev.livechat.client.realtime;

/**
 * Receives a realtime session's events. Every method does nothing by default: override those you
 * need, or {@link #onEvent} to see every event in one place.
 *
 * <p>All methods are called on the session's own event thread, one event at a time, in the order
 * the events happened. A slow listener delays later events but never the connection (pings are
 * answered elsewhere); an exception thrown by a listener is caught and the session goes on. Do
 * not block forever in a listener: {@link LivechatRealtime#close()} waits for the event in
 * progress, at most one second.
 */
public interface RealtimeListener {
  /** Called for every event, before the event's own method. */
  default void onEvent(RealtimeEvent event) {}

  default void onMessage(RealtimeEvent.MessageReceived event) {}

  default void onMessageEdited(RealtimeEvent.MessageEdited event) {}

  default void onMessageUpdated(RealtimeEvent.MessageUpdated event) {}

  default void onMessageDeleted(RealtimeEvent.MessageDeleted event) {}

  default void onMessagesDeletedInBulk(RealtimeEvent.MessagesDeletedInBulk event) {}

  default void onAgentTypingStarted(RealtimeEvent.AgentTypingStarted event) {}

  default void onAgentTypingStopped(RealtimeEvent.AgentTypingStopped event) {}

  default void onAgentChanged(RealtimeEvent.AgentChanged event) {}

  default void onAgentLeft(RealtimeEvent.AgentLeft event) {}

  default void onAgentStatusChanged(RealtimeEvent.AgentStatusChanged event) {}

  default void onQueuePositionChanged(RealtimeEvent.QueuePositionChanged event) {}

  default void onVisitorChanged(RealtimeEvent.VisitorChanged event) {}

  default void onRoomClosed(RealtimeEvent.RoomClosed event) {}

  default void onConnectionStateChanged(RealtimeEvent.ConnectionStateChanged event) {}

  default void onSubscriptionFailed(RealtimeEvent.SubscriptionFailed event) {}
}
