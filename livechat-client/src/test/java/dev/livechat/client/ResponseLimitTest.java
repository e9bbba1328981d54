package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.model.FileInfo;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * An answer read into memory is bounded by {@link LivechatClient.Builder#maxResponseBytes}; a
 * successful answer must be one JSON document with nothing after it.
 */
class ResponseLimitTest extends ClientTestBase {
  static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  static final long LIMIT = 1024;
  static final String VISITOR = "{\"visitor\":{\"_id\":\"v1\",\"token\":\"" + TOKEN + "\"},\"success\":true}";

  @Override
  LivechatClient newClient() {
    return LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.none())
        .maxResponseBytes(LIMIT).build();
  }

  /** 64 KiB of whitespace: what a proxy's endless answer looks like, only smaller. */
  private static String whitespace() {
    return " ".repeat(64 * 1024);
  }

  @Test
  void answerLargerThanTheLimitIsRefusedNamingTheLimit() {
    server.enqueue(new MockResponse.Builder().body(whitespace()).build());

    assertThatThrownBy(() -> client.getVisitor(TOKEN))
        .isInstanceOf(LivechatDecodingException.class)
        .hasMessage("HTTP 200 answer is larger than the limit of 1024 bytes"
            + " (LivechatClient.Builder.maxResponseBytes); not read further (GET /api/v1/livechat/visitor/:token)");
  }

  @Test
  void chunkedAnswerWithoutLengthLargerThanTheLimitIsRefused() {
    server.enqueue(new MockResponse.Builder().chunkedBody(whitespace(), 512).build());

    assertThatThrownBy(() -> client.getVisitor(TOKEN))
        .isInstanceOf(LivechatDecodingException.class)
        .hasMessageContaining("larger than the limit of 1024 bytes");
  }

  @Test
  void asyncAnswerLargerThanTheLimitIsRefusedNamingTheLimit() {
    server.enqueue(new MockResponse.Builder().chunkedBody(whitespace(), 4096).build());

    assertThatThrownBy(() -> client.async().getVisitor(TOKEN).orTimeout(5, TimeUnit.SECONDS).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(LivechatDecodingException.class)
        .hasMessageContaining("larger than the limit of 1024 bytes");
  }

  @Test
  void answerOfExactlyTheLimitIsRead() {
    String body = VISITOR + " ".repeat((int) LIMIT - VISITOR.length());
    server.enqueue(new MockResponse.Builder().body(body).build());

    assertThat(client.getVisitor(TOKEN).id()).isEqualTo("v1");
  }

  @Test
  void refusalLargerThanTheLimitKeepsItsStatus() {
    server.enqueue(new MockResponse.Builder().code(503).body(whitespace()).build());

    assertThatThrownBy(() -> client.getVisitor(TOKEN))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
  }

  @Test
  void downloadIsStreamedAndNotLimited() {
    byte[] file = new byte[64 * 1024];
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(file)).build());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FileDownload download = client.downloadFile(TOKEN, "room1", new FileInfo("f1", "a.bin", null))) {
      assertThat(download.writeTo(out)).isEqualTo(file.length);
    }
  }

  @Test
  void trailingDataAfterTheJsonDocumentIsADecodingFailure() {
    server.enqueue(new MockResponse.Builder().body(VISITOR + " {\"more\":1}").build());

    assertThatThrownBy(() -> client.getVisitor(TOKEN))
        .isInstanceOf(LivechatDecodingException.class)
        .hasMessageStartingWith("HTTP 200 answer is not the expected JSON:");
  }

  @Test
  void trailingWhitespaceAfterTheJsonDocumentIsFine() {
    server.enqueue(new MockResponse.Builder().body(VISITOR + "\n \n").build());

    assertThat(client.getVisitor(TOKEN).id()).isEqualTo("v1");
  }

  @Test
  void maxResponseBytesMustBePositive() {
    assertThatThrownBy(() -> LivechatClient.builder().maxResponseBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxResponseBytes must be positive, was 0");
  }
}
