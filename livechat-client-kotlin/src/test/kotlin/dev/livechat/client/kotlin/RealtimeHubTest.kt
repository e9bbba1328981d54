package dev.livechat.client.kotlin

import dev.livechat.client.LivechatClient
import dev.livechat.client.RetryPolicy
import dev.livechat.client.VisitorToken
import dev.livechat.client.model.NewVisitor
import dev.livechat.client.realtime.ConnectionState
import dev.livechat.client.realtime.HubOptions
import dev.livechat.client.realtime.RealtimeEvent
import dev.livechat.client.testing.FakeLivechatServer
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** The hub as a Flow of events tagged with their room, against the fake server. */
class RealtimeHubTest {
  private lateinit var server: FakeLivechatServer
  private lateinit var client: LivechatClient

  @BeforeEach
  fun start() {
    server = FakeLivechatServer.start()
    client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build()
  }

  @AfterEach
  fun stop() {
    client.close()
    server.close()
  }

  private fun room(): Pair<String, String> {
    val token = VisitorToken.random()
    client.registerVisitor(NewVisitor.of(token))
    return client.openRoom(token).room().id() to token
  }

  @Test
  fun roomsAddedBeforeAndDuringTheCollectionEachGetTheirOwnEventsAndCancellingClosesTheHub() = runTest(timeout = 60.seconds) {
    val (first, firstToken) = room()
    val (second, secondToken) = room()
    val hub = client.realtimeHub(HubOptions.defaults().withConnections(1).withRealtime(FAST))
    hub.add(firstToken, first)
    val seen = java.util.concurrent.CopyOnWriteArrayList<RoomEvent>()
    val wakeUps = Channel<Unit>(Channel.UNLIMITED)
    val collection = backgroundScope.launch {
      hub.events.collect {
        seen += it
        wakeUps.send(Unit)
      }
    }

    /** The first event of [roomId] that [wanted] accepts, waiting (in real time) for it to come. */
    suspend fun eventOf(roomId: String, wanted: (RealtimeEvent) -> Boolean): RealtimeEvent = realTime {
      var found: RealtimeEvent? = null
      while (found == null) {
        found = seen.firstOrNull { it.roomId == roomId && wanted(it.event) }?.event
        if (found == null) wakeUps.receive()
      }
      found
    }
    fun connected(event: RealtimeEvent) =
      event is RealtimeEvent.ConnectionStateChanged && event.state() == ConnectionState.CONNECTED

    eventOf(first, ::connected)
    hub.add(secondToken, second)
    eventOf(second, ::connected)

    val smith = server.agent("agent.smith")
    smith.reply(second, "to the second")
    smith.reply(first, "to the first")
    val toFirst = eventOf(first) { it is RealtimeEvent.MessageReceived } as RealtimeEvent.MessageReceived
    assertThat(toFirst.message().text()).isEqualTo("to the first")
    val toSecond = eventOf(second) { it is RealtimeEvent.MessageReceived } as RealtimeEvent.MessageReceived
    assertThat(toSecond.message().text()).isEqualTo("to the second")
    assertThat(seen.filter { it.event is RealtimeEvent.MessageReceived }.map { it.roomId })
      .containsExactlyInAnyOrder(first, second)
    assertThat(server.openConnections()).isEqualTo(1)

    collection.cancel()
    collection.join()
    assertThat(server.await({ it.openConnections() == 0 }, JAVA_WAIT)).`as`("the hub's connection closed").isTrue()
    assertThat(hubThreadsLeft()).isEmpty()
  }

  /** The hub's threads still alive after a bounded join of each. */
  private fun hubThreadsLeft(): List<String> {
    val deadline = System.nanoTime() + JAVA_WAIT.toNanos()
    Thread.getAllStackTraces().keys.filter { it.name.startsWith("livechat-hub") }.forEach {
      it.join(maxOf(1L, (deadline - System.nanoTime()) / 1_000_000))
    }
    return Thread.getAllStackTraces().keys.filter { it.isAlive && it.name.startsWith("livechat-hub") }.map { it.name }
  }
}
