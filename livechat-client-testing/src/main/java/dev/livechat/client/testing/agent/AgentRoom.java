package dev.livechat.client.testing.agent;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Livechat room as an agent sees it (the server's {@code IOmnichannelRoom}, the fields a harness
 * needs; never the visitor's token).
 *
 * @param id the room's {@code _id}
 * @param name the room's name, the visitor's name ({@code fname})
 * @param open whether the chat is still open ({@code open})
 * @param servedBy the id of the agent serving it ({@code servedBy._id}), or null while queued
 * @param visitorId the visitor's id ({@code v._id})
 * @param visitorUsername the visitor's username ({@code v.username}), for example {@code guest-12}
 */
public record AgentRoom(String id, @Nullable String name, boolean open, @Nullable String servedBy,
    @Nullable String visitorId, @Nullable String visitorUsername) {
  public AgentRoom {
    Objects.requireNonNull(id, "id");
  }
}
