/**
 * A typed Java client for the Rocket.Chat Livechat (omnichannel) visitor API.
 *
 * <pre>{@code
 * LivechatClient client = LivechatClient.create("https://chat.example.com");
 * Message sent = client.sendMessage(token, roomId, "Hello!");
 * MessageHistory history = client.loadHistory(token, roomId);
 * }</pre>
 *
 * <p>Every failure is an unchecked {@link dev.livechat.client.exception.LivechatException}.
 */
@NullMarked
package dev.livechat.client;

import org.jspecify.annotations.NullMarked;
