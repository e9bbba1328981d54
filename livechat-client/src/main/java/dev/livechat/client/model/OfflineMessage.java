package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * A message left while no agent is online: {@code POST /api/v1/livechat/offline.message}.
 *
 * <pre>{@code
 * OfflineMessage.of("Livechat Visitor", "visitor@rocket.chat", "I need help")
 *     .withDepartment("Support")
 * }</pre>
 *
 * @param name the visitor's name
 * @param email where the answer should go
 * @param message the text
 * @param department the department to route it to, or null
 * @param host the page the visitor wrote from, or null
 */
public record OfflineMessage(
    String name, String email, String message, @Nullable String department, @Nullable String host) {

  public OfflineMessage {
    Arguments.notBlank(name, "name");
    Arguments.notBlank(email, "email");
    Arguments.notBlank(message, "message");
  }

  /** An offline message with no department and no host. */
  public static OfflineMessage of(String name, String email, String message) {
    return new OfflineMessage(name, email, message, null, null);
  }

  /** This message routed to {@code department}. */
  public OfflineMessage withDepartment(String department) {
    return new OfflineMessage(name, email, message, Arguments.notBlank(department, "department"), host);
  }

  /** This message sent from the page {@code host}. */
  public OfflineMessage withHost(String host) {
    return new OfflineMessage(name, email, message, department, Arguments.notBlank(host, "host"));
  }
}
