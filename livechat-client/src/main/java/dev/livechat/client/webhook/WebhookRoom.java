package dev.livechat.client.webhook;

import dev.livechat.client.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The room part that every room event shares, built by {@code getLivechatRoomGuestInfo} in {@code
 * apps/meteor/app/livechat/server/lib/guests.ts} plus the {@code messages} that {@code sendToCRM}
 * adds. The server leaves out what the room lacks (no topic, no agent yet).
 *
 * @param id the room's {@code _id}
 * @param label the room's name ({@code label}: the room's {@code fname}, else its {@code label})
 * @param topic the room's topic
 * @param createdAt when the room was created ({@code createdAt}, the room's {@code ts})
 * @param lastMessageAt when its last message was sent ({@code lastMessageAt}, the room's {@code lm})
 * @param tags the room's tags; never null
 * @param customFields the room's custom fields ({@code customFields}, the room's {@code
 *     livechatData}), scalar values as text; never null
 * @param visitor the visitor
 * @param agent the agent serving the room; null while nobody does
 * @param messages for session events every visible message of the room, oldest first; for {@code
 *     Message} the one message; empty for {@code LeadCapture}; never null
 * @param crmData what your endpoint answered to an earlier delivery for this room, which the server
 *     stores and sends back ({@code crmData}): the current server stores the answer's text, older
 *     ones its parsed JSON; as read (a {@code String}, {@code Map}, {@code List}...)
 */
public record WebhookRoom(
    String id,
    @Nullable String label,
    @Nullable String topic,
    @Nullable Instant createdAt,
    @Nullable Instant lastMessageAt,
    List<String> tags,
    Map<String, String> customFields,
    @Nullable WebhookVisitor visitor,
    @Nullable WebhookAgent agent,
    List<WebhookMessage> messages,
    @Nullable Object crmData) {

  public WebhookRoom {
    Checks.notNull(id, "id");
    tags = tags == null ? List.of() : List.copyOf(tags);
    customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
