package dev.livechat.client.realtime;

import dev.livechat.client.model.Agent;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Visitor;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link LivechatRealtime} session reports, one record per kind. The interface is
 * sealed: these are all the kinds there are, and each calls its own {@link RealtimeListener}
 * method ({@link #dispatchTo}), so a new kind cannot lack one.
 */
public sealed interface RealtimeEvent {

  /** Calls the method of {@code listener} for this kind of event (not {@link RealtimeListener#onEvent}). */
  void dispatchTo(RealtimeListener listener);

  /** A message new to this session, from the agent, the visitor or the system. */
  record MessageReceived(Message message) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onMessage(this);
    }
  }

  /**
   * A message was edited ({@code editedAt} changed); {@code message} is its new state. Also for an
   * edit of a message sent before the session opened.
   */
  record MessageEdited(Message message) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onMessageEdited(this);
    }
  }

  /**
   * A message changed without being edited: a URL preview was added, a reaction, a thread's reply
   * count. {@code message} is its new state, to show in place of the old one.
   */
  record MessageUpdated(Message message) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onMessageUpdated(this);
    }
  }

  /**
   * A message was deleted.
   *
   * @param messageId the deleted message
   * @param shownAs what the room shows in its place when the server keeps a trace of deletions
   *     ({@code Message_ShowDeletedStatus}: the message turned into type {@code rm} with no
   *     text); null when the message is simply gone
   */
  record MessageDeleted(String messageId, @Nullable Message shownAs) implements RealtimeEvent {
    /** A message that is simply gone. */
    public MessageDeleted(String messageId) {
      this(messageId, null);
    }

    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onMessageDeleted(this);
    }
  }

  /**
   * Many messages were deleted at once (the room's history was pruned): those sent between {@code
   * from} and {@code to}, by {@code usernames} if any are named, or exactly {@code messageIds} if
   * the server lists them. With {@code excludePinned} pinned messages were kept, with {@code
   * ignoreDiscussion} discussion messages were.
   */
  record MessagesDeletedInBulk(
      @Nullable Instant from,
      boolean fromInclusive,
      @Nullable Instant to,
      boolean toInclusive,
      List<String> usernames,
      List<String> messageIds,
      boolean excludePinned,
      boolean ignoreDiscussion) implements RealtimeEvent {

    public MessagesDeletedInBulk {
      usernames = List.copyOf(usernames);
      messageIds = List.copyOf(messageIds);
    }

    /**
     * Whether {@code message} is among the deleted, by these criteria. (A pinned message that
     * {@code excludePinned} kept cannot be told apart: the message record carries no pin.)
     */
    public boolean covers(Message message) {
      if (!messageIds.isEmpty()) {
        return messageIds.contains(message.id());
      }
      Instant ts = message.timestamp();
      if (ts == null) {
        return false;
      }
      boolean afterFrom = from == null || (fromInclusive ? !ts.isBefore(from) : ts.isAfter(from));
      boolean beforeTo = to == null || (toInclusive ? !ts.isAfter(to) : ts.isBefore(to));
      boolean byUser = usernames.isEmpty()
          || (message.user() != null && usernames.contains(message.user().username()));
      return afterFrom && beforeTo && byUser;
    }

    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onMessagesDeletedInBulk(this);
    }
  }

  /** Someone other than the visitor started typing. */
  record AgentTypingStarted(String username) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onAgentTypingStarted(this);
    }
  }

  /** Someone other than the visitor stopped typing. */
  record AgentTypingStopped(String username) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onAgentTypingStopped(this);
    }
  }

  /** The agent serving the room changed (or its details did); may be {@link Agent#hiddenInfo()}. */
  record AgentChanged(Agent agent) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onAgentChanged(this);
    }
  }

  /**
   * The agent left the room and the chat went back to the queue, waiting for another agent
   * ({@code agentData} without an agent).
   */
  record AgentLeft() implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onAgentLeft(this);
    }
  }

  /** The serving agent's presence changed, for example to {@code away}. */
  record AgentStatusChanged(String status) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onAgentStatusChanged(this);
    }
  }

  /**
   * The room's place in the queue while it waits for an agent.
   *
   * @param position the position, 1 for next ({@code spot}); null if the server did not say
   * @param estimatedWait the estimated wait in seconds; null if the server did not say
   * @param text the queue's message to show the visitor ({@code message.text}, the department's
   *     or the server's waiting-queue message); null if there is none
   */
  record QueuePositionChanged(@Nullable Integer position, @Nullable Integer estimatedWait, @Nullable String text)
      implements RealtimeEvent {
    /** A position without a text. */
    public QueuePositionChanged(@Nullable Integer position, @Nullable Integer estimatedWait) {
      this(position, estimatedWait, null);
    }

    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onQueuePositionChanged(this);
    }
  }

  /** The server changed the visitor's data (name, email, custom fields...). */
  record VisitorChanged(Visitor visitor) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onVisitorChanged(this);
    }
  }

  /** The conversation ended: the room's {@code livechat-close} message. */
  record RoomClosed(Message message) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onRoomClosed(this);
    }
  }

  /**
   * The connection changed state.
   *
   * @param state the new state
   * @param nextAttemptAt for {@link ConnectionState#WAITING}, when the next attempt starts;
   *     otherwise null
   * @param cause what ended the last connection, for {@code WAITING} and {@code FAILED}; otherwise
   *     null
   */
  record ConnectionStateChanged(ConnectionState state, @Nullable Instant nextAttemptAt, @Nullable String cause)
      implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onConnectionStateChanged(this);
    }
  }

  /**
   * The server refused a subscription ({@code nosub}) or the session failed in another way. The
   * session goes on with what it has, except when the room's messages can no longer be read
   * (the room closed, or the token is not the room's visitor's): then it delivers what it can
   * still load and closes.
   *
   * @param stream the stream and event, for example {@code stream-room-messages <rid>}
   * @param reason the server's reason
   */
  record SubscriptionFailed(String stream, String reason) implements RealtimeEvent {
    @Override
    public void dispatchTo(RealtimeListener listener) {
      listener.onSubscriptionFailed(this);
    }
  }
}
