package dev.livechat.client.realtime;

import dev.livechat.client.internal.Checks;

/**
 * How a {@link LivechatHub} spreads its rooms.
 *
 * @param realtime the timings every room and connection follows (reconnect bounds, heartbeat,
 *     typing); default {@link RealtimeOptions#defaults()}
 * @param connections how many WebSockets carry the rooms, each room on one (default 4)
 * @param threads how many threads run the rooms' work and listener calls (default 2)
 * @param concurrentLoads how many history loads run at once across all rooms (default 4): the
 *     server counts {@code messages.history} of all rooms against one budget per client address
 */
public record HubOptions(RealtimeOptions realtime, int connections, int threads, int concurrentLoads) {
  private static final HubOptions DEFAULTS = new HubOptions(RealtimeOptions.defaults(), 4, 2, 4);

  public HubOptions {
    Checks.notNull(realtime, "realtime");
    Checks.positive(connections, "connections");
    Checks.positive(threads, "threads");
    Checks.positive(concurrentLoads, "concurrentLoads");
  }

  /** Four connections, two threads, four loads at once, the default timings. */
  public static HubOptions defaults() {
    return DEFAULTS;
  }

  /** These options with other timings. */
  public HubOptions withRealtime(RealtimeOptions realtime) {
    return new HubOptions(realtime, connections, threads, concurrentLoads);
  }

  /** These options with {@code connections} WebSockets. */
  public HubOptions withConnections(int connections) {
    return new HubOptions(realtime, connections, threads, concurrentLoads);
  }

  /** These options with {@code threads} threads for the rooms' work. */
  public HubOptions withThreads(int threads) {
    return new HubOptions(realtime, connections, threads, concurrentLoads);
  }

  /** These options with at most {@code loads} history loads at once. */
  public HubOptions withConcurrentLoads(int loads) {
    return new HubOptions(realtime, connections, threads, loads);
  }
}
