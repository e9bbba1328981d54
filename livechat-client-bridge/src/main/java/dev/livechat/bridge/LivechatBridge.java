package dev.livechat.bridge;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.exception.LivechatWebhookException;
import dev.livechat.client.realtime.LivechatHub;
import dev.livechat.client.webhook.DeliveryStore;
import dev.livechat.client.webhook.LivechatWebhooks;
import dev.livechat.client.webhook.WebhookDelivery;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A bridge from another channel (WhatsApp, SMS, Telegram) into Rocket.Chat omnichannel that loses
 * nothing and duplicates nothing across crashes, restarts and several instances sharing one
 * database.
 *
 * <pre>{@code
 * BridgeStore store = BridgeStore.postgres("jdbc:postgresql://db/bridge", "bridge", password);
 * LivechatBridge bridge = LivechatBridge.builder(client, store)
 *     .visitorProfile(key -> VisitorProfile.named(whatsapp.nameOf(key)))
 *     .replySender(reply -> whatsapp.send(reply.conversationKey(), reply.messageId(), reply.text()))
 *     .webhookSecret(secret)
 *     .build();
 * bridge.start();
 * // the other channel's webhook:
 * bridge.receive(new InboundMessage("whatsapp:+5511987654321", "wamid.123", "Hello"));
 * // Rocket.Chat's webhook (Omnichannel → Webhooks):
 * int status = bridge.handleWebhook(request.getHeader(LivechatWebhooks.TOKEN_HEADER), body);
 * }</pre>
 *
 * <p><b>Inbound.</b> {@link #receive} records the message in the store's outbox (a second message
 * with the same external id in the same conversation is dropped) and returns: from then on it is
 * the bridge's. Drain workers send each conversation's messages in order, each with the message
 * id generated when it was recorded, so that a send repeated after a crash cannot store it twice:
 * the server keeps a message's client-supplied {@code _id} and refuses a second message with it
 * ({@code apps/meteor/app/lib/server/functions/sendMessage.ts} returns nothing when the id exists,
 * and {@code POST livechat/message} answers {@code 400 {"success":false}}, {@code
 * apps/meteor/app/livechat/server/api/v1/message.ts}); a message that may have landed is looked up
 * by its id ({@code GET livechat/message/:_id}) before it is sent again. A message the server
 * refuses for good goes to the dead letters and the conversation goes on.
 *
 * <p><b>Conversations and rooms.</b> A conversation key is one visitor, with a token made once and
 * kept in the store (never logged). Its first message registers the visitor with {@link
 * Builder#visitorProfile} and opens a room; when the room is closed (by an agent, by inactivity,
 * as the webhook or the realtime stream reports, or found closed by a send: {@code room-closed}),
 * the next message opens exactly one new room, since one worker at a time holds a conversation.
 * When no room can be opened, {@link Builder#offlinePolicy} decides.
 *
 * <p><b>Replies.</b> Agents' messages come from Rocket.Chat's webhook ({@link #handleWebhook}) or,
 * with {@link Builder#followRooms}, from realtime subscriptions; each is recorded once by message
 * id and handed to {@link Builder#replySender} until it returns. The visitor's own messages, the
 * closing message and other system messages are not replies: the other channel would echo the
 * person's own words back, or show them a note meant for the agents.
 *
 * <p><b>Several instances</b> share a PostgreSQL store: whichever is alive drains the outbox
 * (conversations, not single messages, are claimed, so order holds), a webhook delivery is
 * handled by the first instance it reaches, and each open room is followed over realtime by one
 * instance at a time, which holds its lease.
 */
public final class LivechatBridge implements AutoCloseable {
  final LivechatClient client;
  final JdbcBridgeStore store;
  final Settings settings;
  private final @Nullable LivechatWebhooks webhooks;
  private final Engine engine;

  private LivechatBridge(Builder builder) {
    this.client = builder.client;
    this.store = (JdbcBridgeStore) builder.store;
    this.settings = new Settings(builder);
    this.webhooks = builder.webhookSecret == null ? null
        : LivechatWebhooks.builder().secret(builder.webhookSecret).deliveryStore(new StoreDeliveries()).build();
    this.engine = new Engine(client, store, settings);
  }

  /**
   * A builder of a bridge that sends through {@code client} and keeps its state in {@code store}.
   * The bridge does not close either.
   */
  public static Builder builder(LivechatClient client, BridgeStore store) {
    return new Builder(client, store);
  }

  /**
   * Starts the drain workers, the reply worker and, with {@link Builder#followRooms}, the realtime
   * hub and its leases. Messages received before are sent now; replies recorded and not handed
   * over before a restart are handed over now.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start() {
    engine.start();
  }

  /**
   * Records an inbound message; when this returns, it is durable and will reach Livechat once, in
   * its conversation's order. The first message of a conversation asks {@link
   * Builder#visitorProfile} for its visitor's profile. Works before {@link #start()}, too.
   *
   * @return the message id it is sent with, its sequence, and whether it was a duplicate (same
   *     external id in the same conversation): then nothing new was stored
   * @throws BridgeStoreException if the store cannot record it: the caller should not acknowledge
   *     the message to the other channel, which will deliver it again
   */
  public Accepted receive(InboundMessage message) {
    Objects.requireNonNull(message, "message");
    return receiveAll(List.of(message)).get(0);
  }

  /**
   * Records several inbound messages in one transaction, in order: faster than one {@link
   * #receive} each when the other channel delivers batches.
   *
   * @return one {@link Accepted} per message, in the same order
   * @throws BridgeStoreException if the store cannot record them (then none is recorded)
   */
  public List<Accepted> receiveAll(List<InboundMessage> messages) {
    Objects.requireNonNull(messages, "messages");
    if (messages.isEmpty()) {
      return List.of();
    }
    List<Accepted> accepted = store.receive(List.copyOf(messages), settings.visitorProfile, settings.clock.instant());
    engine.wakeDrain();
    return accepted;
  }

  /**
   * Changes the profile of the conversation's visitor (name, e-mail, phone): sent to the server
   * with the same token ({@code POST /api/v1/livechat/visitor}) by the drain, before the
   * conversation's next message. For a conversation without messages yet, it is the profile its
   * visitor will be registered with.
   *
   * @throws BridgeStoreException if the store cannot record it
   */
  public void updateProfile(String conversationKey, VisitorProfile profile) {
    Keys.check(conversationKey, "conversationKey");
    Objects.requireNonNull(profile, "profile");
    store.updateProfile(conversationKey, profile, settings.clock.instant());
    engine.wakeDrain();
  }

  /**
   * Handles one delivery of Rocket.Chat's Livechat webhook: the secret checked, the delivery
   * recorded in the store by its key so that the server's retries, on this instance or another,
   * are handled once; an agent's message recorded as a reply, a closed room recorded as closed.
   * Answer the server with the returned status and an empty body.
   *
   * @param secretHeaderValue the value of the {@value LivechatWebhooks#TOKEN_HEADER} header, or
   *     null if the request had none
   * @param body the request's body
   * @return 200 when handled (or a retry of a delivery already handled); 401 for a wrong secret,
   *     400 for a body that is not a webhook event; 500 when the store failed (the delivery is
   *     forgotten, so the server's retry is handled)
   * @throws IllegalStateException if no {@link Builder#webhookSecret} was given
   */
  public int handleWebhook(@Nullable String secretHeaderValue, byte[] body) {
    Objects.requireNonNull(body, "body");
    if (webhooks == null) {
      throw new IllegalStateException("no webhookSecret was given to the builder");
    }
    WebhookDelivery delivery;
    try {
      delivery = webhooks.receive(secretHeaderValue, body);
    } catch (LivechatWebhookException refused) {
      return refused.responseStatus();
    } catch (BridgeStoreException storeFailed) {
      return 500;
    }
    // A repeat is handled again, not dropped: what it does is idempotent (a reply is recorded once
    // by its message id, a closure once per room), and the first try may have died between
    // recording the delivery's key and recording its reply.
    try {
      engine.onWebhookEvent(delivery.event());
      return 200;
    } catch (RuntimeException e) {
      if (!delivery.duplicate()) {
        try {
          webhooks.forget(delivery);
        } catch (RuntimeException ignored) {
          // the key stays; the server's retry is handled all the same
        }
      }
      return 500;
    }
  }

  /** Every inbound message given up, oldest first. */
  public List<DeadLetter> deadLetters() {
    return store.deadLetters();
  }

  /** Where the conversation stands: its current room and state; empty if the key is unknown. */
  public Optional<Conversation> conversation(String conversationKey) {
    Keys.check(conversationKey, "conversationKey");
    return store.conversationRow(conversationKey).map(JdbcBridgeStore.ConversationRow::toConversation);
  }

  /**
   * How much work is left, across every instance sharing the store: inbound messages not yet sent
   * (or left offline) plus replies not yet handed over.
   */
  public long pending() {
    return store.pending();
  }

  /**
   * Waits until {@link #pending()} is 0, or {@code timeout} passed; for tests and orderly
   * shutdowns. Work waiting for backoff (no agent online, a failing reply sender) counts as pending.
   *
   * @return true if nothing is pending
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      engine.awaitProgress(Duration.ofMillis(50));
    }
    return true;
  }

  /** The id this instance works under in the store (claims and leases). */
  public String instanceId() {
    return settings.instanceId;
  }

  /** The realtime hub, while following rooms; for tests. */
  @Nullable LivechatHub hub() {
    return engine.hub();
  }

  Engine engine() {
    return engine;
  }

  /**
   * Stops the workers and the hub, and releases this instance's claims and leases at once so that
   * other instances take over without waiting for them to expire. Work in flight finishes first
   * (at most one request per worker). The client and the store stay open. Calling it twice does
   * nothing more.
   */
  @Override
  public void close() {
    engine.close(true);
  }

  /**
   * Stops like a crash: workers and hub stop, but claims and leases stay in the store until they
   * expire. For tests of takeover.
   */
  void abandon() {
    engine.close(false);
  }

  @Override
  public String toString() {
    return "LivechatBridge[" + settings.instanceId + ", " + store + "]";
  }

  /** Webhook delivery keys in the store, shared by every instance. */
  private final class StoreDeliveries implements DeliveryStore {
    @Override
    public boolean firstSeen(String key) {
      return store.firstSeen(key, settings.clock.instant());
    }

    @Override
    public void forget(String key) {
      store.forgetDelivery(key);
    }
  }

  /** The settings, fixed when built. */
  static final class Settings {
    final String instanceId;
    final Function<String, VisitorProfile> visitorProfile;
    final @Nullable String department;
    final OfflinePolicy offlinePolicy;
    final ReplySender replySender;
    final Consumer<DeadLetter> onDeadLetter;
    final boolean followRooms;
    final Duration leaseTime;
    final int drainThreads;
    final Duration minBackoff;
    final Duration maxBackoff;
    final Duration pollInterval;
    final Duration retention;
    final Clock clock;

    Settings(Builder b) {
      this.instanceId = b.instanceId != null ? b.instanceId : defaultInstanceId();
      this.visitorProfile = b.visitorProfile;
      this.department = b.department;
      this.offlinePolicy = b.offlinePolicy;
      this.replySender = b.replySender;
      this.onDeadLetter = b.onDeadLetter;
      this.followRooms = b.followRooms;
      this.leaseTime = b.leaseTime;
      this.drainThreads = b.drainThreads;
      this.minBackoff = b.minBackoff;
      this.maxBackoff = b.maxBackoff;
      this.pollInterval = b.pollInterval;
      this.retention = b.retention;
      this.clock = b.clock;
    }

    /** How long a worker holds a conversation: three lease times, at least 30 s (a request's timeouts). */
    Duration claimTime() {
      Duration three = leaseTime.multipliedBy(3);
      return three.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : three;
    }
  }

  static String defaultInstanceId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "host";
    }
    long pid = ProcessHandle.current().pid();
    String random = Long.toString(new SecureRandom().nextInt() & 0xffffffL, 36);
    String id = host + "-" + pid + "-" + random;
    return id.length() > 100 ? id.substring(id.length() - 100) : id;
  }

  /**
   * Settings for a {@link LivechatBridge}. Only {@link #replySender} is required.
   *
   * <table>
   *   <caption>Defaults</caption>
   *   <tr><th>setting</th><th>default</th></tr>
   *   <tr><td>{@link #instanceId}</td><td>{@code <host>-<pid>-<random>}</td></tr>
   *   <tr><td>{@link #visitorProfile}</td><td>{@link VisitorProfile#anonymous()}</td></tr>
   *   <tr><td>{@link #department}</td><td>none: the server routes</td></tr>
   *   <tr><td>{@link #offlinePolicy}</td><td>{@link OfflinePolicy#WAIT_IN_QUEUE}</td></tr>
   *   <tr><td>{@link #onDeadLetter}</td><td>nothing (they stay in {@link #deadLetters()})</td></tr>
   *   <tr><td>{@link #webhookSecret}</td><td>none: {@link #handleWebhook} refuses to work</td></tr>
   *   <tr><td>{@link #followRooms}</td><td>false: replies come by webhook</td></tr>
   *   <tr><td>{@link #leaseTime}</td><td>10 s</td></tr>
   *   <tr><td>{@link #drainThreads}</td><td>4</td></tr>
   *   <tr><td>{@link #retention}</td><td>7 days ({@link BridgeStore#DEFAULT_RETENTION})</td></tr>
   * </table>
   */
  public static final class Builder {
    private final LivechatClient client;
    private final BridgeStore store;
    private @Nullable String instanceId;
    private Function<String, VisitorProfile> visitorProfile = key -> VisitorProfile.anonymous();
    private @Nullable String department;
    private OfflinePolicy offlinePolicy = OfflinePolicy.WAIT_IN_QUEUE;
    private @Nullable ReplySender replySender;
    private Consumer<DeadLetter> onDeadLetter = dead -> {};
    private @Nullable String webhookSecret;
    private boolean followRooms;
    private Duration leaseTime = Duration.ofSeconds(10);
    private int drainThreads = 4;
    private Duration minBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration pollInterval = Duration.ofMillis(500);
    private Duration retention = BridgeStore.DEFAULT_RETENTION;
    private Clock clock = Clock.systemUTC();

    private Builder(LivechatClient client, BridgeStore store) {
      this.client = Objects.requireNonNull(client, "client");
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The name this instance's claims and leases carry in the store: unique among the instances
     * sharing it, at most 100 characters. Default {@code <host>-<pid>-<random>}.
     */
    public Builder instanceId(String instanceId) {
      Objects.requireNonNull(instanceId, "instanceId");
      if (instanceId.isBlank() || instanceId.length() > 100) {
        throw new IllegalArgumentException("instanceId must be 1 to 100 characters");
      }
      this.instanceId = instanceId;
      return this;
    }

    /**
     * The profile to register a new conversation's visitor with, by conversation key; asked once,
     * on the conversation's first message, on the thread calling {@link #receive}. Default: none
     * (the server names the visitor {@code guest-N}).
     */
    public Builder visitorProfile(Function<String, VisitorProfile> profiles) {
      this.visitorProfile = Objects.requireNonNull(profiles, "visitorProfile");
      return this;
    }

    /** The department (id or name) new visitors register to. Default none. */
    public Builder department(String department) {
      Objects.requireNonNull(department, "department");
      if (department.isBlank()) {
        throw new IllegalArgumentException("department is blank");
      }
      this.department = department;
      return this;
    }

    /** What to do when no room can be opened. Default {@link OfflinePolicy#WAIT_IN_QUEUE}. */
    public Builder offlinePolicy(OfflinePolicy policy) {
      this.offlinePolicy = Objects.requireNonNull(policy, "offlinePolicy");
      return this;
    }

    /** Hands agents' replies to the other channel. Required. */
    public Builder replySender(ReplySender sender) {
      this.replySender = Objects.requireNonNull(sender, "replySender");
      return this;
    }

    /**
     * Told of each inbound message given up, once, on the drain worker's thread; what it throws is
     * ignored. The dead letters stay in the store either way ({@link LivechatBridge#deadLetters()}).
     */
    public Builder onDeadLetter(Consumer<DeadLetter> listener) {
      this.onDeadLetter = Objects.requireNonNull(listener, "onDeadLetter");
      return this;
    }

    /** The webhook's Secret Token in Rocket.Chat (Omnichannel → Webhooks), for {@link #handleWebhook}. */
    public Builder webhookSecret(String secret) {
      Objects.requireNonNull(secret, "webhookSecret");
      if (secret.isBlank()) {
        throw new IllegalArgumentException("webhookSecret is blank");
      }
      this.webhookSecret = secret;
      return this;
    }

    /**
     * Whether to hear agents' replies over realtime: every open room is followed by one instance,
     * which holds its lease in the store (renewed every {@link #leaseTime} / 3; a room whose
     * holder stopped renewing is taken over, subscribed first, then caught up from its history
     * since the last reply recorded). False (the default): replies come only by {@link
     * #handleWebhook}. Both at once are fine: replies are recorded once by message id.
     */
    public Builder followRooms(boolean follow) {
      this.followRooms = follow;
      return this;
    }

    /**
     * How long a room's lease lasts without renewal: after an instance dies, its rooms are taken
     * over within about this long. Default 10 s.
     */
    public Builder leaseTime(Duration leaseTime) {
      Objects.requireNonNull(leaseTime, "leaseTime");
      if (leaseTime.compareTo(Duration.ofMillis(300)) < 0) {
        throw new IllegalArgumentException("leaseTime must be at least 300 ms, was " + leaseTime);
      }
      this.leaseTime = leaseTime;
      return this;
    }

    /**
     * How many conversations this instance sends for at once; half as many (at least one) hand
     * replies to the {@link #replySender} at once. Default 4.
     */
    public Builder drainThreads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("drainThreads must be 1 to 64, was " + threads);
      }
      this.drainThreads = threads;
      return this;
    }

    /**
     * How long finished records stay in the store: the bridge prunes what is older (sent messages,
     * delivered replies, webhook keys, dead letters, closed rooms; see {@link BridgeStore#prune})
     * when it starts and every hour. Keep it longer than the other channel redelivers messages
     * and the server retries webhooks: an external id or delivery key pruned is no longer known
     * as a duplicate. {@link Duration#ZERO} turns pruning off. Default 7 days.
     */
    public Builder retention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException("retention must not be negative, was " + retention);
      }
      this.retention = retention;
      return this;
    }

    /** The first and the longest wait before trying a conversation or a reply again; for tests. */
    Builder backoff(Duration min, Duration max) {
      this.minBackoff = min;
      this.maxBackoff = max;
      return this;
    }

    /** How often idle workers look for work other instances recorded; for tests. */
    Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /** The clock of claims, leases and backoff; for tests. */
    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Builds the bridge; {@link LivechatBridge#start()} starts it.
     *
     * @throws IllegalStateException if no reply sender was given
     */
    public LivechatBridge build() {
      if (replySender == null) {
        throw new IllegalStateException("replySender is required");
      }
      return new LivechatBridge(this);
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static Instant now(Settings settings) {
    return settings.clock.instant();
  }
}
