package dev.livechat.client.realtime;

import dev.livechat.client.model.Message;
import java.util.List;

/**
 * What reaches a room's listener, and how: each message once, in order ({@link MessageLedger}),
 * others' typing (the visitor's own echo left out), events as the streams give them, and every
 * listener call guarded, so that a listener that throws stops neither the session nor later events.
 * Confined to the room's event thread, as the session's delivery state is.
 */
final class RoomDelivery {
  private final String token;
  private final RealtimeListener listener;
  private final TypingSignal typing;
  private final RoomTelemetry telemetry;
  private final MessageLedger ledger = new MessageLedger();

  /**
   * @param token the visitor's token: a message carrying it is the visitor's own
   * @param typing learns the visitor's username from the visitor's own message, and tells whose
   *     typing to leave out
   * @param telemetry told of each event before the listener gets it
   */
  RoomDelivery(String token, RealtimeListener listener, TypingSignal typing, RoomTelemetry telemetry) {
    this.token = token;
    this.listener = listener;
    this.typing = typing;
    this.telemetry = telemetry;
  }

  /** Where the room's telemetry goes. */
  RoomTelemetry telemetry() {
    return telemetry;
  }

  /** What has been delivered: the baseline, the newest message, whether the room's close was seen. */
  MessageLedger ledger() {
    return ledger;
  }

  /** One thing a stream brought: a message, someone's typing, or an event. */
  void process(StreamEvents.Incoming incoming) {
    if (incoming instanceof StreamEvents.Incoming.Pushed pushed) {
      message(pushed.message());
    } else if (incoming instanceof StreamEvents.Incoming.Activity activity) {
      if (!activity.username().equals(typing.usernameIfKnown())) {
        deliver(activity.typing()
            ? new RealtimeEvent.AgentTypingStarted(activity.username())
            : new RealtimeEvent.AgentTypingStopped(activity.username()));
      }
    } else if (incoming instanceof StreamEvents.Incoming.Event event) {
      if (event.event() instanceof RealtimeEvent.MessageDeleted deleted) {
        ledger.forget(deleted.messageId());
      }
      deliver(event.event());
    }
  }

  /**
   * What a gap fill found: those of the revisited messages the room knows (changed while away, or
   * nothing), then the missed ones, oldest first.
   *
   * @return how many were delivered (new or changed)
   */
  int filled(List<Message> missed, List<Message> revisited) {
    int delivered = 0;
    for (Message message : revisited) {
      if (ledger.knows(message.id()) && message(message)) {
        delivered++;
      }
    }
    for (Message message : missed) {
      if (message(message)) {
        delivered++;
      }
    }
    return delivered;
  }

  /**
   * A message from a stream or a load: delivered if new or changed, else nothing.
   *
   * @return whether it was delivered
   */
  boolean message(Message message) {
    if (token.equals(message.token()) && message.user() != null && message.user().username() != null
        && message.type() == null) {
      typing.knownUsername(message.user().username()); // the visitor's own message names the visitor
    }
    RealtimeEvent event = ledger.accept(message);
    if (event == null) {
      return false;
    }
    deliver(event);
    return true;
  }

  /** Calls the listener; what it throws is caught, so the session, and later events, go on. */
  void deliver(RealtimeEvent event) {
    telemetry.delivering(event);
    try {
      listener.onEvent(event);
      event.dispatchTo(listener);
    } catch (RuntimeException listenerFailed) {
      // The listener's own failure.
    }
  }
}
