package dev.livechat.client.kotlin

import dev.livechat.client.LivechatClient
import dev.livechat.client.RetryPolicy
import dev.livechat.client.model.Message
import dev.livechat.client.model.NewVisitor
import dev.livechat.client.realtime.ConnectionState
import dev.livechat.client.realtime.RealtimeEvent
import dev.livechat.client.testing.FakeLivechatServer
import java.time.Instant
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** A visitor's whole conversation with suspend calls and the realtime flow. */
class ConversationTest {
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

  @Test
  fun fromRegistrationToClose() = runTest(timeout = 60.seconds) {
    val chat = client.suspending()
    val ada = chat.registerVisitor(NewVisitor.of(TOKEN).withName("Ada"))
    val opened = chat.openRoom(TOKEN)
    assertThat(opened.newRoom()).isTrue()
    val rid = opened.room().id()

    val session = client.realtimeSession(TOKEN, rid, FAST)
    val events = Recorder(backgroundScope, session.events)
    events.nextState(ConnectionState.CONNECTED)
    assertThat(session.state.value).isEqualTo(ConnectionState.CONNECTED)

    val hello = chat.sendMessage(TOKEN, rid, "Hello!")
    assertThat(events.next<RealtimeEvent.MessageReceived>().message().id()).isEqualTo(hello.id())

    val smith = server.agent("agent.smith", "Agent Smith")
    smith.assign(rid)
    assertThat(events.next<RealtimeEvent.AgentChanged>().agent().username()).isEqualTo("agent.smith")
    val reply = smith.reply(rid, "Hi Ada, how can I help?")
    val received = events.next<RealtimeEvent.MessageReceived>().message()
    assertThat(received.id()).isEqualTo(reply.id())
    assertThat(received.text()).isEqualTo("Hi Ada, how can I help?")
    assertThat(received.user()?.name()).isEqualTo("Agent Smith")

    val edited = chat.updateMessage(TOKEN, rid, hello.id(), "Hello again!")
    val editedAt: Instant? = edited.editedAt()
    assertThat(editedAt).isNotNull()
    assertThat(edited.editedBy()?.username()).isEqualTo(ada.username())
    assertThat(events.next<RealtimeEvent.MessageEdited>().message().text()).isEqualTo("Hello again!")

    assertThat(chat.deleteMessage(TOKEN, rid, hello.id()).id()).isEqualTo(hello.id())
    assertThat(events.next<RealtimeEvent.MessageDeleted>().messageId()).isEqualTo(hello.id())

    val history = chat.loadHistory(TOKEN, rid).messages()
    assertThat(history.map(Message::id)).first().isEqualTo(reply.id())
    // Taking the room stored "connected" (a command) and "uj", as the server does; newest first.
    assertThat(history.map(Message::type)).containsExactly(null, "uj", "command", "livechat-started")

    assertThat(chat.closeRoom(TOKEN, rid).comment()).isEqualTo("Closed by visitor")
    assertThat(events.next<RealtimeEvent.RoomClosed>().message().type()).isEqualTo("livechat-close")
    assertThat(server.room(rid).orElseThrow().open()).isFalse()

    val joined = history.filter { it.type() == "command" || it.type() == "uj" }.map(Message::id).reversed()
    assertThat(events.receivedIds()).containsExactlyElementsOf(listOf(hello.id()) + joined + reply.id())
    assertThat(events.seen.filterIsInstance<RealtimeEvent.SubscriptionFailed>()).isEmpty()

    events.job.cancel()
    events.job.join()
    assertThat(session.state.value).isEqualTo(ConnectionState.CLOSED)
    assertThat(realtimeThreadsLeft()).isEmpty()
  }
}
