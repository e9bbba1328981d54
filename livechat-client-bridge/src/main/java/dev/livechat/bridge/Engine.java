package dev.livechat.bridge;

import dev.livechat.bridge.JdbcBridgeStore.ConversationRow;
import dev.livechat.bridge.JdbcBridgeStore.LeasedRoom;
import dev.livechat.bridge.JdbcBridgeStore.OutboxRow;
import dev.livechat.bridge.JdbcBridgeStore.PendingReply;
import dev.livechat.client.LivechatClient;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatRateLimitException;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.Visitor;
import dev.livechat.client.realtime.LivechatHub;
import dev.livechat.client.realtime.RealtimeEvent;
import dev.livechat.client.webhook.WebhookEvent;
import dev.livechat.client.webhook.WebhookMessage;
import dev.livechat.client.webhook.WebhookRoom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The bridge's workers: drain threads that send the outbox, reply threads (half as many, at least
 * one) that hand replies over, and with rooms followed, one lease thread and the realtime hub.
 */
final class Engine {
  /** Messages one claim sends at most before letting other conversations go first. */
  private static final int MESSAGES_PER_CLAIM = 50;
  /** Messages a catch-up reads from a room's history at most. */
  private static final int CATCH_UP_LIMIT = 500;

  private final LivechatClient client;
  private final JdbcBridgeStore store;
  private final LivechatBridge.Settings settings;
  private final Object signal = new Object();
  private long generation;
  private final List<Thread> threads = new ArrayList<>();
  private final Set<String> followed = ConcurrentHashMap.newKeySet();
  /**
   * Followed rooms whose reply could not be recorded (the store failed): their later events are
   * ignored, so the last reply recorded stays before the lost one, and the next lease round
   * follows them again and catches up from there.
   */
  private final Set<String> broken = ConcurrentHashMap.newKeySet();
  private final Map<String, String> roomKeys = new ConcurrentHashMap<>();
  private volatile @Nullable LivechatHub hub;
  private volatile boolean started;
  private volatile boolean stopped;

  Engine(LivechatClient client, JdbcBridgeStore store, LivechatBridge.Settings settings) {
    this.client = client;
    this.store = store;
    this.settings = settings;
  }

  synchronized void start() {
    if (started || stopped) {
      throw new IllegalStateException(stopped ? "the bridge is closed" : "the bridge is started already");
    }
    started = true;
    // What the store says this instance id holds was held by an earlier process under the same id
    // (ids are unique among live instances): a supervisor restarting "bridge-3" after a crash. The
    // heartbeat renews every claim of the id, so without this the dead process's claims would be
    // renewed for ever and their conversations never drained (found by bridge-crash.sh).
    store.releaseAllClaims(settings.instanceId);
    for (int i = 0; i < settings.drainThreads; i++) {
      threads.add(thread("drain-" + i, this::drainLoop));
    }
    // replies of different conversations go out at once, a slow channel holding up only its own
    for (int i = 0; i < Math.max(1, settings.drainThreads / 2); i++) {
      boolean pruner = i == 0;
      threads.add(thread("replies-" + i, () -> replyLoop(pruner)));
    }
    threads.add(thread("heartbeat", this::heartbeatLoop));
    if (settings.followRooms) {
      hub = client.hub(this::onHubEvent);
      threads.add(thread("leases", this::leaseLoop));
    }
    threads.forEach(Thread::start);
  }

  private Thread thread(String name, Runnable loop) {
    Thread thread = new Thread(loop, "livechat-bridge-" + settings.instanceId + "-" + name);
    thread.setDaemon(true);
    return thread;
  }

  @Nullable LivechatHub hub() {
    return hub;
  }

  void close(boolean release) {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    // Woken rather than interrupted: an interrupt in the middle of a file write makes H2 close
    // its file channel. A worker in a request finishes it (the client's timeouts bound it).
    wakeDrain();
    wakeLeases();
    synchronized (heartbeat) {
      heartbeat.notifyAll();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Thread thread : threads) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread thread : threads) {
      if (thread.isAlive()) {
        thread.interrupt(); // stuck past the deadline
      }
    }
    LivechatHub h = hub;
    if (h != null) {
      h.close();
    }
    if (release && started) {
      try {
        store.releaseAllClaims(settings.instanceId);
      } catch (BridgeStoreException ignored) {
        // they expire
      }
    }
  }

  // ---- signalling ----

  void wakeDrain() {
    synchronized (signal) {
      generation++;
      signal.notifyAll();
    }
  }

  /** Waits for some progress of any worker, or {@code timeout}. */
  void awaitProgress(Duration timeout) throws InterruptedException {
    synchronized (signal) {
      long seen = generation;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen == generation) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, left);
      }
    }
  }

  /** Sleeps until woken or for the poll interval: other instances record work too. */
  private void idle(long seen) throws InterruptedException {
    Duration wait = settings.pollInterval;
    synchronized (signal) {
      if (seen == generation && !stopped) {
        TimeUnit.NANOSECONDS.timedWait(signal, wait.toNanos());
      }
    }
  }

  private long generation() {
    synchronized (signal) {
      return generation;
    }
  }

  private Instant now() {
    return settings.clock.instant();
  }

  private Duration backoff(int attempts) {
    long min = settings.minBackoff.toMillis();
    long max = settings.maxBackoff.toMillis();
    long cap = min << Math.min(attempts, 20);
    if (cap <= 0 || cap > max) {
      cap = max;
    }
    long half = Math.max(cap / 2, 1);
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half)); // "equal jitter"
  }

  // ---- the drain ----

  private void drainLoop() {
    while (!stopped) {
      long seen = generation();
      try {
        Instant now = now();
        List<String> claimed = store.claimDue(settings.instanceId, now, now.plus(settings.claimTime()), 1);
        if (claimed.isEmpty()) {
          idle(seen);
          continue;
        }
        for (String key : claimed) {
          try {
            drain(key);
          } finally {
            store.releaseClaim(key, settings.instanceId);
            wakeDrain();
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return;
        }
        sleepQuietly(settings.pollInterval); // the store failed: try again shortly
      }
    }
  }

  /**
   * Renews this instance's claims every third of their time, so that a request slower than the
   * claim (the client's timeouts and retries can add up past it) does not let another instance
   * send the conversation's next message meanwhile. A dead instance stops renewing, and its
   * conversations are taken over once the claims expire.
   */
  private void heartbeatLoop() {
    long period = Math.max(settings.claimTime().toMillis() / 3, 50);
    while (!stopped) {
      try {
        synchronized (heartbeat) {
          heartbeat.wait(period);
        }
        if (!stopped) {
          store.renewAllClaims(settings.instanceId, now().plus(settings.claimTime()));
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the store failed: the next beat tries again, well before the claims expire
      }
    }
  }

  private final Object heartbeat = new Object();

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What a step of the drain decided. */
  private enum Step { CONTINUE, DONE }

  /**
   * Sends what the conversation has, in order, while this worker holds it: up to {@value
   * #MESSAGES_PER_CLAIM} messages, read in one batch; the claim is renewed as it goes.
   */
  void drain(String key) {
    int roomChanges = 0;
    boolean reRegistered = false;
    int sent = 0;
    long renewed = System.nanoTime();
    long renewEvery = settings.claimTime().toNanos() / 3;
    outer:
    while (sent < MESSAGES_PER_CLAIM && !stopped) {
      ConversationRow row = store.conversationRow(key).orElse(null);
      if (row == null) {
        return;
      }
      if (needsRegistration(row)) {
        if (register(row) == Step.DONE) {
          return;
        }
        continue;
      }
      List<OutboxRow> batch = store.unfinished(key, MESSAGES_PER_CLAIM - sent);
      if (batch.isEmpty()) {
        return;
      }
      if (row.state() != Conversation.State.OPEN || row.roomId() == null) {
        if (++roomChanges > 3) {
          store.backOff(key, row.attempts() + 1, now().plus(backoff(row.attempts())), "rooms keep closing");
          return;
        }
        if (openRoom(row) == Step.DONE) {
          return;
        }
        continue;
      }
      boolean preMarked = false;
      for (int i = 0; i < batch.size(); i++) {
        if (stopped) {
          return;
        }
        if (System.nanoTime() - renewed > renewEvery) {
          if (!store.renewClaim(key, settings.instanceId, now().plus(settings.claimTime()))) {
            return; // it expired and another worker took it over
          }
          renewed = System.nanoTime();
        }
        OutboxRow next = i + 1 < batch.size() ? batch.get(i + 1) : null;
        Outcome outcome = send(row, batch.get(i), preMarked, next);
        preMarked = outcome == Outcome.SENT_NEXT_MARKED;
        sent++;
        switch (outcome) {
          case SENT, SENT_NEXT_MARKED, DEAD -> { }
          case ROOM_GONE -> {
            continue outer;
          }
          case TOKEN_UNKNOWN -> {
            if (reRegistered) {
              store.backOff(key, row.attempts() + 1, now().plus(backoff(row.attempts())), "invalid-token");
              return;
            }
            reRegistered = true;
            continue outer;
          }
          case NO_ROOM -> {
            noRoom(row, "error-omnichannel-is-disabled");
            return;
          }
          case LATER -> {
            return;
          }
        }
      }
    }
  }

  private boolean needsRegistration(ConversationRow row) {
    return !row.registered() ? row.lastSeq() > row.doneSeq() : row.profileVersion() > row.registeredVersion();
  }

  /** {@code POST livechat/visitor}: registers the visitor, or updates it (the same token). */
  private Step register(ConversationRow row) {
    VisitorProfile p = row.profile();
    NewVisitor visitor = new NewVisitor(row.token(), p.name(), p.email(), settings.department, p.phone(), null,
        List.of());
    try {
      Visitor registered = client.registerVisitor(visitor);
      if (registered.token() != null && !registered.token().equals(row.token())) {
        // The server took the phone number for another visitor's and kept that visitor's token
        // (registerGuest: packages/omni-core/src/visitor/create.ts): this token is still unknown.
        // Register it without phone and e-mail, as a visitor of its own.
        client.registerVisitor(new NewVisitor(row.token(), p.name(), null, settings.department, null, null,
            List.of()));
      }
      store.registered(row.key(), row.profileVersion());
      return Step.CONTINUE;
    } catch (LivechatException e) {
      store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), describe(e));
      return Step.DONE;
    }
  }

  /**
   * {@code GET livechat/room?token=}: the visitor's open room, or a new one. One worker holds the
   * conversation, so one room is opened however many messages wait; and the server answers the
   * visitor's room that is still open rather than a second one.
   */
  private Step openRoom(ConversationRow row) {
    try {
      RoomResult result = client.openRoom(row.token());
      boolean isNew = store.roomOpened(row.key(), result.room().id(), now());
      if (isNew && settings.followRooms) {
        wakeLeases();
      }
      return Step.CONTINUE;
    } catch (LivechatApiException e) {
      String code = e.errorCode();
      if ("no-agent-online".equals(code) || "error-omnichannel-is-disabled".equals(code)) {
        noRoom(row, code);
        return Step.DONE;
      }
      if ("invalid-token".equals(code)) {
        store.unregistered(row.key());
        return Step.CONTINUE;
      }
      store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), describe(e));
      return Step.DONE;
    } catch (LivechatException e) {
      store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), describe(e));
      return Step.DONE;
    }
  }

  /** No room can be opened: wait in the queue, or leave one offline message with what is pending. */
  private void noRoom(ConversationRow row, String code) {
    if (settings.offlinePolicy == OfflinePolicy.LEAVE_OFFLINE_MESSAGE && row.profile().email() != null) {
      List<OutboxRow> pending = store.unfinished(row.key());
      if (!pending.isEmpty()) {
        StringBuilder text = new StringBuilder();
        for (OutboxRow message : pending) {
          if (text.length() > 0) {
            text.append('\n');
          }
          text.append(message.text());
        }
        String name = row.profile().name() != null ? row.profile().name() : row.key();
        OfflineMessage offline = OfflineMessage.of(name, row.profile().email(), text.toString());
        if (settings.department != null) {
          offline = offline.withDepartment(settings.department);
        }
        try {
          client.sendOfflineMessage(offline);
          store.markOffline(row.key(), pending.get(pending.size() - 1).seq(), now());
          return;
        } catch (LivechatException e) {
          // offline form off, or a refusal: wait in the queue instead
          store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), code + "; offline message: "
              + describe(e));
          return;
        }
      }
    }
    store.backOff(row.key(), row.attempts() + 1, now().plus(backoff(row.attempts())), code);
  }

  private enum Outcome { SENT, SENT_NEXT_MARKED, DEAD, ROOM_GONE, TOKEN_UNKNOWN, NO_ROOM, LATER }

  /**
   * Sends one message with its stored id. A row already marked sending may have landed before a
   * crash or a lost answer: it is looked up by its id first. A refusal that cannot be about a
   * closed room, a missing visitor or Livechat being off is checked by a lookup too (a repeated
   * id is refused with a bare {@code {"success":false}}) and otherwise dead-lettered.
   */
  private Outcome send(ConversationRow row, OutboxRow message, boolean preMarked, @Nullable OutboxRow next) {
    String roomId = row.roomId();
    if (!preMarked && message.state().equals(JdbcBridgeStore.SENDING) && message.roomId() != null) {
      Optional<Boolean> landed = landed(row, message, message.roomId());
      if (landed.isEmpty()) {
        return Outcome.LATER;
      }
      if (landed.get()) {
        store.markSent(row.key(), message.seq(), message.roomId(), now());
        return Outcome.SENT;
      }
    }
    if (!preMarked) {
      store.markSending(row.key(), message.seq(), roomId);
    }
    try {
      client.sendMessage(SendMessageRequest.of(row.token(), roomId, message.text()).withId(message.messageId()));
      if (next != null && next.state().equals(JdbcBridgeStore.PENDING)) {
        store.markSentAndNextSending(row.key(), message.seq(), roomId, now(), next.seq());
        return Outcome.SENT_NEXT_MARKED;
      }
      store.markSent(row.key(), message.seq(), roomId, now());
      return Outcome.SENT;
    } catch (LivechatRateLimitException e) {
      store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), describe(e));
      return Outcome.LATER;
    } catch (LivechatApiException e) {
      String code = e.errorCode();
      int status = e.statusCode();
      if (status >= 500) {
        store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), describe(e));
        return Outcome.LATER;
      }
      if ("room-closed".equals(code) || "invalid-room".equals(code)) {
        // message.ts checks the room before storing anything: this message is not stored
        store.markPending(row.key(), message.seq(), describe(e));
        store.roomClosed(roomId, now());
        if (settings.followRooms) {
          // Closed now, no lease is taken on it again: if its holder died before the close, the
          // replies sent meanwhile are only in its history. Recorded once each, whoever reads them.
          catchUp(roomId, row.key(), row.token(), store.lastReplyAt(roomId).orElse(null));
        }
        return Outcome.ROOM_GONE;
      }
      if ("invalid-token".equals(code)) {
        store.markPending(row.key(), message.seq(), describe(e));
        store.unregistered(row.key());
        return Outcome.TOKEN_UNKNOWN;
      }
      if ("error-omnichannel-is-disabled".equals(code) || "no-agent-online".equals(code)) {
        store.markPending(row.key(), message.seq(), describe(e));
        return Outcome.NO_ROOM;
      }
      Optional<Boolean> landed = landed(row, message, roomId);
      if (landed.isEmpty()) {
        return Outcome.LATER;
      }
      if (landed.get()) {
        store.markSent(row.key(), message.seq(), roomId, now());
        return Outcome.SENT;
      }
      DeadLetter dead = store.markDead(message, code, e.serverText() != null ? e.serverText() : e.getMessage(), now());
      try {
        settings.onDeadLetter.accept(dead);
      } catch (RuntimeException ignored) {
        // the listener's problem; the dead letter is recorded
      }
      return Outcome.DEAD;
    } catch (LivechatException e) {
      // no answer: it may have landed; the row stays SENDING and is looked up next time
      store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), describe(e));
      return Outcome.LATER;
    }
  }

  /**
   * Whether the message is stored in the room: {@code GET livechat/message/:_id}, which answers
   * {@code invalid-message} when there is none ({@code apps/meteor/app/livechat/server/api/v1/message.ts}).
   * Empty when the server could not tell (the conversation backs off).
   */
  private Optional<Boolean> landed(ConversationRow row, OutboxRow message, String roomId) {
    try {
      Message found = client.getMessage(row.token(), roomId, message.messageId());
      return Optional.of(found != null);
    } catch (LivechatApiException e) {
      if ("invalid-message".equals(e.errorCode())) {
        return Optional.of(false);
      }
      if ("invalid-room".equals(e.errorCode()) && e.statusCode() < 500) {
        return Optional.of(false);
      }
      store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), describe(e));
      return Optional.empty();
    } catch (LivechatException e) {
      store.backOff(row.key(), row.attempts() + 1, retryAt(e, row.attempts()), describe(e));
      return Optional.empty();
    }
  }

  private Instant retryAt(LivechatException e, int attempts) {
    if (e instanceof LivechatRateLimitException limited && limited.retryAfter() != null) {
      return now().plus(limited.retryAfter());
    }
    return now().plus(backoff(attempts));
  }

  private static String describe(LivechatException e) {
    String text = e.getMessage();
    return text == null ? e.getClass().getSimpleName() : text;
  }

  // ---- replies ----

  private void replyLoop(boolean pruner) {
    long nextPrune = System.nanoTime();
    while (!stopped) {
      long seen = generation();
      try {
        Instant now = now();
        if (pruner && !settings.retention.isZero() && System.nanoTime() - nextPrune >= 0) {
          nextPrune = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
          store.prune(now.minus(settings.retention));
        }
        List<String> claimed = store.claimReplies(settings.instanceId, now, now.plus(settings.claimTime()), 4);
        if (claimed.isEmpty()) {
          idle(seen);
          continue;
        }
        for (String key : claimed) {
          try {
            handOver(key);
          } finally {
            store.releaseReplyClaim(key, settings.instanceId);
            wakeDrain();
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return;
        }
        sleepQuietly(settings.pollInterval);
      }
    }
  }

  /** Hands the conversation's replies over in order; stops at the first the sender cannot take. */
  private void handOver(String key) {
    for (PendingReply pending : store.pendingReplies(key)) {
      if (stopped || pending.nextAttemptAt().isAfter(now())) {
        return;
      }
      try {
        settings.replySender.send(pending.reply());
      } catch (Exception e) {
        String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        store.replyFailed(pending.reply().messageId(), pending.attempts() + 1,
            now().plus(backoff(pending.attempts())), error);
        return;
      }
      store.replyDelivered(pending.reply().messageId(), now());
    }
  }

  /** Records an agent's reply in room {@code roomId}, if the room is one of the bridge's. */
  void recordReply(String roomId, @Nullable String conversationKey, String messageId, @Nullable String text,
      @Nullable String agentUsername, @Nullable Instant sentAt) {
    if (text == null || text.isBlank()) {
      return;
    }
    String key = conversationKey != null ? conversationKey : roomKey(roomId);
    if (key == null) {
      return; // not a room of this bridge
    }
    Instant now = now();
    if (store.insertReply(new Reply(key, messageId, roomId, text, agentUsername, sentAt != null ? sentAt : now),
        now)) {
      wakeDrain();
    }
  }

  private @Nullable String roomKey(String roomId) {
    String key = roomKeys.get(roomId);
    if (key == null) {
      key = store.conversationByRoom(roomId).orElse(null);
      if (key != null) {
        roomKeys.put(roomId, key);
      }
    }
    return key;
  }

  // ---- webhook ----

  /**
   * One webhook event, not seen before. An agent's message ({@code fromAgent()}: the server
   * names {@code agentId} when the author is not the visitor, {@code
   * apps/meteor/app/livechat/server/hooks/sendToCRM.ts}) that is not the closing message is a
   * reply; the closing message and {@code LivechatSession} mark the room closed.
   */
  void onWebhookEvent(WebhookEvent event) {
    if (event instanceof WebhookEvent.MessageSent sent) {
      WebhookMessage message = sent.message();
      WebhookRoom room = sent.room();
      if (message == null) {
        return;
      }
      if (message.closingMessage()) {
        closed(room.id());
        return;
      }
      if (!message.fromAgent() || message.id() == null || message.pageUrl() != null) {
        return;
      }
      String key = null;
      if (room.visitor() != null && room.visitor().token() != null) {
        key = store.conversationByToken(room.visitor().token()).orElse(null);
        if (key == null) {
          return; // a visitor of another channel
        }
      }
      recordReply(room.id(), key, message.id(), message.text(), message.username(), message.timestamp());
    } else if (event instanceof WebhookEvent.SessionClosed closed) {
      closed(closed.room().id());
    }
  }

  private void closed(String roomId) {
    store.roomClosed(roomId, now());
    LivechatHub h = hub;
    if (h != null && followed.remove(roomId)) {
      h.remove(roomId);
    }
  }

  // ---- realtime ----

  /**
   * One event of a followed room. A message without a visitor token and without a type is an
   * agent's (the visitor's own carry the token; system messages, the closing one included, a type).
   */
  private void onHubEvent(String roomId, RealtimeEvent event) {
    if (stopped || broken.contains(roomId)) {
      return;
    }
    try {
      if (event instanceof RealtimeEvent.MessageReceived received) {
        Message message = received.message();
        if (isAgentMessage(message)) {
          recordReply(roomId, null, message.id(), message.text(),
              message.user() == null ? null : message.user().username(), message.timestamp());
        }
      } else if (event instanceof RealtimeEvent.RoomClosed) {
        store.roomClosed(roomId, now());
        followed.remove(roomId);
      } else if (event instanceof RealtimeEvent.SubscriptionFailed failed
          && failed.stream().startsWith("stream-room-messages")) {
        // The server refuses a room's messages once it is closed (the streamer's visitor check
        // requires an open room): closed while nobody followed it. Were it open after all, the
        // next inbound message finds it open again (GET livechat/room answers the open room).
        store.roomClosed(roomId, now());
      }
    } catch (RuntimeException e) {
      // the store failed: follow the room again from the last reply recorded, before this one
      broken.add(roomId);
      wakeLeases();
    }
  }

  static boolean isAgentMessage(Message message) {
    return message.token() == null && message.type() == null && message.text() != null && !message.text().isBlank();
  }

  private final Object leaseSignal = new Object();
  private boolean leaseWake;

  private void wakeLeases() {
    synchronized (leaseSignal) {
      leaseWake = true;
      leaseSignal.notifyAll();
    }
  }

  private void leaseLoop() {
    long period = Math.max(settings.leaseTime.toMillis() / 3, 50);
    while (!stopped) {
      try {
        leaseRound();
        synchronized (leaseSignal) {
          if (!leaseWake) {
            leaseSignal.wait(period);
          }
          leaseWake = false;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return;
        }
        sleepQuietly(Duration.ofMillis(period));
      }
    }
  }

  /**
   * Renews this instance's leases and takes free ones; follows the rooms it now holds and stops
   * following those it lost. A room taken over is subscribed first, then caught up from its
   * history since the last reply recorded for it before subscribing, so that a reply sent while
   * nobody followed the room is found, and one sent meanwhile comes by both ways and is recorded once.
   */
  void leaseRound() {
    LivechatHub h = hub;
    if (h == null) {
      return;
    }
    for (String roomId : broken) {
      if (followed.remove(roomId)) {
        h.remove(roomId);
      }
      broken.remove(roomId);
    }
    Instant now = now();
    List<LeasedRoom> held = store.takeAndRenewLeases(settings.instanceId, now, now.plus(settings.leaseTime), 100);
    Set<String> heldIds = ConcurrentHashMap.newKeySet();
    for (LeasedRoom room : held) {
      heldIds.add(room.roomId());
      roomKeys.put(room.roomId(), room.key());
      if (!followed.contains(room.roomId())) {
        // Read before subscribing: a reply the subscription delivers before the catch-up runs must
        // not move its starting point past the replies sent while nobody followed the room.
        Instant since = store.lastReplyAt(room.roomId()).orElse(null);
        followed.add(room.roomId());
        try {
          h.add(room.token(), room.roomId()).handle((caughtUp, failure) -> {
            // a closed room's history still answers: what was said before it closed is caught up too
            catchUp(room.roomId(), room.key(), room.token(), since);
            if (failure != null && followed.remove(room.roomId())) {
              h.remove(room.roomId()); // removed or refused before it caught up: the next round tries again if held
            }
            return null;
          });
        } catch (IllegalArgumentException alreadyFollowed) {
          // followed already (a lease lost and taken back before the room stopped)
        }
      }
    }
    for (Iterator<String> it = followed.iterator(); it.hasNext(); ) {
      String roomId = it.next();
      if (!heldIds.contains(roomId)) {
        it.remove();
        h.remove(roomId);
      }
    }
  }

  /** Records the agents' messages of the room's history from {@code since} on (all of it if null). */
  private void catchUp(String roomId, String key, String token, @Nullable Instant since) {
    if (stopped) {
      return;
    }
    try {
      try (Stream<Message> history = client.streamHistory(token, roomId, 50)) {
        history.limit(CATCH_UP_LIMIT)
            .takeWhile(m -> since == null || m.timestamp() == null || !m.timestamp().isBefore(since))
            .filter(Engine::isAgentMessage)
            .forEach(m -> recordReply(roomId, key, m.id(), m.text(),
                m.user() == null ? null : m.user().username(), m.timestamp()));
      }
    } catch (RuntimeException e) {
      // the history or the store failed: follow the room again and catch up from the same point
      broken.add(roomId);
      wakeLeases();
    }
  }
}
