package dev.livechat.client;

import dev.livechat.client.internal.Delays;
import java.time.Clock;
import okhttp3.HttpUrl;

/** Clients for tests in other packages, with the clock and the timer the builder keeps package-private. */
public final class TestClients {
  private TestClients() {}

  /** A builder for {@code baseUrl} whose client reads {@code clock} and waits with {@code delays}. */
  public static LivechatClient.Builder builder(HttpUrl baseUrl, Clock clock, Delays delays) {
    return LivechatClient.builder().baseUrl(baseUrl).clock(clock).delays(delays);
  }
}
