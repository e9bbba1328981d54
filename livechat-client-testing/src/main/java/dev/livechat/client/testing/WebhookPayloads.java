package dev.livechat.client.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of the Livechat webhook, built from the fake's own state (never with the SDK's
 * webhook code: the fake is the oracle the SDK is tested against). Each is the object the server
 * builds, in its field order; absent values are left out, as {@code JSON.stringify} leaves out
 * {@code undefined}. Called holding the store's lock.
 *
 * <p>Server: {@code sendToCRM} and {@code getAdditionalFieldsByType} in {@code
 * apps/meteor/app/livechat/server/hooks/sendToCRM.ts}; the room part from {@code
 * getLivechatRoomGuestInfo} ({@code apps/meteor/app/livechat/server/lib/guests.ts}); files from
 * {@code normalizeMessageFileUpload} ({@code
 * apps/meteor/app/utils/server/functions/normalizeMessageFileUpload.ts}); the offline message from
 * {@code apps/meteor/app/livechat/server/hooks/offlineMessage.ts}.
 */
final class WebhookPayloads {
  static final String SESSION_START = "LivechatSessionStart";
  static final String SESSION_QUEUED = "LivechatSessionQueued";
  static final String SESSION_TAKEN = "LivechatSessionTaken";
  static final String SESSION_FORWARDED = "LivechatSessionForwarded";
  static final String SESSION_CLOSED = "LivechatSession";
  static final String MESSAGE = "Message";
  static final String LEAD_CAPTURE = "LeadCapture";
  static final String OFFLINE_MESSAGE = "LivechatOfflineMessage";

  private WebhookPayloads() {}

  /**
   * {@code sendToCRM(type, room, includeMessages)}: the room part, {@code type}, the messages, then
   * the type's additional fields.
   *
   * @param messages the messages to include (before {@code sendMessageType}'s filter); null for the
   *     room's visible messages oldest first ({@code includeMessages === true}), empty for none
   * @param extra the additional fields ({@code getAdditionalFieldsByType}), in order; null values left out
   */
  static Map<String, Object> room(String type, StoredRoom room, @Nullable List<StoredMessage> messages,
      Store store, String siteUrl, Object... extra) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", room.id);
    json.put("label", room.fname);
    json.put("createdAt", room.ts);
    json.put("lastMessageAt", room.lm);
    json.put("customFields", room.livechatData.isEmpty() ? null : new LinkedHashMap<>(room.livechatData));
    json.put("visitor", visitor(room.visitor));
    if (room.servedBy != null) {
      json.put("agent", JsonValues.object("_id", room.servedBy.id, "username", room.servedBy.username,
          "name", room.servedBy.name, "email", room.servedBy.email()));
    }
    if (room.crmData != null && !room.crmData.isEmpty()) { // if (room.crmData)
      json.put("crmData", room.crmData);
    }
    json.put("type", type);
    List<Object> sent = new ArrayList<>();
    List<StoredMessage> candidates = messages;
    if (candidates == null) {
      candidates = new ArrayList<>();
      for (StoredMessage message : store.messages(room.id)) { // Messages.findVisibleByRoomId, sort {ts: 1}
        if (!message.hidden()) {
          candidates.add(message);
        }
      }
      candidates.sort(java.util.Comparator.comparing((StoredMessage m) -> m.ts));
    }
    for (StoredMessage message : candidates) {
      if (message.type == null || sendMessageType(message.type)) {
        sent.add(message(message, room, siteUrl));
      }
    }
    json.put("messages", sent);
    for (int i = 0; i < extra.length; i += 2) {
      json.put((String) extra[i], extra[i + 1]);
    }
    return json;
  }

  /**
   * {@code sendMessageType}: of the typed messages only the closing one ({@code livechat-close}); the
   * page changes ({@code livechat_navigation_history}) need two settings the fake does not have
   * ({@code Send_visitor_navigation_history_livechat_webhook_request} is off by default).
   */
  static boolean sendMessageType(String type) {
    return type.equals("livechat-close");
  }

  /** The {@code visitor} of {@code getLivechatRoomGuestInfo}. */
  private static Map<String, Object> visitor(StoredVisitor visitor) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", visitor.id);
    json.put("token", visitor.token);
    json.put("name", visitor.name);
    json.put("username", visitor.username);
    json.put("department", visitor.department);
    json.put("customFields", visitor.livechatData.isEmpty() ? null : new LinkedHashMap<>(visitor.livechatData));
    List<Object> emails = new ArrayList<>();
    visitor.emails().forEach(address -> emails.add(JsonValues.object("address", address)));
    json.put("email", emails.isEmpty() ? null : emails);
    List<Object> phones = new ArrayList<>();
    visitor.phones().forEach(number -> phones.add(JsonValues.object("phoneNumber", number)));
    json.put("phone", phones.isEmpty() ? null : phones);
    return json;
  }

  /** One entry of {@code messages}: {@code {u, ...msg}}, then {@code fileUpload}, then {@code _updatedAt}. */
  private static Map<String, Object> message(StoredMessage message, StoredRoom room, String siteUrl) {
    Map<String, Object> stored = message.toJson();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("u", message.user.toJson());
    json.put("_id", message.id);
    json.put("username", message.user.username());
    // message.msg || JSON.stringify(message.blocks): no blocks here, so an empty text is left out
    json.put("msg", message.msg.isEmpty() ? null : message.msg);
    json.put("ts", message.ts);
    json.put("rid", message.rid);
    json.put("editedAt", message.editedAt);
    if (!message.user.username().equals(room.visitor.username)) {
      json.put("agentId", message.user.id());
    }
    if ("livechat-close".equals(message.type)) {
      json.put("closingMessage", true);
    }
    if (!message.files.isEmpty()) {
      json.put("file", stored.get("file"));
      json.put("attachments", stored.get("attachments"));
      UploadedFile file = message.files.get(0);
      json.put("fileUpload", JsonValues.object("publicFilePath", siteUrl + file.link(), "type", file.type(),
          "size", file.content().size()));
    }
    json.put("_updatedAt", message.updatedAt);
    return json;
  }

  /** {@code LivechatOfflineMessage}: the form's name, address and message, and when it arrived. */
  static Map<String, Object> offlineMessage(String name, String email, String message, Instant sentAt) {
    return JsonValues.object("type", OFFLINE_MESSAGE, "sentAt", sentAt,
        "visitor", JsonValues.object("name", name, "email", email), "message", message);
  }

  /** A room's {@code servedBy} as stored: {@code {_id, username, ts}}; null if nobody serves it. */
  static @Nullable Map<String, Object> servedBy(StoredRoom room) {
    return room.servedBy == null ? null
        : JsonValues.object("_id", room.servedBy.id, "username", room.servedBy.username, "ts", room.servedSince);
  }
}
