package dev.livechat.bridge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * The schema's versions, applied in order and recorded in {@code bridge_schema_version}: a
 * migration {@code V<n>__<what>} runs once, in one transaction with its record (both databases
 * have transactional DDL). On PostgreSQL, instances starting at once wait for each other on an
 * advisory lock; H2's file is opened by one process. Small on purpose: Flyway would bring a
 * dependency and its own table for three statements a year.
 */
final class Migrations {
  /** The advisory lock's key on PostgreSQL: "livechat" in ASCII, as a number. */
  private static final long LOCK_KEY = 0x6c69766563686174L;

  private Migrations() {}

  /** Applies what is missing; returns the version reached. */
  static int run(DataSource dataSource, Dialect dialect, List<String> migrations) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
          }
        }
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS bridge_schema_version (version INT PRIMARY KEY,"
              + " description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int current = 0;
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM bridge_schema_version")) {
          rs.next();
          current = rs.getInt(1);
        }
        if (current > migrations.size()) {
          throw new BridgeStoreException("the database's bridge schema is at version " + current
              + ", newer than this library's " + migrations.size() + ": upgrade the library");
        }
        for (int version = current + 1; version <= migrations.size(); version++) {
          String name = migrations.get(version - 1);
          if (!name.startsWith("V" + version + "__")) {
            throw new IllegalStateException("migration " + name + " is not version " + version);
          }
          for (String statement : statements(JdbcBridgeStore.resource(dialect, name))) {
            try (Statement s = c.createStatement()) {
              s.execute(statement);
            }
          }
          try (PreparedStatement s = c.prepareStatement(
              "INSERT INTO bridge_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            s.setInt(1, version);
            s.setString(2, name.substring(name.indexOf("__") + 2).replace('_', ' '));
            s.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
            s.executeUpdate();
          }
        }
        c.commit();
        return migrations.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new BridgeStoreException("cannot migrate the bridge's schema: " + e.getMessage(), e);
    }
  }

  /** The statements of a script: split at each {@code ;} that ends a line; {@code --} comments dropped. */
  static List<String> statements(String script) {
    StringBuilder current = new StringBuilder();
    java.util.ArrayList<String> statements = new java.util.ArrayList<>();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}
