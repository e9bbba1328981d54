package dev.livechat.client;

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
  public CompletableFuture<Message> sendMessage(String token, String rid, String text) {
    return sendMessage(SendMessageRequest.of(token, rid, text));
  }

  /** See {@link LivechatClient#sendMessage(SendMessageRequest)}. */
  public CompletableFuture<Message> sendMessage(SendMessageRequest request) {
    return http.executeAsync(Endpoints.sendMessage(request));
  }

  /** See {@link LivechatClient#updateMessage}. */
  public CompletableFuture<Message> updateMessage(String token, String rid, String messageId, String text) {
    return http.executeAsync(Endpoints.updateMessage(token, rid, messageId, text));
  }

  /** See {@link LivechatClient#deleteMessage}. */
  public CompletableFuture<DeletedMessage> deleteMessage(String token, String rid, String messageId) {
    return http.executeAsync(Endpoints.deleteMessage(token, rid, messageId));
  }

  /** See {@link LivechatClient#loadHistory(String, String)}. */
  public CompletableFuture<MessageHistory> loadHistory(String token, String rid) {
    return loadHistory(token, rid, HistoryQuery.defaults());
  }

  /** See {@link LivechatClient#loadHistory(String, String, HistoryQuery)}. */
  public CompletableFuture<MessageHistory> loadHistory(String token, String rid, HistoryQuery query) {
    return http.executeAsync(Endpoints.loadHistory(token, rid, query));
  }

  /** See {@link LivechatClient#sendOfflineMessage}. */
  public CompletableFuture<OfflineMessageResult> sendOfflineMessage(OfflineMessage message) {
    return http.executeAsync(Endpoints.sendOfflineMessage(message));
  }

  /** See {@link LivechatClient#getMessage}. */
  public CompletableFuture<Message> getMessage(String token, String rid, String messageId) {
    return http.executeAsync(Endpoints.getMessage(token, rid, messageId));
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
  public CompletableFuture<RoomResult> openRoom(String token, @Nullable String rid, @Nullable String agentId) {
    return http.executeAsync(Endpoints.openRoom(token, rid, agentId));
  }

  /** See {@link LivechatClient#closeRoom}. */
  public CompletableFuture<ClosedRoom> closeRoom(String token, String rid) {
    return http.executeAsync(Endpoints.closeRoom(token, rid));
  }

  /** See {@link LivechatClient#transferToDepartment}. */
  public CompletableFuture<Void> transferToDepartment(String token, String rid, String departmentId) {
    return http.executeAsync(Endpoints.transferToDepartment(token, rid, departmentId));
  }

  /** See {@link LivechatClient#submitSurvey}. */
  public CompletableFuture<SurveyResult> submitSurvey(String token, String rid, List<SurveyAnswer> answers) {
    return http.executeAsync(Endpoints.submitSurvey(token, rid, answers));
  }

  /** See {@link LivechatClient#agentInfo}. */
  public CompletableFuture<Agent> agentInfo(String token, String rid) {
    return http.executeAsync(Endpoints.agentInfo(token, rid));
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
  public CompletableFuture<FileDownload> downloadFile(String token, String rid, FileInfo file) {
    return http.executeAsync(Endpoints.downloadFile(token, rid, file));
  }

  /** See {@link LivechatClient#downloadFile(String, String, String)} and the {@link FileInfo} form above. */
  public CompletableFuture<FileDownload> downloadFile(String token, String rid, String link) {
    return http.executeAsync(Endpoints.downloadFile(http.baseUrl(), token, rid, link));
  }

  /** See {@link LivechatClient#sendPageVisited}; completes with null when nothing was recorded. */
  public CompletableFuture<@Nullable RecordedPageVisit> sendPageVisited(String token, String rid, PageVisit page) {
    return http.executeAsync(Endpoints.sendPageVisited(token, rid, page));
  }

  /** See {@link LivechatClient#requestTranscript}. */
  public CompletableFuture<String> requestTranscript(String token, String rid, String email) {
    return http.executeAsync(Endpoints.requestTranscript(token, rid, email));
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
  public CompletableFuture<Message> uploadFile(String token, String rid, FileUpload file) {
    return http.executeAsync(Endpoints.uploadFile(token, rid, file));
  }
}
