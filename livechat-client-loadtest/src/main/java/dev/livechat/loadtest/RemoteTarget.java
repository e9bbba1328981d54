package dev.livechat.loadtest;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.testing.agent.AgentCredentials;
import java.util.Collections;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.HttpUrl;

/**
 * A real server ({@code --url}): the visitors call it, and the agents are {@code --agents}
 * sessions of the agent account {@code --agent-user} over its agent API ({@link AgentClientAgents}).
 * Nothing else is contacted.
 */
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
    if (options.agentUser() == null || options.agentPassword() == null) {
      throw new IllegalArgumentException("--url needs --agent-user and --agent-password (or LIVECHAT_AGENT_PASSWORD)");
    }
    return new RemoteTarget(url, options);
  }

  @Override
  public HttpUrl url() {
    return url;
  }

  @Override
  public ScriptedAgents agents(LivechatClient observer, ScheduledExecutorService timer) {
    AgentCredentials account = AgentCredentials.password(options.agentUser(), options.agentPassword());
    return new AgentClientAgents(url, observer.okHttpClient(), Collections.nCopies(options.agents(), account),
        options.agentChats(), timer, options.agents() + " session(s) of agent " + options.agentUser()
            + " over the agent REST and DDP API");
  }

  @Override
  public String describe() {
    return url.toString();
  }

  @Override
  public void close() {}
}
