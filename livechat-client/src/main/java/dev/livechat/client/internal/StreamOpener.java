package dev.livechat.client.internal;

import okhttp3.Response;

/**
 * Takes over the successful answer of a streamed endpoint, unread; what it returns owns the
 * response and closes it (a file download).
 */
@FunctionalInterface
public interface StreamOpener<T> {
  /**
   * @param response the answer, 2xx, its body not yet read
   * @param endpoint the endpoint as {@code "GET /file-upload/:id/:name"}, for messages
   */
  T open(Response response, String endpoint);
}
