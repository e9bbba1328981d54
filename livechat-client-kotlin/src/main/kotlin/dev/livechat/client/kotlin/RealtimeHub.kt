package dev.livechat.client.kotlin

import dev.livechat.client.LivechatClient
import dev.livechat.client.realtime.HubOptions
import dev.livechat.client.realtime.LivechatHub
import dev.livechat.client.realtime.RealtimeEvent
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow

/**
 * A realtime hub for coroutines: many visitors' rooms over a few WebSockets, for backends. Nothing
 * connects until [RealtimeHub.events] is collected. See [RealtimeHub] and [LivechatHub].
 *
 * ```kotlin
 * val hub = client.realtimeHub()
 * hub.add(visitorToken, roomId)
 * hub.events.collect { (roomId, event) -> relay(roomId, event) }
 * ```
 */
public fun LivechatClient.realtimeHub(options: HubOptions = HubOptions.defaults()): RealtimeHub =
  RealtimeHub(this, options)

/** One event of one room of a [RealtimeHub]. */
public data class RoomEvent(val roomId: String, val event: RealtimeEvent)

/**
 * The Java SDK's [LivechatHub] as a cold [Flow]: collecting [events] opens the hub and follows
 * every room [add]ed (before or during the collection); cancelling the collector closes it, its
 * connections and threads. Events of one room arrive in the order the hub delivered them; events
 * of different rooms interleave as they came. As with [RealtimeSession], events wait for the
 * collector in an unbounded buffer (the hub's work is never held back by a slow collector) and
 * one collection at a time is allowed.
 */
public class RealtimeHub internal constructor(
  private val client: LivechatClient,
  private val options: HubOptions,
) {
  private val lock = Any()
  private val rooms = LinkedHashMap<String, String>() // room id to visitor token, guarded by lock
  private var current: LivechatHub? = null // guarded by lock

  /**
   * Every room's events, tagged with the room, from the hub's opening to its end.
   *
   * @throws IllegalStateException (from `collect`) if another collection is active
   */
  public val events: Flow<RoomEvent> = callbackFlow {
    val hub = client.hub(options) { roomId, event -> trySend(RoomEvent(roomId, event)) }
    val followed = synchronized(lock) {
      if (current != null) {
        hub.close()
        throw IllegalStateException("The events of this RealtimeHub are already being collected")
      }
      current = hub
      rooms.toMap()
    }
    followed.forEach { (roomId, token) -> hub.add(token, roomId) }
    awaitClose {
      synchronized(lock) {
        if (current === hub) {
          current = null
        }
      }
      hub.close()
    }
  }.buffer(Channel.UNLIMITED)

  /** Follows [roomId] of the visitor with [token], now if [events] is being collected, else from its collection on. */
  public fun add(token: String, roomId: String) {
    val hub = synchronized(lock) {
      require(rooms.putIfAbsent(roomId, token) == null) { "the hub follows room $roomId already" }
      current
    }
    hub?.add(token, roomId)
  }

  /** Stops following [roomId]; false if it was not followed. */
  public fun remove(roomId: String): Boolean {
    val hub = synchronized(lock) {
      if (rooms.remove(roomId) == null) return false
      current
    }
    hub?.remove(roomId)
    return true
  }

  /** The visitor of [roomId] is typing (or stopped); does nothing while the hub is not collected. */
  public fun typing(roomId: String, typing: Boolean) {
    synchronized(lock) { current }?.typing(roomId, typing)
  }

  /** Connects now every connection that waits to reconnect or gave up. */
  public fun reconnect() {
    synchronized(lock) { current }?.reconnect()
  }

  override fun toString(): String = "RealtimeHub[rooms=${synchronized(lock) { rooms.size }}]"
}
