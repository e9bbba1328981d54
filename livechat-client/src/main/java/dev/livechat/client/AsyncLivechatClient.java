package dev.livechat.client;

import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.CustomField;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.DeletedVisitor;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.LivechatConfig;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.RecordedPageVisit;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.SurveyAnswer;
import dev.livechat.client.model.SurveyResult;
import dev.livechat.client.model.Visitor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Every endpoint of {@link LivechatClient}, without blocking: obtained with {@link
 * LivechatClient#async()}. Each method runs the same description of its endpoint as its blocking
 * twin, documented there, with the same retries.
 *
 * <p>Bad arguments throw at once, as in the blocking form. Every other failure completes the
 * future exceptionally with the {@link LivechatException} the blocking form would throw. Futures
 * complete on an OkHttp dispatcher thread (or the client's retry timer): do not block in their
 * callbacks; move the work elsewhere, for example with {@code thenApplyAsync(fn, executor)}.
 * Cancelling a future cancels the HTTP call in flight and any retry still to come.
 */
public final class AsyncLivechatClient {
  private final CallExecutor executor;

  AsyncLivechatClient(CallExecutor executor) {
    this.executor = executor;
  }

  /** See {@link LivechatClient#config()}. */
  public CompletableFuture<LivechatConfig> config() {
    return executor.executeAsync(VisitorApi.config(null, null));
  }

  /** See {@link LivechatClient#config(String, String)}. */
  public CompletableFuture<LivechatConfig> config(@Nullable String token, @Nullable String departmentId) {
    return executor.executeAsync(VisitorApi.config(token, departmentId));
  }

  /** See {@link LivechatClient#sendMessage(String, String, String)}. */
  public CompletableFuture<Message> sendMessage(String token, String roomId, String text) {
    return sendMessage(SendMessageRequest.of(token, roomId, text));
  }

  /** See {@link LivechatClient#sendMessage(SendMessageRequest)}. */
  public CompletableFuture<Message> sendMessage(SendMessageRequest request) {
    return executor.executeAsync(VisitorApi.sendMessage(request));
  }

  /** See {@link LivechatClient#updateMessage}. */
  public CompletableFuture<Message> updateMessage(String token, String roomId, String messageId, String text) {
    return executor.executeAsync(VisitorApi.updateMessage(token, roomId, messageId, text));
  }

  /** See {@link LivechatClient#deleteMessage}. */
  public CompletableFuture<DeletedMessage> deleteMessage(String token, String roomId, String messageId) {
    return executor.executeAsync(VisitorApi.deleteMessage(token, roomId, messageId));
  }

  /** See {@link LivechatClient#loadHistory(String, String)}. */
  public CompletableFuture<MessageHistory> loadHistory(String token, String roomId) {
    return loadHistory(token, roomId, HistoryQuery.defaults());
  }

  /** See {@link LivechatClient#loadHistory(String, String, HistoryQuery)}. */
  public CompletableFuture<MessageHistory> loadHistory(String token, String roomId, HistoryQuery query) {
    return executor.executeAsync(VisitorApi.loadHistory(token, roomId, query));
  }

  /** See {@link LivechatClient#sendOfflineMessage}. */
  public CompletableFuture<OfflineMessageResult> sendOfflineMessage(OfflineMessage message) {
    return executor.executeAsync(VisitorApi.sendOfflineMessage(message));
  }

  /** See {@link LivechatClient#getMessage}. */
  public CompletableFuture<Message> getMessage(String token, String roomId, String messageId) {
    return executor.executeAsync(VisitorApi.getMessage(token, roomId, messageId));
  }

  /** See {@link LivechatClient#registerVisitor}. */
  public CompletableFuture<Visitor> registerVisitor(NewVisitor visitor) {
    return executor.executeAsync(VisitorApi.registerVisitor(visitor));
  }

  /** See {@link LivechatClient#getVisitor}. */
  public CompletableFuture<Visitor> getVisitor(String token) {
    return executor.executeAsync(VisitorApi.getVisitor(token));
  }

  /** See {@link LivechatClient#deleteVisitor}. */
  public CompletableFuture<DeletedVisitor> deleteVisitor(String token) {
    return executor.executeAsync(VisitorApi.deleteVisitor(token));
  }

  /** See {@link LivechatClient#setVisitorStatus}. */
  public CompletableFuture<String> setVisitorStatus(String token, String status) {
    return executor.executeAsync(VisitorApi.setVisitorStatus(token, status));
  }

  /** See {@link LivechatClient#openRoom(String)}. */
  public CompletableFuture<RoomResult> openRoom(String token) {
    return executor.executeAsync(VisitorApi.openRoom(token, null, null));
  }

  /** See {@link LivechatClient#openRoom(String, String, String)}. */
  public CompletableFuture<RoomResult> openRoom(String token, @Nullable String roomId, @Nullable String agentId) {
    return executor.executeAsync(VisitorApi.openRoom(token, roomId, agentId));
  }

  /** See {@link LivechatClient#closeRoom}. */
  public CompletableFuture<ClosedRoom> closeRoom(String token, String roomId) {
    return executor.executeAsync(VisitorApi.closeRoom(token, roomId));
  }

  /** See {@link LivechatClient#transferToDepartment}. */
  public CompletableFuture<Void> transferToDepartment(String token, String roomId, String departmentId) {
    return executor.executeAsync(VisitorApi.transferToDepartment(token, roomId, departmentId));
  }

  /** See {@link LivechatClient#submitSurvey}. */
  public CompletableFuture<SurveyResult> submitSurvey(String token, String roomId, List<SurveyAnswer> answers) {
    return executor.executeAsync(VisitorApi.submitSurvey(token, roomId, answers));
  }

  /** See {@link LivechatClient#agentInfo}. */
  public CompletableFuture<Agent> agentInfo(String token, String roomId) {
    return executor.executeAsync(VisitorApi.agentInfo(token, roomId));
  }

  /** See {@link LivechatClient#nextAgent(String)}. */
  public CompletableFuture<Optional<Agent>> nextAgent(String token) {
    return executor.executeAsync(VisitorApi.nextAgent(token));
  }

  /** See {@link LivechatClient#nextAgent(String, String)}. */
  public CompletableFuture<Optional<Agent>> nextAgent(String token, String departmentId) {
    return executor.executeAsync(VisitorApi.nextAgent(token, departmentId));
  }

  /**
   * See {@link LivechatClient#downloadFile(String, String, FileInfo)}: completes when the file
   * starts to arrive, with the open download; close it. If the future is cancelled first, the
   * download is closed for you.
   */
  public CompletableFuture<FileDownload> downloadFile(String token, String roomId, FileInfo file) {
    return executor.executeAsync(VisitorApi.downloadFile(token, roomId, file));
  }

  /** See {@link LivechatClient#downloadFile(String, String, String)} and the {@link FileInfo} form above. */
  public CompletableFuture<FileDownload> downloadFile(String token, String roomId, String link) {
    return executor.executeAsync(VisitorApi.downloadFile(executor.baseUrl(), token, roomId, link));
  }

  /** See {@link LivechatClient#sendPageVisited}; completes with null when nothing was recorded. */
  public CompletableFuture<@Nullable RecordedPageVisit> sendPageVisited(String token, String roomId, PageVisit page) {
    return executor.executeAsync(VisitorApi.sendPageVisited(token, roomId, page));
  }

  /** See {@link LivechatClient#requestTranscript}. */
  public CompletableFuture<String> requestTranscript(String token, String roomId, String email) {
    return executor.executeAsync(VisitorApi.requestTranscript(token, roomId, email));
  }

  /** See {@link LivechatClient#setCustomField}. */
  public CompletableFuture<CustomField> setCustomField(String token, String key, String value, boolean overwrite) {
    return executor.executeAsync(VisitorApi.setCustomField(token, new CustomField(key, value, overwrite)));
  }

  /** See {@link LivechatClient#setCustomFields}. */
  public CompletableFuture<List<CustomField>> setCustomFields(String token, List<CustomField> fields) {
    return executor.executeAsync(VisitorApi.setCustomFields(token, fields));
  }

  /** See {@link LivechatClient#uploadFile}. */
  public CompletableFuture<Message> uploadFile(String token, String roomId, FileUpload file) {
    return executor.executeAsync(VisitorApi.uploadFile(token, roomId, file));
  }
}
