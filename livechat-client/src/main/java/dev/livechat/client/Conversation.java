package dev.livechat.client;

import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import java.util.stream.Stream;

/**
 * One visitor's conversation in one room: the calls of {@link LivechatClient} that take a token
 * and a room id, with both bound. It adds no behaviour of its own; every method documents itself
 * on the client method it calls. Obtain one with {@link LivechatClient#conversation}.
 */
public final class Conversation {
  private final LivechatClient client;
  private final String token;
  private final String roomId;

  Conversation(LivechatClient client, String token, String roomId) {
    this.client = client;
    this.token = token;
    this.roomId = roomId;
  }

  /** The room id. */
  public String roomId() {
    return roomId;
  }

  /** See {@link LivechatClient#sendMessage(String, String, String)}. */
  public Message send(String text) {
    return client.sendMessage(token, roomId, text);
  }

  /** See {@link LivechatClient#updateMessage}. */
  public Message edit(String messageId, String text) {
    return client.updateMessage(token, roomId, messageId, text);
  }

  /** See {@link LivechatClient#deleteMessage}. */
  public DeletedMessage delete(String messageId) {
    return client.deleteMessage(token, roomId, messageId);
  }

  /** See {@link LivechatClient#loadHistory(String, String, HistoryQuery)}. */
  public MessageHistory history(HistoryQuery query) {
    return client.loadHistory(token, roomId, query);
  }

  /** See {@link LivechatClient#streamHistory}. */
  public Stream<Message> wholeHistory(int pageSize) {
    return client.streamHistory(token, roomId, pageSize);
  }

  /** See {@link LivechatClient#uploadFile}. */
  public Message upload(FileUpload file) {
    return client.uploadFile(token, roomId, file);
  }

  /** See {@link LivechatClient#downloadFile(String, String, FileInfo)}. */
  public FileDownload download(FileInfo file) {
    return client.downloadFile(token, roomId, file);
  }

  /** See {@link LivechatClient#downloadFile(String, String, String)}. */
  public FileDownload download(String link) {
    return client.downloadFile(token, roomId, link);
  }

  /** See {@link LivechatClient#closeRoom}. */
  public ClosedRoom close() {
    return client.closeRoom(token, roomId);
  }

  /** See {@link LivechatClient#requestTranscript}. */
  public String transcript(String email) {
    return client.requestTranscript(token, roomId, email);
  }

  /** Names the room, never the token. */
  @Override
  public String toString() {
    return "Conversation[roomId=" + roomId + "]";
  }
}
