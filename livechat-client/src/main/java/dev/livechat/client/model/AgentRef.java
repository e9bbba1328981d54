package dev.livechat.client.model;

import dev.livechat.client.internal.Checks;

/**
 * The agent a message is addressed to, sent as {@code agent: {agentId, username}} with a message.
 *
 * @param agentId the agent's user {@code _id}
 * @param username the agent's username
 */
public record AgentRef(String agentId, String username) {
  public AgentRef {
    Checks.notBlank(agentId, "agentId");
    Checks.notBlank(username, "username");
  }
}
