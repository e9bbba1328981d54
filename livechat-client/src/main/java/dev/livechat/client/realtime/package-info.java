/**
 * The realtime side: agent messages, typing and room events over the server's WebSocket (DDP),
 * with reconnection that loses and duplicates nothing.
 *
 * <pre>{@code
 * try (LivechatRealtime realtime = client.realtime(token, roomId, new RealtimeListener() {
 *   public void onMessage(RealtimeEvent.MessageReceived event) { show(event.message()); }
 * })) {
 *   ...
 * }
 * }</pre>
 */
@NullMarked
package dev.livechat.client.realtime;

import org.jspecify.annotations.NullMarked;
