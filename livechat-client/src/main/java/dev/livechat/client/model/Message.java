package dev.livechat.client.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message in a Livechat room, as the server stores it.
 *
 * <p>Servers since 0.70 have grown the message; older answers carry only some fields, so every
 * component but {@code id} may be null. {@link #toString()} never prints the visitor token.
 *
 * @param id the message {@code _id}
 * @param roomId the room ({@code rid}); absent from the 0.70 send answer
 * @param text the text ({@code msg}); empty for a file message
 * @param type the message type ({@code t}), for example {@code livechat-close}; null for an
 *     ordinary message
 * @param token the visitor token of the room ({@code token}); never printed
 * @param alias the name shown for the sender ({@code alias})
 * @param user the author ({@code u})
 * @param timestamp when the message was sent ({@code ts})
 * @param updatedAt when the server last changed it ({@code _updatedAt})
 * @param editedAt when it was last edited ({@code editedAt}); null if never edited
 * @param editedBy who edited it last ({@code editedBy}); null if never edited
 * @param file the uploaded file the message carries ({@code file}); null for a text message. The
 *     server keeps it for older clients: it is the first of {@code files}
 * @param files every file the message carries ({@code files}), for an image of an agent the file
 *     and the thumbnail the server made of it ({@link FileInfo#isThumbnail()}); never null, empty
 *     for a text message and on servers that send only {@code file}
 * @param attachments how to show the file or other attached content; never null
 */
public record Message(
    String id,
    @Nullable String roomId,
    @Nullable String text,
    @Nullable String type,
    @Nullable String token,
    @Nullable String alias,
    @Nullable User user,
    @Nullable Instant timestamp,
    @Nullable Instant updatedAt,
    @Nullable Instant editedAt,
    @Nullable User editedBy,
    @Nullable FileInfo file,
    List<FileInfo> files,
    List<Attachment> attachments) {

  public Message {
    Arguments.notNull(id, "id");
    files = files == null ? List.of() : List.copyOf(files);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A message with one file at most ({@code file}) and no {@code files}. */
  public Message(
      String id,
      @Nullable String roomId,
      @Nullable String text,
      @Nullable String type,
      @Nullable String token,
      @Nullable String alias,
      @Nullable User user,
      @Nullable Instant timestamp,
      @Nullable Instant updatedAt,
      @Nullable Instant editedAt,
      @Nullable User editedBy,
      @Nullable FileInfo file,
      List<Attachment> attachments) {
    this(id, roomId, text, type, token, alias, user, timestamp, updatedAt, editedAt, editedBy, file, List.of(),
        attachments);
  }

  /** A message without file or attachments. */
  public Message(
      String id,
      @Nullable String roomId,
      @Nullable String text,
      @Nullable String type,
      @Nullable String token,
      @Nullable String alias,
      @Nullable User user,
      @Nullable Instant timestamp,
      @Nullable Instant updatedAt,
      @Nullable Instant editedAt,
      @Nullable User editedBy) {
    this(id, roomId, text, type, token, alias, user, timestamp, updatedAt, editedAt, editedBy, null, List.of(),
        List.of());
  }

  /** Prints every component except the visitor token, which shows as {@code ***}. */
  @Override
  public String toString() {
    return "Message[id=" + id
        + ", roomId=" + roomId
        + ", text=" + text
        + ", type=" + type
        + ", token=" + (token == null ? null : "***")
        + ", alias=" + alias
        + ", user=" + user
        + ", timestamp=" + timestamp
        + ", updatedAt=" + updatedAt
        + ", editedAt=" + editedAt
        + ", editedBy=" + editedBy
        + ", file=" + file
        + ", files=" + files
        + ", attachments=" + attachments
        + "]";
  }
}
