package dev.livechat.bridge;

/** What differs between the two databases: the schema's resources and how to skip locked rows. */
enum Dialect {
  H2("h2", ""),
  POSTGRESQL("postgresql", " SKIP LOCKED");

  final String id;
  /**
   * Appended to {@code FOR UPDATE} when picking work: on PostgreSQL, instances draining at once
   * pass over each other's rows instead of waiting for them; H2 serves one instance (its file is
   * locked by one process), so a plain lock is enough.
   */
  final String skipLocked;

  Dialect(String id, String skipLocked) {
    this.id = id;
    this.skipLocked = skipLocked;
  }

  static Dialect of(String databaseProductName) {
    String name = databaseProductName.toLowerCase(java.util.Locale.ROOT);
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new BridgeStoreException("unsupported database: " + databaseProductName + " (H2 or PostgreSQL)");
  }
}
