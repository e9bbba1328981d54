package dev.livechat.client.realtime;

import dev.livechat.client.model.Agent;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Visitor;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link LivechatRealtime} session reports, one record per kind. The interface is
 * sealed: these are all the kinds there are.
 */
public sealed interface RealtimeEvent {

  /** A message new to this session, from the agent, the visitor or the system. */
  record MessageReceived(Message message) implements RealtimeEvent {}

  /** A message already delivered was edited; {@code message} is its new state. */
  record MessageEdited(Message message) implements RealtimeEvent {}

  /** A message was deleted. */
  record MessageDeleted(String messageId) implements RealtimeEvent {}

  /** Someone other than the visitor started typing. */
  record AgentTypingStarted(String username) implements RealtimeEvent {}

  /** Someone other than the visitor stopped typing. */
  record AgentTypingStopped(String username) implements RealtimeEvent {}

  /** The agent serving the room changed (or its details did); may be {@link Agent#hiddenInfo()}. */
  record AgentChanged(Agent agent) implements RealtimeEvent {}

  /** The serving agent's presence changed, for example to {@code away}. */
  record AgentStatusChanged(String status) implements RealtimeEvent {}

  /**
   * The room's place in the queue while it waits for an agent.
   *
   * @param position the position, 1 for next; null if the server did not say
   * @param estimatedWait the estimated wait in seconds; null if the server did not say
   */
  record QueuePositionChanged(@Nullable Integer position, @Nullable Integer estimatedWait)
      implements RealtimeEvent {}

  /** The server changed the visitor's data (name, email, custom fields...). */
  record VisitorChanged(Visitor visitor) implements RealtimeEvent {}

  /** The conversation ended: the room's {@code livechat-close} message. */
  record RoomClosed(Message message) implements RealtimeEvent {}

  /**
   * The connection changed state.
   *
   * @param state the new state
   * @param nextAttemptAt for {@link ConnectionState#WAITING}, when the next attempt starts;
   *     otherwise null
   * @param cause what ended the last connection, for {@code WAITING}; otherwise null
   */
  record ConnectionStateChanged(ConnectionState state, @Nullable Instant nextAttemptAt, @Nullable String cause)
      implements RealtimeEvent {}

  /**
   * The server refused a subscription ({@code nosub}) or the session failed in another way that
   * leaves a gap; the session goes on with what it has, except when the room's messages were
   * refused (a token that is not the room's visitor): then the session closes.
   *
   * @param stream the stream and event, for example {@code stream-room-messages <rid>}
   * @param reason the server's reason
   */
  record SubscriptionFailed(String stream, String reason) implements RealtimeEvent {}
}
