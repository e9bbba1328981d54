package dev.livechat.client.kotlin

import dev.livechat.client.LivechatClient
import dev.livechat.client.RetryPolicy
import dev.livechat.client.model.NewVisitor
import dev.livechat.client.testing.FakeLivechatServer
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout
import okhttp3.Call
import okhttp3.EventListener
import okhttp3.OkHttpClient
import okhttp3.Response
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Cancelling the calling coroutine cancels the SDK's future, and so the HTTP call in flight and
 * any retry still to come. OkHttp's event listener shows the call cancelled on the client's side;
 * the fake's request log shows that nothing was sent again.
 */
@OptIn(ExperimentalCoroutinesApi::class) // runCurrent
class CancellationTest {
  private lateinit var server: FakeLivechatServer
  private lateinit var client: LivechatClient

  /** The paths of the calls cancelled, as OkHttp reports them, and whether a 429 arrived. */
  private val cancelled = CopyOnWriteArrayList<String>()
  private val rateLimited = CountDownLatch(1)
  @Volatile private var rateLimitReset: Instant? = null

  private fun start(clock: Clock = Clock.systemUTC(), retries: RetryPolicy) {
    server = FakeLivechatServer.start(clock)
    val okHttp = OkHttpClient.Builder()
      .eventListener(object : EventListener() {
        override fun canceled(call: Call) {
          cancelled += call.request().url.encodedPath
        }

        override fun responseHeadersEnd(call: Call, response: Response) {
          if (response.code == 429) {
            rateLimitReset = response.header("X-RateLimit-Reset")?.let { Instant.ofEpochMilli(it.toLong()) }
            rateLimited.countDown()
          }
        }
      })
      .build()
    client = LivechatClient.builder().baseUrl(server.url()).okHttpClient(okHttp).retryPolicy(retries).build()
  }

  @AfterEach
  fun stop() {
    client.close()
    server.close()
  }

  private fun historyRequests(): Int = server.requests().count { it.startsWith("GET /api/v1/livechat/messages.history/") }

  @Test
  fun cancellingTheCoroutineCancelsTheCallInFlightAndNoRetryFollows() = runTest(timeout = 30.seconds) {
    // Retries of a safe call after a network failure would come within 50 ms.
    start(retries = RetryPolicy.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(50)))
    val chat = client.suspending()
    chat.registerVisitor(NewVisitor.of(TOKEN))
    val rid = chat.openRoom(TOKEN).room().id()
    server.delayResponses(Duration.ofSeconds(60))
    val started = System.nanoTime()

    val loading = launch { chat.loadHistory(TOKEN, rid) }
    runCurrent() // the call is enqueued
    assertThat(server.await({ historyRequests() == 1 }, JAVA_WAIT)).`as`("the request reached the server").isTrue()
    loading.cancel()
    loading.join()

    assertThat(loading.isCancelled).isTrue()
    assertThat(Duration.ofNanos(System.nanoTime() - started)).`as`("not held until the answer").isLessThan(Duration.ofSeconds(10))
    assertThat(cancelled).containsExactly("/api/v1/livechat/messages.history/$rid")
    assertThat(server.await({ historyRequests() > 1 }, Duration.ofSeconds(1))).`as`("no retry").isFalse()
  }

  /**
   * The client waits for the rate limiter's reset before trying a 429 again; cancelling during that
   * wait cancels the retry. The fake's clock runs 55 s behind, so its one-minute window ends 5 s
   * after the first call, and the wait is short and known.
   */
  @Test
  fun cancellingWhileARetryWaitsCancelsTheRetry() = runTest(timeout = 30.seconds) {
    start(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-55)), RetryPolicy.defaults())
    server.enableRateLimits()
    val chat = client.suspending()
    repeat(10) { chat.config() } // the route's ten calls of the window
    fun configRequests() = server.requests().count { it == "GET /api/v1/livechat/config" }

    val waiting = launch { chat.config() }
    runCurrent()
    // (The fake's await is not woken by a 429, which changes nothing there: OkHttp tells.)
    assertThat(rateLimited.await(10, TimeUnit.SECONDS)).`as`("refused with 429").isTrue()
    assertThat(configRequests()).isEqualTo(11)
    assertThat(waiting.isActive).`as`("waiting for the reset, not failed").isTrue()
    waiting.cancel()
    waiting.join()

    assertThat(waiting.isCancelled).isTrue()
    val retryDue = Duration.between(Instant.now(), rateLimitReset).plusSeconds(1) // when the retry would have come, and a second
    assertThat(retryDue).isLessThan(Duration.ofSeconds(7))
    assertThat(server.await({ configRequests() > 11 }, retryDue)).`as`("no retry after the reset").isFalse()
  }

  /** `withTimeout` runs in virtual time under runTest: it expires at once, and the call is cancelled. */
  @Test
  fun aTimeoutAroundACallCancelsTheCall() = runTest(timeout = 30.seconds) {
    start(retries = RetryPolicy.defaults())
    val chat = client.suspending()
    chat.registerVisitor(NewVisitor.of(TOKEN))
    server.delayResponses(Duration.ofSeconds(60))

    assertThrows<TimeoutCancellationException> {
      withTimeout(5.seconds) { chat.getVisitor(TOKEN) }
    }

    assertThat(cancelled).containsExactly("/api/v1/livechat/visitor/$TOKEN")
    assertThat(server.await({ it.requests().count { r -> r == "GET /api/v1/livechat/visitor/$TOKEN" } > 1 }, Duration.ofSeconds(1)))
      .`as`("no retry").isFalse()
  }
}
