package dev.livechat.client.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An agent, as a visitor may see it. When the server's setting {@code Livechat_show_agent_info}
 * is off, the answer is {@code {"hiddenInfo": true}} and every other component is null or empty.
 *
 * @param id the agent's user {@code _id}; null when hidden
 * @param username the agent's username
 * @param name the agent's display name
 * @param status presence, for example {@code online}
 * @param emails the agent's email addresses ({@code emails[].address}); never null
 * @param hiddenInfo true when the server hides who the agent is
 */
public record Agent(
    @Nullable String id,
    @Nullable String username,
    @Nullable String name,
    @Nullable String status,
    List<String> emails,
    boolean hiddenInfo) {

  public Agent {
    emails = emails == null ? List.of() : List.copyOf(emails);
  }
}
