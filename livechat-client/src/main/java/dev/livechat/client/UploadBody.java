package dev.livechat.client;

import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * The file part of an upload: copies the file's bytes to the connection in 8 KiB chunks,
 * reporting progress, without holding the file in memory.
 */
final class UploadBody extends RequestBody {
  private static final long CHUNK = 8192;

  private final FileUpload upload;
  private final MediaType mediaType;

  UploadBody(FileUpload upload) {
    this.upload = upload;
    this.mediaType = MediaType.get(upload.mediaType());
  }

  @Override
  public @Nullable MediaType contentType() {
    return mediaType;
  }

  @Override
  public long contentLength() {
    return upload.length();
  }

  @Override
  public boolean isOneShot() {
    return !upload.repeatable();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    long total = upload.length();
    UploadProgress progress = upload.progress();
    Buffer chunk = new Buffer();
    long sent = 0;
    try (Source source = upload.open()) {
      while (sent < total) {
        long read = source.read(chunk, Math.min(CHUNK, total - sent));
        if (read == -1) {
          throw new ProtocolException("the file ended after " + sent + " of " + total + " bytes");
        }
        sink.write(chunk, read);
        sent += read;
        if (progress != null) {
          progress.onProgress(sent, total);
        }
      }
    }
    if (progress != null && total == 0) {
      progress.onProgress(0, 0);
    }
  }
}
