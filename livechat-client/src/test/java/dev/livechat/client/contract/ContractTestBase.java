package dev.livechat.client.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.livechat.client.LivechatClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every contract test: the SDK talking to Prism, which mocks the official OpenAPI file
 * and reports each request that does not match it.
 *
 * <p>Run with {@code mvn -B -ntp -Pcontract verify}: the {@code contract} profile of
 * livechat-client/pom.xml starts Prism ({@code src/test/contract/prism.sh}) and passes its address
 * as the system property {@value #BASE_URL_PROPERTY}. Test classes are named {@code *ContractIT}, so
 * only failsafe in that profile runs them.
 *
 * <p>A test calls the SDK through {@link #client}, then {@link #assertNoViolations()}; a violation
 * passes only if a {@link KnownSpecMistake} explains it. Whatever a test leaves unchecked is
 * checked after it, so no violation goes unnoticed. With the validators profile as well
 * ({@code -Pcontract,validators}), every request the SDK sent is also judged, after each test, by
 * the Rocket.Chat server's own validation of its route ({@link ServerValidation}), and any refusal
 * fails the test. To cover more endpoints, add a {@code
 * <Group>ContractIT extends ContractTestBase} with one test per call.
 */
public abstract class ContractTestBase {
  /** The system property with Prism's address, for example {@code http://127.0.0.1:4010}. */
  public static final String BASE_URL_PROPERTY = "prism.baseUrl";

  private final ViolationRecorder recorder = new ViolationRecorder();
  private final ServerValidation serverValidation = ServerValidation.fromSystemProperty();
  private final OkHttpClient okHttp = new OkHttpClient.Builder()
      .addInterceptor(serverValidation) // first: it sees what the SDK sent, before clientSendingTo's rewriting
      .addInterceptor(recorder)
      .build();
  private final List<LivechatClient> extraClients = new ArrayList<>();
  private int checked;

  /** The SDK, pointed at Prism, with every exchange recorded. */
  protected LivechatClient client;

  @BeforeEach
  final void connectToPrism() {
    String baseUrl = System.getProperty(BASE_URL_PROPERTY);
    if (baseUrl == null || baseUrl.isBlank()) {
      fail("System property " + BASE_URL_PROPERTY + " is not set: contract tests run against Prism"
          + " with `mvn -B -ntp -Pcontract verify`");
    }
    client = LivechatClient.builder().baseUrl(baseUrl).okHttpClient(okHttp).build();
  }

  @AfterEach
  final void checkTheRestAndDisconnect() {
    try {
      if (checked < recorder.exchanges().size()) {
        assertNoViolations();
      }
      serverValidation.assertServerAcceptsEverything();
    } finally {
      if (client != null) {
        client.close();
      }
      extraClients.forEach(LivechatClient::close);
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }

  /**
   * Checks every exchange since the previous check: each violation Prism reported must be
   * explained by a {@link KnownSpecMistake} for that operation.
   *
   * @return the known mistakes that explained violations; empty when the requests matched the file
   */
  protected final Set<KnownSpecMistake> assertNoViolations() {
    List<Exchange> unchecked = uncheckedExchanges();
    checked += unchecked.size();
    Set<KnownSpecMistake> accepted = EnumSet.noneOf(KnownSpecMistake.class);
    List<String> unexplained = new ArrayList<>();
    for (Exchange exchange : unchecked) {
      for (Violation violation : exchange.violations()) {
        List<KnownSpecMistake> explaining = Arrays.stream(KnownSpecMistake.values())
            .filter(mistake -> mistake.explains(exchange, violation))
            .toList();
        if (explaining.isEmpty()) {
          unexplained.add(exchange.describe() + ": " + violation);
        }
        accepted.addAll(explaining);
      }
    }
    if (!unexplained.isEmpty()) {
      fail("Prism reports that the SDK's request does not match the OpenAPI file, and no"
          + " KnownSpecMistake explains it:\n  " + String.join("\n  ", unexplained)
          + "\nexchanges:\n  " + unchecked.stream().map(Exchange::toString)
              .collect(Collectors.joining("\n  ")));
    }
    return accepted;
  }

  /**
   * Asserts that the last exchange still shows {@code mistake}; when the file is fixed this fails,
   * and the entry must go from {@link KnownSpecMistake}.
   */
  protected final void assertStillObserved(KnownSpecMistake mistake) {
    Exchange exchange = lastExchange();
    assertThat(mistake.observedIn(exchange))
        .as("%s is listed as a known mistake of the OpenAPI file (%s) but %s no longer shows it;"
            + " if the file was fixed, remove it from KnownSpecMistake", mistake.name(),
            mistake.whyWrong(), exchange)
        .isTrue();
  }

  /**
   * A second SDK client that sends the request for {@code sdkPath} to {@code filePath} instead,
   * recorded like {@link #client}'s. Only for an endpoint the file lists under a wrong path (a
   * {@link KnownSpecMistake}): the SDK's request itself (method, query, headers, body) still goes
   * through Prism and is checked against the operation the file means, and its example answer
   * still reaches the SDK. The exchange records the rewritten path.
   *
   * @param sdkPath the path the SDK sends, for example {@code /api/v1/livechat/visitor.status}
   * @param filePath the path the file lists instead
   */
  protected final LivechatClient clientSendingTo(String sdkPath, String filePath) {
    OkHttpClient.Builder builder = okHttp.newBuilder();
    builder.interceptors().add(1, chain -> { // after serverValidation, before the recorder
      HttpUrl url = chain.request().url();
      if (!url.encodedPath().equals(sdkPath)) {
        return chain.proceed(chain.request());
      }
      HttpUrl moved = url.newBuilder().encodedPath(filePath).build();
      return chain.proceed(chain.request().newBuilder().url(moved).build());
    });
    LivechatClient moved = LivechatClient.builder()
        .baseUrl(System.getProperty(BASE_URL_PROPERTY))
        .okHttpClient(builder.build())
        .build();
    extraClients.add(moved);
    return moved;
  }

  /** Every exchange with Prism in this test, oldest first. */
  protected final List<Exchange> exchanges() {
    return recorder.exchanges();
  }

  /** The last exchange with Prism. */
  protected final Exchange lastExchange() {
    List<Exchange> all = recorder.exchanges();
    assertThat(all).as("requests that reached Prism").isNotEmpty();
    return all.get(all.size() - 1);
  }

  private List<Exchange> uncheckedExchanges() {
    List<Exchange> all = recorder.exchanges();
    assertThat(all.size())
        .as("requests that reached Prism since the last check; the SDK call sent none")
        .isGreaterThan(checked);
    return all.subList(checked, all.size());
  }
}
