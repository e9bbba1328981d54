package dev.livechat.client.kotlin

import dev.livechat.client.realtime.ConnectionState
import dev.livechat.client.realtime.RealtimeEvent
import dev.livechat.client.realtime.RealtimeOptions
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout

internal const val TOKEN = "iNKE8a6k6cjbqWhWd"

/** How long a test waits for what real sockets and threads bring. */
internal val WAIT = 10.seconds
internal val JAVA_WAIT: Duration = Duration.ofSeconds(10)

/** Reconnects within 10 to 50 ms, so that the reconnect tests take no time. */
internal val FAST: RealtimeOptions = RealtimeOptions.defaults()
  .withReconnectDelays(Duration.ofMillis(10), Duration.ofMillis(50))
  .withTyping(Duration.ofMillis(300), Duration.ofSeconds(5))

/**
 * Runs [block] with a real timeout. Under `runTest` a `withTimeout` on the test dispatcher runs in
 * virtual time and would expire at once while the test waits for a socket; on
 * [Dispatchers.Default] it is the wall clock.
 */
internal suspend fun <T> realTime(block: suspend CoroutineScope.() -> T): T =
  withContext(Dispatchers.Default) { withTimeout(WAIT, block) }

/** Collects [events] in [scope], keeping every event in order, and hands them out to the test. */
internal class Recorder(scope: CoroutineScope, events: Flow<RealtimeEvent>) {
  private val inbox = Channel<RealtimeEvent>(Channel.UNLIMITED)

  /** Every event collected, in order. */
  val seen: MutableList<RealtimeEvent> = CopyOnWriteArrayList()

  /** The collection: cancel it to stop collecting. */
  val job: Job = scope.launch {
    events.collect {
      seen += it
      inbox.send(it)
    }
    inbox.close()
  }

  /** The next event of type [T] that satisfies [where], skipping others; within [WAIT], in real time. */
  suspend inline fun <reified T : RealtimeEvent> next(crossinline where: (T) -> Boolean = { true }): T = realTime {
    var found: T? = null
    while (found == null) {
      val event = receive()
      if (event is T && where(event)) {
        found = event
      }
    }
    found
  }

  suspend fun nextState(state: ConnectionState): RealtimeEvent.ConnectionStateChanged =
    next<RealtimeEvent.ConnectionStateChanged> { it.state() == state }

  suspend fun receive(): RealtimeEvent = inbox.receive()

  /** The messages received, by id, in the order they came. */
  fun receivedIds(): List<String> =
    seen.filterIsInstance<RealtimeEvent.MessageReceived>().map { it.message().id() }
}

/**
 * The realtime sessions' event threads still alive after waiting at most [timeout] for each to end
 * (a bounded `join`, no sleeping).
 */
internal fun realtimeThreadsLeft(timeout: Duration = JAVA_WAIT): List<String> {
  val deadline = System.nanoTime() + timeout.toNanos()
  for (thread in realtimeThreads()) {
    val left = (deadline - System.nanoTime()) / 1_000_000
    if (left > 0) {
      thread.join(left)
    }
  }
  return realtimeThreads().map { it.name }
}

private fun realtimeThreads(): List<Thread> =
  Thread.getAllStackTraces().keys.filter { it.isAlive && it.name.startsWith("livechat-realtime") }
