package dev.livechat.benchmarks;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.realtime.HubOptions;
import dev.livechat.client.realtime.LivechatHub;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one operation on one room costs the {@link FakeLivechatServer} while it holds {@code rooms}
 * rooms, each with a visitor and a {@code livechat-started} message, all but the measured one
 * followed through one {@link LivechatHub} (so the fake holds their subscriptions). The measured
 * room is not followed, so an agent's message to it goes to no socket: {@code agentReply} is the
 * fake's own work (store the message, find its subscribers). {@code openRoom} and {@code
 * loadHistory} are REST calls of the measured room's visitor over the loopback. Each should cost
 * the same at 10 rooms as at 10,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FakeServerScaleBenchmark {
  @Param({"10", "10000"})
  public int rooms;

  private FakeLivechatServer server;
  private LivechatClient client;
  private LivechatHub hub;
  private FakeAgent agent;
  private String roomId;
  private String token;

  @Setup
  public void setUp() throws Exception {
    server = FakeLivechatServer.start();
    client = LivechatClient.create(server.url().toString());
    Map<String, String> tokens = HubScale.createRooms(client, rooms);
    Map.Entry<String, String> measured = tokens.entrySet().iterator().next();
    roomId = measured.getKey();
    token = measured.getValue();
    hub = client.hub(HubOptions.defaults(), (rid, event) -> { });
    List<CompletableFuture<Void>> following = new ArrayList<>();
    tokens.forEach((rid, visitorToken) -> {
      if (!rid.equals(roomId)) {
        following.add(hub.add(visitorToken, rid));
      }
    });
    CompletableFuture.allOf(following.toArray(new CompletableFuture[0])).get(10, TimeUnit.MINUTES);
    agent = server.agent("agent.smith");
  }

  @TearDown
  public void tearDown() {
    hub.close();
    client.close();
    server.close();
  }

  @Benchmark
  public Message agentReply() {
    return agent.reply(roomId, "ping");
  }

  @Benchmark
  public RoomResult openRoom() {
    return client.openRoom(token);
  }

  @Benchmark
  public MessageHistory loadHistory() {
    return client.loadHistory(token, roomId);
  }
}
