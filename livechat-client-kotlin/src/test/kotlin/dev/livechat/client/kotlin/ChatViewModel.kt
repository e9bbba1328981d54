package dev.livechat.client.kotlin

import dev.livechat.client.LivechatClient
import dev.livechat.client.exception.LivechatException
import dev.livechat.client.model.HistoryQuery
import dev.livechat.client.model.Message
import dev.livechat.client.realtime.ConnectionState
import dev.livechat.client.realtime.RealtimeEvent
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.runningFold
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.launch

/**
 * The chat screen's ViewModel of NOTES-kotlin.md, with a [CoroutineScope] where an Android
 * `ViewModel` has `viewModelScope` (no Android SDK in this build): compiled and tested so that the
 * documented example works.
 */
class ChatViewModel(client: LivechatClient, private val token: String, private val roomId: String, private val scope: CoroutineScope) {
  private val chat = client.suspending()
  private val session = client.realtimeSession(token, roomId)

  /** Where the connection stands: a "reconnecting" banner. */
  val connection: StateFlow<ConnectionState> = session.state

  /**
   * The conversation, oldest first. The session opens while someone collects (the screen is
   * started), and closes 5 s after the last collector left (a rotation does not reopen it).
   */
  val messages: StateFlow<List<Message>> = session.events
    .runningFold(Shown()) { shown, event -> shown.after(event) }
    .filter { it.historyLoaded }
    .map { shown -> shown.byId.values.sortedBy { it.timestamp() } }
    .stateIn(scope, SharingStarted.WhileSubscribed(5_000), emptyList())

  private val failure = MutableStateFlow<LivechatException?>(null)

  /** The last call that failed, for a snackbar. */
  val error: StateFlow<LivechatException?> = failure.asStateFlow()

  /** Sends [text]; it shows when the session brings it back. */
  fun send(text: String): Job = scope.launch {
    session.typing(false)
    try {
      chat.sendMessage(token, roomId, text)
    } catch (refused: LivechatException) { // CancellationException is not one: cancelling still works
      failure.value = refused
    }
  }

  fun onTextChanged(text: String) {
    session.typing(text.isNotEmpty())
  }

  /** What the screen shows: the messages by id, and whether the history is in. */
  private data class Shown(val historyLoaded: Boolean = false, val byId: Map<String, Message> = emptyMap())

  /**
   * Once connected (caught up), the session's baseline and what is older are ours to load: load
   * them once per session, keeping what the events already brought (the newer state).
   */
  private suspend fun Shown.after(event: RealtimeEvent): Shown = when (event) {
    is RealtimeEvent.MessageReceived -> copy(byId = byId + (event.message().id() to event.message()))
    is RealtimeEvent.MessageEdited -> copy(byId = byId + (event.message().id() to event.message()))
    is RealtimeEvent.MessageUpdated -> copy(byId = byId + (event.message().id() to event.message()))
    is RealtimeEvent.MessageDeleted -> copy(byId = byId - event.messageId())
    is RealtimeEvent.ConnectionStateChanged ->
      if (event.state() == ConnectionState.CONNECTED && !historyLoaded) {
        val history = chat.loadHistory(token, roomId, HistoryQuery.latest(50)).messages()
        Shown(true, history.associateBy { it.id() } + byId)
      } else {
        this
      }
    else -> this
  }
}
