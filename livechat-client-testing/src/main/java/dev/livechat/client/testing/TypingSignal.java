package dev.livechat.client.testing;

import java.time.Instant;

/**
 * A typing signal the fake accepted from a visitor over the WebSocket: the {@code
 * stream-notify-room} method with {@code <rid>/user-activity}.
 *
 * @param roomId the room
 * @param username the username the visitor sent
 * @param typing true for {@code ["user-typing"]}, false for {@code []} (stopped)
 * @param at when it arrived
 */
public record TypingSignal(String roomId, String username, boolean typing, Instant at) {}
