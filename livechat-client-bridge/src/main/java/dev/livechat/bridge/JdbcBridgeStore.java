package dev.livechat.bridge;

import dev.livechat.client.VisitorToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link BridgeStore}: plain JDBC over H2 or PostgreSQL. Every method is one transaction;
 * a transaction that loses a race (a unique key taken at the same time, a serialization failure
 * or deadlock) is run again, a few times.
 */
final class JdbcBridgeStore implements BridgeStore {
  /** The migrations, in order: {@code schema/<dialect>/<name>.sql}. */
  static final List<String> MIGRATIONS = List.of("V1__initial");

  private final DataSource dataSource;
  private final @Nullable AutoCloseable owned;
  private final Dialect dialect;
  private final int schemaVersion;

  private JdbcBridgeStore(DataSource dataSource, @Nullable AutoCloseable owned) {
    this.dataSource = dataSource;
    this.owned = owned;
    try (Connection connection = dataSource.getConnection()) {
      this.dialect = Dialect.of(connection.getMetaData().getDatabaseProductName());
      if (dialect == Dialect.H2) {
        // the database's settings, for a caller's data source too (see embedded())
        try (Statement s = connection.createStatement()) {
          s.execute("SET WRITE_DELAY 0");
          s.execute("SET RETENTION_TIME 0");
        }
      }
    } catch (SQLException e) {
      closeOwned();
      throw new BridgeStoreException("cannot connect to the bridge's database", e);
    }
    try {
      this.schemaVersion = Migrations.run(dataSource, dialect, MIGRATIONS);
    } catch (RuntimeException e) {
      closeOwned();
      throw e;
    }
  }

  static JdbcBridgeStore embedded(Path directory) {
    Objects.requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new BridgeStoreException("cannot create " + directory, e);
    }
    // WRITE_DELAY=0: each commit is written to the file before it returns, not up to 500 ms later,
    // so what receive() recorded survives the process being killed (not a power loss: H2 does not
    // fsync each commit; PostgreSQL does). RETENTION_TIME=0: with a chunk written per commit, H2's
    // default 45 s of keeping old chunks grew the file by about 45 KB per message (936 MB after
    // 22,500 messages); without it the space is reused at once (see H2BridgeTest).
    String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("bridge")
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0";
    org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(url, "bridge", "");
    pool.setMaxConnections(64);
    return new JdbcBridgeStore(pool, pool::dispose);
  }

  static JdbcBridgeStore postgres(String url, String user, String password) {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)"); // the URL may hold a password
    }
    SimplePool pool = new SimplePool(url, user, password, 16);
    return new JdbcBridgeStore(pool, pool);
  }

  static JdbcBridgeStore jdbc(DataSource dataSource) {
    return new JdbcBridgeStore(Objects.requireNonNull(dataSource, "dataSource"), null);
  }

  @Override
  public String dialect() {
    return dialect.id;
  }

  Dialect dialectEnum() {
    return dialect;
  }

  @Override
  public int schemaVersion() {
    return schemaVersion;
  }

  @Override
  public void close() {
    closeOwned();
  }

  private void closeOwned() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception ignored) {
        // closing
      }
    }
  }

  @Override
  public String toString() {
    return "BridgeStore[" + dialect.id + ", schema " + schemaVersion + "]";
  }

  // ---- transactions ----

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction, again after a lost race (at most 5 times). */
  <T> T inTransaction(String what, Work<T> work) {
    SQLException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        if (!retryable(e)) {
          throw new BridgeStoreException(what + " failed: " + e.getMessage(), e);
        }
        last = e;
      }
    }
    throw new BridgeStoreException(what + " failed after 5 attempts: " + last.getMessage(), last);
  }

  /** A unique key taken by a concurrent transaction, a serialization failure, a deadlock, a lock timeout. */
  static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.equals("23505") || state.startsWith("40") || state.equals("HYT00")
        || state.equals("55P03"));
  }

  static boolean uniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg instanceof Instant instant) {
        statement.setObject(i + 1, ts(instant));
      } else {
        statement.setObject(i + 1, arg);
      }
    }
    return statement;
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, args)) {
      return statement.executeUpdate();
    }
  }

  // ---- rows ----

  /** A conversation as the drain worker needs it; holds the visitor token, so never printed. */
  record ConversationRow(
      String key, String token, @Nullable String roomId, Conversation.State state, int generation,
      VisitorProfile profile, int profileVersion, int registeredVersion, long lastSeq, long doneSeq,
      int attempts, Instant createdAt) {
    @Override
    public String toString() {
      return "ConversationRow[key=" + key + ", token=***, roomId=" + roomId + ", state=" + state + "]";
    }

    boolean registered() {
      return registeredVersion >= 0;
    }

    Conversation toConversation() {
      return new Conversation(key, roomId, state, generation, lastSeq - doneSeq, createdAt);
    }
  }

  /** One outbox row. */
  record OutboxRow(String key, long seq, String externalId, String messageId, String text, String state,
      @Nullable String roomId, int attempts) {}

  static final String PENDING = "PENDING";
  static final String SENDING = "SENDING";
  static final String SENT = "SENT";
  static final String DEAD = "DEAD";
  static final String OFFLINE = "OFFLINE";

  private static final String CONVERSATION_COLUMNS = "conv_key, visitor_token, room_id, state, room_generation,"
      + " profile_name, profile_email, profile_phone, profile_version, registered_version, last_seq, done_seq,"
      + " attempts, created_at";

  private static ConversationRow conversationRow(ResultSet rs) throws SQLException {
    return new ConversationRow(rs.getString("conv_key"), rs.getString("visitor_token"), rs.getString("room_id"),
        Conversation.State.valueOf(rs.getString("state")), rs.getInt("room_generation"),
        new VisitorProfile(rs.getString("profile_name"), rs.getString("profile_email"), rs.getString("profile_phone")),
        rs.getInt("profile_version"), rs.getInt("registered_version"), rs.getLong("last_seq"), rs.getLong("done_seq"),
        rs.getInt("attempts"), instant(rs, "created_at"));
  }

  private static @Nullable ConversationRow selectConversation(Connection c, String key, boolean lock)
      throws SQLException {
    try (PreparedStatement s = prepare(c, "SELECT " + CONVERSATION_COLUMNS
        + " FROM bridge_conversation WHERE conv_key = ?" + (lock ? " FOR UPDATE" : ""), key);
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? conversationRow(rs) : null;
    }
  }

  /** Inserts the conversation if missing (a concurrent insert makes the transaction run again), then locks it. */
  private static ConversationRow lockOrCreate(Connection c, String key, Supplier<VisitorProfile> profile, Instant now)
      throws SQLException {
    ConversationRow row = selectConversation(c, key, true);
    if (row != null) {
      return row;
    }
    VisitorProfile p = profile.get();
    update(c, "INSERT INTO bridge_conversation (conv_key, visitor_token, state, profile_name, profile_email,"
        + " profile_phone, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'NEW', ?, ?, ?, ?, ?, ?)",
        key, VisitorToken.random(), p.name(), p.email(), p.phone(), now, now, now);
    return Objects.requireNonNull(selectConversation(c, key, true));
  }

  // ---- inbound ----

  /**
   * Records inbound messages, in order: each conversation's row is locked while its message gets
   * the next sequence number, so the outbox order is the order of the calls.
   */
  List<Accepted> receive(List<InboundMessage> messages, java.util.function.Function<String, VisitorProfile> profiles,
      Instant now) {
    return inTransaction("recording inbound messages", c -> {
      List<Accepted> accepted = new ArrayList<>(messages.size());
      for (InboundMessage m : messages) {
        ConversationRow row = lockOrCreate(c, m.conversationKey(), () -> profiles.apply(m.conversationKey()), now);
        long seq = row.lastSeq() + 1;
        String messageId = Ids.messageId();
        // under the conversation's lock, so the check and the insert are one step; a duplicate inserts nothing
        int inserted = update(c, "INSERT INTO bridge_outbox (conv_key, seq, external_id, message_id, msg_text, state,"
            + " received_at) SELECT ?, ?, ?, ?, ?, 'PENDING', ? WHERE NOT EXISTS (SELECT 1 FROM bridge_outbox"
            + " WHERE conv_key = ? AND external_id = ?)", m.conversationKey(), seq, m.externalId(), messageId,
            m.text(), now, m.conversationKey(), m.externalId());
        if (inserted == 0) {
          try (PreparedStatement s = prepare(c,
              "SELECT seq, message_id FROM bridge_outbox WHERE conv_key = ? AND external_id = ?",
              m.conversationKey(), m.externalId()); ResultSet rs = s.executeQuery()) {
            rs.next();
            accepted.add(new Accepted(m.conversationKey(), m.externalId(), rs.getString(2), rs.getLong(1), true));
            continue;
          }
        }
        if (row.lastSeq() == row.doneSeq()) {
          // the conversation had nothing to send: due now, with fresh backoff
          update(c, "UPDATE bridge_conversation SET last_seq = ?, attempts = 0, next_attempt_at = ?, updated_at = ?"
              + " WHERE conv_key = ?", seq, now, now, m.conversationKey());
        } else {
          update(c, "UPDATE bridge_conversation SET last_seq = ?, updated_at = ? WHERE conv_key = ?",
              seq, now, m.conversationKey());
        }
        accepted.add(new Accepted(m.conversationKey(), m.externalId(), messageId, seq, false));
        row = new ConversationRow(row.key(), row.token(), row.roomId(), row.state(), row.generation(), row.profile(),
            row.profileVersion(), row.registeredVersion(), seq, row.doneSeq(), row.attempts(), row.createdAt());
      }
      return accepted;
    });
  }

  /** Stores a new profile; it reaches the server with the conversation's next turn of the drain. */
  void updateProfile(String key, VisitorProfile profile, Instant now) {
    inTransaction("updating a profile", c -> {
      lockOrCreate(c, key, () -> profile, now);
      update(c, "UPDATE bridge_conversation SET profile_name = ?, profile_email = ?, profile_phone = ?,"
          + " profile_version = profile_version + 1, next_attempt_at = ?, updated_at = ? WHERE conv_key = ?",
          profile.name(), profile.email(), profile.phone(), now, now, key);
      return null;
    });
  }

  // ---- the drain ----

  /**
   * Claims up to {@code limit} conversations with work due (messages to send, a profile to push),
   * not claimed by a live worker: a claim is the right to send for that conversation until {@code
   * until}, so one worker at a time sends a conversation's messages, in order.
   */
  List<String> claimDue(String owner, Instant now, Instant until, int limit) {
    return inTransaction("claiming conversations", c -> {
      List<String> keys = new ArrayList<>();
      try (PreparedStatement s = prepare(c, "SELECT conv_key FROM bridge_conversation"
          + " WHERE (last_seq > done_seq OR (registered_version >= 0 AND profile_version > registered_version))"
          + " AND next_attempt_at <= ? AND (claim_until IS NULL OR claim_until < ?)"
          + " ORDER BY next_attempt_at FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE" + dialect.skipLocked,
          now, now); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
      List<String> claimed = new ArrayList<>(keys.size());
      for (String key : keys) {
        if (update(c, "UPDATE bridge_conversation SET claim_owner = ?, claim_until = ? WHERE conv_key = ?"
            + " AND (claim_until IS NULL OR claim_until < ?)", owner, until, key, now) == 1) {
          claimed.add(key);
        }
      }
      return claimed;
    });
  }

  /** Extends this worker's claim; false if it no longer holds it (it expired and another took it). */
  boolean renewClaim(String key, String owner, Instant until) {
    return inTransaction("renewing a claim", c -> update(c,
        "UPDATE bridge_conversation SET claim_until = ? WHERE conv_key = ? AND claim_owner = ?",
        until, key, owner) == 1);
  }

  /** Extends every claim this instance holds, while its workers are busy with them. */
  void renewAllClaims(String owner, Instant until) {
    inTransaction("renewing claims", c -> {
      update(c, "UPDATE bridge_conversation SET claim_until = ? WHERE claim_owner = ? AND claim_until IS NOT NULL",
          until, owner);
      update(c, "UPDATE bridge_conversation SET reply_claim_until = ? WHERE reply_claim_owner = ?"
          + " AND reply_claim_until IS NOT NULL", until, owner);
      return null;
    });
  }

  void releaseClaim(String key, String owner) {
    inTransaction("releasing a claim", c -> update(c,
        "UPDATE bridge_conversation SET claim_owner = NULL, claim_until = NULL WHERE conv_key = ? AND claim_owner = ?",
        key, owner));
  }

  void releaseAllClaims(String owner) {
    inTransaction("releasing claims", c -> {
      update(c, "UPDATE bridge_conversation SET claim_owner = NULL, claim_until = NULL WHERE claim_owner = ?", owner);
      update(c, "UPDATE bridge_conversation SET reply_claim_owner = NULL, reply_claim_until = NULL"
          + " WHERE reply_claim_owner = ?", owner);
      update(c, "UPDATE bridge_room SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", owner);
      return null;
    });
  }

  Optional<ConversationRow> conversationRow(String key) {
    return Optional.ofNullable(inTransaction("reading a conversation", c -> selectConversation(c, key, false)));
  }

  /** The conversation's first message not yet finished, if any. */
  Optional<OutboxRow> nextToSend(String key) {
    return Optional.ofNullable(inTransaction("reading the outbox", c -> {
      try (PreparedStatement s = prepare(c, "SELECT o.conv_key, o.seq, o.external_id, o.message_id, o.msg_text,"
          + " o.state, o.room_id, o.attempts FROM bridge_outbox o JOIN bridge_conversation c ON c.conv_key = o.conv_key"
          + " WHERE o.conv_key = ? AND o.seq > c.done_seq ORDER BY o.seq FETCH FIRST 1 ROWS ONLY", key);
          ResultSet rs = s.executeQuery()) {
        return rs.next() ? outboxRow(rs) : null;
      }
    }));
  }

  /** The conversation's unfinished messages, in order. */
  List<OutboxRow> unfinished(String key) {
    return unfinished(key, Integer.MAX_VALUE);
  }

  /** The conversation's first {@code limit} unfinished messages, in order. */
  List<OutboxRow> unfinished(String key, int limit) {
    return inTransaction("reading the outbox", c -> {
      List<OutboxRow> rows = new ArrayList<>();
      try (PreparedStatement s = prepare(c, "SELECT o.conv_key, o.seq, o.external_id, o.message_id, o.msg_text,"
          + " o.state, o.room_id, o.attempts FROM bridge_outbox o JOIN bridge_conversation c ON c.conv_key = o.conv_key"
          + " WHERE o.conv_key = ? AND o.seq > c.done_seq ORDER BY o.seq"
          + (limit == Integer.MAX_VALUE ? "" : " FETCH FIRST " + limit + " ROWS ONLY"), key);
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(outboxRow(rs));
        }
      }
      return rows;
    });
  }

  private static OutboxRow outboxRow(ResultSet rs) throws SQLException {
    return new OutboxRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getInt(8));
  }

  /** Before the request goes out: after a crash, a row in this state may have landed. */
  void markSending(String key, long seq, String roomId) {
    inTransaction("marking a message sending", c -> update(c,
        "UPDATE bridge_outbox SET state = 'SENDING', room_id = ?, attempts = attempts + 1 WHERE conv_key = ? AND seq = ?",
        roomId, key, seq));
  }

  /** Back to pending: the server certainly did not store it (the room was closed). */
  void markPending(String key, long seq, String error) {
    inTransaction("marking a message pending", c -> update(c,
        "UPDATE bridge_outbox SET state = 'PENDING', room_id = NULL, last_error = ? WHERE conv_key = ? AND seq = ?",
        truncate(error, 500), key, seq));
  }

  /** The message is stored in Livechat: finished, and the conversation's next one is due. */
  void markSent(String key, long seq, String roomId, Instant now) {
    finish(key, seq, SENT, roomId, null, now);
  }

  /**
   * As {@link #markSent}, and in the same transaction marks the conversation's next message
   * sending to the same room, as the worker is about to send it: one transaction per message.
   */
  void markSentAndNextSending(String key, long seq, String roomId, Instant now, long nextSeq) {
    inTransaction("finishing a message", c -> {
      finishIn(c, key, seq, SENT, roomId, null, now);
      update(c, "UPDATE bridge_outbox SET state = 'SENDING', room_id = ?, attempts = attempts + 1 WHERE conv_key = ?"
          + " AND seq = ?", roomId, key, nextSeq);
      return null;
    });
  }

  /** The server refused the message for good: a dead letter, and the conversation goes on. */
  DeadLetter markDead(OutboxRow row, @Nullable String code, String reason, Instant now) {
    DeadLetter dead = new DeadLetter(row.key(), row.externalId(), row.messageId(), row.text(), code,
        truncate(reason, 1000), now);
    inTransaction("recording a dead letter", c -> {
      update(c, "INSERT INTO bridge_dead_letter (conv_key, seq, external_id, message_id, msg_text, code, reason,"
          + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row.key(), row.seq(), row.externalId(), row.messageId(),
          row.text(), code == null ? null : truncate(code, 200), dead.reason(), now);
      finishIn(c, row.key(), row.seq(), DEAD, row.roomId(), code == null ? reason : code + ": " + reason, now);
      return null;
    });
    return dead;
  }

  /** The messages up to {@code lastSeq} went into one offline message. */
  void markOffline(String key, long lastSeq, Instant now) {
    inTransaction("marking messages left offline", c -> {
      update(c, "UPDATE bridge_outbox SET state = 'OFFLINE', finished_at = ? WHERE conv_key = ? AND seq <= ?"
          + " AND state IN ('PENDING', 'SENDING')", now, key, lastSeq);
      update(c, "UPDATE bridge_conversation SET done_seq = ?, attempts = 0, next_attempt_at = ?, updated_at = ?"
          + " WHERE conv_key = ? AND done_seq < ?", lastSeq, now, now, key, lastSeq);
      return null;
    });
  }

  private void finish(String key, long seq, String state, @Nullable String roomId, @Nullable String error,
      Instant now) {
    inTransaction("finishing a message", c -> {
      finishIn(c, key, seq, state, roomId, error, now);
      return null;
    });
  }

  private static void finishIn(Connection c, String key, long seq, String state, @Nullable String roomId,
      @Nullable String error, Instant now) throws SQLException {
    update(c, "UPDATE bridge_outbox SET state = ?, room_id = ?, finished_at = ?, last_error = ? WHERE conv_key = ?"
        + " AND seq = ?", state, roomId, now, error == null ? null : truncate(error, 500), key, seq);
    update(c, "UPDATE bridge_conversation SET done_seq = ?, attempts = 0, updated_at = ? WHERE conv_key = ?"
        + " AND done_seq < ?", seq, now, key, seq);
  }

  /** Nothing can be done for the conversation before {@code next}. */
  void backOff(String key, int attempts, Instant next, @Nullable String error) {
    inTransaction("backing off", c -> {
      update(c, "UPDATE bridge_conversation SET attempts = ?, next_attempt_at = ? WHERE conv_key = ?",
          attempts, next, key);
      if (error != null) {
        update(c, "UPDATE bridge_outbox SET last_error = ? WHERE conv_key = ? AND seq = (SELECT done_seq + 1"
            + " FROM bridge_conversation WHERE conv_key = ?)", truncate(error, 500), key, key);
      }
      return null;
    });
  }

  /** The server has the visitor with the profile of {@code version}. */
  void registered(String key, int version) {
    inTransaction("recording a registration", c -> update(c,
        "UPDATE bridge_conversation SET registered_version = ? WHERE conv_key = ? AND registered_version < ?",
        version, key, version));
  }

  /** The server no longer knows the token (the visitor was deleted): register again before sending. */
  void unregistered(String key) {
    inTransaction("forgetting a registration", c -> update(c,
        "UPDATE bridge_conversation SET registered_version = -1, state = CASE WHEN room_id IS NULL THEN 'NEW'"
            + " ELSE 'CLOSED' END WHERE conv_key = ?", key));
  }

  /**
   * The conversation's room is {@code roomId}, open: a room it did not have before starts the
   * next generation and is recorded for replies and leases.
   *
   * @return true if the room is new to the conversation
   */
  boolean roomOpened(String key, String roomId, Instant now) {
    return inTransaction("recording a room", c -> {
      ConversationRow row = Objects.requireNonNull(selectConversation(c, key, true));
      if (roomId.equals(row.roomId())) {
        update(c, "UPDATE bridge_conversation SET state = 'OPEN', updated_at = ? WHERE conv_key = ?", now, key);
        update(c, "UPDATE bridge_room SET closed_at = NULL WHERE room_id = ?", roomId);
        return false;
      }
      int generation = row.generation() + 1;
      update(c, "UPDATE bridge_conversation SET room_id = ?, state = 'OPEN', room_generation = ?, updated_at = ?"
          + " WHERE conv_key = ?", roomId, generation, now, key);
      if (row.roomId() != null) {
        update(c, "UPDATE bridge_room SET closed_at = ?, lease_owner = NULL, lease_until = NULL WHERE room_id = ?"
            + " AND closed_at IS NULL", now, row.roomId());
      }
      try (PreparedStatement s = prepare(c, "SELECT 1 FROM bridge_room WHERE room_id = ?", roomId);
          ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          update(c, "INSERT INTO bridge_room (room_id, conv_key, generation, opened_at) VALUES (?, ?, ?, ?)",
              roomId, key, generation, now);
        }
      }
      return true;
    });
  }

  /**
   * Room {@code roomId} was closed (by an agent, by inactivity, or a send found it closed): its
   * conversation's next message opens a new one.
   *
   * @return the conversation's key, if the room is known
   */
  Optional<String> roomClosed(String roomId, Instant now) {
    return Optional.ofNullable(inTransaction("recording a closed room", c -> {
      String key = null;
      try (PreparedStatement s = prepare(c, "SELECT conv_key FROM bridge_room WHERE room_id = ?", roomId);
          ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          key = rs.getString(1);
        }
      }
      if (key == null) {
        return null;
      }
      selectConversation(c, key, true);
      update(c, "UPDATE bridge_room SET closed_at = ?, lease_owner = NULL, lease_until = NULL WHERE room_id = ?"
          + " AND closed_at IS NULL", now, roomId);
      update(c, "UPDATE bridge_conversation SET state = 'CLOSED', updated_at = ? WHERE conv_key = ? AND room_id = ?",
          now, key, roomId);
      return key;
    }));
  }

  /** The conversation whose visitor has {@code token}. */
  Optional<String> conversationByToken(String token) {
    return Optional.ofNullable(inTransaction("finding a conversation", c -> {
      try (PreparedStatement s = prepare(c, "SELECT conv_key FROM bridge_conversation WHERE visitor_token = ?", token);
          ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }));
  }

  /** The conversation room {@code roomId} belongs to. */
  Optional<String> conversationByRoom(String roomId) {
    return Optional.ofNullable(inTransaction("finding a conversation", c -> {
      try (PreparedStatement s = prepare(c, "SELECT conv_key FROM bridge_room WHERE room_id = ?", roomId);
          ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }));
  }

  // ---- replies ----

  /**
   * Records an agent's reply, once per message id.
   *
   * @return true if it is new
   */
  boolean insertReply(Reply reply, Instant now) {
    try {
      return inTransaction("recording a reply", c -> {
        try (PreparedStatement s = prepare(c, "SELECT 1 FROM bridge_reply WHERE message_id = ?", reply.messageId());
            ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            return false;
          }
        }
        update(c, "INSERT INTO bridge_reply (message_id, conv_key, room_id, msg_text, agent_username, sent_at,"
            + " received_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", reply.messageId(),
            reply.conversationKey(), reply.roomId(), reply.text(),
            reply.agentUsername() == null ? null : truncate(reply.agentUsername(), 200), reply.sentAt(), now, now);
        return true;
      });
    } catch (BridgeStoreException e) {
      if (e.getCause() instanceof SQLException sql && uniqueViolation(sql)) {
        return false; // inserted by another instance at the same time, five times over: it is there
      }
      throw e;
    }
  }

  /** Claims up to {@code limit} conversations with replies due, for one reply worker at a time. */
  List<String> claimReplies(String owner, Instant now, Instant until, int limit) {
    return inTransaction("claiming replies", c -> {
      List<String> keys = new ArrayList<>();
      // Only conversations nobody holds: else the first few, claimed by an instance that died (30 s
      // at least) or is busy, would fill every answer and keep the rest from being handed over.
      try (PreparedStatement s = prepare(c, "SELECT DISTINCT r.conv_key FROM bridge_reply r JOIN bridge_conversation c"
          + " ON c.conv_key = r.conv_key WHERE r.delivered_at IS NULL AND r.next_attempt_at <= ?"
          + " AND (c.reply_claim_until IS NULL OR c.reply_claim_until < ?) FETCH FIRST " + limit + " ROWS ONLY",
          now, now); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
      List<String> claimed = new ArrayList<>(keys.size());
      for (String key : keys) {
        if (update(c, "UPDATE bridge_conversation SET reply_claim_owner = ?, reply_claim_until = ? WHERE conv_key = ?"
            + " AND (reply_claim_until IS NULL OR reply_claim_until < ?)", owner, until, key, now) == 1) {
          claimed.add(key);
        }
      }
      return claimed;
    });
  }

  void releaseReplyClaim(String key, String owner) {
    inTransaction("releasing a reply claim", c -> update(c, "UPDATE bridge_conversation SET reply_claim_owner = NULL,"
        + " reply_claim_until = NULL WHERE conv_key = ? AND reply_claim_owner = ?", key, owner));
  }

  /** A pending reply and its attempts so far. */
  record PendingReply(Reply reply, int attempts, Instant nextAttemptAt) {}

  /** The conversation's undelivered replies, oldest first. */
  List<PendingReply> pendingReplies(String key) {
    return inTransaction("reading replies", c -> {
      List<PendingReply> replies = new ArrayList<>();
      try (PreparedStatement s = prepare(c, "SELECT message_id, conv_key, room_id, msg_text, agent_username, sent_at,"
          + " attempts, next_attempt_at FROM bridge_reply WHERE conv_key = ? AND delivered_at IS NULL"
          + " ORDER BY sent_at, received_at", key); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          replies.add(new PendingReply(new Reply(rs.getString(2), rs.getString(1), rs.getString(3), rs.getString(4),
              rs.getString(5), instant(rs, "sent_at")), rs.getInt(7), instant(rs, "next_attempt_at")));
        }
      }
      return replies;
    });
  }

  void replyDelivered(String messageId, Instant now) {
    inTransaction("recording a delivered reply", c -> update(c,
        "UPDATE bridge_reply SET delivered_at = ?, attempts = attempts + 1 WHERE message_id = ?", now, messageId));
  }

  void replyFailed(String messageId, int attempts, Instant next, String error) {
    inTransaction("recording a failed reply", c -> update(c,
        "UPDATE bridge_reply SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE message_id = ?",
        attempts, next, truncate(error, 500), messageId));
  }

  /** When the newest reply recorded for room {@code roomId} was sent, if any. */
  Optional<Instant> lastReplyAt(String roomId) {
    return Optional.ofNullable(inTransaction("reading replies", c -> {
      try (PreparedStatement s = prepare(c, "SELECT MAX(sent_at) FROM bridge_reply WHERE room_id = ?", roomId);
          ResultSet rs = s.executeQuery()) {
        OffsetDateTime max = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
        return max == null ? null : max.toInstant();
      }
    }));
  }

  // ---- webhook deliveries ----

  /** Records a webhook delivery key; true the first time, on whichever instance. */
  boolean firstSeen(String deliveryKey, Instant now) {
    try {
      return inTransaction("recording a webhook delivery", c -> {
        try (PreparedStatement s = prepare(c, "SELECT 1 FROM bridge_webhook_delivery WHERE delivery_key = ?",
            deliveryKey); ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            return false;
          }
        }
        update(c, "INSERT INTO bridge_webhook_delivery (delivery_key, received_at) VALUES (?, ?)", deliveryKey, now);
        return true;
      });
    } catch (BridgeStoreException e) {
      if (e.getCause() instanceof SQLException sql && uniqueViolation(sql)) {
        return false;
      }
      throw e;
    }
  }

  void forgetDelivery(String deliveryKey) {
    inTransaction("forgetting a webhook delivery", c -> update(c,
        "DELETE FROM bridge_webhook_delivery WHERE delivery_key = ?", deliveryKey));
  }

  // ---- leases ----

  /** A room this instance follows: its conversation and the visitor token to subscribe with. */
  record LeasedRoom(String roomId, String key, String token) {
    @Override
    public String toString() {
      return "LeasedRoom[roomId=" + roomId + ", key=" + key + ", token=***]";
    }
  }

  /**
   * Takes the leases of open rooms nobody holds (never taken, released, or expired because their
   * holder stopped renewing) and renews this instance's own.
   *
   * @return every room this instance holds now
   */
  List<LeasedRoom> takeAndRenewLeases(String owner, Instant now, Instant until, int limit) {
    return inTransaction("taking leases", c -> {
      update(c, "UPDATE bridge_room SET lease_until = ? WHERE lease_owner = ? AND closed_at IS NULL", until, owner);
      List<String> free = new ArrayList<>();
      try (PreparedStatement s = prepare(c, "SELECT room_id FROM bridge_room WHERE closed_at IS NULL"
          + " AND (lease_until IS NULL OR lease_until < ?) FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE"
          + dialect.skipLocked, now); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          free.add(rs.getString(1));
        }
      }
      for (String roomId : free) {
        update(c, "UPDATE bridge_room SET lease_owner = ?, lease_until = ? WHERE room_id = ? AND closed_at IS NULL"
            + " AND (lease_until IS NULL OR lease_until < ?)", owner, until, roomId, now);
      }
      List<LeasedRoom> held = new ArrayList<>();
      try (PreparedStatement s = prepare(c, "SELECT r.room_id, r.conv_key, c.visitor_token FROM bridge_room r"
          + " JOIN bridge_conversation c ON c.conv_key = r.conv_key WHERE r.lease_owner = ? AND r.closed_at IS NULL",
          owner); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          held.add(new LeasedRoom(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
      return held;
    });
  }

  /** Who holds the lease of {@code roomId}, while it is valid at {@code now}. */
  Optional<String> leaseOwner(String roomId, Instant now) {
    return Optional.ofNullable(inTransaction("reading a lease", c -> {
      try (PreparedStatement s = prepare(c, "SELECT lease_owner FROM bridge_room WHERE room_id = ?"
          + " AND lease_until >= ?", roomId, now); ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }));
  }

  // ---- reading ----

  List<DeadLetter> deadLetters() {
    return inTransaction("reading dead letters", c -> {
      List<DeadLetter> dead = new ArrayList<>();
      try (PreparedStatement s = prepare(c, "SELECT conv_key, external_id, message_id, msg_text, code, reason,"
          + " created_at FROM bridge_dead_letter ORDER BY created_at, conv_key, seq"); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          dead.add(new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), instant(rs, "created_at")));
        }
      }
      return dead;
    });
  }

  /** Inbound messages not finished plus replies not delivered. */
  long pending() {
    return inTransaction("counting pending work", c -> {
      long count = 0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(last_seq - done_seq), 0) FROM bridge_conversation")) {
        rs.next();
        count += rs.getLong(1);
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bridge_reply WHERE delivered_at IS NULL")) {
        rs.next();
        count += rs.getLong(1);
      }
      return count;
    });
  }

  // ---- pruning ----

  @Override
  public int prune(Duration olderThan) {
    Objects.requireNonNull(olderThan, "olderThan");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative, was " + olderThan);
    }
    Instant before = Instant.now().minus(olderThan);
    return prune(before);
  }

  int prune(Instant before) {
    return inTransaction("pruning", c -> update(c,
            "DELETE FROM bridge_outbox WHERE finished_at < ? AND state IN ('SENT', 'OFFLINE', 'DEAD')", before)
        // an open room's newest reply stays: it is where a catch-up after a restart starts from
        + update(c, "DELETE FROM bridge_reply r WHERE r.delivered_at < ? AND (EXISTS (SELECT 1 FROM bridge_reply n"
            + " WHERE n.room_id = r.room_id AND n.sent_at > r.sent_at) OR NOT EXISTS (SELECT 1 FROM bridge_room m"
            + " WHERE m.room_id = r.room_id AND m.closed_at IS NULL))", before)
        + update(c, "DELETE FROM bridge_webhook_delivery WHERE received_at < ?", before)
        + update(c, "DELETE FROM bridge_dead_letter WHERE created_at < ?", before)
        + update(c, "DELETE FROM bridge_room WHERE closed_at < ?", before));
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** Reads a migration's statements from the classpath. */
  static String resource(Dialect dialect, String name) {
    String path = "schema/" + dialect.id + "/" + name + ".sql";
    try (InputStream in = JdbcBridgeStore.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new BridgeStoreException("missing migration " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BridgeStoreException("cannot read migration " + path, e);
    }
  }
}
