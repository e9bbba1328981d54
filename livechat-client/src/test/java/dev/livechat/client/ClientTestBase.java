package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer per test and a client pointed at it; the base of the endpoint tests. */
abstract class ClientTestBase {
  static final String JSON_UTF8 = "application/json; charset=utf-8";

  @StartStop final MockWebServer server = new MockWebServer();
  LivechatClient client;

  @BeforeEach
  void createClient() {
    client = newClient();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  /**
   * The client under test: no retries, since these tests map one answer each (the retry
   * behaviour has tests of its own); a test class overrides this for other settings.
   */
  LivechatClient newClient() {
    return LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.none()).build();
  }

  /** The next request the server received, failing if none arrives within 5 s. */
  RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("request reached the server").isNotNull();
    return request;
  }
}
