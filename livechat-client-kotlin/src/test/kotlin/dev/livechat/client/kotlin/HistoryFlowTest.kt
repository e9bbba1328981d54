package dev.livechat.client.kotlin

import dev.livechat.client.LivechatClient
import dev.livechat.client.RetryPolicy
import dev.livechat.client.exception.LivechatApiException
import dev.livechat.client.model.NewVisitor
import dev.livechat.client.testing.FakeLivechatServer
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneOffset
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import okhttp3.Call
import okhttp3.EventListener
import okhttp3.OkHttpClient
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** [SuspendLivechatClient.history]: the whole history as a Flow, paged lazily, cancellable. */
class HistoryFlowTest {
  private lateinit var server: FakeLivechatServer
  private lateinit var client: LivechatClient
  private lateinit var chat: SuspendLivechatClient

  private fun start(clock: Clock = Clock.systemUTC(), okHttp: OkHttpClient = OkHttpClient()) {
    server = FakeLivechatServer.start(clock)
    client = LivechatClient.builder().baseUrl(server.url()).okHttpClient(okHttp).retryPolicy(RetryPolicy.none()).build()
    chat = client.suspending()
  }

  @AfterEach
  fun stop() {
    client.close()
    server.close()
  }

  private fun historyRequests(): List<String> = server.requests().filter { it.startsWith("GET /api/v1/livechat/messages.history/") }

  /** A room with the visitor's [count] messages "m1".."m[count]" after the room's own first message. */
  private suspend fun roomWith(count: Int): String {
    chat.registerVisitor(NewVisitor.of(TOKEN))
    val rid = chat.openRoom(TOKEN).room().id()
    for (i in 1..count) {
      chat.sendMessage(TOKEN, rid, "m$i")
    }
    return rid
  }

  @Test
  fun collectsTheWholeHistoryNewestFirstOnePageAtATime() = runTest(timeout = 30.seconds) {
    start()
    val rid = roomWith(7)

    val texts = chat.history(TOKEN, rid, pageSize = 3).map { it.text() }.toList()

    // What the server stores, newest first: the seven messages, then the room's livechat-started.
    val stored = client.loadHistory(TOKEN, rid).messages().map { it.text() }
    assertThat(texts).isEqualTo(stored)
    assertThat(texts.take(7)).containsExactly("m7", "m6", "m5", "m4", "m3", "m2", "m1")
    // Eight stored. A page after the first asks up to its boundary's millisecond (end is exclusive)
    // and drops the message it saw there: 3 new, 2 new, 2 new, then [m1, started], short, the last.
    assertThat(stored).hasSize(8)
    assertThat(historyRequests()).hasSize(4 + 1) // and the load above
  }

  @Test
  fun loadsOnlyThePagesTheCollectorReaches() = runTest(timeout = 30.seconds) {
    start()
    val rid = roomWith(10)

    val firstFour = chat.history(TOKEN, rid, pageSize = 3).take(4).map { it.text() }.toList()

    assertThat(firstFour).containsExactly("m10", "m9", "m8", "m7")
    assertThat(historyRequests()).`as`("two pages of 3 hold the first four").hasSize(2)
  }

  @Test
  fun nothingIsLoadedUntilTheFlowIsCollected() = runTest(timeout = 30.seconds) {
    start()
    val rid = roomWith(2)

    val flow = chat.history(TOKEN, rid)

    assertThat(historyRequests()).isEmpty()
    val stored = client.loadHistory(TOKEN, rid).messages().size
    assertThat(flow.toList()).hasSize(stored)
    assertThat(flow.toList()).hasSize(stored) // cold: each collection walks the history anew
    assertThat(historyRequests()).hasSize(1 + 2) // the load above, and one page (of 50) per collection
  }

  /**
   * Messages that share a millisecond (a fixed clock: the real server's timestamps collide too)
   * are neither repeated nor skipped where pages meet.
   */
  @Test
  fun messagesSharingATimestampAcrossPagesComeOnce() = runTest(timeout = 30.seconds) {
    start(Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC))
    server.distinctTimestamps(false)
    val rid = roomWith(9)

    val ids = chat.history(TOKEN, rid, pageSize = 4).map { it.id() }.toList()

    assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThan(9)
    assertThat(ids).containsExactlyInAnyOrderElementsOf(client.loadHistory(TOKEN, rid).messages().map { it.id() })
  }

  /** OkHttp's event listener shows the page's call cancelled on the client's side. */
  @Test
  fun cancellingTheCollectorCancelsThePageInFlight() = runTest(timeout = 30.seconds) {
    val cancelled = CopyOnWriteArrayList<String>()
    val okHttp = OkHttpClient.Builder()
      .eventListener(object : EventListener() {
        override fun canceled(call: Call) {
          cancelled += call.request().url.encodedPath
        }
      })
      .build()
    start(okHttp = okHttp)
    val rid = roomWith(2)
    server.delayResponses(Duration.ofSeconds(60))

    val collecting = launch { chat.history(TOKEN, rid).toList() }
    kotlinx.coroutines.yield()
    assertThat(server.await({ historyRequests().size == 1 }, JAVA_WAIT)).`as`("the first page was asked for").isTrue()
    collecting.cancel()
    collecting.join()

    assertThat(collecting.isCancelled).isTrue()
    assertThat(cancelled).containsExactly("/api/v1/livechat/messages.history/$rid")
    assertThat(historyRequests()).`as`("no page after").hasSize(1)
  }

  @Test
  fun aRefusedPageEndsTheFlowWithTheServersError() = runTest(timeout = 30.seconds) {
    start()
    chat.registerVisitor(NewVisitor.of(TOKEN))

    val refused = assertThrows<LivechatApiException> { chat.history(TOKEN, "no-such-room").toList() }

    assertThat(refused.errorCode()).isEqualTo("invalid-room")
  }

  @Test
  fun badArgumentsAreRefusedBeforeAnyRequest() = runTest(timeout = 30.seconds) {
    start()

    assertThrows<IllegalArgumentException> { chat.history(" ", "room1") }
    assertThrows<IllegalArgumentException> { chat.history(TOKEN, "room1", pageSize = 0) }
    assertThrows<IllegalArgumentException> { chat.history(TOKEN, "..") }
    assertThat(server.requestCount()).isZero()
  }
}
