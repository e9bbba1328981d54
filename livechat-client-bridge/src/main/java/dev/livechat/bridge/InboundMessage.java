package dev.livechat.bridge;

import java.util.Objects;

/**
 * A message a person wrote on the other channel, for {@link LivechatBridge#receive}.
 *
 * @param conversationKey who wrote it, as the other channel names them, for example {@code
 *     "whatsapp:+5511987654321"}: one key is one visitor in Livechat, kept forever; at most 200
 *     characters
 * @param externalId the other channel's id of this message (WhatsApp's {@code wamid...}): a
 *     second message with the same id in the same conversation is a duplicate and dropped; at most
 *     200 characters
 * @param text the text, not blank, at most {@value #MAX_TEXT_LENGTH} characters
 */
public record InboundMessage(String conversationKey, String externalId, String text) {
  /** Longest conversation key and external id the store accepts. */
  public static final int MAX_KEY_LENGTH = 200;
  /** Longest text the store keeps (the same on both stores; the server's own limit is usually lower). */
  public static final int MAX_TEXT_LENGTH = 1_000_000;

  /**
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if one is blank, a key or id is longer than {@value
   *     #MAX_KEY_LENGTH} characters, or the text longer than {@value #MAX_TEXT_LENGTH}
   */
  public InboundMessage {
    Keys.check(conversationKey, "conversationKey");
    Keys.check(externalId, "externalId");
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text is blank");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException("text is longer than " + MAX_TEXT_LENGTH + " characters");
    }
  }
}
