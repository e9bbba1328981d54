package dev.livechat.bridge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a conversation stands, as {@link LivechatBridge#conversation} reads it from the store. Its
 * visitor token stays in the store: it is never part of this record or any log.
 *
 * @param key the conversation key
 * @param roomId the current room, or null before the first room was opened
 * @param state where the conversation stands
 * @param roomGeneration how many rooms the conversation has had: 1 for the first
 * @param pending inbound messages not yet sent (or left as an offline message)
 * @param createdAt when the first message of the conversation was received
 */
public record Conversation(
    String key, @Nullable String roomId, State state, int roomGeneration, long pending, Instant createdAt) {

  /** Where a conversation stands. */
  public enum State {
    /** No room yet: the visitor is registered and the room opened with the first message sent. */
    NEW,
    /** The room {@link Conversation#roomId()} is open. */
    OPEN,
    /** The room was closed; the next inbound message opens a new one. */
    CLOSED
  }
}
