package dev.livechat.client.webhook;

import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message as a webhook carries it ({@code messages[]}, built by {@code sendToCRM} in {@code
 * apps/meteor/app/livechat/server/hooks/sendToCRM.ts}). The server sends ordinary messages, the
 * closing message ({@code livechat-close}) and, when both navigation settings are on, the
 * visitor's page changes; other system messages are left out.
 *
 * @param id the message {@code _id}; absent in the settings' test ping
 * @param roomId the room ({@code rid})
 * @param username the author's username
 * @param text the text ({@code msg}); for a message made of UI Kit blocks only, the blocks as JSON
 *     (which stay in {@code otherFields} as {@code blocks})
 * @param timestamp when it was sent ({@code ts})
 * @param updatedAt when the server last changed it ({@code _updatedAt})
 * @param editedAt when it was last edited ({@code editedAt}); null if never edited
 * @param agentId the author's user id when the author is not the visitor ({@code agentId}): an
 *     agent, a bot, or the system; null for the visitor's messages
 * @param user the author ({@code u})
 * @param closingMessage whether this is the message the room was closed with ({@code
 *     closingMessage})
 * @param pageTitle for a page change, the page's title ({@code navigation.page.title})
 * @param pageUrl for a page change, the page's address ({@code navigation.page.location.href})
 * @param file the uploaded file the message carries ({@code file})
 * @param attachments how to show the file ({@code attachments}); never null
 * @param fileUrl the file's full download URL, with a JWT in its query that lets the holder fetch
 *     it ({@code fileUpload.publicFilePath}); printed without the query
 * @param fileSize the file's size in bytes ({@code fileUpload.size})
 * @param otherFields every other field of the message, as read (for example {@code blocks});
 *     never null
 */
public record WebhookMessage(
    @Nullable String id,
    @Nullable String roomId,
    @Nullable String username,
    @Nullable String text,
    @Nullable Instant timestamp,
    @Nullable Instant updatedAt,
    @Nullable Instant editedAt,
    @Nullable String agentId,
    @Nullable User user,
    boolean closingMessage,
    @Nullable String pageTitle,
    @Nullable String pageUrl,
    @Nullable FileInfo file,
    List<Attachment> attachments,
    @Nullable String fileUrl,
    @Nullable Long fileSize,
    Map<String, @Nullable Object> otherFields) {

  public WebhookMessage {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    otherFields = Printing.copyOfFields(otherFields);
  }

  /**
   * Whether someone other than the visitor wrote it: the server names {@code agentId} exactly
   * when the author's username differs from the visitor's.
   */
  public boolean fromAgent() {
    return agentId != null;
  }

  /** Prints every component, the file URL without its query, and only the names of other fields. */
  @Override
  public String toString() {
    return "WebhookMessage[id=" + id
        + ", roomId=" + roomId
        + ", username=" + username
        + ", text=" + text
        + ", timestamp=" + timestamp
        + ", updatedAt=" + updatedAt
        + ", editedAt=" + editedAt
        + ", agentId=" + agentId
        + ", user=" + user
        + ", closingMessage=" + closingMessage
        + ", pageTitle=" + pageTitle
        + ", pageUrl=" + pageUrl
        + ", file=" + file
        + ", attachments=" + attachments
        + ", fileUrl=" + Printing.withoutQuery(fileUrl)
        + ", fileSize=" + fileSize
        + ", otherFields=" + Printing.names(otherFields)
        + "]";
  }
}
