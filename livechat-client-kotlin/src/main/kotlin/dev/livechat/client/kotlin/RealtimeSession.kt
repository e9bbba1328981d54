package dev.livechat.client.kotlin

import dev.livechat.client.LivechatClient
import dev.livechat.client.realtime.ConnectionState
import dev.livechat.client.realtime.LivechatRealtime
import dev.livechat.client.realtime.RealtimeEvent
import dev.livechat.client.realtime.RealtimeListener
import dev.livechat.client.realtime.RealtimeOptions
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.job

/**
 * A realtime session on the room [roomId] for coroutines: nothing connects until [RealtimeSession.events]
 * is collected. See [RealtimeSession].
 *
 * ```kotlin
 * val session = client.realtimeSession(token, roomId)
 * session.events.collect { event ->
 *   when (event) {
 *     is RealtimeEvent.MessageReceived -> show(event.message())
 *     is RealtimeEvent.RoomClosed -> showEnded()
 *     else -> {}
 *   }
 * }
 * ```
 *
 * @param token the visitor token
 * @param roomId the room to follow
 * @param options reconnect, heartbeat and typing timings
 */
public fun LivechatClient.realtimeSession(
  token: String,
  roomId: String,
  options: RealtimeOptions = RealtimeOptions.defaults(),
): RealtimeSession = RealtimeSession(this, token, roomId, options)

/**
 * One visitor's live view of one room, over the Java SDK's [LivechatRealtime]: its [events] as a
 * cold [Flow], where it stands as a [StateFlow], and [typing] and [reconnect]. Obtained with
 * [LivechatClient.realtimeSession]; creating it does nothing.
 *
 * **Collecting [events] opens the session** (`client.realtime(token, roomId, options, listener)`:
 * a WebSocket, two `messages.history` calls); cancelling the collector closes it, connection and
 * thread. The flow ends by itself, after [ConnectionState.CLOSED], when the Java session ends on its
 * own: the room closed while the app was away, the server refused the room, or the client was
 * closed. Collecting again opens a new session, with a new baseline: what was sent meanwhile is
 * in the room's history, not in the events.
 *
 * **One collection at a time.** A second collection while one is active fails with
 * [IllegalStateException]: each would be a connection of its own, with its own REST calls, and
 * [typing] could not tell which to use. Share one collection with `shareIn` or `stateIn`. A
 * collection that is being cancelled does not count (so `repeatOnLifecycle` and
 * `SharingStarted.WhileSubscribed` restart cleanly).
 *
 * **Everything the Java listener gets, in order.** Every [RealtimeEvent] the session reports,
 * connection changes included, is emitted in the order the session delivered it on its one event
 * thread, and nothing is dropped: the session already delivers each message once, through
 * reconnects, and this flow passes events on one by one. They reach the collector in the
 * collector's own context (`viewModelScope`: the main thread), not on the session's thread.
 *
 * **Backpressure: none reaches the session.** Events wait for the collector in an unbounded buffer
 * ([Channel.UNLIMITED]), as they would in the session's own queue: a slow collector delays only
 * itself, never the session's work (catching up after a reconnect, typing, heartbeats) nor the
 * connection. A chat brings a few events a second; what is kept for a collector stuck for long is
 * those events. Do not `conflate()` [events] or buffer them with a `DROP_*` overflow: messages
 * would be lost; [state] is the conflated view.
 *
 * [typing] and [reconnect] act on the session the current collection opened, and do nothing while
 * none is open.
 */
public class RealtimeSession internal constructor(
  private val client: LivechatClient,
  private val token: String,
  /** The room this session follows. */
  public val roomId: String,
  private val options: RealtimeOptions,
) {
  private val mutableState = MutableStateFlow(ConnectionState.CLOSED)
  private val lock = Any()

  /** The active collection; changed, and [mutableState] set, holding [lock]. */
  @Volatile private var current: Collecting? = null

  /** One collection of [events]: the session it opened, once open. */
  private class Collecting(val job: Job) {
    @Volatile var realtime: LivechatRealtime? = null
  }

  /**
   * Where the session stands: [ConnectionState.CLOSED] while nobody collects [events], then what
   * the open session last reported ([ConnectionState.CONNECTING], [ConnectionState.CONNECTED]
   * once caught up, [ConnectionState.WAITING] between attempts, [ConnectionState.FAILED] after the
   * options' reconnect attempts). It changes as the session's event thread reports, so it may be
   * ahead of the events a slow collector has taken. The [RealtimeEvent.ConnectionStateChanged]
   * events in [events] carry the next attempt's time and the cause as well.
   */
  public val state: StateFlow<ConnectionState> = mutableState.asStateFlow()

  /**
   * The session's events, from its opening to its end; collecting opens the session and
   * cancelling the collector closes it (see the class description).
   *
   * @throws IllegalStateException (from `collect`) if another collection is active
   * @throws IllegalArgumentException (from `collect`) if the token is blank or the room id not a
   *     path segment
   */
  public val events: Flow<RealtimeEvent> = callbackFlow {
    val collection = Collecting(coroutineContext.job)
    take(collection)
    val listener = object : RealtimeListener {
      override fun onEvent(event: RealtimeEvent) {
        val change = event as? RealtimeEvent.ConnectionStateChanged
        if (change != null) {
          synchronized(lock) {
            if (current === collection) {
              mutableState.value = change.state()
            }
          }
        }
        trySend(event) // the buffer is unlimited: fails only once the collector is gone
        if (change?.state() == ConnectionState.CLOSED) {
          channel.close() // the Java session ended: the flow completes after what is buffered
        }
      }
    }
    val realtime = try {
      client.realtime(token, roomId, options, listener)
    } catch (refused: Throwable) {
      release(collection)
      throw refused
    }
    collection.realtime = realtime
    awaitClose {
      realtime.close()
      release(collection)
    }
  }.buffer(Channel.UNLIMITED)

  /**
   * Tells the agent whether the visitor is typing: `typing(true)` on each keystroke, `typing(false)`
   * when the text is sent or cleared; throttled and stopped by itself as
   * [LivechatRealtime.typing] says. Does nothing while no session is open or it is disconnected.
   * Safe from any thread; it does not block.
   */
  public fun typing(typing: Boolean) {
    current?.realtime?.typing(typing)
  }

  /**
   * Connects now, with the backoff reset, when the session waits to reconnect or gave up
   * ([ConnectionState.WAITING], [ConnectionState.FAILED]): from Android's connectivity callback,
   * say. Does nothing otherwise, or while no session is open. See [LivechatRealtime.reconnect].
   */
  public fun reconnect() {
    current?.realtime?.reconnect()
  }

  private fun take(collection: Collecting) {
    synchronized(lock) {
      val previous = current
      check(previous == null || !previous.job.isActive) {
        "The events of this RealtimeSession are already being collected; each collection would open " +
          "a connection of its own: share one collection (shareIn, stateIn) instead"
      }
      current = collection
      mutableState.value = ConnectionState.CLOSED // until this session reports; not the leaving one's state
    }
  }

  private fun release(collection: Collecting) {
    synchronized(lock) {
      if (current === collection) {
        current = null
        mutableState.value = ConnectionState.CLOSED
      }
    }
  }

  override fun toString(): String = "RealtimeSession[roomId=$roomId, state=${state.value}]"
}
