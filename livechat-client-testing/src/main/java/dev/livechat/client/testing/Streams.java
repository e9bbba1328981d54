package dev.livechat.client.testing;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The open WebSocket connections and their subscriptions, and the delivery of stream events to
 * them as DDP {@code changed} frames. Guarded by the store: every method is called holding its
 * lock, so frames leave in the order the state changed.
 */
final class Streams {
  /** One accepted {@code sub}. */
  record Subscription(DdpPeer peer, String id, String stream, String eventName) {}

  private final List<DdpPeer> peers = new ArrayList<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final Runnable changed;
  private int opened;

  /** {@code changed} runs after every change of connections or subscriptions (holding the lock). */
  Streams(Runnable changed) {
    this.changed = changed;
  }

  void opened(DdpPeer peer) {
    peers.add(peer);
    opened++;
    changed.run();
  }

  /** Forgets {@code peer} and its subscriptions. */
  void closed(DdpPeer peer) {
    peers.remove(peer);
    subscriptions.removeIf(subscription -> subscription.peer() == peer);
    changed.run();
  }

  void subscribe(Subscription subscription) {
    subscriptions.add(subscription);
    changed.run();
  }

  /** Removes the subscription {@code id} of {@code peer}; whether there was one. */
  boolean unsubscribe(DdpPeer peer, String id) {
    boolean removed = subscriptions.removeIf(subscription -> subscription.peer() == peer && subscription.id().equals(id));
    changed.run();
    return removed;
  }

  /** How many subscriptions concern room {@code rid} (its messages, notifications and events). */
  int subscriptionCount(String rid) {
    int count = 0;
    for (Subscription subscription : subscriptions) {
      if (subscription.eventName().equals(rid) || subscription.eventName().startsWith(rid + "/")) {
        count++;
      }
    }
    return count;
  }

  /**
   * Sends {@code {"msg":"changed","collection":stream,"id":"id","fields":{"eventName":..,"args":..}}}
   * to every subscriber of {@code stream}/{@code eventName} except {@code origin}, dates as EJSON.
   */
  void emit(String stream, String eventName, List<?> args, @Nullable DdpPeer origin) {
    String frame = JsonValues.write(JsonValues.object("msg", "changed", "collection", stream, "id", "id",
        "fields", JsonValues.object("eventName", eventName, "args", args)), JsonValues.Dates.EJSON);
    for (Subscription subscription : subscriptions) {
      if (subscription.peer() != origin && subscription.stream().equals(stream)
          && subscription.eventName().equals(eventName)) {
        subscription.peer().send(frame);
      }
    }
    changed.run();
  }

  /** Cuts every connection at once, as a network failure would. */
  void dropAll() {
    for (DdpPeer peer : new ArrayList<>(peers)) {
      peer.drop();
      closed(peer);
    }
  }

  /** Connections open now. */
  int openCount() {
    return peers.size();
  }

  /** Connections opened since the start. */
  int openedCount() {
    return opened;
  }
}
