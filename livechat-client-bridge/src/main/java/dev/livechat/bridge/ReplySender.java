package dev.livechat.bridge;

/**
 * Hands an agent's reply to the other channel. The bridge calls it once per reply; a reply counts
 * as delivered only once this returns, so after a crash in between the same reply (the same
 * {@link Reply#messageId()}) comes again: pass the message id to the other channel as its
 * idempotency key where it has one.
 *
 * <p>Called from the bridge's reply threads ({@link LivechatBridge.Builder#drainThreads} / 2, at
 * least one), one reply of a conversation at a time and in the order the agents sent them, across
 * every instance sharing the store; replies of different conversations may come at the same time,
 * so it must be thread-safe. A reply the sender throws for waits with backoff, and the
 * conversation's later replies wait behind it.
 */
@FunctionalInterface
public interface ReplySender {
  /**
   * Sends {@code reply} to the person on the other channel.
   *
   * @throws Exception if it could not: the reply is handed over again later, with backoff
   */
  void send(Reply reply) throws Exception;
}
