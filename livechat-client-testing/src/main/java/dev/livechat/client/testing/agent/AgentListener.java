package dev.livechat.client.testing.agent;

import dev.livechat.client.model.Message;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link LivechatAgent} hears over the realtime API once {@linkplain LivechatAgent#listen
 * listening}. Called on the WebSocket's reader thread, one event at a time, in the order the
 * server sent them: return quickly, and hand long work to another thread. Every method does
 * nothing by default.
 */
public interface AgentListener {
  /**
   * A new or edited message in a {@linkplain LivechatAgent#watchRoom watched} room, whoever wrote
   * it (the visitor, an agent, the server's system messages).
   */
  default void onMessage(String roomId, Message message) {}

  /** A new or edited message of the room's visitor (it carries the visitor's token) in a watched room. */
  default void onVisitorMessage(String roomId, Message message) {}

  /**
   * A chat entered the queue the agent may take from ({@code stream-livechat-inquiry-queue-observer},
   * {@code clientAction} {@code inserted}).
   */
  default void onInquiryQueued(Inquiry inquiry) {}

  /**
   * A Livechat room was given to the agent (auto selection, a transfer, or a take): a subscription
   * was {@code inserted} on {@code stream-notify-user} {@code <userId>/subscriptions-changed}.
   */
  default void onRoomAssigned(String roomId) {}

  /** The realtime connection ended; {@code cause} is null after {@link LivechatAgent#close()}. */
  default void onDisconnected(@Nullable Throwable cause) {}
}
