package dev.livechat.client.realtime;

/**
 * Receives the events of every room a {@link LivechatHub} follows, each tagged with its room.
 * Calls for one room come one at a time, in order; calls for different rooms may come at the same
 * time on the hub's few threads, so an implementation shared by rooms must be thread-safe. An
 * exception it throws is caught and the hub goes on.
 */
@FunctionalInterface
public interface HubListener {
  /** One event of room {@code roomId}: the same events a {@link LivechatRealtime} session reports. */
  void onEvent(String roomId, RealtimeEvent event);
}
