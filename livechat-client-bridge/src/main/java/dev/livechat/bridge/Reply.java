package dev.livechat.bridge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An agent's message to hand to the other channel, by {@link ReplySender}.
 *
 * @param conversationKey the conversation it answers
 * @param messageId the Livechat message {@code _id}: the idempotency key for the other channel,
 *     since the same reply is handed over again if the process died before the sender returned
 * @param roomId the room it was written in
 * @param text the text; empty for a message with only a file
 * @param agentUsername the agent's username, or null if the server did not say
 * @param sentAt when the agent sent it
 */
public record Reply(
    String conversationKey, String messageId, String roomId, String text, @Nullable String agentUsername,
    Instant sentAt) {}
