package dev.livechat.client.model;

import dev.livechat.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A message to send: {@code POST /api/v1/livechat/message}.
 *
 * <pre>{@code
 * SendMessageRequest.of(token, roomId, "Hello!")
 *     .withId("a1b2c3d4e5f6g7h8i")                  // optional: your own message _id
 *     .withAgent(new AgentRef("agentId", "kim.jane")) // optional
 * }</pre>
 *
 * <p>{@link #toString()} never prints the visitor token.
 *
 * @param token the visitor token
 * @param roomId the room ({@code rid}); it must already be open
 * @param text the text ({@code msg})
 * @param id the message {@code _id} to use, or null to let the server choose
 * @param agent the agent the message is addressed to, or null
 */
public record SendMessageRequest(
    String token, String roomId, String text, @Nullable String id, @Nullable AgentRef agent) {

  public SendMessageRequest {
    Checks.notBlank(token, "token");
    Checks.notBlank(roomId, "roomId");
    Checks.notBlank(text, "text");
    if (id != null) {
      Checks.notBlank(id, "id");
    }
  }

  /** A message with the server choosing its id and no agent. */
  public static SendMessageRequest of(String token, String roomId, String text) {
    return new SendMessageRequest(token, roomId, text, null, null);
  }

  /** This request with the message {@code _id} set by the caller. */
  public SendMessageRequest withId(String id) {
    return new SendMessageRequest(token, roomId, text, Checks.notBlank(id, "id"), agent);
  }

  /** This request addressed to {@code agent}. */
  public SendMessageRequest withAgent(AgentRef agent) {
    return new SendMessageRequest(token, roomId, text, id, Checks.notNull(agent, "agent"));
  }

  /** Prints every component except the visitor token, which shows as {@code ***}. */
  @Override
  public String toString() {
    return "SendMessageRequest[token=***, roomId=" + roomId + ", text=" + text + ", id=" + id
        + ", agent=" + agent + "]";
  }
}
