package dev.livechat.bridge;

import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Where a {@link LivechatBridge} keeps everything it must not lose: conversations and their
 * visitor tokens, the outbox of inbound messages, dead letters, agents' replies, webhook delivery
 * keys and room leases. One JDBC implementation with two dialects: an embedded H2 file database
 * for one instance, and PostgreSQL for one or several.
 *
 * <pre>{@code
 * BridgeStore store = BridgeStore.embedded(Path.of("bridge-data"));              // one instance
 * BridgeStore store = BridgeStore.postgres("jdbc:postgresql://db/bridge", "bridge", password);
 * BridgeStore store = BridgeStore.jdbc(dataSource);                               // your pool
 * }</pre>
 *
 * <p>Opening a store creates or upgrades its schema: versioned migrations, recorded in the table
 * {@code bridge_schema_version}, each applied once (on PostgreSQL under an advisory lock, so
 * instances starting together do not race).
 *
 * <p>Why H2 for the embedded store rather than SQLite: H2 is pure Java (no native library to ship
 * for each platform), and its MVStore engine has MVCC with row locks, so the bridge's writers
 * (receiving threads, drain workers, the reply worker) run at the same time instead of queuing
 * behind SQLite's one database-wide write lock; and it speaks the SQL the PostgreSQL dialect uses
 * ({@code SELECT ... FOR UPDATE}, identity columns), so both dialects share most statements.
 */
public sealed interface BridgeStore extends AutoCloseable permits JdbcBridgeStore {
  /** How long {@link #prune()} keeps finished records: 7 days. */
  Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /**
   * An H2 file database in {@code directory} (created if missing), for one bridge instance: the
   * file is locked by the process that opens it.
   *
   * @throws BridgeStoreException if the database cannot be opened or migrated
   */
  static BridgeStore embedded(Path directory) {
    return JdbcBridgeStore.embedded(directory);
  }

  /**
   * A PostgreSQL database, which several bridge instances may share. The store keeps a small pool
   * of connections of its own (closed by {@link #close()}).
   *
   * @param url a JDBC URL, {@code jdbc:postgresql://host:5432/db}
   * @throws BridgeStoreException if the database cannot be reached or migrated
   */
  static BridgeStore postgres(String url, String user, String password) {
    return JdbcBridgeStore.postgres(url, user, password);
  }

  /**
   * A database behind the caller's {@link DataSource} (a pool, typically), its dialect detected
   * from the driver: PostgreSQL or H2. {@link #close()} leaves the data source open. On H2 the
   * store sets {@code WRITE_DELAY 0} (its user must be an admin), so that a commit is in the file
   * when it returns.
   *
   * @throws BridgeStoreException if the database cannot be reached, is of another kind, or cannot
   *     be migrated
   */
  static BridgeStore jdbc(DataSource dataSource) {
    return JdbcBridgeStore.jdbc(dataSource);
  }

  /** The dialect in use: {@code "h2"} or {@code "postgresql"}. */
  String dialect();

  /** The schema version the database is at after the migrations ran. */
  int schemaVersion();

  /**
   * Deletes what the bridge no longer needs that is older than {@code olderThan}: sent (and
   * offline-left) outbox rows, delivered replies, webhook delivery keys, dead letters, and leases
   * of closed rooms. Pending messages and undelivered replies are never deleted. A message
   * re-delivered by the other channel after its outbox row was pruned is no longer recognised as
   * a duplicate: keep more than the other channel's redelivery window.
   *
   * @return how many rows were deleted
   * @throws BridgeStoreException if the database fails
   */
  int prune(Duration olderThan);

  /** {@link #prune(Duration)} with {@link #DEFAULT_RETENTION}. */
  default int prune() {
    return prune(DEFAULT_RETENTION);
  }

  /** Closes the store's own connections; a caller's data source stays open. */
  @Override
  void close();
}
