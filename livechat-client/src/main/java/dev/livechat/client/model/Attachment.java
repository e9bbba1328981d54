package dev.livechat.client.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An attachment of a message: for an uploaded file, how to show and fetch it; for a quote, the
 * message quoted.
 *
 * <p>The server adds a quote when a message links another message of a room the sender may read
 * (a link with {@code ?msg=<id>}): {@link #messageLink()} is that link, {@link #text()} the quoted
 * text, {@link #author()} who wrote it, {@link #timestamp()} when, and {@link #attachments()} the
 * quoted message's own attachments (a quoted file, or a quote in the quote).
 *
 * @param type the attachment type, {@code file} for uploads; null for a quote
 * @param title the title, for an upload its file name
 * @param titleLink the server path of the file ({@code title_link}), relative to the server root
 * @param description the description given with the upload
 * @param imageUrl the server path of the image, for an image ({@code image_url}); on current servers
 *     the thumbnail's
 * @param imageType the image's media type ({@code image_type})
 * @param imageSize the image's size in bytes ({@code image_size})
 * @param text the text the attachment shows; for a quote, the quoted message's text
 * @param messageLink for a quote, the link to the quoted message ({@code message_link}); null for
 *     any other attachment
 * @param author who wrote the quoted message ({@code author_name}, {@code author_icon}, {@code
 *     author_link}); null when the attachment names no author
 * @param timestamp for a quote, when the quoted message was sent ({@code ts})
 * @param attachments the attachments inside this one ({@code attachments}), for a quote those of the
 *     quoted message; never null
 */
public record Attachment(
    @Nullable String type,
    @Nullable String title,
    @Nullable String titleLink,
    @Nullable String description,
    @Nullable String imageUrl,
    @Nullable String imageType,
    @Nullable Long imageSize,
    @Nullable String text,
    @Nullable String messageLink,
    @Nullable AttachmentAuthor author,
    @Nullable Instant timestamp,
    List<Attachment> attachments) {

  public Attachment {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** An attachment of an uploaded file. */
  public Attachment(
      @Nullable String type,
      @Nullable String title,
      @Nullable String titleLink,
      @Nullable String description,
      @Nullable String imageUrl,
      @Nullable String imageType,
      @Nullable Long imageSize) {
    this(type, title, titleLink, description, imageUrl, imageType, imageSize, null, null, null, null, List.of());
  }

  /**
   * Whether this attachment quotes another message: it has a {@link #messageLink()}, as the server
   * tells quotes apart ({@code isQuoteAttachment}: {@code 'message_link' in attachment}).
   */
  public boolean isQuote() {
    return messageLink != null;
  }
}
