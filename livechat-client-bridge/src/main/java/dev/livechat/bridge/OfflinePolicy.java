package dev.livechat.bridge;

/**
 * What the bridge does with a conversation's messages when no room can be opened for it: Livechat
 * is switched off ({@code error-omnichannel-is-disabled}, {@code
 * apps/meteor/server/lib/omnichannel/rooms.ts}) or no agent is online ({@code no-agent-online},
 * {@code apps/meteor/app/livechat/server/lib/QueueManager.ts}).
 */
public enum OfflinePolicy {
  /**
   * Keep the messages pending and try to open the room again later, with backoff, until an agent
   * is online: nothing is lost and the agent sees every message in order. The default.
   */
  WAIT_IN_QUEUE,
  /**
   * Leave one offline message ({@code POST /api/v1/livechat/offline.message}) with all the
   * conversation's pending texts, from the profile's name and e-mail, and mark those messages done.
   * Without an e-mail in the profile, or when the server refuses the offline message (its offline
   * form switched off: {@code apps/meteor/app/livechat/server/api/v1/offlineMessage.ts} answers any
   * failure with {@code Error_sending_livechat_offline_message}), the bridge waits as with {@link
   * #WAIT_IN_QUEUE}. The server takes one offline message per 5 seconds from one address; the
   * bridge waits out its 429s per conversation. An offline message carries
   * no id, so a crash between sending it and recording that can send it twice (at least once).
   */
  LEAVE_OFFLINE_MESSAGE
}
