package dev.livechat.client.webhook;

import dev.livechat.client.internal.Checks;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The visitor of a room, as a webhook carries it ({@code visitor}, built by {@code
 * getLivechatRoomGuestInfo} in {@code apps/meteor/app/livechat/server/lib/guests.ts}).
 * {@link #toString()} never prints the token.
 *
 * @param id the visitor's {@code _id}; empty in the settings' test ping
 * @param token the visitor token ({@code token}); never printed. For a bridge it is the key back
 *     to the person on the other channel (many bridges register visitors with a token they derive
 *     from the phone number or address)
 * @param name the visitor's name
 * @param username the visitor's username, for example {@code guest-12}
 * @param department the department id the visitor registered to
 * @param ip the visitor's IP address, as the server saw it
 * @param os the operating system from the visitor's user agent, for example {@code Linux x86_64}
 * @param browser the browser from the user agent, for example {@code Chrome 124.0.0.0}
 * @param emails the addresses ({@code email[].address}; a single string in the test ping); never
 *     null
 * @param phones the phone numbers ({@code phone[].phoneNumber}; a single string in the test
 *     ping); never null
 * @param customFields the visitor's custom fields ({@code customFields}, the visitor's {@code
 *     livechatData}), scalar values as text; never null
 * @param otherFields every other field of {@code visitor}, as read (strings, numbers as {@code
 *     Double}, booleans, lists, maps, nulls); never null
 */
public record WebhookVisitor(
    String id,
    @Nullable String token,
    @Nullable String name,
    @Nullable String username,
    @Nullable String department,
    @Nullable String ip,
    @Nullable String os,
    @Nullable String browser,
    List<String> emails,
    List<String> phones,
    Map<String, String> customFields,
    Map<String, @Nullable Object> otherFields) {

  public WebhookVisitor {
    Checks.notNull(id, "id");
    emails = emails == null ? List.of() : List.copyOf(emails);
    phones = phones == null ? List.of() : List.copyOf(phones);
    customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    otherFields = Printing.copyOfFields(otherFields);
  }

  /** Prints every component but the token (as {@code ***}), and only the names of other fields. */
  @Override
  public String toString() {
    return "WebhookVisitor[id=" + id
        + ", token=" + (token == null ? null : "***")
        + ", name=" + name
        + ", username=" + username
        + ", department=" + department
        + ", ip=" + ip
        + ", os=" + os
        + ", browser=" + browser
        + ", emails=" + emails
        + ", phones=" + phones
        + ", customFields=" + customFields
        + ", otherFields=" + Printing.names(otherFields)
        + "]";
  }
}
