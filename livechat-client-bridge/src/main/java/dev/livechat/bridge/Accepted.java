package dev.livechat.bridge;

/**
 * What {@link LivechatBridge#receive} recorded: once it returns, the message is in the database
 * and will reach Livechat exactly once, whatever happens to this process.
 *
 * @param conversationKey the conversation
 * @param externalId the other channel's id of the message
 * @param messageId the Livechat message {@code _id} the message is (or was) sent with, generated
 *     once and stored; for a duplicate, the id of the first
 * @param sequence the message's place in its conversation, from 1
 * @param duplicate true if a message with this external id was already recorded: nothing new
 *     was stored
 */
public record Accepted(
    String conversationKey, String externalId, String messageId, long sequence, boolean duplicate) {}
