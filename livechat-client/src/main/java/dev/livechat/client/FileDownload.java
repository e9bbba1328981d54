package dev.livechat.client;

import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.exception.LivechatTimeoutException;
import dev.livechat.client.internal.Checks;
import dev.livechat.client.internal.ContentDisposition;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * A file being downloaded: the server's answer, its body not yet read. Read it once, with {@link
 * #body()} or {@link #writeTo(OutputStream)}, then close it; it streams from the connection and is
 * never held whole in memory, whatever its size.
 *
 * <pre>{@code
 * try (FileDownload download = client.downloadFile(token, roomId, message.file());
 *      OutputStream out = Files.newOutputStream(target)) {
 *   download.writeTo(out);
 * }
 * }</pre>
 *
 * <p>Until it is closed it holds a connection of the client's pool. Its {@code toString()} names the
 * endpoint, type and length, never the visitor token.
 */
public final class FileDownload implements Closeable {
  private final Response response;
  private final String endpoint;
  private final ResponseBody content;
  private final InputStream body;

  FileDownload(Response response, String endpoint) {
    this.response = response;
    this.endpoint = endpoint;
    this.content = response.body();
    this.body = new FilterInputStream(content.byteStream()) {
      /**
       * Reads nothing when asked for nothing, as InputStream promises: OkHttp's stream would wait
       * for the next bytes first, which stalls {@code readNBytes(n)} at the end of its n.
       */
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        return length == 0 ? 0 : super.read(buffer, offset, length);
      }
    };
  }

  /**
   * The file's bytes as they arrive. Reading throws {@link IOException} if the connection fails or
   * a timeout expires midway; closing the stream closes this download.
   */
  public InputStream body() {
    return body;
  }

  /** The media type the server sent ({@code Content-Type}), for example {@code image/png}; null if none. */
  public @Nullable String contentType() {
    return response.header("Content-Type");
  }

  /** The length in bytes the server announced ({@code Content-Length}), or -1 when it did not. */
  public long contentLength() {
    return content.contentLength();
  }

  /**
   * The file name the server sent ({@code Content-Disposition}, decoded), for example {@code
   * "invoice.png"}; null if it sent none.
   */
  public @Nullable String fileName() {
    return ContentDisposition.fileName(response.header("Content-Disposition"));
  }

  /**
   * Copies the rest of the file to {@code out}, which stays open, and closes this download.
   *
   * @return how many bytes were copied
   * @throws LivechatNetworkException if the connection fails midway ({@link
   *     LivechatTimeoutException} if a timeout expires)
   * @throws UncheckedIOException if writing to {@code out} fails
   */
  public long writeTo(OutputStream out) {
    Checks.notNull(out, "out");
    try {
      BufferedSource source = content.source();
      byte[] buffer = new byte[8192];
      long total = 0;
      while (true) {
        int read;
        try {
          read = source.read(buffer);
        } catch (IOException e) {
          throw CallExecutor.networkFailure(endpoint, "Download failed: ", e);
        }
        if (read == -1) {
          return total;
        }
        try {
          out.write(buffer, 0, read);
        } catch (IOException e) {
          throw new UncheckedIOException("Writing the download failed", e);
        }
        total += read;
      }
    } finally {
      close();
    }
  }

  /** Releases the connection; reading afterwards fails. Calling it again does nothing. */
  @Override
  public void close() {
    response.close();
  }

  /** Names the endpoint, the type and the length; never the token nor the URL. */
  @Override
  public String toString() {
    return "FileDownload[" + endpoint + ", " + contentType() + ", " + contentLength() + " bytes]";
  }
}
