package dev.livechat.client.kotlin

import dev.livechat.client.FileUpload
import dev.livechat.client.exception.LivechatApiException
import dev.livechat.client.LivechatClient
import dev.livechat.client.exception.LivechatException
import dev.livechat.client.RetryPolicy
import dev.livechat.client.model.Agent
import dev.livechat.client.model.CustomField
import dev.livechat.client.model.Message
import dev.livechat.client.model.NewVisitor
import dev.livechat.client.model.OfflineMessage
import dev.livechat.client.model.PageVisit
import dev.livechat.client.model.SurveyAnswer
import dev.livechat.client.testing.CustomFieldDefinition
import dev.livechat.client.testing.FakeLivechatServer
import java.time.Instant
import java.util.concurrent.CompletionException
import java.util.concurrent.ExecutionException
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Every endpoint through its suspend function, against the fake server. */
class SuspendLivechatClientTest {
  private lateinit var server: FakeLivechatServer
  private lateinit var client: LivechatClient
  private lateinit var chat: SuspendLivechatClient

  @BeforeEach
  fun start() {
    server = FakeLivechatServer.start()
    client = LivechatClient.builder().baseUrl(server.url()).retryPolicy(RetryPolicy.none()).build()
    chat = client.suspending()
  }

  @AfterEach
  fun stop() {
    client.close()
    server.close()
  }

  @Test
  fun everyEndpointAnswersWithTheJavaRecords() = runTest(timeout = 30.seconds) {
    server.addDepartment("sales", "Sales")
    // The server takes only the custom fields it defines.
    server.reconfigure { it.withCustomFields(listOf(CustomFieldDefinition.visitor("plan"), CustomFieldDefinition.visitor("city"))) }
    val smith = server.agent("agent.smith", "Agent Smith")
    smith.joinDepartment("sales") // the server offers only agents of the department

    assertThat(chat.config().online()).isTrue()
    val ada = chat.registerVisitor(NewVisitor.of(TOKEN).withName("Ada").withCustomField(CustomField.of("plan", "pro")))
    assertThat(ada.username()).isEqualTo("guest-1")
    val next: Agent? = chat.nextAgent(TOKEN)
    assertThat(next?.username()).isEqualTo("agent.smith")
    assertThat(chat.nextAgent(TOKEN, "sales")?.username()).isEqualTo("agent.smith")

    val rid = chat.openRoom(TOKEN, agentId = smith.id()).room().id()
    assertThat(chat.nextAgent(TOKEN)).`as`("none while a room is open: null, not an empty Optional").isNull()
    assertThat(chat.openRoom(TOKEN).newRoom()).isFalse()
    assertThat(chat.config(TOKEN).room()?.id()).isEqualTo(rid)
    assertThat(chat.agentInfo(TOKEN, rid).name()).isEqualTo("Agent Smith")
    assertThat(chat.getVisitor(TOKEN).name()).isEqualTo("Ada")
    assertThat(chat.setVisitorStatus(TOKEN, "away")).isEqualTo("away")
    assertThat(chat.setCustomField(TOKEN, "plan", "free", false).value()).isEqualTo("free")
    assertThat(chat.setCustomFields(TOKEN, listOf(CustomField("city", "Paris", true))))
      .containsExactly(CustomField("city", "Paris", true))

    val recorded = chat.sendPageVisited(TOKEN, rid, PageVisit.of("https://shop.example.com/cart", "Cart"))
    assertThat(recorded?.href()).isEqualTo("https://shop.example.com/cart")
    assertThat(server.pageVisits()).containsExactly(PageVisit.of("https://shop.example.com/cart", "Cart"))
    val survey = chat.submitSurvey(TOKEN, rid, listOf(SurveyAnswer("satisfaction", "5")))
    assertThat(survey.answers()).containsEntry("satisfaction", "5")

    val upload = chat.uploadFile(TOKEN, rid, FileUpload.of("receipt".toByteArray(), "receipt.pdf", "application/pdf"))
    assertThat(upload.file()?.name()).isEqualTo("receipt.pdf")
    assertThat(chat.getMessage(TOKEN, rid, upload.id()).file()?.id()).isEqualTo(upload.file()?.id())
    chat.downloadFile(TOKEN, rid, upload.file()!!).use { download ->
      assertThat(String(download.body().readAllBytes())).isEqualTo("receipt")
      assertThat(download.contentType()).startsWith("application/pdf")
    }

    val sent = chat.sendMessage(TOKEN, rid, "Hello!")
    val neverEdited: Instant? = sent.editedAt() // JSpecify @Nullable: Instant? in Kotlin
    assertThat(neverEdited).isNull()
    val edited = chat.updateMessage(TOKEN, rid, sent.id(), "Hello again!")
    assertThat(edited.editedAt()).isNotNull()
    assertThat(chat.deleteMessage(TOKEN, rid, sent.id()).id()).isEqualTo(sent.id())
    assertThat(chat.loadHistory(TOKEN, rid).messages().map(Message::id)).contains(upload.id()).doesNotContain(sent.id())
    assertThat(chat.requestTranscript(TOKEN, rid, "ada@example.com")).isEqualTo("Livechat transcript sent")

    chat.transferToDepartment(TOKEN, rid, "sales")
    assertThat(server.room(rid).orElseThrow().departmentId()).isEqualTo("sales")
    assertThat(chat.closeRoom(TOKEN, rid).comment()).isEqualTo("Closed by visitor")
    assertThat(chat.deleteVisitor(TOKEN).id()).isEqualTo(ada.id())

    server.agentsOnline(false)
    val left = OfflineMessage.of("Ada", "ada@example.com", "Please call me back")
    assertThat(chat.sendOfflineMessage(left).message()).isEqualTo("Livechat offline message sent")
    assertThat(server.offlineMessages()).containsExactly(left)
  }

  @Test
  fun aRefusalIsTheSdksExceptionNotACompletionException() = runTest(timeout = 30.seconds) {
    chat.registerVisitor(NewVisitor.of(TOKEN))

    val refused = assertThrows<LivechatApiException> { chat.sendMessage(TOKEN, "nowhere", "hi") }

    assertThat(refused.errorCode()).isEqualTo("invalid-room")
    assertThat(refused.statusCode()).isEqualTo(400)
  }

  /** A future that failed before the coroutine could suspend (the client is closed) is unwrapped too. */
  @Test
  fun aFailureBeforeAnyRequestIsTheSdksExceptionToo() = runTest(timeout = 30.seconds) {
    client.close()

    val failure = assertThrows<LivechatException> { chat.getVisitor(TOKEN) }

    assertThat(failure).isNotInstanceOf(CompletionException::class.java).isNotInstanceOf(ExecutionException::class.java)
    assertThat(failure.message).contains("The client is closed")
    assertThat(server.requestCount()).isZero()
  }

  @Test
  fun badArgumentsThrowAtOnceAsInJava() = runTest(timeout = 30.seconds) {
    assertThrows<IllegalArgumentException> { chat.sendMessage(" ", "room", "hi") }
    assertThat(server.requestCount()).isZero()
  }
}
