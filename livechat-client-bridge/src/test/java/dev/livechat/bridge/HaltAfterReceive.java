package dev.livechat.bridge;

import dev.livechat.client.LivechatClient;
import java.nio.file.Path;

/**
 * A process that records inbound messages in an embedded store and is killed the moment the last
 * {@code receive} returns ({@link Runtime#halt}: no shutdown hook, no close), for {@link
 * H2BridgeTest#whatReceiveRecordedSurvivesTheProcessBeingKilled}.
 */
public final class HaltAfterReceive {
  private HaltAfterReceive() {}

  public static void main(String[] args) {
    BridgeStore store = BridgeStore.embedded(Path.of(args[0]));
    LivechatClient client = LivechatClient.create("http://127.0.0.1:9");
    LivechatBridge bridge = LivechatBridge.builder(client, store).replySender(reply -> {}).build();
    int count = Integer.parseInt(args[1]);
    for (int i = 1; i <= count; i++) {
      bridge.receive(new InboundMessage(BridgeContract.KEY, "wamid." + i, "message " + i));
    }
    System.out.println("recorded");
    System.out.flush();
    Runtime.getRuntime().halt(137);
  }
}
