package dev.livechat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.model.Message;
import dev.livechat.client.testing.FakeLivechatServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How fast inbound messages go through the outbox on PostgreSQL: recorded by {@link
 * LivechatBridge#receive} (one transaction each) and by {@link LivechatBridge#receiveAll} (batches),
 * then drained to an in-process {@link FakeLivechatServer}. Prints what it measured and asserts
 * no rate (a timing in a unit test fails on a loaded machine); what it asserts is that every
 * message reached its conversation's room, in order.
 */
class ThroughputTest {
  private static final int CONVERSATIONS = 200;
  private static final int MESSAGES = 2_000;

  @Test
  void inboundMessagesGoThroughTheOutboxOnPostgres() throws Exception {
    String url = TestPostgres.newDatabase();
    try (FakeLivechatServer server = FakeLivechatServer.start();
        LivechatClient client = LivechatClient.builder().baseUrl(server.url()).build();
        BridgeStore store = BridgeStore.postgres(url, "postgres", "postgres")) {
      LivechatBridge bridge = LivechatBridge.builder(client, store).instanceId("bench")
          .replySender(reply -> {}).drainThreads(8).build();
      try (bridge) {
        long start = System.nanoTime();
        BridgeContract.concurrently(4, t -> {
          for (int i = t; i < MESSAGES; i += 4) {
            bridge.receive(new InboundMessage("wa:" + (i % CONVERSATIONS), "m" + i, "message " + i));
          }
        });
        double singleRate = MESSAGES / seconds(start);

        start = System.nanoTime();
        BridgeContract.concurrently(4, t -> {
          List<InboundMessage> batch = new ArrayList<>();
          for (int i = t; i < MESSAGES; i += 4) {
            batch.add(new InboundMessage("wb:" + (i % CONVERSATIONS), "m" + i, "message " + i));
            if (batch.size() == 50) {
              bridge.receiveAll(batch);
              batch.clear();
            }
          }
          bridge.receiveAll(batch);
        });
        double batchRate = MESSAGES / seconds(start);

        start = System.nanoTime();
        bridge.start();
        assertThat(bridge.awaitIdle(Duration.ofMinutes(3))).isTrue();
        double drainRate = 2 * MESSAGES / seconds(start);

        System.out.printf("bridge throughput on PostgreSQL: receive %.0f/s, receiveAll (50 a batch) %.0f/s,"
            + " drained to the fake server %.0f/s (%d conversations, 8 drain threads)%n",
            singleRate, batchRate, drainRate, 2 * CONVERSATIONS);
        ((JdbcBridgeStore) store).inTransaction("sizes", c -> {
          for (String table : List.of("bridge_conversation", "bridge_outbox", "bridge_room")) {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_total_relation_size('" + table
                + "'), pg_relation_size('" + table + "'), (SELECT COUNT(*) FROM " + table + ")")) {
              rs.next();
              System.out.printf("  %s: %d rows, %d bytes a row with indexes (%d without)%n", table, rs.getLong(3),
                  rs.getLong(1) / Math.max(1, rs.getLong(3)), rs.getLong(2) / Math.max(1, rs.getLong(3)));
            }
          }
          return null;
        });
        assertThat(server.rooms()).hasSize(2 * CONVERSATIONS);
        // Conversation i % CONVERSATIONS gets message i from thread i % 4 (CONVERSATIONS is a
        // multiple of 4), which records them in increasing i: that is the order they must land in.
        for (String prefix : List.of("wa:", "wb:")) {
          for (int c = 0; c < CONVERSATIONS; c++) {
            String key = prefix + c;
            List<String> expected = new ArrayList<>();
            for (int i = c; i < MESSAGES; i += CONVERSATIONS) {
              expected.add("message " + i);
            }
            String roomId = bridge.conversation(key).orElseThrow().roomId();
            assertThat(server.messages(roomId)).as(key).filteredOn(m -> m.type() == null)
                .extracting(Message::text).containsExactlyElementsOf(expected);
          }
        }
      }
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
