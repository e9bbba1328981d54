package dev.livechat.client.model;


/**
 * The agent a message is addressed to, sent as {@code agent: {agentId, username}} with a message.
 *
 * @param agentId the agent's user {@code _id}
 * @param username the agent's username
 */
public record AgentRef(String agentId, String username) {
  public AgentRef {
    Arguments.notBlank(agentId, "agentId");
    Arguments.notBlank(username, "username");
  }
}
