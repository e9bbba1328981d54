package dev.livechat.client;

import static dev.livechat.client.internal.Checks.notBlank;
import static dev.livechat.client.internal.Checks.notNull;
import static dev.livechat.client.internal.Checks.pathSegment;

import dev.livechat.client.internal.Endpoint;
import dev.livechat.client.internal.Json;
import dev.livechat.client.internal.JsonBody;
import dev.livechat.client.internal.ResponseReader;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;

/**
 * Every endpoint of the visitor API, described once. Each method checks its arguments (so bad
 * input fails before any I/O) and returns the description that {@link LivechatClient} executes.
 */
final class Endpoints {
  private Endpoints() {}

  static Endpoint<Message> sendMessage(SendMessageRequest request) {
    return Endpoint.post("livechat/message")
        .body(notNull(request, "request"), Json.SEND_MESSAGE_REQUEST)
        .returning(ResponseReader.field("message", Json.MESSAGE));
  }

  static Endpoint<Message> updateMessage(String token, String rid, String messageId, String text) {
    return Endpoint.put("livechat/message/:_id", pathSegment(messageId, "messageId"))
        .body(JsonBody.fields(
            "token", notBlank(token, "token"), "rid", notBlank(rid, "rid"), "msg", notBlank(text, "text")))
        .safeToRepeat(true)
        .returning(ResponseReader.field("message", Json.MESSAGE));
  }

  static Endpoint<DeletedMessage> deleteMessage(String token, String rid, String messageId) {
    return Endpoint.delete("livechat/message/:_id", pathSegment(messageId, "messageId"))
        .body(JsonBody.fields("token", notBlank(token, "token"), "rid", notBlank(rid, "rid")))
        .returning(ResponseReader.field("message", Json.DELETED_MESSAGE));
  }

  static Endpoint<MessageHistory> loadHistory(String token, String rid, HistoryQuery query) {
    notNull(query, "query");
    return Endpoint.get("livechat/messages.history/:rid", pathSegment(rid, "rid"))
        .query("token", notBlank(token, "token"))
        .query("ls", query.lastSeen())
        .query("end", query.end())
        .query("limit", query.limit())
        .returning(ResponseReader.whole(Json.MESSAGE_HISTORY));
  }

  static Endpoint<OfflineMessageResult> sendOfflineMessage(OfflineMessage message) {
    return Endpoint.post("livechat/offline.message")
        .body(notNull(message, "message"), Json.OFFLINE_MESSAGE)
        .returning(ResponseReader.whole(Json.OFFLINE_MESSAGE_RESULT));
  }
}
