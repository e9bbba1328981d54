package dev.livechat.client.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The message routes (reference §1 rows 14–18), as the server's {@code message.ts} in {@code
 * apps/meteor/server/api/v1/omnichannel/}.
 */
final class MessageRoutes extends Routes {
  /** {@code getMessageUrlRegex} ({@code apps/meteor/lib/getMessageUrlRegex.ts}), its nested {@code ([...]+)+} flattened. */
  private static final Pattern URL = Pattern.compile("([A-Za-z]{3,9})://([-;:&=+$,\\w]+@)?[-A-Za-z0-9.]+:?(\\d+)?"
      + "((/[-+=!:~%/.@,\\w]*)?\\??([-+=&!:;%@/.,\\w]+)?(?:#([^\\s)]+))?)?");

  MessageRoutes(Store store) {
    super(store);
  }

  @Override
  void addTo(RestRouter router) {
    RateLimiter.Limit def = RateLimiter.Limit.DEFAULT;
    RateLimiter.Limit fivePerMinute = new RateLimiter.Limit(5, 60_000);
    router.add("POST", "livechat/message", def, this::sendMessage);
    router.add("GET", "livechat/message/:_id", def, this::getMessage);
    router.add("PUT", "livechat/message/:_id", def, this::updateMessage);
    router.add("DELETE", "livechat/message/:_id", def, this::deleteMessage);
    router.add("GET", "livechat/messages.history/:rid", def, this::history);
  }

  /** 14. {@code POST livechat/message} (legacy validation): a second message with the same id is refused bare. */
  private Map<String, Object> sendMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string())
        .required("rid", Schema.string())
        .required("msg", Schema.string())
        .optional("_id", Schema.string().nullable())
        .optional("agent", Schema.object()
            .required("agentId", Schema.string()).required("username", Schema.string())));
    String token = (String) params.get("token");
    StoredVisitor visitor = guest(token);
    StoredRoom room = roomOf(token, (String) params.get("rid"));
    if (!room.open) {
      throw Refusal.error("room-closed");
    }
    String text = (String) params.get("msg");
    if (settings().messageCharacterLimit() > 0 && text.length() > settings().messageCharacterLimit()) {
      throw Refusal.error("message-length-exceeds-character-limit");
    }
    // sendMessage -> getRoom (server/lib/omnichannel/rooms.ts)
    if (!settings().livechatEnabled()) {
      throw Refusal.meteor("error-omnichannel-is-disabled");
    }
    if (store.blocked(visitor)) {
      throw Refusal.error("error-contact-channel-blocked");
    }
    String id = string(params, "_id");
    if (id == null || id.isEmpty()) {
      id = Ids.random();
    }
    if (store.message(id) != null) {
      throw Refusal.bare();
    }
    StoredMessage message = new StoredMessage(id, room.id, text, null, token, visitor.name, visitor.author(),
        store.now());
    linkUrls(message, text, call);
    store.add(room, message);
    store.captureLead(room, message);
    return payload("message", message.toJson());
  }

  /**
   * {@code urls} and quote attachments, as the server's {@code beforeSave} makes them: {@code
   * parseUrlsInMessage} ({@code apps/meteor/app/lib/server/functions/parseUrlsInMessage.ts}, with the
   * regexp of {@code apps/meteor/lib/getMessageUrlRegex.ts}; newer versions write {@code {url, meta:
   * {}}}, older ones {@code {url}}) and {@code BeforeSaveJumpToMessage.createAttachmentForMessageURLs}
   * ({@code apps/meteor/server/services/messages/hooks/BeforeSaveJumpToMessage.ts}): a link that
   * contains the site URL and has a {@code msg} query parameter naming a message of a room whose
   * visitor token is the sender's becomes {@code createQuoteAttachment} ({@code
   * apps/meteor/lib/createQuoteAttachment.ts}): {@code text, md, message_link, author_name (alias, else
   * username), author_icon (/avatar/<username>), attachments, ts}, and its url entry gets {@code
   * ignoreParse: true}. Quotes inside the quoted message's quotes are dropped ({@code
   * Message_QuoteChainLimit} 2).
   */
  private void linkUrls(StoredMessage message, String text, Call call) {
    HttpUrl requestUrl = call.request().getUrl();
    String siteUrl = requestUrl.scheme() + "://" + requestUrl.host() + ":" + requestUrl.port();
    List<Map<String, Object>> urls = new ArrayList<>();
    List<Map<String, Object>> quotes = new ArrayList<>();
    Matcher links = URL.matcher(text);
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    while (links.find()) {
      seen.add(links.group());
    }
    for (String url : seen) {
      Map<String, Object> entry = JsonValues.object("url", url, "meta", Map.of());
      StoredMessage quoted = url.contains(siteUrl) ? quotedMessage(url, message.token) : null;
      if (quoted != null) {
        entry.put("ignoreParse", true);
        quotes.add(quote(quoted, url));
      }
      urls.add(entry);
    }
    message.urls = urls;
    message.quotes = quotes;
  }

  private @Nullable StoredMessage quotedMessage(String url, @Nullable String token) {
    HttpUrl parsed = HttpUrl.parse(url);
    String id = parsed == null ? null : parsed.queryParameter("msg");
    StoredMessage quoted = id == null ? null : store.message(id);
    StoredRoom room = quoted == null ? null : store.room(quoted.rid);
    return room != null && room.openedWith(token) ? quoted : null;
  }

  private static Map<String, Object> quote(StoredMessage quoted, String url) {
    Map<String, Object> json = quoted.toJson();
    List<Object> nested = new ArrayList<>();
    if (json.get("attachments") instanceof List<?> attachments) {
      for (Object attachment : attachments) {
        if (attachment instanceof Map<?, ?> map && map.containsKey("message_link")) {
          Map<Object, Object> trimmed = new LinkedHashMap<>(map);
          trimmed.remove("attachments");
          nested.add(trimmed);
        } else {
          nested.add(attachment);
        }
      }
    }
    return JsonValues.object("text", quoted.msg, "md", json.get("md"), "message_link", url,
        "author_name", quoted.alias != null ? quoted.alias : quoted.user.username(),
        "author_icon", "/avatar/" + quoted.user.username(), "attachments", nested, "ts", quoted.ts);
  }

  /** 15. {@code GET livechat/message/:_id?token=&rid=} (legacy validation of the query). */
  private Map<String, Object> getMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("rid", Schema.string()));
    String token = (String) params.get("token");
    guest(token);
    StoredRoom room = roomOf(token, (String) params.get("rid"));
    StoredMessage message = store.message(call.param("_id"));
    if (message == null || !message.rid.equals(room.id)) {
      throw Refusal.error("invalid-message");
    }
    return payload("message", message.toJson());
  }

  /** 16. {@code PUT livechat/message/:_id} (legacy validation): only the visitor's own messages, if editing is allowed. */
  private Map<String, Object> updateMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("rid", Schema.string()).required("msg", Schema.string()));
    String token = (String) params.get("token");
    StoredVisitor visitor = guest(token);
    roomOf(token, (String) params.get("rid"));
    StoredMessage message = store.message(call.param("_id"));
    if (message == null) {
      throw Refusal.error("invalid-message");
    }
    if (!settings().messageEditing() || !message.user.id().equals(visitor.id)) {
      throw Refusal.error("error-action-not-allowed"); // plain Error in the livechat lib's updateMessage
    }
    linkUrls(message, (String) params.get("msg"), call); // beforeSave runs on edits too
    store.edit(message, (String) params.get("msg"), visitor.author());
    return payload("message", message.toJson());
  }

  /** 17. {@code DELETE livechat/message/:_id}, token and rid in a JSON body (legacy validation). */
  private Map<String, Object> deleteMessage(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .required("token", Schema.string()).required("rid", Schema.string())
        .optional("count", Schema.number().nullable()).optional("offset", Schema.number().nullable())
        .optional("sort", Schema.string().nullable()));
    String token = (String) params.get("token");
    StoredVisitor visitor = guest(token);
    roomOf(token, (String) params.get("rid"));
    StoredMessage message = store.message(call.param("_id"));
    if (message == null) {
      throw Refusal.error("invalid-message");
    }
    if (!settings().messageDeleting() || !message.user.id().equals(visitor.id)) {
      throw Refusal.error("error-action-not-allowed"); // plain Error in the livechat lib's deleteMessage
    }
    store.delete(message);
    return payload("message", JsonValues.object("_id", message.id, "ts", store.now()));
  }

  /** 18. {@code GET livechat/messages.history/:rid?token=&ls=&end=&limit=} (legacy validation of the query). */
  private Map<String, Object> history(Call call) {
    Map<String, Object> params = legacy(call, Schema.object()
        .optional("searchText", Schema.string().nullable())
        .required("token", Schema.string())
        .optional("count", Schema.number().nullable())
        .optional("offset", Schema.number().nullable())
        .optional("sort", Schema.string().nullable())
        .optional("ls", Schema.string().nullable())
        .optional("end", Schema.string().nullable())
        .optional("limit", Schema.number().nullable()));
    String token = (String) params.get("token");
    if (token.isEmpty()) {
      throw Refusal.error("error-token-param-not-provided");
    }
    guest(token);
    StoredRoom room = roomOf(token, call.param("rid"));
    String end = string(params, "end");
    Instant before = null;
    if (end != null && !end.isEmpty()) {
      before = instant(end);
      if (before == null) {
        return payload("messages", List.of()); // new Date("nonsense") matches nothing
      }
    }
    // As the server: `if (this.queryParams.limit) limit = parseInt(...)` on the query the validator
    // coerced in place, so limit=0 (the number 0, falsy) keeps the default 20 (message.ts).
    int limit = truthy(params.get("limit")) ? parseInt(params.get("limit"), 20) : 20;
    int offset = truthy(params.get("offset")) ? parseInt(params.get("offset"), 0) : 0;
    List<Object> messages = new ArrayList<>();
    for (StoredMessage message : store.history(room.id, before, limit, offset)) {
      messages.add(message.toJson());
    }
    return payload("messages", messages);
  }
}
