package dev.livechat.client.webhook;

/**
 * Where a receiver remembers the deliveries it has seen, so that the server's retries of one
 * delivery are handled once. Give several instances of a bridge one shared store, and a retry
 * that reaches another instance is still recognised.
 *
 * <p>{@link InMemoryDeliveryStore} keeps keys in the process's memory. A store shared through
 * Redis needs nothing of this SDK beyond these two methods; with Jedis, for example:
 *
 * <pre>{@code
 * DeliveryStore shared = new DeliveryStore() {
 *   public boolean firstSeen(String key) {
 *     // SET key 1 NX EX 3600: atomic, and the key expires by itself an hour later
 *     return "OK".equals(jedis.set("livechat:webhook:" + key, "1", SetParams.setParams().nx().ex(3600)));
 *   }
 *   public void forget(String key) {
 *     jedis.del("livechat:webhook:" + key);
 *   }
 * };
 * }</pre>
 *
 * <p>Keep keys longer than the server keeps retrying: with {@code Livechat_http_timeout} at its
 * default of 5 s it waits 20 s (four timeouts) between attempts, so the last retry comes within
 * about 4 minutes; servers before the change to {@code sendRequest} waited 10 s between 10 tries.
 * An hour covers timeouts up to 80 s.
 *
 * <p>Implementations must be safe to call from several threads at once, and {@link #firstSeen}
 * must be atomic: of two calls with the same key at the same time, one returns true.
 */
public interface DeliveryStore {

  /**
   * Records {@code key} and says whether it is new: true the first time, false while the store
   * remembers it.
   *
   * @param key a delivery key ({@link LivechatWebhooks#deliveryKey})
   */
  boolean firstSeen(String key);

  /**
   * Forgets {@code key}, so that the next delivery with it counts as first seen again. Call it
   * when handling a delivery failed and you answer the server with an error, so that its retry is
   * handled rather than dropped.
   *
   * @param key a key given to {@link #firstSeen} before
   */
  void forget(String key);
}
