package dev.livechat.client.realtime;

import dev.livechat.client.internal.Telemetry;
import dev.livechat.client.telemetry.TelemetryEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a room's session tells the client's {@link Telemetry}: its states, its reconnects, its
 * refused subscriptions, its gap fills and each event delivered, with the room id and never another
 * value of the room (no token, text or name). Builds nothing when nobody listens. Confined to the
 * room's event thread, as the session's delivery is.
 */
final class RoomTelemetry {
  /**
   * Each event kind's name, the simple name of its record, written out: R8 renames classes in
   * apps (the SDK asks it to keep nothing), so {@code getSimpleName()} would report {@code a}, {@code b}.
   */
  private static final Map<Class<? extends RealtimeEvent>, String> KINDS = Map.ofEntries(
      Map.entry(RealtimeEvent.MessageReceived.class, "MessageReceived"),
      Map.entry(RealtimeEvent.MessageEdited.class, "MessageEdited"),
      Map.entry(RealtimeEvent.MessageUpdated.class, "MessageUpdated"),
      Map.entry(RealtimeEvent.MessageDeleted.class, "MessageDeleted"),
      Map.entry(RealtimeEvent.MessagesDeletedInBulk.class, "MessagesDeletedInBulk"),
      Map.entry(RealtimeEvent.AgentTypingStarted.class, "AgentTypingStarted"),
      Map.entry(RealtimeEvent.AgentTypingStopped.class, "AgentTypingStopped"),
      Map.entry(RealtimeEvent.AgentChanged.class, "AgentChanged"),
      Map.entry(RealtimeEvent.AgentLeft.class, "AgentLeft"),
      Map.entry(RealtimeEvent.AgentStatusChanged.class, "AgentStatusChanged"),
      Map.entry(RealtimeEvent.QueuePositionChanged.class, "QueuePositionChanged"),
      Map.entry(RealtimeEvent.VisitorChanged.class, "VisitorChanged"),
      Map.entry(RealtimeEvent.RoomClosed.class, "RoomClosed"),
      Map.entry(RealtimeEvent.ConnectionStateChanged.class, "ConnectionStateChanged"),
      Map.entry(RealtimeEvent.SubscriptionFailed.class, "SubscriptionFailed"));

  private final Telemetry telemetry;
  private final String roomId;
  /** Whether the room reported CONNECTED since it last started connecting again. */
  private boolean connectedSince;

  RoomTelemetry(Telemetry telemetry, String roomId) {
    this.telemetry = telemetry;
    this.roomId = roomId;
  }

  /** Whether anyone listens: read the clock, count, build only then. */
  boolean on() {
    return telemetry.on();
  }

  /**
   * An event is about to reach the room's listener: its kind, and for a state its {@link
   * TelemetryEvent.RealtimeStateChanged} (a {@link TelemetryEvent.RealtimeReconnect} first when the
   * room starts connecting again after it was connected).
   */
  void delivering(RealtimeEvent event) {
    if (!telemetry.on()) {
      return;
    }
    if (event instanceof RealtimeEvent.ConnectionStateChanged changed) {
      if (changed.state() == ConnectionState.CONNECTED) {
        connectedSince = true;
      } else if (changed.state() == ConnectionState.CONNECTING && connectedSince) {
        connectedSince = false;
        telemetry.emit(new TelemetryEvent.RealtimeReconnect(roomId));
      }
      telemetry.emit(new TelemetryEvent.RealtimeStateChanged(roomId, changed.state().name()));
    }
    telemetry.emit(new TelemetryEvent.RealtimeDelivered(roomId, kind(event.getClass())));
  }

  /** The name of an event kind: its record's simple name. */
  static String kind(Class<? extends RealtimeEvent> kind) {
    return KINDS.getOrDefault(kind, "RealtimeEvent");
  }

  /** The server refused subscription {@code subscriptionId}: reported with its stream's name only. */
  void refused(List<StreamEvents.Subscription> subscriptions, String subscriptionId) {
    if (!telemetry.on()) {
      return;
    }
    String stream = "unknown";
    for (StreamEvents.Subscription sub : subscriptions) {
      if (sub.id().equals(subscriptionId)) {
        stream = sub.stream();
      }
    }
    telemetry.emit(new TelemetryEvent.SubscriptionRefused(roomId, stream));
  }

  /**
   * A gap fill ended.
   *
   * @param calls the history calls it took
   * @param recovered the messages it delivered (new or changed)
   * @param startedMillis when its first call started, on {@code clock}
   * @param clock the session's clock, read now for the end
   */
  void gapFilled(int calls, int recovered, long startedMillis, Clock clock) {
    if (!telemetry.on()) {
      return;
    }
    telemetry.emit(new TelemetryEvent.GapFilled(roomId, calls, recovered,
        Duration.ofMillis(Math.max(0, clock.millis() - startedMillis))));
  }
}
