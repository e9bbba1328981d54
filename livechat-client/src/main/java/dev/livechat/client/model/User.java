package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * The author of a message, or who edited it: a visitor ({@code guest-4}) or an agent.
 *
 * @param id the user's {@code _id}
 * @param username the username, for example {@code guest-4}; null if the server left it out
 * @param name the display name; null if the server left it out
 */
public record User(String id, @Nullable String username, @Nullable String name) {
  public User {
    Arguments.notNull(id, "id");
  }
}
