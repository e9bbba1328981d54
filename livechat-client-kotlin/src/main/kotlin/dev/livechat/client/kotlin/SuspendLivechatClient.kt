package dev.livechat.client.kotlin

import dev.livechat.client.AsyncLivechatClient
import dev.livechat.client.FileDownload
import dev.livechat.client.FileUpload
import dev.livechat.client.LivechatClient
import dev.livechat.client.internal.HistoryCursor
import dev.livechat.client.model.Agent
import dev.livechat.client.model.ClosedRoom
import dev.livechat.client.model.CustomField
import dev.livechat.client.model.DeletedMessage
import dev.livechat.client.model.DeletedVisitor
import dev.livechat.client.model.FileInfo
import dev.livechat.client.model.HistoryQuery
import dev.livechat.client.model.LivechatConfig
import dev.livechat.client.model.Message
import dev.livechat.client.model.MessageHistory
import dev.livechat.client.model.NewVisitor
import dev.livechat.client.model.OfflineMessage
import dev.livechat.client.model.OfflineMessageResult
import dev.livechat.client.model.PageVisit
import dev.livechat.client.model.RecordedPageVisit
import dev.livechat.client.model.RoomResult
import dev.livechat.client.model.SendMessageRequest
import dev.livechat.client.model.SurveyAnswer
import dev.livechat.client.model.SurveyResult
import dev.livechat.client.model.Visitor
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.future.await

/**
 * The endpoints of this client as suspend functions, for coroutines: `client.suspending()`.
 *
 * ```kotlin
 * val chat = client.suspending()
 * val room = chat.openRoom(token).room()
 * val sent = chat.sendMessage(token, room.id(), "Hello!")
 * ```
 *
 * Cheap to create (it holds the client); keep one beside the client, or call `suspending()` each
 * time.
 */
public fun LivechatClient.suspending(): SuspendLivechatClient = SuspendLivechatClient(this)

/**
 * Every endpoint of [LivechatClient] as a `suspend` function, over [AsyncLivechatClient]: the same
 * description of each endpoint, the same retries, the same records back. Obtained with
 * [LivechatClient.suspending]. The methods are named as the Java ones; a wrapper rather than
 * extension functions, because an extension named `sendMessage` on [LivechatClient] would be
 * shadowed by the blocking member of the same name.
 *
 * **No thread is blocked.** A call runs on OkHttp's dispatcher threads while the calling coroutine
 * is suspended, and it resumes in the caller's context: call from `Dispatchers.Main` (a
 * `viewModelScope`) freely, no `withContext(Dispatchers.IO)` needed.
 *
 * **Cancellable.** Cancelling the calling coroutine (its scope ending, `withTimeout`, `job.cancel()`)
 * cancels the HTTP call in flight and any retry still to come, and the function throws
 * `CancellationException` at once. A call the server already received may still have taken effect
 * there (a message sent), as with any cancelled request.
 *
 * **Failures.** Bad arguments throw at once (`IllegalArgumentException` for a blank token). Every
 * other failure is the [dev.livechat.client.exception.LivechatException] the blocking method would throw (a
 * `LivechatApiException` with the server's `errorCode()`, a `LivechatRateLimitException`, a
 * `LivechatNetworkException`...), never wrapped in a `CompletionException`. The Java methods'
 * javadoc says, per endpoint, what the server refuses and whether the call is safe to repeat.
 *
 * Nullability is the Java SDK's own (JSpecify): `Message.editedAt()` is `Instant?`,
 * `Message.id()` is `String`.
 */
public class SuspendLivechatClient internal constructor(private val client: LivechatClient) {
  private val async: AsyncLivechatClient = client.async()

  /** The widget's configuration. `GET /api/v1/livechat/config?token=&department=`. See [LivechatClient.config]. */
  public suspend fun config(token: String? = null, departmentId: String? = null): LivechatConfig =
    async.config(token, departmentId).await()

  /** Sends a message from the visitor into an open room. `POST /api/v1/livechat/message`. See [LivechatClient.sendMessage]. */
  public suspend fun sendMessage(token: String, roomId: String, text: String): Message =
    async.sendMessage(token, roomId, text).await()

  /**
   * Sends a message with an id of the caller's choosing or an agent. `POST /api/v1/livechat/message`.
   * See [LivechatClient.sendMessage].
   */
  public suspend fun sendMessage(request: SendMessageRequest): Message =
    async.sendMessage(request).await()

  /** Replaces the text of one of the visitor's messages. `PUT /api/v1/livechat/message/:_id`. See [LivechatClient.updateMessage]. */
  public suspend fun updateMessage(token: String, roomId: String, messageId: String, text: String): Message =
    async.updateMessage(token, roomId, messageId, text).await()

  /** Deletes one of the visitor's messages. `DELETE /api/v1/livechat/message/:_id`. See [LivechatClient.deleteMessage]. */
  public suspend fun deleteMessage(token: String, roomId: String, messageId: String): DeletedMessage =
    async.deleteMessage(token, roomId, messageId).await()

  /**
   * A page of a room's messages, newest first (by default the newest 20).
   * `GET /api/v1/livechat/messages.history/:rid?token=&ls=&end=&limit=`. See [LivechatClient.loadHistory].
   */
  public suspend fun loadHistory(token: String, roomId: String, query: HistoryQuery = HistoryQuery.defaults()): MessageHistory =
    async.loadHistory(token, roomId, query).await()

  /**
   * The room's whole history as a cold [Flow], newest first, loaded lazily [pageSize] messages at a
   * time as it is collected: each page is one [loadHistory] call, made when the collector wants the
   * message after the last one loaded. No message is repeated or skipped at a page boundary, even
   * when several share a timestamp (as [LivechatClient.streamHistory]). Each collection walks the
   * history anew.
   *
   * Cancelling the collector (its scope ending, `take(n)` reached, `withTimeout`) cancels the page
   * load in flight and loads nothing more. A page the server refuses ends the flow with the
   * exception [loadHistory] throws.
   *
   * ```kotlin
   * chat.history(token, roomId).filter { it.type() == null }.take(100).collect { show(it) }
   * ```
   *
   * @throws IllegalArgumentException at once, before any request, for a blank token, a bad room id
   *   or a [pageSize] below 1
   */
  public fun history(token: String, roomId: String, pageSize: Int = 50): Flow<Message> {
    client.streamHistory(token, roomId, pageSize).close() // checks the arguments now; loads nothing
    return flow {
      val cursor = HistoryCursor(pageSize)
      while (!cursor.exhausted()) {
        val page = loadHistory(token, roomId, cursor.nextQuery()).messages()
        for (message in cursor.accept(page)) {
          emit(message)
        }
      }
    }
  }

  /** Fetches one message of a room. `GET /api/v1/livechat/message/:_id?token=&rid=`. See [LivechatClient.getMessage]. */
  public suspend fun getMessage(token: String, roomId: String, messageId: String): Message =
    async.getMessage(token, roomId, messageId).await()

  /** Uploads a file into the visitor's open room. `POST /api/v1/livechat/upload/:rid`. See [LivechatClient.uploadFile]. */
  public suspend fun uploadFile(token: String, roomId: String, file: FileUpload): Message =
    async.uploadFile(token, roomId, file).await()

  /** Leaves a message for when no agent is online. `POST /api/v1/livechat/offline.message`. See [LivechatClient.sendOfflineMessage]. */
  public suspend fun sendOfflineMessage(message: OfflineMessage): OfflineMessageResult =
    async.sendOfflineMessage(message).await()

  /** Registers a visitor, or updates the one with the same token. `POST /api/v1/livechat/visitor`. See [LivechatClient.registerVisitor]. */
  public suspend fun registerVisitor(visitor: NewVisitor): Visitor =
    async.registerVisitor(visitor).await()

  /** Fetches the visitor with [token]. `GET /api/v1/livechat/visitor/:token`. See [LivechatClient.getVisitor]. */
  public suspend fun getVisitor(token: String): Visitor =
    async.getVisitor(token).await()

  /** Removes the visitor with [token] and its data. `DELETE /api/v1/livechat/visitor/:token`. See [LivechatClient.deleteVisitor]. */
  public suspend fun deleteVisitor(token: String): DeletedVisitor =
    async.deleteVisitor(token).await()

  /** Sets the visitor's presence. `POST /api/v1/livechat/visitor.status`. See [LivechatClient.setVisitorStatus]. */
  public suspend fun setVisitorStatus(token: String, status: String): String =
    async.setVisitorStatus(token, status).await()

  /**
   * The visitor's open room [roomId] (or, with [roomId] null, the open room or a new one), optionally
   * served by [agentId]. `GET /api/v1/livechat/room?token=&rid=&agentId=`. See [LivechatClient.openRoom].
   */
  public suspend fun openRoom(token: String, roomId: String? = null, agentId: String? = null): RoomResult =
    async.openRoom(token, roomId, agentId).await()

  /** Closes the visitor's room. `POST /api/v1/livechat/room.close`. See [LivechatClient.closeRoom]. */
  public suspend fun closeRoom(token: String, roomId: String): ClosedRoom =
    async.closeRoom(token, roomId).await()

  /**
   * Moves the room to another department. `POST /api/v1/livechat/visitor/department.transfer`.
   * See [LivechatClient.transferToDepartment].
   */
  public suspend fun transferToDepartment(token: String, roomId: String, departmentId: String) {
    async.transferToDepartment(token, roomId, departmentId).await()
  }

  /** Sends the visitor's answers to the satisfaction survey. `POST /api/v1/livechat/room.survey`. See [LivechatClient.submitSurvey]. */
  public suspend fun submitSurvey(token: String, roomId: String, answers: List<SurveyAnswer>): SurveyResult =
    async.submitSurvey(token, roomId, answers).await()

  /** Who serves the room. `GET /api/v1/livechat/agent.info/:rid/:token`. See [LivechatClient.agentInfo]. */
  public suspend fun agentInfo(token: String, roomId: String): Agent =
    async.agentInfo(token, roomId).await()

  /**
   * The agent (of [departmentId], if given) who would take the visitor's next conversation; null
   * where the Java method returns an empty `Optional`. `GET /api/v1/livechat/agent.next/:token?department=`.
   * See [LivechatClient.nextAgent].
   */
  public suspend fun nextAgent(token: String, departmentId: String? = null): Agent? =
    (if (departmentId == null) async.nextAgent(token) else async.nextAgent(token, departmentId)).await().orElse(null)

  /**
   * Records that the visitor opened a page, and returns what the server recorded (null when it
   * recorded nothing). `POST /api/v1/livechat/page.visited`. See [LivechatClient.sendPageVisited].
   */
  public suspend fun sendPageVisited(token: String, roomId: String, page: PageVisit): RecordedPageVisit? =
    async.sendPageVisited(token, roomId, page).await()

  /**
   * Opens a file of the room for reading, as the visitor: `GET /file-upload/:id/:name`, streamed.
   * Close the [FileDownload] when done. See [LivechatClient.downloadFile].
   */
  public suspend fun downloadFile(token: String, roomId: String, file: FileInfo): FileDownload =
    async.downloadFile(token, roomId, file).await()

  /** As [downloadFile], for a link of a message's attachment (`title_link`). */
  public suspend fun downloadFile(token: String, roomId: String, link: String): FileDownload =
    async.downloadFile(token, roomId, link).await()

  /** Mails the transcript of the room to [email]. `POST /api/v1/livechat/transcript`. See [LivechatClient.requestTranscript]. */
  public suspend fun requestTranscript(token: String, roomId: String, email: String): String =
    async.requestTranscript(token, roomId, email).await()

  /** Sets one custom field of the visitor. `POST /api/v1/livechat/custom.field`. See [LivechatClient.setCustomField]. */
  public suspend fun setCustomField(token: String, key: String, value: String, overwrite: Boolean): CustomField =
    async.setCustomField(token, key, value, overwrite).await()

  /** Sets several custom fields of the visitor at once. `POST /api/v1/livechat/custom.fields`. See [LivechatClient.setCustomFields]. */
  public suspend fun setCustomFields(token: String, fields: List<CustomField>): List<CustomField> =
    async.setCustomFields(token, fields).await()

  override fun toString(): String = "SuspendLivechatClient[${client.baseUrl()}]"
}
