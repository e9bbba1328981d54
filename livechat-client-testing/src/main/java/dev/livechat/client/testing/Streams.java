package dev.livechat.client.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The open WebSocket connections and their subscriptions, and the delivery of stream events to
 * them as DDP {@code changed} frames. Guarded by the store: every method is called holding its
 * lock, so frames leave in the order the state changed. Subscriptions are indexed by stream and
 * event name, so an event costs the same whatever the number of rooms followed.
 */
final class Streams {
  /** One accepted {@code sub}. */
  record Subscription(DdpPeer peer, String id, String stream, String eventName) {}

  /** Where a subscription's frames come from: its stream and event name. */
  private record Topic(String stream, String eventName) {}

  private final java.util.Set<DdpPeer> peers = new java.util.LinkedHashSet<>();
  /** The subscriptions of each topic, in the order they were made (frames go out in that order). */
  private final Map<Topic, List<Subscription>> byTopic = new HashMap<>();
  /** Each connection's subscriptions, for its unsubscribes and its end. */
  private final Map<DdpPeer, List<Subscription>> byPeer = new HashMap<>();
  /** How many subscriptions name each event name, whatever the stream (for {@link #subscriptionCount}). */
  private final java.util.NavigableMap<String, Integer> eventNames = new java.util.TreeMap<>();
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
    List<Subscription> gone = byPeer.remove(peer);
    if (gone != null) {
      gone.forEach(this::forget);
    }
    changed.run();
  }

  void subscribe(Subscription subscription) {
    byTopic.computeIfAbsent(new Topic(subscription.stream(), subscription.eventName()), t -> new ArrayList<>())
        .add(subscription);
    byPeer.computeIfAbsent(subscription.peer(), p -> new ArrayList<>()).add(subscription);
    eventNames.merge(subscription.eventName(), 1, Integer::sum);
    changed.run();
  }

  /** Removes the subscription {@code id} of {@code peer}; whether there was one. */
  boolean unsubscribe(DdpPeer peer, String id) {
    List<Subscription> own = byPeer.getOrDefault(peer, List.of());
    List<Subscription> gone = new ArrayList<>();
    for (Subscription subscription : own) {
      if (subscription.id().equals(id)) {
        gone.add(subscription);
      }
    }
    if (!gone.isEmpty()) {
      own.removeIf(subscription -> subscription.id().equals(id));
      if (own.isEmpty()) {
        byPeer.remove(peer);
      }
      gone.forEach(this::forget);
    }
    changed.run();
    return !gone.isEmpty();
  }

  /** Removes {@code subscription} (this very one) from the topic and event-name indexes. */
  private void forget(Subscription subscription) {
    Topic topic = new Topic(subscription.stream(), subscription.eventName());
    List<Subscription> same = byTopic.get(topic);
    if (same != null) {
      for (int i = 0; i < same.size(); i++) {
        if (same.get(i) == subscription) {
          same.remove(i);
          break;
        }
      }
      if (same.isEmpty()) {
        byTopic.remove(topic);
      }
    }
    eventNames.computeIfPresent(subscription.eventName(), (name, count) -> count == 1 ? null : count - 1);
  }

  /** How many subscriptions concern room {@code rid} (its messages, notifications and events). */
  int subscriptionCount(String rid) {
    int count = eventNames.getOrDefault(rid, 0);
    // the names that start with rid + "/": from that string up to rid + "0" ('0' follows '/')
    for (int each : eventNames.subMap(rid + "/", true, rid + "0", false).values()) {
      count += each;
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
    for (Subscription subscription : byTopic.getOrDefault(new Topic(stream, eventName), List.of())) {
      if (subscription.peer() != origin) {
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
