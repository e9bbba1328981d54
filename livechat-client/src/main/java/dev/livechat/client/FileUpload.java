package dev.livechat.client;

import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.internal.Checks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okio.Okio;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * A file to upload into a room with {@link LivechatClient#uploadFile}. The content is streamed
 * from its source as the request is written, never read whole into memory.
 *
 * <pre>{@code
 * FileUpload.of(Path.of("receipt.pdf"), "application/pdf")
 *     .withDescription("My receipt")
 *     .withProgress((sent, total) -> bar.setValue(100 * sent / total))
 * }</pre>
 *
 * <p>An upload from a {@link Path} or a {@code byte[]} can be sent more than once; one from an
 * {@link InputStream} only once, since the stream is consumed.
 */
public final class FileUpload {
  /** Where the bytes come from; opened each time the request body is written. */
  @FunctionalInterface
  interface Content {
    Source open() throws IOException;
  }

  private final String fileName;
  private final String mediaType;
  private final long length;
  private final Content content;
  private final boolean repeatable;
  private final @Nullable String description;
  private final @Nullable UploadProgress progress;

  private FileUpload(String fileName, String mediaType, long length, Content content, boolean repeatable,
      @Nullable String description, @Nullable UploadProgress progress) {
    this.fileName = fileName;
    this.mediaType = mediaType;
    this.length = length;
    this.content = content;
    this.repeatable = repeatable;
    this.description = description;
    this.progress = progress;
  }

  /**
   * The file at {@code path}, named after it.
   *
   * @param mediaType the media type, for example {@code image/png}
   * @throws IllegalArgumentException if {@code path} is not a regular file
   * @throws UncheckedIOException if the file's size cannot be read
   */
  public static FileUpload of(Path path, String mediaType) {
    Checks.notNull(path, "path");
    mediaType(mediaType);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("path is not a regular file: " + path);
    }
    try {
      return new FileUpload(path.getFileName().toString(), mediaType, Files.size(path),
          () -> Okio.source(path), true, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + path, e);
    }
  }

  /** {@code bytes} as a file called {@code fileName}. The array is not copied: do not change it. */
  public static FileUpload of(byte[] bytes, String fileName, String mediaType) {
    Checks.notNull(bytes, "bytes");
    return new FileUpload(Checks.notBlank(fileName, "fileName"), mediaType(mediaType),
        bytes.length, () -> Okio.source(new ByteArrayInputStream(bytes)), true, null, null);
  }

  /**
   * {@code length} bytes read from {@code stream}, as a file called {@code fileName}. The stream
   * is read once, when the request is sent, and closed afterwards; if it ends before {@code
   * length} bytes the upload fails with a {@link LivechatNetworkException}.
   */
  public static FileUpload of(InputStream stream, long length, String fileName, String mediaType) {
    Checks.notNull(stream, "stream");
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, was " + length);
    }
    return new FileUpload(Checks.notBlank(fileName, "fileName"), mediaType(mediaType),
        length, () -> Okio.source(stream), false, null, null);
  }

  private static String mediaType(String mediaType) {
    Checks.notBlank(mediaType, "mediaType");
    if (MediaType.parse(mediaType) == null) {
      throw new IllegalArgumentException("mediaType is not a media type: " + mediaType);
    }
    return mediaType;
  }

  /** This upload with a description, shown with the file. */
  public FileUpload withDescription(String description) {
    return new FileUpload(fileName, mediaType, length, content, repeatable,
        Checks.notBlank(description, "description"), progress);
  }

  /** This upload reporting its progress to {@code progress}. */
  public FileUpload withProgress(UploadProgress progress) {
    return new FileUpload(fileName, mediaType, length, content, repeatable, description,
        Checks.notNull(progress, "progress"));
  }

  /** The file name the server stores. */
  public String fileName() {
    return fileName;
  }

  /** The media type, for example {@code image/png}. */
  public String mediaType() {
    return mediaType;
  }

  /** The number of bytes to send. */
  public long length() {
    return length;
  }

  /** The description, or null. */
  public @Nullable String description() {
    return description;
  }

  /** Whether the content can be sent again (false for a stream, which is consumed). */
  public boolean repeatable() {
    return repeatable;
  }

  @Nullable UploadProgress progress() {
    return progress;
  }

  Source open() throws IOException {
    return content.open();
  }

  @Override
  public String toString() {
    return "FileUpload[" + fileName + ", " + mediaType + ", " + length + " bytes"
        + (description == null ? "" : ", description=" + description) + "]";
  }
}
