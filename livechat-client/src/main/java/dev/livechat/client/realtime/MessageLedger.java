package dev.livechat.client.realtime;

import dev.livechat.client.model.Message;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a session has delivered: each message's last version, by id, and the newest message (the
 * anchor a gap fill loads from). It decides what a message, pushed or loaded, means to the
 * listener: new, edited, updated in place, deleted (a {@code rm} trace), or nothing (seen already).
 * Confined to the session's event thread.
 */
final class MessageLedger {
  static final int REMEMBERED = 10_000;

  /** A delivered message's version: {@code _updatedAt} changes with every change, {@code editedAt} with edits. */
  private record Version(@Nullable Instant updatedAt, @Nullable Instant editedAt, @Nullable String type) {
    static Version of(Message message) {
      return new Version(message.updatedAt(), message.editedAt(), message.type());
    }
  }

  private final Map<String, Version> delivered = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Version> eldest) {
      return size() > REMEMBERED;
    }
  };
  private @Nullable Instant baselineAt;
  private @Nullable String baselineId;
  private @Nullable Instant anchorAt;
  private @Nullable String anchorId;
  private boolean closeSeen;

  /**
   * The session's starting point: {@code newest} and everything before it are the caller's (null:
   * the room was empty, every message is new).
   */
  void baseline(@Nullable Message newest) {
    if (newest == null || newest.timestamp() == null) {
      baselineAt = Instant.EPOCH;
      anchorAt = Instant.EPOCH;
      return;
    }
    baselineAt = newest.timestamp();
    baselineId = newest.id();
    anchorAt = newest.timestamp();
    anchorId = newest.id();
    delivered.put(newest.id(), Version.of(newest));
  }

  boolean hasBaseline() {
    return baselineAt != null;
  }

  /** The timestamp of the newest message known: a gap fill loads what is at or after it. */
  @Nullable Instant anchorAt() {
    return anchorAt;
  }

  /** The id of the newest message known: a gap fill stops when it reaches it. */
  @Nullable String anchorId() {
    return anchorId;
  }

  /** Whether the room's {@code livechat-close} message was delivered. */
  boolean closeSeen() {
    return closeSeen;
  }

  /** Whether {@code message} was delivered (or is the baseline). */
  boolean knows(String messageId) {
    return delivered.containsKey(messageId);
  }

  /** The message will not come again. */
  void forget(String messageId) {
    delivered.remove(messageId);
  }

  /** What {@code message} means now, or null if it brings nothing new. */
  @Nullable RealtimeEvent accept(Message message) {
    Version now = Version.of(message);
    Version before = delivered.get(message.id());
    if (before == null) {
      delivered.put(message.id(), now);
      if (isPast(message)) {
        // A message older than the session (the caller's to load) changed: show it in place.
        return change(message, null);
      }
      advance(message);
      if ("livechat-close".equals(message.type())) {
        closeSeen = true;
        return new RealtimeEvent.RoomClosed(message);
      }
      return new RealtimeEvent.MessageReceived(message);
    }
    if (!isNewer(now, before)) {
      return null;
    }
    delivered.put(message.id(), now);
    return change(message, before);
  }

  private boolean isPast(Message message) {
    Instant at = message.timestamp();
    return baselineAt != null && at != null && at.isBefore(baselineAt);
  }

  private static RealtimeEvent change(Message message, @Nullable Version before) {
    if ("rm".equals(message.type())) {
      // Message_ShowDeletedStatus: a deletion is an update to type rm (with editedAt set).
      return new RealtimeEvent.MessageDeleted(message.id(), message);
    }
    boolean edited = message.editedAt() != null
        && (before == null || !Objects.equals(before.editedAt(), message.editedAt()));
    return edited ? new RealtimeEvent.MessageEdited(message) : new RealtimeEvent.MessageUpdated(message);
  }

  /** Later than {@code before}: a newer {@code _updatedAt}, else (without one) a newer edit or another type. */
  private static boolean isNewer(Version now, Version before) {
    if (now.updatedAt() != null && before.updatedAt() != null) {
      return now.updatedAt().isAfter(before.updatedAt());
    }
    if (now.editedAt() != null && (before.editedAt() == null || now.editedAt().isAfter(before.editedAt()))) {
      return true;
    }
    return !Objects.equals(now.type(), before.type()) && "rm".equals(now.type());
  }

  private void advance(Message message) {
    Instant at = message.timestamp();
    if (at != null && (anchorAt == null || !at.isBefore(anchorAt))) {
      anchorAt = at;
      anchorId = message.id();
    }
  }
}
