package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * A message to send: {@code POST /api/v1/livechat/message}.
 *
 * <pre>{@code
 * SendMessageRequest request = SendMessageRequest.of(token, roomId, "Hello!");
 * showPending(request.id());                        // the id the message will have
 * client.sendMessage(request.withAgent(new AgentRef("agentId", "kim.jane")));
 * }</pre>
 *
 * <p>Every request carries a message id: generated (17 characters of Meteor's alphabet, like the
 * server's own) unless the caller chose one with {@link #withId}. Because the server refuses a
 * second message with the same id, a send that is retried after a lost answer cannot create the
 * message twice, and the caller knows the id before the call returns.
 *
 * <p>{@link #toString()} never prints the visitor token.
 *
 * @param token the visitor token
 * @param roomId the room ({@code rid}); it must already be open
 * @param text the text ({@code msg})
 * @param id the message {@code _id}; null generates one
 * @param agent the agent the message is addressed to, or null
 */
public record SendMessageRequest(
    String token, String roomId, String text, String id, @Nullable AgentRef agent) {

  public SendMessageRequest {
    Arguments.notBlank(token, "token");
    Arguments.notBlank(roomId, "roomId");
    Arguments.notBlank(text, "text");
    id = id == null ? MessageIds.random() : Arguments.pathSegment(id, "id");
  }

  /** A message with a fresh id and no agent. */
  public static SendMessageRequest of(String token, String roomId, String text) {
    return new SendMessageRequest(token, roomId, text, null, null);
  }

  /** This request with the message {@code _id} set by the caller. */
  public SendMessageRequest withId(String id) {
    return new SendMessageRequest(token, roomId, text, Arguments.notBlank(id, "id"), agent);
  }

  /** This request addressed to {@code agent}. */
  public SendMessageRequest withAgent(AgentRef agent) {
    return new SendMessageRequest(token, roomId, text, id, Arguments.notNull(agent, "agent"));
  }

  /** Prints every component except the visitor token, which shows as {@code ***}. */
  @Override
  public String toString() {
    return "SendMessageRequest[token=***, roomId=" + roomId + ", text=" + text + ", id=" + id
        + ", agent=" + agent + "]";
  }
}
