package dev.livechat.client.internal;

import com.squareup.moshi.JsonReader;
import dev.livechat.client.LivechatDecodingException;
import dev.livechat.client.LivechatException;
import dev.livechat.client.LivechatNetworkException;
import dev.livechat.client.LivechatTimeoutException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * The one executor: turns an {@link Endpoint} into an OkHttp call and the answer into a record
 * or a {@link LivechatException}.
 */
public final class Http {
  private final OkHttpClient client;
  private final OkHttpClient noSilentRetry;
  private final HttpUrl apiBase;
  private final Clock clock;

  /**
   * @param client the OkHttp client every call goes through
   * @param baseUrl the server root, possibly with a base path ({@code https://host/support})
   * @param clock the clock that turns rate-limit reset times into waits
   */
  public Http(OkHttpClient client, HttpUrl baseUrl, Clock clock) {
    this.client = client;
    this.noSilentRetry = client.newBuilder().retryOnConnectionFailure(false).build();
    this.apiBase = baseUrl.newBuilder().addPathSegments("api/v1").build();
    this.clock = clock;
  }

  /** Runs {@code endpoint} on the calling thread and returns its record. */
  public <T> T execute(Endpoint<T> endpoint) {
    Request request = endpoint.toRequest(apiBase);
    try (Response response = clientFor(endpoint).newCall(request).execute()) {
      return read(endpoint, response);
    } catch (IOException e) {
      throw networkFailure(endpoint, e);
    }
  }

  /**
   * OkHttp silently re-sends a request when a pooled connection turns out to be dead, even after
   * the server may have read it. That is right for a call that is safe to repeat and wrong for one
   * that is not (a message could be stored twice), so those go through a client, sharing the same
   * pool and dispatcher, that never re-sends on its own.
   */
  private OkHttpClient clientFor(Endpoint<?> endpoint) {
    return endpoint.safeToRepeat() ? client : noSilentRetry;
  }

  private <T> T read(Endpoint<T> endpoint, Response response) throws IOException {
    Buffer body = new Buffer();
    body.writeAll(response.body().source());
    if (!response.isSuccessful()) {
      throw ErrorMapper.toException(
          response.code(), response.headers(), body, endpoint.describe(), clock.instant());
    }
    try {
      return endpoint.reader().read(JsonReader.of(body));
    } catch (IOException | RuntimeException e) {
      throw new LivechatDecodingException(
          "HTTP " + response.code() + " answer is not the expected JSON: " + reason(e),
          response.code(),
          endpoint.describe(),
          e);
    }
  }

  private static LivechatException networkFailure(Endpoint<?> endpoint, IOException e) {
    if (e instanceof InterruptedIOException interrupted && !Thread.currentThread().isInterrupted()) {
      return new LivechatTimeoutException(endpoint.describe(), interrupted);
    }
    return new LivechatNetworkException("Request failed: " + e, endpoint.describe(), e);
  }

  private static String reason(Exception e) {
    if (e instanceof EOFException) {
      return "the body ended early";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
