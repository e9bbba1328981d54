package dev.livechat.bridge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An inbound message the server refused for good (a refusal that sending again cannot change),
 * kept in the dead-letter table and reported to {@link LivechatBridge.Builder#onDeadLetter}. The
 * conversation's later messages go on.
 *
 * @param conversationKey the conversation
 * @param externalId the other channel's id of the message
 * @param messageId the Livechat message id it was sent with
 * @param text the text
 * @param code the server's error code, for example {@code message-length-exceeds-character-limit},
 *     or null when the answer named none
 * @param reason the server's text, or a description of what went wrong
 * @param at when it was given up
 */
public record DeadLetter(
    String conversationKey, String externalId, String messageId, String text, @Nullable String code,
    String reason, Instant at) {}
