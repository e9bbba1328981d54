package dev.livechat.client.testing;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One POST of the Livechat webhook that the fake made, and what came back: {@link
 * FakeLivechatServer#webhookAttempts()}. The retries of one delivery share its {@link #delivery()}
 * number and its body, byte for byte.
 *
 * @param delivery the delivery's number, from 1 in the order the events happened; equal for its retries
 * @param attempt which try this was, 1 to 5
 * @param type the event's {@code type}, for example {@code LivechatSessionStart}
 * @param url where it was posted
 * @param token the {@code X-RocketChat-Livechat-Token} header sent, or null when no secret was set
 * @param body the JSON body sent (UTF-8, {@code Content-Type: application/json})
 * @param status the HTTP status answered, or null when no answer came (timeout, refused connection)
 * @param answer the answer's text ({@code ""} if none); after a 200 the fake keeps it as the room's
 *     {@code crmData}, as the server does
 * @param failure why no answer came, or null
 * @param sentAt when the attempt started, by the system clock (retries wait real time)
 */
public record WebhookAttempt(
    int delivery,
    int attempt,
    String type,
    String url,
    @Nullable String token,
    String body,
    @Nullable Integer status,
    String answer,
    @Nullable String failure,
    Instant sentAt) {

  public WebhookAttempt {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(sentAt, "sentAt");
  }

  /** Whether the endpoint received it: only status 200 counts, as on the server. */
  public boolean delivered() {
    return status != null && status == 200;
  }

  /**
   * Whether the server tries again after this answer ({@code sendRequest}'s {@code isRetryable}):
   * after no answer, 5xx or 429, and while tries are left.
   */
  public boolean retried() {
    return attempt < WebhookSender.TRIES && (status == null || status >= 500 || status == 429);
  }
}
