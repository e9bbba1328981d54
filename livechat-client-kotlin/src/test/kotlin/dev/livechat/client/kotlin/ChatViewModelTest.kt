package dev.livechat.client.kotlin

import dev.livechat.client.exception.LivechatApiException
import dev.livechat.client.LivechatClient
import dev.livechat.client.RetryPolicy
import dev.livechat.client.model.Message
import dev.livechat.client.model.NewVisitor
import dev.livechat.client.realtime.ConnectionState
import dev.livechat.client.testing.FakeLivechatServer
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/**
 * The documented ViewModel, driven as a screen's lifecycle would (`repeatOnLifecycle(STARTED)`
 * collects while the screen is started): real sockets, and the 5 s `WhileSubscribed` stop timeout
 * in virtual time.
 */
@OptIn(ExperimentalCoroutinesApi::class) // advanceTimeBy, runCurrent
class ChatViewModelTest {
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

  /** The texts of the ordinary messages shown (not `livechat-started` and the like), once they include [texts]. */
  private suspend fun ChatViewModel.awaitTexts(vararg texts: String): List<String?> = realTime {
    messages.map { shown -> shown.filter { it.type() == null }.map(Message::text) }.first { it.containsAll(texts.toList()) }
  }

  @Test
  fun theScreenSeesHistoryRepliesEditsAndWhatCameWhileItWasAway() = runTest(timeout = 60.seconds) {
    client.sendMessage(TOKEN, rid, "Before the screen opened")
    val smith = server.agent("agent.smith")
    val viewModel = ChatViewModel(client, TOKEN, rid, backgroundScope) // backgroundScope: viewModelScope

    // The screen starts: repeatOnLifecycle(STARTED) { viewModel.messages.collect(render) }
    var screen = backgroundScope.launch { viewModel.messages.collect {} }
    viewModel.awaitTexts("Before the screen opened")
    assertThat(viewModel.connection.value).isEqualTo(ConnectionState.CONNECTED)

    viewModel.onTextChanged("Hel")
    viewModel.send("Hello!").join()
    val reply = smith.reply(rid, "Hi Ada!")
    assertThat(viewModel.awaitTexts("Hello!", "Hi Ada!")).containsExactly("Before the screen opened", "Hello!", "Hi Ada!")
    smith.edit(reply.id(), "Hi Ada, how can I help?")
    viewModel.awaitTexts("Hi Ada, how can I help?")
    assertThat(server.await({ it.typingSignals().isNotEmpty() }, JAVA_WAIT)).`as`("typing reached the agent").isTrue()

    // The screen stops (home button): the session stays for 5 s, then closes.
    screen.cancel()
    advanceTimeBy(4_000)
    runCurrent()
    assertThat(server.openConnections()).`as`("still open within 5 s").isEqualTo(1)
    advanceTimeBy(1_001)
    runCurrent()
    assertThat(server.await({ it.openConnections() == 0 }, JAVA_WAIT)).`as`("closed after 5 s").isTrue()
    assertThat(realtimeThreadsLeft()).isEmpty()
    assertThat(viewModel.connection.value).isEqualTo(ConnectionState.CLOSED)

    smith.reply(rid, "Are you still there?") // while nobody collects
    screen = backgroundScope.launch { viewModel.messages.collect {} }
    assertThat(viewModel.awaitTexts("Are you still there?"))
      .containsExactly("Before the screen opened", "Hello!", "Hi Ada, how can I help?", "Are you still there?")
    assertThat(server.connectionsOpened()).isEqualTo(2)

    smith.closeRoom(rid)
    viewModel.send("Anyone?").join()
    assertThat((viewModel.error.value as? LivechatApiException)?.errorCode()).isEqualTo("room-closed")
    screen.cancel()
  }
}
