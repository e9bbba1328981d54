package dev.livechat.client.testing;

import java.time.Instant;
import okhttp3.HttpUrl;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * A file a visitor uploaded with {@code POST /api/v1/livechat/upload/:rid}, as the fake stored it.
 *
 * @param id the upload's {@code _id} (the message's {@code file._id})
 * @param roomId the room it was uploaded to
 * @param messageId the message that carries it
 * @param name the file name the multipart part gave
 * @param type the media type the multipart part gave ({@code application/octet-stream} if none)
 * @param description the {@code description} field, or null
 * @param content the bytes received
 * @param uploadedAt when it was stored
 */
public record UploadedFile(
    String id,
    String roomId,
    String messageId,
    String name,
    String type,
    @Nullable String description,
    ByteString content,
    Instant uploadedAt) {

  /** The server path of the file, as the message's attachment links it: {@code /file-upload/<id>/<name>}. */
  public String link() {
    return new HttpUrl.Builder().scheme("http").host("localhost")
        .addPathSegment("file-upload").addPathSegment(id).addPathSegment(name)
        .build().encodedPath();
  }

  /** The file name's extension, as the server reports it in {@code format}; empty if none. */
  public String format() {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  /** Prints everything but the content, which shows as its size. */
  @Override
  public String toString() {
    return "UploadedFile[id=" + id + ", roomId=" + roomId + ", messageId=" + messageId + ", name=" + name
        + ", type=" + type + ", description=" + description + ", content=" + content.size() + " bytes"
        + ", uploadedAt=" + uploadedAt + "]";
  }
}
