package dev.livechat.client;

/**
 * Told how far an upload has got. Called on the thread that sends the request, after each chunk
 * of at most 8 KiB and once at the end; it must return quickly.
 */
@FunctionalInterface
public interface UploadProgress {
  /**
   * @param bytesSent bytes of the file sent so far
   * @param totalBytes the file's length
   */
  void onProgress(long bytesSent, long totalBytes);
}
