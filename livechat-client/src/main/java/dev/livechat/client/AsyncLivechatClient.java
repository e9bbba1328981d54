package dev.livechat.client;

import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.internal.Http;
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
  private final Http http;

  AsyncLivechatClient(Http http) {
    this.http = http;
  }

  /** See {@link LivechatClient#config()}. */
  public CompletableFuture<LivechatConfig> config() {
    return http.executeAsync(Endpoints.config(null, null));
  }

  /** See {@link LivechatClient#config(String, String)}. */
  public CompletableFuture<LivechatConfig> config(@Nullable String token, @Nullable String departmentId) {
    return http.executeAsync(Endpoints.config(token, departmentId));
  }

  /** See {@link LivechatClient#sendMessage(String, String, String)}. */
  public CompletableFuture<Message> sendMessage(String token, String roomId, String text) {
    return sendMessage(SendMessageRequest.of(token, roomId, text));
  }

  /** See {@link LivechatClient#sendMessage(SendMessageRequest)}. */
  public CompletableFuture<Message> sendMessage(SendMessageRequest request) {
    return http.executeAsync(Endpoints.sendMessage(request));
  }

  /** See {@link LivechatClient#updateMessage}. */
  public CompletableFuture<Message> updateMessage(String token, String roomId, String messageId, String text) {
    return http.executeAsync(Endpoints.updateMessage(token, roomId, messageId, text));
  }

  /** See {@link LivechatClient#deleteMessage}. */
  public CompletableFuture<DeletedMessage> deleteMessage(String token, String roomId, String messageId) {
    return http.executeAsync(Endpoints.deleteMessage(token, roomId, messageId));
  }

  /** See {@link LivechatClient#loadHistory(String, String)}. */
  public CompletableFuture<MessageHistory> loadHistory(String token, String roomId) {
    return loadHistory(token, roomId, HistoryQuery.defaults());
  }

  /** See {@link LivechatClient#loadHistory(String, String, HistoryQuery)}. */
  public CompletableFuture<MessageHistory> loadHistory(String token, String roomId, HistoryQuery query) {
    return http.executeAsync(Endpoints.loadHistory(token, roomId, query));
  }

  /** See {@link LivechatClient#sendOfflineMessage}. */
  public CompletableFuture<OfflineMessageResult> sendOfflineMessage(OfflineMessage message) {
    return http.executeAsync(Endpoints.sendOfflineMessage(message));
  }

  /** See {@link LivechatClient#getMessage}. */
  public CompletableFuture<Message> getMessage(String token, String roomId, String messageId) {
    return http.executeAsync(Endpoints.getMessage(token, roomId, messageId));
  }

  /** See {@link LivechatClient#registerVisitor}. */
  public CompletableFuture<Visitor> registerVisitor(NewVisitor visitor) {
    return http.executeAsync(Endpoints.registerVisitor(visitor));
  }

  /** See {@link LivechatClient#getVisitor}. */
  public CompletableFuture<Visitor> getVisitor(String token) {
    return http.executeAsync(Endpoints.getVisitor(token));
  }

  /** See {@link LivechatClient#deleteVisitor}. */
  public CompletableFuture<DeletedVisitor> deleteVisitor(String token) {
    return http.executeAsync(Endpoints.deleteVisitor(token));
  }

  /** See {@link LivechatClient#setVisitorStatus}. */
  public CompletableFuture<String> setVisitorStatus(String token, String status) {
    return http.executeAsync(Endpoints.setVisitorStatus(token, status));
  }

  /** See {@link LivechatClient#openRoom(String)}. */
  public CompletableFuture<RoomResult> openRoom(String token) {
    return http.executeAsync(Endpoints.openRoom(token, null, null));
  }

  /** See {@link LivechatClient#openRoom(String, String, String)}. */
  public CompletableFuture<RoomResult> openRoom(String token, @Nullable String roomId, @Nullable String agentId) {
    return http.executeAsync(Endpoints.openRoom(token, roomId, agentId));
  }

  /** See {@link LivechatClient#closeRoom}. */
  public CompletableFuture<ClosedRoom> closeRoom(String token, String roomId) {
    return http.executeAsync(Endpoints.closeRoom(token, roomId));
  }

  /** See {@link LivechatClient#transferToDepartment}. */
  public CompletableFuture<Void> transferToDepartment(String token, String roomId, String departmentId) {
    return http.executeAsync(Endpoints.transferToDepartment(token, roomId, departmentId));
  }

  /** See {@link LivechatClient#submitSurvey}. */
  public CompletableFuture<SurveyResult> submitSurvey(String token, String roomId, List<SurveyAnswer> answers) {
    return http.executeAsync(Endpoints.submitSurvey(token, roomId, answers));
  }

  /** See {@link LivechatClient#agentInfo}. */
  public CompletableFuture<Agent> agentInfo(String token, String roomId) {
    return http.executeAsync(Endpoints.agentInfo(token, roomId));
  }

  /** See {@link LivechatClient#nextAgent(String)}. */
  public CompletableFuture<Optional<Agent>> nextAgent(String token) {
    return http.executeAsync(Endpoints.nextAgent(token));
  }

  /** See {@link LivechatClient#nextAgent(String, String)}. */
  public CompletableFuture<Optional<Agent>> nextAgent(String token, String departmentId) {
    return http.executeAsync(Endpoints.nextAgent(token, departmentId));
  }

  /**
   * See {@link LivechatClient#downloadFile(String, String, FileInfo)}: completes when the file
   * starts to arrive, with the open download; close it. If the future is cancelled first, the
   * download is closed for you.
   */
  public CompletableFuture<FileDownload> downloadFile(String token, String roomId, FileInfo file) {
    return http.executeAsync(Endpoints.downloadFile(token, roomId, file));
  }

  /** See {@link LivechatClient#downloadFile(String, String, String)} and the {@link FileInfo} form above. */
  public CompletableFuture<FileDownload> downloadFile(String token, String roomId, String link) {
    return http.executeAsync(Endpoints.downloadFile(http.baseUrl(), token, roomId, link));
  }

  /** See {@link LivechatClient#sendPageVisited}; completes with null when nothing was recorded. */
  public CompletableFuture<@Nullable RecordedPageVisit> sendPageVisited(String token, String roomId, PageVisit page) {
    return http.executeAsync(Endpoints.sendPageVisited(token, roomId, page));
  }

  /** See {@link LivechatClient#requestTranscript}. */
  public CompletableFuture<String> requestTranscript(String token, String roomId, String email) {
    return http.executeAsync(Endpoints.requestTranscript(token, roomId, email));
  }

  /** See {@link LivechatClient#setCustomField}. */
  public CompletableFuture<CustomField> setCustomField(String token, String key, String value, boolean overwrite) {
    return http.executeAsync(Endpoints.setCustomField(token, new CustomField(key, value, overwrite)));
  }

  /** See {@link LivechatClient#setCustomFields}. */
  public CompletableFuture<List<CustomField>> setCustomFields(String token, List<CustomField> fields) {
    return http.executeAsync(Endpoints.setCustomFields(token, fields));
  }

  /** See {@link LivechatClient#uploadFile}. */
  public CompletableFuture<Message> uploadFile(String token, String roomId, FileUpload file) {
    return http.executeAsync(Endpoints.uploadFile(token, roomId, file));
  }
}
