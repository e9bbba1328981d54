package dev.livechat.loadtest;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.ServerSettings;
import dev.livechat.client.testing.agent.AgentCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.HttpUrl;

/**
 * The default target: a {@link FakeLivechatServer} in this process, on a loopback port, with manual
 * selection (so that the scripted agents take the rooms and the queue wait means something) and,
 * unless {@code --rate-limits}, no rate limiter (the real server's limits count per client
 * address, and every simulated visitor here shares one).
 */
final class EmbeddedTarget implements LoadRun.Target {
  private final FakeLivechatServer server;
  private final Options options;
  private final FakeServerAgents.ReplySender sender;
  private final boolean owned;

  /** Starts a fake for {@code options}. */
  static EmbeddedTarget start(Options options) {
    FakeLivechatServer server = FakeLivechatServer.start(ServerSettings.defaults()
        .withRoutingMethod(ServerSettings.RoutingMethod.MANUAL_SELECTION));
    return new EmbeddedTarget(server, options, FakeAgent::reply, true);
  }

  /**
   * Loads {@code server}, a fake the caller made and closes (tests: a fake that delays or loses
   * messages); {@code sender} is how its agents reply.
   */
  EmbeddedTarget(FakeLivechatServer server, Options options, FakeServerAgents.ReplySender sender, boolean owned) {
    this.server = server;
    this.options = options;
    this.sender = sender;
    this.owned = owned;
    server.reconfigure(s -> s.withRoutingMethod(ServerSettings.RoutingMethod.MANUAL_SELECTION));
    if (options.rateLimits()) {
      server.enableRateLimits();
    } else {
      server.disableRateLimits();
    }
    if (!options.serverDelay().isZero()) {
      server.delayResponses(options.serverDelay());
    }
  }

  FakeLivechatServer server() {
    return server;
  }

  @Override
  public HttpUrl url() {
    return server.url();
  }

  @Override
  public ScriptedAgents agents(LivechatClient observer, ScheduledExecutorService timer) {
    if (options.agentsOverHttp()) {
      List<AgentCredentials> credentials = new ArrayList<>();
      for (int i = 1; i <= options.agents(); i++) {
        FakeAgent agent = server.agent("loadtest.agent" + i, "Load-test agent " + i);
        credentials.add(AgentCredentials.password(agent.username(), agent.password()));
      }
      return new AgentClientAgents(server.url(), observer.okHttpClient(), credentials, options.agentChats(), timer,
          options.agents() + " LivechatAgent(s) over the agent REST and DDP API"
              + (options.agentChats() == 0 ? "" : ", at most " + options.agentChats() + " chats each"));
    }
    return new FakeServerAgents(server, observer, options.agents(), options.agentChats(), timer, sender);
  }

  @Override
  public String describe() {
    return "embedded FakeLivechatServer " + server.url() + " (rate limiter " + (options.rateLimits() ? "on" : "off")
        + (options.serverDelay().isZero() ? "" : ", answers delayed " + Options.format(options.serverDelay())) + ")";
  }

  @Override
  public void close() {
    if (owned) {
      server.close();
    }
  }
}
