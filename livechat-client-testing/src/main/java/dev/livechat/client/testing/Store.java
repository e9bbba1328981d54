package dev.livechat.client.testing;

import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.PageVisit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fake server's state: visitors, rooms, messages, agents, departments, settings and what was
 * recorded for inspection, with the operations the REST routes, the WebSocket peers and the
 * test-side agents perform on it. Every change that the real server announces over the WebSocket is
 * pushed to the subscribers here, holding the lock, so frames leave in the order of the changes.
 *
 * <p>Thread-safety: everything is guarded by this object's monitor; callers outside this class
 * that read fields hold it too.
 */
final class Store {
  /** The user the server writes system messages as. */
  static final Author ROCKET_CAT = new Author("rocket.cat", "rocket.cat", "Rocket.Cat");

  /** The settings in force; replaced whole ({@code FakeLivechatServer.reconfigure}), never changed in part. */
  ServerSettings settings;

  final Streams streams = new Streams(this::changed);
  final List<OfflineMessage> offlineMessages = new ArrayList<>();
  final List<TranscriptRequest> transcripts = new ArrayList<>();
  final List<UploadedFile> uploads = new ArrayList<>();
  final List<TypingSignal> typingSignals = new ArrayList<>();
  final List<PageVisit> pageVisits = new ArrayList<>();
  /** Posts the Livechat webhook's deliveries; closed with the fake. */
  final WebhookSender webhooks = new WebhookSender(this);
  /** The fake's base URL without the trailing slash, for the files' {@code publicFilePath}; set once started. */
  String siteUrl = "";

  private final Clock clock;
  private long lastMillis = Long.MIN_VALUE;
  private int guests;
  private final Map<String, StoredVisitor> visitors = new LinkedHashMap<>();
  private final Map<String, StoredRoom> rooms = new LinkedHashMap<>();
  private final Map<String, StoredMessage> messages = new LinkedHashMap<>();
  private final Map<String, StoredAgent> agents = new LinkedHashMap<>();
  // Indexes over the maps above, so that what one visitor, room or agent does costs the same
  // whatever the number of the others. Each keeps the order the scan over the map it replaces had.
  /** Each room's messages, by {@link StoredMessage#order} (the position of its id in {@link #messages}). */
  private final Map<String, java.util.NavigableMap<Long, StoredMessage>> roomMessages = new HashMap<>();
  private long messagesStored;
  /** The rooms opened with each token ({@code v.token}, never rewritten), in creation order. */
  private final Map<String, List<StoredRoom>> roomsByToken = new HashMap<>();
  /** Each visitor record's rooms ({@code room.visitor}), in creation order. */
  private final Map<StoredVisitor, List<StoredRoom>> roomsByVisitor = new HashMap<>();
  private long roomsCreated;
  /** The open rooms each agent serves, in creation order. */
  private final Map<StoredAgent, java.util.NavigableSet<StoredRoom>> serving = new HashMap<>();
  private final Map<String, StoredAgent> agentsById = new HashMap<>();
  /**
   * The visitors with each phone number, and with each e-mail address folded as {@link
   * String#equalsIgnoreCase} compares it ({@link #fold}); the first in {@link #visitors}' order is
   * the one that counts ({@link StoredVisitor#order}).
   */
  private final Map<String, java.util.Set<StoredVisitor>> visitorsByPhone = new HashMap<>();
  private final Map<String, java.util.Set<StoredVisitor>> visitorsByEmail = new HashMap<>();
  private long visitorsPut;
  private final java.util.Set<String> blockedVisitorIds = new java.util.HashSet<>();
  private final Map<String, String> departments = new LinkedHashMap<>();
  private final Map<String, java.util.Set<StoredAgent>> departmentAgents = new LinkedHashMap<>();

  Store(Clock clock, ServerSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  /** Wakes the threads waiting for a change ({@code FakeLivechatServer.await}); call holding the lock. */
  void changed() {
    notifyAll();
  }

  /**
   * The clock's time in milliseconds; with {@code distinctTimestamps}, always after the previous
   * call's, so no two stamps are equal.
   */
  synchronized Instant now() {
    lastMillis = settings.distinctTimestamps() ? Math.max(clock.millis(), lastMillis + 1) : clock.millis();
    return Instant.ofEpochMilli(lastMillis);
  }

  // ---- visitors ----

  synchronized @Nullable StoredVisitor visitor(String token) {
    return visitors.get(token);
  }

  synchronized List<StoredVisitor> visitors() {
    return new ArrayList<>(visitors.values());
  }

  /**
   * The server's {@code registerGuest}: the visitor of {@code token}; failing that, the visitor with
   * the phone number (whose token stays), or with the email address (case-insensitive; its token
   * becomes {@code token}); failing those, a new visitor. Blank values are ignored, the email is
   * lower-cased, the status is {@code online}. The name of the visitor's open rooms follows.
   *
   * <p>Server: {@code packages/omni-core/src/visitor/create.ts} ({@code findOneVisitorByPhone}, then
   * {@code findOneGuestByEmailAddress}; a department that is neither an id nor a name is refused
   * with {@code error-invalid-department}, which the caller checks first).
   */
  synchronized StoredVisitor register(String token, @Nullable String id, @Nullable String name,
      @Nullable String email, @Nullable String department, @Nullable String phone, @Nullable String username) {
    Instant now = now();
    String address = email == null || email.isEmpty() ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    StoredVisitor visitor = visitors.get(token);
    if (visitor == null && phone != null && !phone.isEmpty()) {
      visitor = firstVisitor(visitorsByPhone.get(phone), v -> phone.equals(v.phone));
    }
    if (visitor == null && email != null && !email.isEmpty()) {
      visitor = firstVisitor(visitorsByEmail.get(fold(email)), v -> v.email != null && v.email.equalsIgnoreCase(email));
      if (visitor != null) {
        visitors.remove(visitor.token);
        visitor.token = token;
        putVisitor(visitor);
      }
    }
    if (visitor == null) {
      String visitorId = id != null && !id.isEmpty() ? id : Ids.random();
      String visitorUsername = username != null && !username.isEmpty() ? username : "guest-" + (++guests);
      visitor = new StoredVisitor(visitorId, token, visitorUsername, now);
      putVisitor(visitor);
    }
    if (name != null && !name.isEmpty()) {
      visitor.name = name;
    }
    if (address != null) {
      unindex(visitorsByEmail, visitor.email == null ? null : fold(visitor.email), visitor);
      visitor.email = address;
      visitorsByEmail.computeIfAbsent(fold(address), a -> new java.util.HashSet<>()).add(visitor);
    }
    if (phone != null && !phone.isEmpty()) {
      unindex(visitorsByPhone, visitor.phone, visitor);
      visitor.phone = phone;
      visitorsByPhone.computeIfAbsent(phone, a -> new java.util.HashSet<>()).add(visitor);
    }
    if (department != null && !department.isEmpty()) {
      visitor.department = departmentId(department);
    }
    visitor.status = "online";
    visitor.updatedAt = now;
    for (StoredRoom room : openedWith(visitor.token)) {
      if (room.open && visitor.name != null) {
        room.fname = visitor.name;
      }
    }
    return visitor;
  }

  /** Puts {@code visitor} last in {@link #visitors}, under its token, as {@code visitors.put} does. */
  private void putVisitor(StoredVisitor visitor) {
    visitors.put(visitor.token, visitor);
    visitor.order = visitorsPut++;
  }

  /** Of {@code candidates}, the first in {@link #visitors}' order that {@code test} accepts, or null. */
  private static @Nullable StoredVisitor firstVisitor(java.util.@Nullable Set<StoredVisitor> candidates,
      java.util.function.Predicate<StoredVisitor> test) {
    StoredVisitor first = null;
    if (candidates != null) {
      for (StoredVisitor candidate : candidates) {
        if (test.test(candidate) && (first == null || candidate.order < first.order)) {
          first = candidate;
        }
      }
    }
    return first;
  }

  /**
   * {@code text} with each code point as {@link String#equalsIgnoreCase} compares it (lower case of
   * upper case): two strings equal ignoring case fold to the same string.
   */
  private static String fold(String text) {
    StringBuilder folded = new StringBuilder(text.length());
    text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
    return folded.toString();
  }

  private static <K> void unindex(Map<K, java.util.Set<StoredVisitor>> index, @Nullable K key, StoredVisitor visitor) {
    java.util.Set<StoredVisitor> same = key == null ? null : index.get(key);
    if (same != null && same.remove(visitor) && same.isEmpty()) {
      index.remove(key);
    }
  }

  /** Whether {@code idOrName} names a department ({@code LivechatDepartment.findOneByIdOrName}). */
  synchronized boolean departmentExists(String idOrName) {
    return departmentId(idOrName) != null;
  }


  /**
   * Sets a visitor-scoped custom field; without {@code overwrite}, only over an empty value (the
   * server's {@code if (!overwrite && livechatData?.[key])}).
   */
  synchronized void setCustomField(StoredVisitor visitor, String key, String value, boolean overwrite) {
    String current = visitor.livechatData.get(key);
    if (overwrite || current == null || current.isEmpty()) {
      visitor.livechatData.put(key, value);
      visitor.updatedAt = now();
    }
  }

  /** Sets a room-scoped custom field on the visitor's open rooms ({@code LivechatRooms.updateDataByToken}). */
  synchronized void setRoomCustomField(StoredVisitor visitor, String key, String value, boolean overwrite) {
    for (StoredRoom room : openedWith(visitor.token)) {
      if (room.open && (overwrite || !room.livechatData.containsKey(key))) {
        room.livechatData.put(key, value);
        room.updatedAt = now();
      }
    }
  }

  /** Blocks the visitor's contact channel (an agent's "block contact"). */
  synchronized void block(StoredVisitor visitor) {
    blockedVisitorIds.add(visitor.id);
  }

  /** Whether the visitor's contact channel is blocked ({@code LivechatContacts.isChannelBlocked}). */
  synchronized boolean blocked(StoredVisitor visitor) {
    return blockedVisitorIds.contains(visitor.id);
  }

  /** Removes the visitor with its rooms and their messages, as the server's {@code removeGuest}. */
  synchronized void remove(StoredVisitor visitor) {
    visitors.remove(visitor.token);
    unindex(visitorsByPhone, visitor.phone, visitor);
    unindex(visitorsByEmail, visitor.email == null ? null : fold(visitor.email), visitor);
    for (StoredRoom room : roomsByVisitor.getOrDefault(visitor, List.of())) {
      rooms.remove(room.id);
      List<StoredRoom> sameToken = roomsByToken.get(room.v.token());
      sameToken.remove(room);
      if (sameToken.isEmpty()) {
        roomsByToken.remove(room.v.token());
      }
      if (room.servedBy != null) {
        unserve(room.servedBy, room);
      }
      java.util.NavigableMap<Long, StoredMessage> gone = roomMessages.remove(room.id);
      if (gone != null) {
        gone.values().forEach(message -> messages.remove(message.id));
      }
    }
    roomsByVisitor.remove(visitor);
  }

  /** An agent changed the visitor's name: the server pushes {@code visitorData} to its open rooms. */
  synchronized void rename(StoredVisitor visitor, String name) {
    visitor.name = name;
    visitor.updatedAt = now();
    for (StoredRoom room : roomsByVisitor.getOrDefault(visitor, List.of())) {
      if (room.open) {
        room.fname = name;
        pushRoomEvent(room, JsonValues.object("type", "visitorData", "visitor", visitor.toJson()));
      }
    }
  }

  // ---- rooms ----

  synchronized @Nullable StoredRoom room(String rid) {
    return rooms.get(rid);
  }

  synchronized List<StoredRoom> rooms() {
    return new ArrayList<>(rooms.values());
  }

  /** The visitor's open room, if any. */
  synchronized @Nullable StoredRoom openRoomOf(String token) {
    for (StoredRoom room : openedWith(token)) {
      if (room.open) {
        return room;
      }
    }
    return null;
  }

  /** The rooms opened with {@code token} ({@code 'v.token': token}), open or not, oldest first. */
  synchronized List<StoredRoom> roomsOpenedWith(String token) {
    return new ArrayList<>(openedWith(token));
  }

  private List<StoredRoom> openedWith(String token) {
    return roomsByToken.getOrDefault(token, List.of());
  }

  /**
   * Opens a room for the visitor with the {@code livechat-started} message, then routes it as the
   * server's {@code QueueManager.requestRoom} does: under auto selection the inquiry is ready and is
   * delegated at once, to {@code requested} if that agent is available, otherwise to the next
   * available agent, and stays in the queue if there is none; under manual selection it is queued
   * (even with a requested agent) until an agent takes it.
   *
   * <p>Server: {@code apps/meteor/server/lib/omnichannel/QueueManager.ts} ({@code requestRoom},
   * {@code getInquiryStatus}, {@code processNewInquiry}) and {@code RoutingManager.delegateInquiry}.
   */
  synchronized StoredRoom createRoom(StoredVisitor visitor, @Nullable StoredAgent requested, Map<String, Object> source) {
    StoredRoom room = new StoredRoom(Ids.random(), visitor, now(), source);
    rooms.put(room.id, room);
    room.order = roomsCreated++;
    roomsByToken.computeIfAbsent(room.v.token(), t -> new ArrayList<>()).add(room);
    roomsByVisitor.computeIfAbsent(visitor, v -> new ArrayList<>()).add(room);
    toCrm(WebhookSettings.Trigger.START, WebhookPayloads.SESSION_START, room, null, // onNewRoom
        "departmentId", room.departmentId);
    StoredMessage started = new StoredMessage(Ids.random(), room.id, "", "livechat-started", visitor.token, null,
        visitor.author(), now());
    started.extra.put("groupable", false);
    add(room, started);
    if (settings.routingMethod() == ServerSettings.RoutingMethod.AUTO_SELECTION) {
      StoredAgent agent = requested != null && available(requested) ? requested : nextAgent(room.departmentId);
      if (agent != null) {
        assign(room, agent);
      }
    } else { // the inquiry is QUEUED: processNewInquiry runs afterRoomQueued
      toCrm(WebhookSettings.Trigger.CHAT_QUEUED, WebhookPayloads.SESSION_QUEUED, room, null,
          "departmentId", room.departmentId);
      inquiryQueued(room);
    }
    return room;
  }

  /**
   * The room is now served by {@code agent}, as the server's {@code RoutingManager.assignAgent}:
   * {@code servedBy} set, the system messages {@code command} ({@code msg} {@code connected}) and
   * {@code uj} (user joined) stored as the agent and pushed, then {@code agentData} on {@code
   * stream-livechat-room}. An agent taking a room it already serves changes nothing ({@code
   * takeInquiry}'s early return).
   *
   * <p>Server: {@code apps/meteor/server/lib/omnichannel/RoutingManager.ts} ({@code takeInquiry},
   * {@code assignAgent}: {@code Message.saveSystemMessage('command', rid, 'connected', user)} and
   * {@code saveSystemMessage('uj', rid, '', user)}, then {@code dispatchAgentDelegated}); the stored
   * shape is {@code Messages.createWithTypeRoomIdMessageUserAndUnread}: {@code t, rid, ts, msg, u{_id,
   * username, name}, groupable:false}.
   */
  synchronized void assign(StoredRoom room, StoredAgent agent) {
    if (room.servedBy == agent) {
      return;
    }
    if (room.servedBy != null) {
      unserve(room.servedBy, room);
    }
    room.servedBy = agent;
    if (room.open) {
      serving.computeIfAbsent(agent, a -> new java.util.TreeSet<>(Comparator.comparingLong((StoredRoom r) -> r.order)))
          .add(room);
    }
    room.servedSince = now();
    room.updatedAt = room.servedSince;
    StoredMessage connected = new StoredMessage(Ids.random(), room.id, "connected", "command", null, null,
        agent.author(), now());
    connected.extra.put("groupable", false);
    add(room, connected);
    StoredMessage joined = new StoredMessage(Ids.random(), room.id, "", "uj", null, null, agent.author(), now());
    joined.extra.put("groupable", false);
    add(room, joined);
    pushRoomEvent(room, JsonValues.object("type", "agentData", "data", agent.toJson(settings.showAgentInfo())));
    agentSubscribed(room, agent);
    toCrm(WebhookSettings.Trigger.CHAT_TAKEN, WebhookPayloads.SESSION_TAKEN, room, null, // afterTakeInquiry
        "departmentId", room.departmentId, "servedBy", WebhookPayloads.servedBy(room));
  }

  /**
   * Forwards the room to {@code agent}, as {@code forwardRoomToAgent} ({@code
   * apps/meteor/server/lib/omnichannel/Helper.ts}): the agent takes it ({@link #assign}, so {@code
   * LivechatSessionTaken} goes out too), a {@code livechat_transfer_history} message is stored, then
   * {@code livechat.afterForwardChatToAgent} sends {@code LivechatSessionForwarded} with {@code
   * oldServedBy}. False if {@code agent} serves it already.
   */
  synchronized boolean forward(StoredRoom room, StoredAgent agent, StoredAgent by) {
    if (room.servedBy == agent) {
      return false;
    }
    Map<String, Object> oldServedBy = WebhookPayloads.servedBy(room);
    assign(room, agent);
    StoredMessage message = new StoredMessage(Ids.random(), room.id, "", "livechat_transfer_history", null, null,
        by.author(), now());
    message.extra.put("transferData", JsonValues.object(
        "transferredBy", JsonValues.object("_id", by.id, "username", by.username, "name", by.name, "userType", "agent"),
        "transferredTo", JsonValues.object("_id", agent.id, "username", agent.username, "name", agent.name),
        "scope", "agent",
        "ts", message.ts));
    add(room, message);
    toCrm(WebhookSettings.Trigger.FORWARD, WebhookPayloads.SESSION_FORWARDED, room, null,
        "departmentId", room.departmentId, "servedBy", WebhookPayloads.servedBy(room), "oldServedBy", oldServedBy);
    return true;
  }

  /** How many open rooms {@code agent} serves (the server's {@code livechatCount}, roughly). */
  synchronized int openChats(StoredAgent agent) {
    return servedRooms(agent).size();
  }

  /** The open rooms {@code agent} serves, oldest first. */
  private java.util.Set<StoredRoom> servedRooms(StoredAgent agent) {
    return serving.getOrDefault(agent, java.util.Collections.emptyNavigableSet());
  }

  /** {@code room} is no longer an open room {@code agent} serves (closed, moved or removed). */
  private void unserve(StoredAgent agent, StoredRoom room) {
    java.util.Set<StoredRoom> served = serving.get(agent);
    if (served != null && served.remove(room) && served.isEmpty()) {
      serving.remove(agent);
    }
  }

  /** Whether {@code agent} may take one more chat under {@code Livechat_maximum_chats_per_agent}. */
  synchronized boolean underChatLimit(StoredAgent agent) {
    return settings.maxChatsPerAgent() == 0 || openChats(agent) < settings.maxChatsPerAgent();
  }

  /** Online, accepting chats and under the chat limit. */
  private boolean available(StoredAgent agent) {
    return settings.agentsOnline() && agent.status.equals("online") && agent.accepting && underChatLimit(agent);
  }

  /**
   * Closes the room: a {@code livechat-close} message by {@code closedBy} with {@code comment}, and
   * the room is no longer open.
   */
  synchronized StoredMessage close(StoredRoom room, String closer, Author closedBy, @Nullable String comment,
      @Nullable String token) {
    Instant now = now();
    if (room.servedBy != null) {
      unserve(room.servedBy, room);
    }
    room.open = false;
    room.closedAt = now;
    room.closer = closer;
    room.closedBy = closedBy;
    room.updatedAt = now;
    StoredMessage message = new StoredMessage(Ids.random(), room.id, comment == null ? "" : comment,
        "livechat-close", token, null, closedBy, now());
    message.extra.put("groupable", false);
    message.extra.put("transcriptRequested", false);
    add(room, message);
    toCrm(WebhookSettings.Trigger.CLOSE, WebhookPayloads.SESSION_CLOSED, room, null, // livechat.closeRoom
        "departmentId", room.departmentId, "servedBy", WebhookPayloads.servedBy(room), "closedAt", room.closedAt,
        "closedBy", JsonValues.object("_id", closedBy.id(), "username", closedBy.username()), "closer", closer);
    return message;
  }

  /**
   * Moves the room to {@code departmentId}, back into the queue, with a {@code
   * livechat_transfer_history} message; false if there is no such department or the room is in it.
   */
  synchronized boolean transfer(StoredRoom room, String departmentId) {
    String name = departments.get(departmentId);
    if (name == null || departmentId.equals(room.departmentId)) {
      return false;
    }
    String oldDepartmentId = room.departmentId;
    room.departmentId = departmentId;
    if (room.servedBy != null) {
      unserve(room.servedBy, room);
    }
    room.servedBy = null;
    room.servedSince = null;
    room.updatedAt = now();
    StoredMessage message = new StoredMessage(Ids.random(), room.id, "", "livechat_transfer_history", null, null,
        room.visitor.author(), now());
    message.extra.put("transferData", JsonValues.object(
        "transferredBy", JsonValues.object("_id", room.visitor.id, "username", room.visitor.username, "userType", "visitor"),
        "scope", "department",
        "nextDepartment", JsonValues.object("_id", departmentId, "name", name),
        "ts", message.ts));
    add(room, message);
    toCrm(WebhookSettings.Trigger.FORWARD, WebhookPayloads.SESSION_FORWARDED, room, null, // afterForwardChatToDepartment
        "departmentId", room.departmentId, "servedBy", WebhookPayloads.servedBy(room),
        "oldDepartmentId", oldDepartmentId);
    return true;
  }

  /** Tells the room's subscribers its place in the queue ({@code queueData}). */
  synchronized void queuePosition(StoredRoom room, int position, @Nullable Integer estimatedWaitSeconds) {
    pushRoomEvent(room, JsonValues.object("type", "queueData", "data", JsonValues.object(
        "rid", room.id, "position", position, "estimatedWaitTimeSeconds", estimatedWaitSeconds)));
  }

  /** The uploaded file {@code id}, or null. */
  synchronized @Nullable UploadedFile upload(String id) {
    for (UploadedFile file : uploads) {
      if (file.id().equals(id)) {
        return file;
      }
    }
    return null;
  }

  // ---- messages ----

  synchronized @Nullable StoredMessage message(String id) {
    return messages.get(id);
  }

  /** The messages of room {@code rid} in the order they were stored. */
  synchronized List<StoredMessage> messages(String rid) {
    java.util.NavigableMap<Long, StoredMessage> stored = roomMessages.get(rid);
    return stored == null ? new ArrayList<>() : new ArrayList<>(stored.values());
  }

  /** Stores a message in the room and pushes it on {@code stream-room-messages}. */
  synchronized StoredMessage add(StoredRoom room, StoredMessage message) {
    StoredMessage replaced = messages.put(message.id, message);
    if (replaced != null) { // a map keeps a key's first place
      message.order = replaced.order;
      forgetMessage(replaced);
    } else {
      message.order = messagesStored++;
    }
    roomMessages.computeIfAbsent(message.rid, r -> new java.util.TreeMap<>()).put(message.order, message);
    if (message.type == null) {
      room.msgs++;
      room.lm = message.ts;
      room.lastMessage = message;
      room.waitingResponse = message.token != null;
    }
    room.updatedAt = message.ts;
    if (!message.hidden()) {
      pushMessage(message);
    }
    messageSaved(room, message);
    return message;
  }

  /** Replaces the text, records who edited it and when, and pushes the edited message. */
  synchronized void edit(StoredMessage message, String text, Author editor) {
    Instant now = now();
    message.msg = text;
    message.editedAt = now;
    message.editedBy = editor;
    message.updatedAt = now;
    pushMessage(message);
    StoredRoom room = rooms.get(message.rid);
    if (room != null) {
      messageSaved(room, message);
    }
  }

  // ---- the webhook ----

  /**
   * {@code afterOmnichannelSaveMessage} in {@code sendToCRM.ts}, for new and edited messages: a
   * message with a visitor token under {@code Livechat_webhook_on_visitor_message}, one without under
   * {@code Livechat_webhook_on_agent_message}; of typed (system) messages only those {@code
   * sendMessageType} lets through.
   */
  private void messageSaved(StoredRoom room, StoredMessage message) {
    if (message.type != null && !WebhookPayloads.sendMessageType(message.type)) {
      return;
    }
    toCrm(message.token != null ? WebhookSettings.Trigger.VISITOR_MESSAGE : WebhookSettings.Trigger.AGENT_MESSAGE,
        WebhookPayloads.MESSAGE, room, List.of(message));
  }

  /**
   * {@code sendToCRM} when {@code trigger} is on: the body is built now, from the room as it is, and
   * posted without waiting; a 200 answer's text becomes the room's {@code crmData}.
   */
  private void toCrm(WebhookSettings.Trigger trigger, String type, StoredRoom room,
      @Nullable List<StoredMessage> messages, Object... extra) {
    if (!settings.webhook().isOn(trigger)) {
      return;
    }
    webhooks.post(WebhookPayloads.room(type, room, messages, this, siteUrl, extra), answer -> room.crmData = answer);
  }

  /**
   * {@code livechat.offlineMessage} ({@code apps/meteor/app/livechat/server/hooks/offlineMessage.ts}),
   * run once the offline message was mailed: {@code LivechatOfflineMessage} under {@code
   * Livechat_webhook_on_offline_msg}.
   */
  synchronized void offlineMessageSent(String name, String email, String message) {
    if (settings.webhook().isOn(WebhookSettings.Trigger.OFFLINE_MSG)) {
      webhooks.post(WebhookPayloads.offlineMessage(name, email, message, now()), null);
    }
  }

  /** {@code Livechat_lead_email_regex}'s default, matched with flags {@code gi}. */
  private static final java.util.regex.Pattern LEAD_EMAIL = java.util.regex.Pattern.compile(
      "\\b[A-Z0-9._%+-]+@(?:[A-Z0-9-]+\\.)+[A-Z]{2,4}\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
  /** {@code Livechat_lead_phone_regex}'s default, matched with flag {@code g}. */
  private static final java.util.regex.Pattern LEAD_PHONE = java.util.regex.Pattern.compile(
      "((?:\\([0-9]{1,3}\\)|[0-9]{2})[ \\-]*?[0-9]{4,5}(?:[\\-\\s\\_]{1,2})?[0-9]{4}(?:(?=[^0-9])|$)"
      + "|[0-9]{4,5}(?:[\\-\\s\\_]{1,2})?[0-9]{4}(?:(?=[^0-9])|$))");

  /**
   * Lead capture ({@code apps/meteor/app/livechat/server/hooks/leadCapture.ts}), after a new visitor
   * message without a type: the e-mail addresses and phone numbers the default patterns find are
   * added to the visitor ({@code saveGuestEmailPhoneById}, each once), then {@code
   * livechat.leadCapture} sends {@code LeadCapture}, without messages, under {@code
   * Livechat_webhook_on_capture}.
   */
  synchronized void captureLead(StoredRoom room, StoredMessage message) {
    List<String> emails = matches(LEAD_EMAIL, message.msg);
    List<String> phones = matches(LEAD_PHONE, message.msg);
    if (emails.isEmpty() && phones.isEmpty()) {
      return;
    }
    StoredVisitor visitor = room.visitor;
    emails.stream().filter(e -> !visitor.emails().contains(e)).forEach(visitor.capturedEmails::add);
    phones.stream().filter(p -> !visitor.phones().contains(p)).forEach(visitor.capturedPhones::add);
    toCrm(WebhookSettings.Trigger.CAPTURE, WebhookPayloads.LEAD_CAPTURE, room, List.of());
  }

  private static List<String> matches(java.util.regex.Pattern pattern, String text) {
    java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
    java.util.regex.Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      if (!matcher.group().isEmpty()) {
        found.add(matcher.group());
      }
    }
    return new ArrayList<>(found);
  }

  /** Removes the message and pushes {@code {"_id":..}} on {@code stream-notify-room} {@code <rid>/deleteMessage}. */
  synchronized void delete(StoredMessage message) {
    StoredMessage removed = messages.remove(message.id);
    if (removed != null) {
      forgetMessage(removed);
    }
    StoredRoom room = rooms.get(message.rid);
    if (room != null && room.lastMessage == message) {
      room.lastMessage = null;
      for (StoredMessage other : roomMessages.getOrDefault(room.id, java.util.Collections.emptyNavigableMap())
          .descendingMap().values()) {
        if (other.type == null) {
          room.lastMessage = other;
          break;
        }
      }
      room.lm = room.lastMessage == null ? null : room.lastMessage.ts;
    }
    streams.emit("stream-notify-room", message.rid + "/deleteMessage", List.of(JsonValues.object("_id", message.id)), null);
  }

  /**
   * The server's {@code loadMessageHistory}: the room's messages newest first, sent before {@code
   * end} (exclusive), skipping {@code offset}, at most {@code limit} (0: no limit, as MongoDB's).
   * The server sorts by {@code {ts: -1}} alone and leaves messages of the same millisecond in the
   * order MongoDB walks its index backwards: latest stored first, as here.
   */
  synchronized List<StoredMessage> history(String rid, @Nullable Instant end, int limit, int offset) {
    List<StoredMessage> page = new ArrayList<>();
    for (StoredMessage message : messages(rid)) { // in the order they were stored
      if ((end == null || message.ts.isBefore(end)) && !message.hidden()) { // findVisibleByRoomId...
        page.add(message);
      }
    }
    Collections.reverse(page); // latest stored first; the sort below is stable, so ties stay so
    page.sort(Comparator.comparing((StoredMessage m) -> m.ts).reversed());
    int from = Math.min(Math.max(offset, 0), page.size());
    int count = limit == 0 ? page.size() : Math.abs(limit);
    return new ArrayList<>(page.subList(from, Math.min(page.size(), from + count)));
  }

  /** Takes {@code message}, no longer in {@link #messages}, out of its room's list. */
  private void forgetMessage(StoredMessage message) {
    java.util.NavigableMap<Long, StoredMessage> stored = roomMessages.get(message.rid);
    if (stored != null && stored.remove(message.order, message) && stored.isEmpty()) {
      roomMessages.remove(message.rid);
    }
  }

  private void pushMessage(StoredMessage message) {
    streams.emit("stream-room-messages", message.rid, List.of(message.toJson()), null);
  }

  private void pushRoomEvent(StoredRoom room, Map<String, Object> event) {
    streams.emit("stream-livechat-room", room.id, List.of(event), null);
  }

  // ---- agents and departments ----

  /** The agent with {@code username}, created online if new. */
  synchronized StoredAgent agent(String username, @Nullable String name) {
    return agents.computeIfAbsent(username, u -> {
      StoredAgent created = new StoredAgent(Ids.random(), u, name != null ? name : u);
      agentsById.putIfAbsent(created.id, created);
      return created;
    });
  }

  synchronized @Nullable StoredAgent agentById(String id) {
    return agentsById.get(id);
  }

  /**
   * The agent auto selection picks: of the available agents (of {@code departmentId}'s, if given),
   * the one serving the fewest open rooms, the first created on a tie; null if none is available.
   *
   * <p>Server: {@code apps/meteor/server/lib/omnichannel/routing/AutoSelection.ts} ({@code
   * Users.getNextAgent} / {@code LivechatDepartmentAgents.getNextAgentForDepartment}, least {@code
   * livechatCount} first, with the premium {@code applySimultaneousChatRestrictions}).
   */
  synchronized @Nullable StoredAgent nextAgent(@Nullable String departmentId) {
    StoredAgent best = null;
    for (StoredAgent agent : agents.values()) {
      boolean inDepartment = departmentId == null || departmentAgents(departmentId).contains(agent);
      if (inDepartment && available(agent) && (best == null || openChats(agent) < openChats(best))) {
        best = agent;
      }
    }
    return best;
  }

  /** The agent's presence changed: {@code agentStatus} goes to the open rooms it serves. */
  synchronized void status(StoredAgent agent, String status) {
    agent.status = status;
    for (StoredRoom room : servedRooms(agent)) {
      if (room.open && room.servedBy == agent) {
        pushRoomEvent(room, JsonValues.object("type", "agentStatus", "status", status));
      }
    }
  }

  /** The agent is typing, or stopped: {@code [username, ["user-typing"]]} or {@code [username, []]}. */
  synchronized void typing(StoredRoom room, StoredAgent agent, boolean typing) {
    streams.emit("stream-notify-room", room.id + "/user-activity",
        List.of(agent.username, typing ? List.of("user-typing") : List.of()), null);
  }

  synchronized void addDepartment(String id, String name) {
    departments.put(id, name);
  }

  /** {@code agent} now serves department {@code id}. */
  synchronized void addDepartmentAgent(String id, StoredAgent agent) {
    departmentAgents.computeIfAbsent(id, d -> new java.util.LinkedHashSet<>()).add(agent);
  }

  /** The agents of department {@code id}. */
  synchronized java.util.Set<StoredAgent> departmentAgents(String id) {
    return departmentAgents.getOrDefault(id, java.util.Set.of());
  }

  synchronized Map<String, String> departments() {
    return new LinkedHashMap<>(departments);
  }

  /** The id of the department named or identified by {@code idOrName}, or null. */
  private @Nullable String departmentId(String idOrName) {
    if (departments.containsKey(idOrName)) {
      return idOrName;
    }
    for (Map.Entry<String, String> department : departments.entrySet()) {
      if (department.getValue().equals(idOrName)) {
        return department.getKey();
      }
    }
    return null;
  }

  // ---- the WebSocket side ----

  /**
   * Whether a visitor may subscribe (the server's read checks, reference §4): the room is a Livechat
   * room and the token given matches its visitor's ({@code visitorToken} for the room's messages
   * and events, {@code token} for {@code stream-notify-room}); the room's messages only while the
   * room is open. The check runs when the subscription is made: one made while the room was open
   * goes on receiving after it closes.
   *
   * <p>Server: {@code apps/meteor/server/modules/notifications/notifications.module.ts} ({@code
   * streamRoomMessage.allowRead} goes through {@code Authorization.canReadRoom} to the visitor
   * validator of {@code apps/meteor/app/livechat/server/roomAccessValidator.compatibility.ts}, which
   * requires {@code room.open === true}; {@code streamRoom} and {@code streamLivechatRoom} check
   * only the token).
   */
  synchronized boolean mayRead(String stream, String eventName, Map<?, ?> extra) {
    String rid = stream.equals("stream-notify-room") ? eventName.split("/", 2)[0] : eventName;
    StoredRoom room = rooms.get(rid);
    if (room == null) {
      return false;
    }
    Object token = stream.equals("stream-notify-room") ? extra.get("token") : extra.get("visitorToken");
    boolean open = room.open || !stream.equals("stream-room-messages");
    return room.openedWith(token) && open;
  }

  /**
   * The visitor's typing method ({@code stream-notify-room}, {@code <rid>/user-activity}): accepted
   * when the room's visitor token is given, recorded, and passed on to the room's other subscribers.
   */
  synchronized void visitorActivity(DdpPeer origin, String eventName, List<?> args) {
    String[] ridAndEvent = eventName.split("/", 2);
    StoredRoom room = rooms.get(ridAndEvent[0]);
    if (room == null || ridAndEvent.length < 2 || !ridAndEvent[1].equals("user-activity") || args.size() < 3
        || !(args.get(0) instanceof String username) || !(args.get(1) instanceof List<?> activities)
        || !(args.get(2) instanceof Map<?, ?> extra) || !room.openedWith(extra.get("token"))) {
      return;
    }
    typingSignals.add(new TypingSignal(room.id, username, activities.contains("user-typing"), now()));
    streams.emit("stream-notify-room", eventName, args, origin);
    changed();
  }

  // ---- the agent API: logins, inquiries, and what an agent hears (AgentRoutes, DdpPeer) ----

  /** Login tokens ({@code X-Auth-Token}, the DDP {@code resume}) and whose they are. */
  private final Map<String, StoredAgent> loginTokens = new java.util.HashMap<>();
  /** Each room's inquiry id ({@code LivechatInquiry._id}), made when first asked for. */
  private final Map<String, String> inquiryIds = new LinkedHashMap<>();

  /** A new login token for {@code agent} ({@code Accounts._generateStampedLoginToken}). */
  synchronized String newLoginToken(StoredAgent agent) {
    String token = Ids.random() + Ids.random();
    loginTokens.put(token, agent);
    return token;
  }

  /**
   * The agent whose login token {@code token} is, if its id is {@code userId} (the REST API's
   * {@code X-User-Id} and {@code X-Auth-Token}); null {@code userId} for the DDP {@code resume},
   * which has the token alone.
   */
  synchronized @Nullable StoredAgent agentByLoginToken(@Nullable String userId, @Nullable String token) {
    StoredAgent agent = token == null ? null : loginTokens.get(token);
    return agent != null && (userId == null || agent.id.equals(userId)) ? agent : null;
  }

  /** The agent with the username, or the e-mail address (case-insensitive), {@code user}. */
  synchronized @Nullable StoredAgent agentByLogin(String user) {
    for (StoredAgent agent : agents.values()) {
      if (agent.username.equals(user) || agent.email().equalsIgnoreCase(user)) {
        return agent;
      }
    }
    return null;
  }

  /** Each inquiry id's room id: {@link #inquiryIds} the other way, so that a take finds its room without a scan. */
  private final Map<String, String> inquiryRooms = new java.util.HashMap<>();

  /** The room's inquiry id. */
  synchronized String inquiryId(StoredRoom room) {
    return inquiryIds.computeIfAbsent(room.id, rid -> {
      String id = Ids.random();
      inquiryRooms.put(id, rid);
      return id;
    });
  }

  /** The open room whose inquiry is {@code inquiryId} (a closed room's inquiry is removed, as the server's). */
  synchronized @Nullable StoredRoom roomOfInquiry(String inquiryId) {
    String roomId = inquiryRooms.get(inquiryId);
    StoredRoom room = roomId == null ? null : rooms.get(roomId);
    return room != null && room.open ? room : null;
  }

  /**
   * The inquiry's status: {@code taken} once served; before that {@code queued} under manual
   * selection and {@code ready} under auto selection ({@code QueueManager.getInquiryStatus}, without
   * the premium waiting queue).
   */
  synchronized String inquiryStatus(StoredRoom room) {
    if (room.servedBy != null) {
      return "taken";
    }
    return settings.routingMethod() == ServerSettings.RoutingMethod.MANUAL_SELECTION ? "queued" : "ready";
  }

  /**
   * The queued inquiries {@code agent} sees, oldest first ({@code findInquiries} in {@code
   * apps/meteor/app/livechat/server/api/lib/inquiries.ts}: status {@code queued}, of the agent's
   * departments or of none; the default sort is by {@code ts}).
   */
  synchronized List<StoredRoom> queuedFor(StoredAgent agent) {
    List<StoredRoom> queued = new ArrayList<>();
    boolean hasDepartments = departmentAgents.values().stream().anyMatch(members -> members.contains(agent));
    for (StoredRoom room : rooms.values()) {
      if (room.open && inquiryStatus(room).equals("queued") && (room.departmentId == null
          || hasDepartments && departmentAgents(room.departmentId).contains(agent))) {
        queued.add(room);
      }
    }
    return queued;
  }

  /** The room's inquiry ({@code ILivechatInquiryRecord}), as the agent's routes and streams show it. */
  synchronized Map<String, Object> inquiryJson(StoredRoom room) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", inquiryId(room));
    json.put("rid", room.id);
    json.put("name", room.fname);
    json.put("ts", room.ts);
    json.put("message", room.lastMessage != null && room.lastMessage.token != null ? room.lastMessage.msg : null);
    json.put("status", inquiryStatus(room));
    json.put("v", JsonValues.object("_id", room.v.id(), "username", room.v.username(), "token", room.v.token(),
        "status", room.visitorStatus));
    json.put("t", "l");
    json.put("department", room.departmentId);
    json.put("queuedAt", room.ts);
    json.put("_updatedAt", room.updatedAt);
    return json;
  }

  /**
   * A room entered the queue: {@code stream-livechat-inquiry-queue-observer} {@code public} (or
   * {@code department/<id>}) gets the inquiry with {@code clientAction} {@code inserted}, as {@code
   * notifyOnLivechatInquiryChanged} makes the server's {@code livechat-inquiry-queue-observer}
   * streamer emit.
   */
  synchronized void inquiryQueued(StoredRoom room) {
    Map<String, Object> inquiry = inquiryJson(room);
    inquiry.put("clientAction", "inserted");
    streams.emit("stream-livechat-inquiry-queue-observer",
        room.departmentId == null ? "public" : "department/" + room.departmentId, List.of(inquiry), null);
  }

  /**
   * The room is now {@code agent}'s: its subscription is announced on {@code stream-notify-user}
   * {@code <agentId>/subscriptions-changed} as {@code ["inserted", subscription]}
   * ({@code notifyOnSubscriptionChangedByRoomIdAndUserId} after {@code RoutingManager.assignAgent}
   * adds the agent to the room).
   */
  synchronized void agentSubscribed(StoredRoom room, StoredAgent agent) {
    Map<String, Object> subscription = new LinkedHashMap<>();
    subscription.put("_id", Ids.random());
    subscription.put("rid", room.id);
    subscription.put("name", room.v.username());
    subscription.put("fname", room.fname);
    subscription.put("t", "l");
    subscription.put("open", true);
    subscription.put("alert", true);
    subscription.put("unread", 1);
    subscription.put("u", JsonValues.object("_id", agent.id, "username", agent.username, "name", agent.name));
    subscription.put("ts", room.servedSince);
    subscription.put("_updatedAt", room.servedSince);
    streams.emit("stream-notify-user", agent.id + "/subscriptions-changed", List.of("inserted", subscription), null);
  }

  /**
   * Whether a logged-in agent may subscribe ({@code canAccessRoom} with the Livechat validators of
   * {@code apps/meteor/app/livechat/server/roomAccessValidator.compatibility.ts}): its own user
   * stream; the queue's streams; a room's streams while it serves the room or the room waits in a
   * queue it may take from.
   */
  synchronized boolean agentMayRead(StoredAgent agent, String stream, String eventName) {
    switch (stream) {
      case "stream-notify-user":
        return eventName.startsWith(agent.id + "/");
      case "stream-livechat-inquiry-queue-observer":
        return true;
      default:
        String rid = stream.equals("stream-notify-room") ? eventName.split("/", 2)[0] : eventName;
        StoredRoom room = rooms.get(rid);
        return room != null && (room.servedBy == agent || room.open && room.servedBy == null);
    }
  }

  /**
   * The agent's typing method ({@code stream-notify-room}, {@code <rid>/user-activity}, its username,
   * the activities): passed on to the room's subscribers when the agent serves the room and names
   * itself, as {@code streamRoom}'s {@code allowEmit} for {@code user-activity} requires.
   */
  synchronized void agentActivity(DdpPeer origin, StoredAgent agent, String eventName, List<?> args) {
    String[] ridAndEvent = eventName.split("/", 2);
    StoredRoom room = rooms.get(ridAndEvent[0]);
    if (room == null || ridAndEvent.length < 2 || !ridAndEvent[1].equals("user-activity") || room.servedBy != agent
        || args.size() < 2 || !agent.username.equals(args.get(0)) || !(args.get(1) instanceof List<?>)) {
      return;
    }
    streams.emit("stream-notify-room", eventName, args.subList(0, 2), origin);
    changed();
  }

  /**
   * An agent forwards the room to department {@code departmentId}: as {@link #transfer}, with the
   * agent as {@code transferredBy}; false if there is no such department or the room is in it.
   */
  synchronized boolean transferByAgent(StoredRoom room, String departmentId, StoredAgent by) {
    String name = departments.get(departmentId);
    if (name == null || departmentId.equals(room.departmentId)) {
      return false;
    }
    String oldDepartmentId = room.departmentId;
    room.departmentId = departmentId;
    if (room.servedBy != null) {
      unserve(room.servedBy, room); // the index of open chats per agent (see unserve)
    }
    room.servedBy = null;
    room.servedSince = null;
    room.updatedAt = now();
    StoredMessage message = new StoredMessage(Ids.random(), room.id, "", "livechat_transfer_history", null, null,
        by.author(), now());
    message.extra.put("transferData", JsonValues.object(
        "transferredBy", JsonValues.object("_id", by.id, "username", by.username, "name", by.name, "userType", "agent"),
        "scope", "department",
        "nextDepartment", JsonValues.object("_id", departmentId, "name", name),
        "ts", message.ts));
    add(room, message);
    toCrm(WebhookSettings.Trigger.FORWARD, WebhookPayloads.SESSION_FORWARDED, room, null,
        "departmentId", room.departmentId, "servedBy", WebhookPayloads.servedBy(room),
        "oldDepartmentId", oldDepartmentId);
    return true;
  }
}
