package dev.livechat.client.webhook;

import dev.livechat.client.internal.Checks;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The agent serving a room, as a webhook carries it ({@code agent}, built by {@code
 * getLivechatRoomGuestInfo} in {@code apps/meteor/app/livechat/server/lib/guests.ts}); absent
 * while nobody serves the room.
 *
 * @param id the agent's user {@code _id}
 * @param username the agent's username
 * @param name the agent's display name
 * @param email the agent's first e-mail address ({@code email})
 * @param customFields the agent's custom fields that the server's {@code Accounts_CustomFields}
 *     marks {@code sendToIntegrations} ({@code customFields}), scalar values as text; never null
 * @param otherFields every other field of {@code agent}, as read; never null
 */
public record WebhookAgent(
    String id,
    @Nullable String username,
    @Nullable String name,
    @Nullable String email,
    Map<String, String> customFields,
    Map<String, @Nullable Object> otherFields) {

  public WebhookAgent {
    Checks.notNull(id, "id");
    customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    otherFields = Printing.copyOfFields(otherFields);
  }

  /** Prints every component, and only the names of other fields. */
  @Override
  public String toString() {
    return "WebhookAgent[id=" + id
        + ", username=" + username
        + ", name=" + name
        + ", email=" + email
        + ", customFields=" + customFields
        + ", otherFields=" + Printing.names(otherFields)
        + "]";
  }
}
