package dev.livechat.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Livechat visitor as the server stores it. {@link #toString()} never prints the token.
 *
 * @param id the visitor's {@code _id}
 * @param token the visitor token; never printed
 * @param username the generated username, for example {@code guest-10}
 * @param name the visitor's name
 * @param status presence: {@code online}, {@code away}, {@code busy}, {@code offline}
 * @param department the department id the visitor registered to
 * @param phones phone numbers ({@code phone[].phoneNumber}); never null
 * @param emails email addresses ({@code visitorEmails[].address}); never null
 * @param customFields custom field values by key ({@code livechatData}); never null
 * @param timestamp when the visitor was created ({@code ts})
 * @param updatedAt when the server last changed it ({@code _updatedAt})
 */
public record Visitor(
    String id,
    @Nullable String token,
    @Nullable String username,
    @Nullable String name,
    @Nullable String status,
    @Nullable String department,
    List<String> phones,
    List<String> emails,
    Map<String, String> customFields,
    @Nullable Instant timestamp,
    @Nullable Instant updatedAt) {

  public Visitor {
    Arguments.notNull(id, "id");
    phones = phones == null ? List.of() : List.copyOf(phones);
    emails = emails == null ? List.of() : List.copyOf(emails);
    customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
  }

  /** Prints every component except the visitor token, which shows as {@code ***}. */
  @Override
  public String toString() {
    return "Visitor[id=" + id
        + ", token=" + (token == null ? null : "***")
        + ", username=" + username
        + ", name=" + name
        + ", status=" + status
        + ", department=" + department
        + ", phones=" + phones
        + ", emails=" + emails
        + ", customFields=" + customFields
        + ", timestamp=" + timestamp
        + ", updatedAt=" + updatedAt
        + "]";
  }
}
