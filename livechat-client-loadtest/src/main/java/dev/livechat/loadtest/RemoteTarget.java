package dev.livechat.loadtest;

import dev.livechat.client.LivechatClient;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.HttpUrl;

/** A real server ({@code --url}), its agents played through an agent account. */
final class RemoteTarget implements LoadRun.Target {
  private final HttpUrl url;
  private final Options options;

  private RemoteTarget(HttpUrl url, Options options) {
    this.url = url;
    this.options = options;
  }

  static RemoteTarget of(Options options) {
    HttpUrl url = HttpUrl.parse(options.url());
    if (url == null) {
      throw new IllegalArgumentException("--url is not an http or https URL: " + options.url());
    }
    throw new UnsupportedOperationException("--url needs scripted agents over the server's agent API, which this"
        + " build does not have yet; only the embedded fake can be loaded");
  }

  @Override
  public HttpUrl url() {
    return url;
  }

  @Override
  public ScriptedAgents agents(LivechatClient observer, ScheduledExecutorService timer) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String describe() {
    return url.toString();
  }

  @Override
  public void close() {}
}
