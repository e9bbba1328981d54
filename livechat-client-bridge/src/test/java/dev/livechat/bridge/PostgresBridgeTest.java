package dev.livechat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Message;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.WebhookAttempt;
import dev.livechat.client.testing.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The contract on PostgreSQL (a real server, {@link TestPostgres}), and what only a shared
 * database allows: several bridge instances, each with a store of its own as separate processes
 * would have, on one database.
 */
class PostgresBridgeTest extends BridgeContract {
  private String url;

  @Override
  BridgeStore newStore() throws Exception {
    url = TestPostgres.newDatabase();
    return BridgeStore.postgres(url, "postgres", "postgres");
  }

  @Override
  BridgeStore reopen(BridgeStore old) {
    old.close();
    return BridgeStore.postgres(url, "postgres", "postgres");
  }

  /** Another process's store on the same database. */
  BridgeStore secondStore() {
    BridgeStore second = BridgeStore.postgres(url, "postgres", "postgres");
    closeables.add(second);
    return second;
  }

  @Test
  void thePostgresStoreIsPostgres() {
    assertThat(store.dialect()).isEqualTo("postgresql");
  }

  @Test
  void aDataSourceOfPostgresIsDetectedAndLeftOpen() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser("postgres");
    try (BridgeStore detected = BridgeStore.jdbc(dataSource)) {
      assertThat(detected.dialect()).isEqualTo("postgresql");
      assertThat(detected.schemaVersion()).isEqualTo(1);
    }
  }

  @Test
  void aWebhookDeliveryReachingTwoInstancesIsHandledOnce() throws Exception {
    LivechatBridge a = started(builder("bridge-a"));
    LivechatBridge b = started(builder("bridge-b", client, secondStore()));
    webhookTo(webhookEndpoint(a, new AtomicInteger()), WebhookSettings.Trigger.AGENT_MESSAGE);
    a.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(a);
    Message reply = server.agent("kim.jane").reply(a.conversation(KEY).orElseThrow().roomId(), "Hi!");
    await(() -> server.webhookAttempts().stream().anyMatch(at -> at.status() != null && at.status() == 200),
        "instance a took the delivery");
    WebhookAttempt attempt = server.webhookAttempts().get(0);

    int status = b.handleWebhook(SECRET, attempt.body().getBytes(StandardCharsets.UTF_8)); // a retry lands on b
    idle(a);
    idle(b);

    assertThat(status).isEqualTo(200);
    assertThat(delivered).extracting(Reply::messageId).containsExactly(reply.id());
  }

  @Test
  void twoInstancesDrainingTogetherOpenOneRoomPerClosedConversationAndKeepOrder() throws Exception {
    LivechatBridge a = started(builder("bridge-a").drainThreads(4));
    LivechatBridge b = started(builder("bridge-b", client, secondStore()).drainThreads(4));
    List<String> keys = List.of("wa:1", "wa:2", "wa:3", "wa:4");
    for (String key : keys) {
      a.receive(new InboundMessage(key, "m0", "first"));
    }
    idle(a);
    FakeAgent agent = server.agent("kim.jane");
    for (String key : keys) {
      agent.closeRoom(a.conversation(key).orElseThrow().roomId());
    }

    concurrently(20, i -> {
      LivechatBridge via = i % 2 == 0 ? a : b;
      for (String key : keys) {
        synchronized (key) { // one sender per conversation, so "i" is the order the channel gave them
          via.receive(new InboundMessage(key, "m" + (i + 1) , "again"));
        }
      }
    });
    idle(a);
    idle(b);

    for (String key : keys) {
      assertThat(rooms(key)).as("rooms of " + key).hasSize(2);
      assertThat(visitorMessages(key)).hasSize(21);
      List<String> expectedIds = new ArrayList<>();
      for (JdbcBridgeStore.OutboxRow row : outbox(key)) {
        expectedIds.add(row.messageId());
      }
      assertThat(visitorMessages(key)).extracting(Message::id).containsExactlyElementsOf(expectedIds);
    }
  }

  /** Every outbox row of the conversation, in sequence order. */
  private List<JdbcBridgeStore.OutboxRow> outbox(String key) {
    return jdbc().inTransaction("test", c -> {
      List<JdbcBridgeStore.OutboxRow> rows = new ArrayList<>();
      try (var s = c.prepareStatement("SELECT conv_key, seq, external_id, message_id, msg_text, state, room_id,"
          + " attempts FROM bridge_outbox WHERE conv_key = ? ORDER BY seq")) {
        s.setString(1, key);
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(new JdbcBridgeStore.OutboxRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)));
          }
        }
      }
      return rows;
    });
  }

  /**
   * Instance a follows the room, then dies without releasing its lease (it stops renewing). An
   * agent replies while nobody follows the room. Once the lease expires, b takes it, subscribes,
   * and catches up from the room's history: the reply is handed over once, and later replies
   * come over b's subscription.
   */
  @Test
  void aRoomWhoseFollowerDiedIsTakenOverAndNothingIsLostOrDoubled() throws Exception {
    LivechatBridge a = started(builder("bridge-a").followRooms(true));
    a.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(a);
    String roomId = a.conversation(KEY).orElseThrow().roomId();
    await(() -> jdbc().leaseOwner(roomId, Instant.now()).filter("bridge-a"::equals).isPresent(), "a holds the lease");
    FakeAgent agent = server.agent("kim.jane");
    Message first = agent.reply(roomId, "first reply");
    await(() -> delivered.size() == 1, "a handed over the first reply");

    LivechatBridge b = started(builder("bridge-b", client, secondStore()).followRooms(true));
    // one of b's lease rounds, run here so that it has certainly happened: a's lease is valid, b
    // must leave it
    b.engine().leaseRound();
    assertThat(jdbc().leaseOwner(roomId, Instant.now())).contains("bridge-a");

    a.abandon(); // dies: no release, no renewal
    Message missed = agent.reply(roomId, "sent while nobody listened");
    await(() -> jdbc().leaseOwner(roomId, Instant.now()).filter("bridge-b"::equals).isPresent(),
        "b took the expired lease");
    await(() -> delivered.size() == 2, "b caught up");
    Message later = agent.reply(roomId, "after the takeover");
    await(() -> delivered.size() == 3, "b follows the room");
    // nothing doubled: a further reply is handed over next, after everything before it
    Message last = agent.reply(roomId, "one more");
    await(() -> delivered.size() >= 4, "b handed over the further reply");
    idle(b);

    assertThat(delivered).extracting(Reply::messageId)
        .containsExactly(first.id(), missed.id(), later.id(), last.id());
  }

  /**
   * The room is answered and closed while nobody follows it: the next holder's subscription is
   * refused (a closed room's messages cannot be streamed), and the reply is still found in the
   * room's history, and the conversation is closed.
   */
  @Test
  void aRoomClosedWhileNobodyFollowedItIsCaughtUpAndClosedByTheNextHolder() throws Exception {
    LivechatBridge a = started(builder("bridge-a").followRooms(true));
    a.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    idle(a);
    String roomId = a.conversation(KEY).orElseThrow().roomId();
    await(() -> jdbc().leaseOwner(roomId, Instant.now()).filter("bridge-a"::equals).isPresent(), "a holds the lease");
    a.abandon();
    FakeAgent agent = server.agent("kim.jane");
    Message reply = agent.reply(roomId, "answered while nobody listened");
    agent.closeRoom(roomId);

    LivechatBridge b = started(builder("bridge-b", client, secondStore()).followRooms(true));
    await(() -> b.conversation(KEY).orElseThrow().state() == Conversation.State.CLOSED, "b closed the conversation");
    await(() -> delivered.size() == 1, "b caught up from the history");
    idle(b);

    assertThat(delivered).extracting(Reply::messageId).containsExactly(reply.id());
    b.receive(new InboundMessage(KEY, "wamid.2", "one more question"));
    idle(b);
    assertThat(rooms(KEY)).hasSize(2);
  }

  @Test
  void aDeadInstancesClaimedConversationIsDrainedByAnotherAfterTheClaimExpires() throws Exception {
    LivechatBridge a = builder("bridge-a").build();
    bridges.add(a);
    a.receive(new InboundMessage(KEY, "wamid.1", "Hello"));
    Instant now = Instant.now();
    assertThat(jdbc().claimDue("bridge-a", now, now.plus(Duration.ofMillis(500)), 1)).containsExactly(KEY);
    // bridge-a dies holding the claim

    LivechatBridge b = started(builder("bridge-b", client, secondStore()));
    idle(b);

    assertThat(visitorMessages(KEY)).extracting(Message::text).containsExactly("Hello");
  }
}
