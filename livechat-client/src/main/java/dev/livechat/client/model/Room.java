package dev.livechat.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Livechat room: one conversation between a visitor and the agents that serve it.
 *
 * @param id the room {@code _id} (the {@code rid} of its messages)
 * @param open whether the conversation is still going on
 * @param name the name shown for the room, normally the visitor's ({@code fname})
 * @param visitor the visitor of the room ({@code v}); its token is never printed
 * @param servedBy the agent serving the room, or null while it waits in the queue
 * @param departmentId the department the room belongs to
 * @param messageCount how many messages the room has ({@code msgs})
 * @param timestamp when the room was opened ({@code ts})
 * @param updatedAt when the server last changed it ({@code _updatedAt})
 * @param lastMessageAt when the last message was sent ({@code lm})
 * @param lastMessage the last message
 * @param closedAt when the room was closed; null while it is open
 * @param waitingResponse whether the visitor waits for an agent's answer
 * @param source where the conversation came from ({@code source}); null from servers before the
 *     field existed
 */
public record Room(
    String id,
    boolean open,
    @Nullable String name,
    @Nullable Visitor visitor,
    @Nullable ServedBy servedBy,
    @Nullable String departmentId,
    @Nullable Integer messageCount,
    @Nullable Instant timestamp,
    @Nullable Instant updatedAt,
    @Nullable Instant lastMessageAt,
    @Nullable Message lastMessage,
    @Nullable Instant closedAt,
    @Nullable Boolean waitingResponse,
    @Nullable RoomSource source) {

  public Room {
    Arguments.notNull(id, "id");
  }

  /** A room without its {@link #source()}. */
  public Room(
      String id,
      boolean open,
      @Nullable String name,
      @Nullable Visitor visitor,
      @Nullable ServedBy servedBy,
      @Nullable String departmentId,
      @Nullable Integer messageCount,
      @Nullable Instant timestamp,
      @Nullable Instant updatedAt,
      @Nullable Instant lastMessageAt,
      @Nullable Message lastMessage,
      @Nullable Instant closedAt,
      @Nullable Boolean waitingResponse) {
    this(id, open, name, visitor, servedBy, departmentId, messageCount, timestamp, updatedAt, lastMessageAt,
        lastMessage, closedAt, waitingResponse, null);
  }
}
