package dev.livechat.client.kotlin

import dev.livechat.client.LivechatClient
import dev.livechat.client.RetryPolicy
import dev.livechat.client.model.NewVisitor
import dev.livechat.client.realtime.ConnectionState
import dev.livechat.client.realtime.RealtimeEvent
import dev.livechat.client.testing.FakeLivechatServer
import java.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The realtime session as a Flow and a StateFlow, against the fake server's WebSocket. */
class RealtimeSessionTest {
  private lateinit var server: FakeLivechatServer
  private lateinit var client: LivechatClient
  private lateinit var rid: String

  @BeforeEach
  fun start() {
    server = FakeLivechatServer.start()
    client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build()
    client.registerVisitor(NewVisitor.of(TOKEN).withName("Ada"))
    rid = client.openRoom(TOKEN).room().id()
  }

  @AfterEach
  fun stop() {
    client.close()
    server.close()
  }

  @Test
  fun aFlowCollectedThroughReconnectsDeliversEveryMessageExactlyOnce() = runTest(timeout = 60.seconds) {
    val session = client.realtimeSession(TOKEN, rid, FAST)
    val events = Recorder(backgroundScope, session.events)
    events.nextState(ConnectionState.CONNECTED)
    val smith = server.agent("agent.smith")
    val sent = mutableListOf<String>()

    for (round in 1..3) {
      sent += smith.reply(rid, "before drop $round").id()
      server.dropAllConnections()
      sent += smith.reply(rid, "while away $round").id() // only the gap fill can bring this one
      events.nextState(ConnectionState.WAITING)
      events.nextState(ConnectionState.CONNECTED)
      assertThat(session.state.value).isEqualTo(ConnectionState.CONNECTED)
    }
    sent += smith.reply(rid, "after the drops").id()
    events.next<RealtimeEvent.MessageReceived> { it.message().id() == sent.last() }

    assertThat(events.receivedIds()).containsExactlyElementsOf(sent)
    assertThat(server.connectionsOpened()).isEqualTo(4)
    events.job.cancel()
  }

  @Test
  fun cancellingTheCollectorClosesTheSessionAndLeavesNoThread() = runTest(timeout = 60.seconds) {
    val session = client.realtimeSession(TOKEN, rid, FAST)
    assertThat(session.state.value).`as`("nothing opens before collecting").isEqualTo(ConnectionState.CLOSED)
    assertThat(server.connectionsOpened()).isZero()

    val events = Recorder(backgroundScope, session.events)
    events.nextState(ConnectionState.CONNECTED)
    assertThat(server.openConnections()).isEqualTo(1)
    assertThat(Thread.getAllStackTraces().keys.map { it.name }).contains("livechat-realtime $rid")

    events.job.cancel()
    events.job.join()

    assertThat(session.state.value).isEqualTo(ConnectionState.CLOSED)
    assertThat(server.await({ it.openConnections() == 0 }, JAVA_WAIT)).`as`("the WebSocket closed").isTrue()
    assertThat(realtimeThreadsLeft()).isEmpty()
    session.typing(true) // no session: nothing happens
    session.reconnect()
    assertThat(server.await({ it.connectionsOpened() > 1 }, Duration.ofMillis(300))).`as`("no reconnect").isFalse()
  }

  @Test
  fun oneCollectionAtATimeAndANewOneAfterIt() = runTest(timeout = 60.seconds) {
    val session = client.realtimeSession(TOKEN, rid, FAST)
    val first = Recorder(backgroundScope, session.events)
    first.nextState(ConnectionState.CONNECTED)

    val twice = assertThrows<IllegalStateException> { session.events.first() }
    assertThat(twice).hasMessageContaining("already being collected")
    assertThat(server.connectionsOpened()).`as`("the second collection opened nothing").isEqualTo(1)

    first.job.cancel() // a collection on its way out does not count
    val second = Recorder(backgroundScope, session.events)
    second.nextState(ConnectionState.CONNECTED)
    val reply = server.agent("agent.smith").reply(rid, "to the new session")
    assertThat(second.next<RealtimeEvent.MessageReceived>().message().id()).isEqualTo(reply.id())
    assertThat(server.connectionsOpened()).isEqualTo(2)
    second.job.cancel()
  }

  @Test
  fun theFlowEndsWhenTheJavaSessionEndsByItself() = runTest(timeout = 60.seconds) {
    val session = client.realtimeSession(TOKEN, rid, FAST)
    val events = Recorder(backgroundScope, session.events)
    events.nextState(ConnectionState.CONNECTED)

    client.close() // closes its sessions

    realTime { events.job.join() }
    assertThat(events.job.isCancelled).`as`("completed, not cancelled").isFalse()
    assertThat(events.seen.last()).isEqualTo(RealtimeEvent.ConnectionStateChanged(ConnectionState.CLOSED, null, null))
    assertThat(session.state.value).isEqualTo(ConnectionState.CLOSED)
  }

  @Test
  fun typingAndReconnectReachTheOpenSession() = runTest(timeout = 60.seconds) {
    // Reconnecting by itself only after a minute: reconnect() is what brings it back.
    val slow = FAST.withReconnectDelays(Duration.ofSeconds(60), Duration.ofSeconds(60))
    val session = client.realtimeSession(TOKEN, rid, slow)
    val events = Recorder(backgroundScope, session.events)
    events.nextState(ConnectionState.CONNECTED)

    session.typing(true)
    assertThat(server.await({ it.typingSignals().isNotEmpty() }, JAVA_WAIT)).isTrue()
    assertThat(server.typingSignals().first().typing()).isTrue()

    server.dropAllConnections()
    events.nextState(ConnectionState.WAITING)
    realTime { session.state.first { it == ConnectionState.WAITING } }
    session.reconnect()
    events.nextState(ConnectionState.CONNECTED)
    assertThat(server.connectionsOpened()).isEqualTo(2)
    events.job.cancel()
  }

  /**
   * A collector far slower than the agent (a second of virtual time per event, and nothing taken
   * while the test thread sends) still gets every message, once, in order.
   */
  @Test
  fun aSlowCollectorLosesNothing() = runTest(timeout = 60.seconds) {
    val session = client.realtimeSession(TOKEN, rid, FAST)
    val connected = launch { session.state.first { it == ConnectionState.CONNECTED } }
    val received = async {
      session.events
        .messagesTakenSlowly()
        .take(200)
        .toList()
        .map { it.message().id() }
    }
    realTime { connected.join() }
    val smith = server.agent("agent.smith")

    val sent = (1..200).map { smith.reply(rid, "reply $it").id() }

    assertThat(realTime { received.await() }).containsExactlyElementsOf(sent)
    assertThat(server.await({ it.openConnections() == 0 }, JAVA_WAIT)).`as`("take(200) closed the session").isTrue()
  }

  @Test
  fun aBlankTokenFailsTheCollectionAndOpensNothing() = runTest(timeout = 60.seconds) {
    val session = client.realtimeSession(" ", rid, FAST)

    assertThrows<IllegalArgumentException> { session.events.first() }

    assertThat(session.state.value).isEqualTo(ConnectionState.CLOSED)
    assertThat(server.connectionsOpened()).isZero()
    val valid = client.realtimeSession(TOKEN, rid, FAST)
    realTime { valid.events.first { it is RealtimeEvent.ConnectionStateChanged && it.state() == ConnectionState.CONNECTED } }
  }

  private fun Flow<RealtimeEvent>.messagesTakenSlowly(): Flow<RealtimeEvent.MessageReceived> =
    flow {
      collect { event ->
        if (event is RealtimeEvent.MessageReceived) {
          delay(1.seconds) // virtual time: slow in order, not in wall-clock time
          emit(event)
        }
      }
    }
}
