package dev.livechat.client.webhook;

import com.squareup.moshi.JsonDataException;
import dev.livechat.client.exception.LivechatWebhookException;
import dev.livechat.client.internal.Checks;
import dev.livechat.client.internal.Telemetry;
import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryListener;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The receiving end of the Livechat webhook: checks the secret, reads the event, and recognises
 * the server's retries. Immutable and safe to share across threads; create one per endpoint.
 *
 * <pre>{@code
 * LivechatWebhooks webhooks = LivechatWebhooks.builder()
 *     .secret(System.getenv("LIVECHAT_WEBHOOK_SECRET"))
 *     .deliveryStore(InMemoryDeliveryStore.create())   // the default; or a store shared by instances
 *     .build();
 *
 * try {
 *   WebhookDelivery delivery = webhooks.receive(headers, body);
 *   if (!delivery.duplicate()) {
 *     try {
 *       handle(delivery.event());
 *     } catch (RuntimeException e) {
 *       webhooks.forget(delivery);   // let the server's retry through
 *       answer(500);
 *       return;
 *     }
 *   }
 *   answer(200);                     // 200 exactly: the server takes anything else as a failure
 * } catch (LivechatWebhookException e) {
 *   answer(e.responseStatus());      // 401 or 400
 * }
 * }</pre>
 *
 * <p><b>What the server does</b> ({@code sendRequest} in {@code
 * apps/meteor/app/livechat/server/lib/webhooks.ts}): it POSTs the event as JSON to the one
 * configured URL with the secret in {@value #TOKEN_HEADER}, and waits {@code Livechat_http_timeout}
 * (5 s by default) for an answer. Only status 200 counts as received. Otherwise it tries again after
 * four timeouts (20 s by default): the current server up to 5 tries in all, and only after a
 * timeout, a network failure, 5xx or 429; earlier servers up to 10 tries after any other answer
 * (and before those, 10 tries 10 s apart). It does not wait for your answer before going on, so
 * deliveries of one room can overlap and arrive out of order: order them by their timestamps.
 * The current server stores the text of your 200 answer in the room and sends it back as {@code
 * crmData} in the room's later events; answer with an empty body if you need nothing back.
 *
 * <p><b>Duplicates.</b> A retry re-sends the very object of the first attempt ({@code
 * sendRequest(postData, attempts - 1)}): the server builds the body once, from the room as it was
 * at the event, with every timestamp fixed ({@code sentAt} of an offline message, the file
 * URLs' tokens), serialises it with {@code JSON.stringify} on each attempt, and adds no delivery id
 * or attempt number to the body or headers. So the body alone identifies a delivery, and its bytes
 * are equal across retries; see {@link #deliveryKey}.
 */
public final class LivechatWebhooks {
  /** The header the server sends the secret in. */
  public static final String TOKEN_HEADER = "X-RocketChat-Livechat-Token";

  private final WebhookSecret secret;
  private final DeliveryStore store;
  private final Telemetry telemetry;

  private LivechatWebhooks(Builder builder) {
    this.secret = Checks.notNull(builder.secret, "secret");
    this.store = builder.store != null ? builder.store : InMemoryDeliveryStore.create();
    this.telemetry = builder.telemetry;
  }

  /**
   * A receiver checking {@code secret} and remembering deliveries in an {@link
   * InMemoryDeliveryStore#create() InMemoryDeliveryStore} (10,000 keys, an hour each).
   *
   * @throws NullPointerException if {@code secret} is null
   * @throws IllegalArgumentException if it is empty or only whitespace
   */
  public static LivechatWebhooks create(String secret) {
    return builder().secret(secret).build();
  }

  /** A builder; {@link Builder#secret} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks the secret, reads the event, and records its key in the delivery store.
   *
   * <p>The secret is checked first: a request without the right header is refused before its
   * body is read.
   *
   * @param headers the request's headers, each name with its values (names matched without regard
   *     to case); for example {@code com.sun.net.httpserver.Headers}, or OkHttp's {@code
   *     Headers.toMultimap()}
   * @param body the request's body, as received
   * @return the event, its key, and whether it was seen before
   * @throws NullPointerException if an argument is null
   * @throws LivechatWebhookException with {@code responseStatus()} 401 if the token header is
   *     missing, repeated or wrong; 400 if the body is not UTF-8 JSON, not an object, has no string
   *     {@code type}, or a field this SDK reads has the wrong shape. An unknown type or field is
   *     never an error
   */
  public WebhookDelivery receive(Map<String, ? extends List<String>> headers, byte[] body) {
    Checks.notNull(headers, "headers");
    Checks.notNull(body, "body");
    try {
      secret.verify(headers);
    } catch (LivechatWebhookException refused) {
      throw refused(refused);
    }
    return accept(body);
  }

  /**
   * Like {@link #receive(Map, byte[])}, for servers that hand out one header at a time: {@code
   * receive(request.getHeader(LivechatWebhooks.TOKEN_HEADER), body)}.
   *
   * @param token the value of the {@value #TOKEN_HEADER} header, or null when the request had none
   * @param body the request's body, as received
   * @return the event, its key, and whether it was seen before
   * @throws NullPointerException if {@code body} is null
   * @throws LivechatWebhookException as {@link #receive(Map, byte[])} does
   */
  public WebhookDelivery receive(@Nullable String token, byte[] body) {
    Checks.notNull(body, "body");
    try {
      secret.verify(token);
    } catch (LivechatWebhookException refused) {
      throw refused(refused);
    }
    return accept(body);
  }

  /**
   * Forgets a delivery, so that the server's next retry of it is not taken for a duplicate. Call
   * it when handling the delivery failed and you answer with an error status.
   */
  public void forget(WebhookDelivery delivery) {
    store.forget(Checks.notNull(delivery, "delivery").key());
  }

  private WebhookDelivery accept(byte[] body) {
    WebhookEvent event;
    try {
      event = parse(body);
    } catch (LivechatWebhookException refused) {
      throw refused(refused);
    }
    String key = deliveryKey(event);
    boolean duplicate = !store.firstSeen(key);
    if (telemetry.on()) {
      telemetry.emit(new TelemetryEvent.WebhookReceived(
          duplicate ? TelemetryEvent.WebhookResult.DUPLICATE : TelemetryEvent.WebhookResult.ACCEPTED, 200,
          event.type()));
    }
    return new WebhookDelivery(event, key, duplicate);
  }

  /** Reports a refused request (its status, no type: it was not read) and hands its exception back. */
  private LivechatWebhookException refused(LivechatWebhookException refused) {
    if (telemetry.on()) {
      telemetry.emit(new TelemetryEvent.WebhookReceived(TelemetryEvent.WebhookResult.REFUSED,
          refused.responseStatus(), null));
    }
    return refused;
  }

  /**
   * Reads a webhook body into its event, without checking any secret: {@link #receive} does both.
   *
   * @throws NullPointerException if {@code body} is null
   * @throws LivechatWebhookException with {@code responseStatus()} 400 if the body is not UTF-8
   *     JSON, not an object, has no string {@code type}, or a field this SDK reads has the wrong
   *     shape (a string where a list belongs, a timestamp that is not one). The message names the
   *     JSON path, never a value. An unknown type or field is never an error
   */
  public static WebhookEvent parse(byte[] body) {
    Checks.notNull(body, "body");
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new LivechatWebhookException("Webhook body is not UTF-8 text", 400, e);
    }
    try {
      return WebhookReader.read(body, json);
    } catch (JsonDataException e) {
      throw new LivechatWebhookException("Webhook body is not a Livechat event: " + e.getMessage(), 400, e);
    }
  }

  /**
   * Like {@link #parse(byte[])}, for a body already decoded.
   *
   * @throws NullPointerException if {@code json} is null
   * @throws LivechatWebhookException as {@link #parse(byte[])} does
   */
  public static WebhookEvent parse(String json) {
    return parse(Checks.notNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key that every retry of this delivery shares and no other delivery has: {@code
   * <type>:<room id>:<message id>:<hash>}, where the hash is the SHA-256 of the body's bytes in
   * unpadded base64url, and the ids are {@code -} when the event has none (the message id is
   * given for {@code Message} events only).
   *
   * <p>The hash alone decides: the server re-sends the same bytes on each retry (see the class
   * documentation), and any change in what it sends (an edit's {@code editedAt} and
   * {@code _updatedAt}, a new {@code lastMessageAt}, a closed room's added messages) changes
   * it. The type and ids make keys readable and let a shared store group them, for example to
   * delete a room's keys. Two deliveries with byte-identical bodies (an agent saving a closed
   * room's details twice without a change) are taken for one; they carry the same data.
   */
  public static String deliveryKey(WebhookEvent event) {
    Checks.notNull(event, "event");
    String roomId = "-";
    if (event instanceof WebhookEvent.RoomEvent roomEvent) {
      roomId = roomEvent.room().id();
    } else if (event instanceof WebhookEvent.TestPing ping) {
      roomId = ping.room().id();
    }
    String messageId = "-";
    if (event instanceof WebhookEvent.MessageSent sent) {
      WebhookMessage message = sent.message();
      if (message != null && message.id() != null) {
        messageId = message.id();
      }
    }
    return event.type() + ":" + roomId + ":" + messageId + ":" + sha256(event.rawJson());
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "LivechatWebhooks[secret=***, deliveryStore=" + store + "]";
  }

  /** Builds a {@link LivechatWebhooks}. */
  public static final class Builder {
    private @Nullable WebhookSecret secret;
    private @Nullable DeliveryStore store;
    private Telemetry telemetry = Telemetry.OFF;

    private Builder() {}

    /**
     * The secret configured in the server's webhook settings ("Secret Token"). Required.
     *
     * @throws NullPointerException if {@code secret} is null
     * @throws IllegalArgumentException if it is empty or only whitespace
     */
    public Builder secret(String secret) {
      this.secret = WebhookSecret.of(secret);
      return this;
    }

    /**
     * Where deliveries are remembered. Default: {@link InMemoryDeliveryStore#create()}; give
     * instances of one bridge a shared store.
     */
    public Builder deliveryStore(DeliveryStore store) {
      this.store = Checks.notNull(store, "store");
      return this;
    }

    /**
     * Where each request's outcome is reported, for metrics: a {@link
     * TelemetryEvent.WebhookReceived} per call of {@code receive}, with its result (accepted,
     * duplicate or refused), the status to answer and the event's type, never a value of its body or
     * headers. Called on the receiving thread; what it throws is caught and never reaches {@code
     * receive}. Default: {@link TelemetryListener#NONE}, for which nothing is built.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder telemetry(TelemetryListener listener) {
      this.telemetry = Telemetry.of(listener);
      return this;
    }

    /**
     * The receiver.
     *
     * @throws NullPointerException if no secret was given
     */
    public LivechatWebhooks build() {
      return new LivechatWebhooks(this);
    }
  }
}
