package dev.livechat.client;

import static dev.livechat.client.BadInputTest.NPE_NULL;
import static dev.livechat.client.BadInputTest.nullAndBlank;
import static dev.livechat.client.BadInputTest.refused;
import static dev.livechat.client.Fixtures.assertSameJson;
import static dev.livechat.client.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.BadInputTest.Call;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.model.PageVisit;
import dev.livechat.client.model.RecordedPageVisit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recording a visited page (reference §1 row 20): the documented request and answer (fixtures
 * without a suffix, verbatim from §5), the answer when nothing was recorded, and a page without
 * {@code change}.
 */
class PageVisitedTest extends ClientTestBase {
  private static final String SECRET = "SECRET-TOKEN-123";
  private static final String HREF = "http://localhost:3000/packages/rocketchat_livechat/assets/demo.html#page-4";

  @Test
  void sendPageVisitedPostsTokenRidAndPageInfoAsDocumented() throws Exception {
    server.enqueue(Fixtures.ok("pages/visited.json"));

    client.sendPageVisited("iNKE8a6k6cjbqWhWd", "vp3D9H8ud6HYvRpvq", new PageVisit(HREF, "", "url"));

    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/page.visited");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
    assertThat(body(request)).isEqualTo("{\"token\":\"iNKE8a6k6cjbqWhWd\",\"rid\":\"vp3D9H8ud6HYvRpvq\","
        + "\"pageInfo\":{\"change\":\"url\",\"title\":\"\",\"location\":{\"href\":\"" + HREF + "\"}}}");
    assertSameJson(body(request), Fixtures.read("pages/visited-request.json"));
  }

  /**
   * The server answers the {@code msg} and {@code navigation} of the system message it stored (RC
   * apps/meteor/server/api/v1/omnichannel/pageVisited.ts, {@code page: {msg, navigation}}; the
   * message made by RC apps/meteor/app/livechat/server/lib/tracking.ts {@code savePageHistory}:
   * {@code "<title> - <href>"}, {@code navigation: {page: pageInfo, token}}).
   */
  @Test
  void sendPageVisitedReturnsTheDocumentedRecordedPageWithoutItsToken() throws Exception {
    server.enqueue(Fixtures.ok("pages/visited.json"));

    RecordedPageVisit recorded = client.sendPageVisited(
        "iNKE8a6k6cjbqWhWd", "vp3D9H8ud6HYvRpvq", new PageVisit(HREF, "", "url"));

    assertThat(recorded).isEqualTo(new RecordedPageVisit(" - file:///C:/Users/xyz/livechat/helloWorld.html",
        "file:///C:/Users/xyz/livechat/helloWorld.html", "", "url"));
    assertThat(recorded.toString())
        .doesNotContain("38cc8c765bf77e943f6e4319c5891f6c40d8538ce83473c8987562ea1d762d04");
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/page.visited");
    assertSameJson(body(request), Fixtures.read("pages/visited-request.json"));
  }

  /**
   * Nothing is recorded when the change is not the one the setting {@code
   * Livechat_history_monitor_type} names (RC apps/meteor/app/livechat/server/lib/tracking.ts
   * {@code savePageHistory} returns nothing), and the answer is {@code {"success": true}} alone (RC
   * apps/meteor/server/api/v1/omnichannel/pageVisited.ts).
   */
  @Test
  void sendPageVisitedReturnsNullWhenNothingWasRecorded() throws Exception {
    server.enqueue(Fixtures.ok("pages/visited-nothing-recorded.json"));

    RecordedPageVisit recorded = client.sendPageVisited(
        "iNKE8a6k6cjbqWhWd", "vp3D9H8ud6HYvRpvq", new PageVisit(HREF, "", "title"));

    assertThat(recorded).isNull();
    RecordedRequest request = taken();
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/page.visited");
    assertThat(body(request)).contains("\"change\":\"title\"");
  }

  @Test
  void sendPageVisitedAsyncCompletesWithTheRecordedPageOrNull() throws Exception {
    server.enqueue(Fixtures.ok("pages/visited.json"));
    server.enqueue(Fixtures.ok("pages/visited-nothing-recorded.json"));

    RecordedPageVisit recorded = client.async()
        .sendPageVisited("iNKE8a6k6cjbqWhWd", "vp3D9H8ud6HYvRpvq", new PageVisit(HREF, "", "url"))
        .get(5, TimeUnit.SECONDS);
    RecordedPageVisit nothing = client.async()
        .sendPageVisited("iNKE8a6k6cjbqWhWd", "vp3D9H8ud6HYvRpvq", new PageVisit(HREF, "", "title"))
        .get(5, TimeUnit.SECONDS);

    assertThat(recorded).isNotNull().extracting(RecordedPageVisit::href)
        .isEqualTo("file:///C:/Users/xyz/livechat/helloWorld.html");
    assertThat(nothing).isNull();
    assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/page.visited");
    assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/page.visited");
  }

  /**
   * One version of the answer's schema types the page as {@code {title, location, token}}, without
   * {@code change} and with the token inside (RC apps/meteor/server/api/v1/omnichannel/pageVisited.ts,
   * {@code pageVisitedResponseSchema}): read, the token skipped.
   */
  @Test
  void sendPageVisitedReadsAPageWithoutChangeAndSkipsTheTokenInside() throws Exception {
    server.enqueue(Fixtures.ok("pages/visited-token-in-page.json"));

    RecordedPageVisit recorded = client.sendPageVisited(SECRET, "room1", PageVisit.of("https://example.com/pricing", "Pricing"));

    assertThat(recorded).isEqualTo(
        new RecordedPageVisit("Pricing - https://example.com/pricing", "https://example.com/pricing", "Pricing", null));
    assertThat(recorded.toString()).doesNotContain(SECRET);
    assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/page.visited");
  }

  @Test
  void pageVisitOfSendsAUrlChangeWithTheTitle() throws Exception {
    server.enqueue(Fixtures.ok("pages/visited.json"));

    client.sendPageVisited("tok", "room1", PageVisit.of("https://example.com/pricing", "Pricing"));

    assertThat(body(taken())).isEqualTo("{\"token\":\"tok\",\"rid\":\"room1\",\"pageInfo\":{\"change\":\"url\","
        + "\"title\":\"Pricing\",\"location\":{\"href\":\"https://example.com/pricing\"}}}");
  }

  @Test
  void sendPageVisitedSendsATitleChange() throws Exception {
    server.enqueue(Fixtures.ok("pages/visited-nothing-recorded.json"));

    client.sendPageVisited("tok", "room1", new PageVisit("https://example.com/a", "New \"title\"", "title"));

    assertSameJson(body(taken()), "{\"token\":\"tok\",\"rid\":\"room1\",\"pageInfo\":{\"change\":\"title\","
        + "\"title\":\"New \\\"title\\\"\",\"location\":{\"href\":\"https://example.com/a\"}}}");
  }

  @Test
  void sendPageVisitedRefusedForValidationThrowsInvalidParamsWithoutPrintingTheToken() throws Exception {
    server.enqueue(Fixtures.answer(400, "errors/invalid-params-typed.json"));

    assertThatThrownBy(() -> client.sendPageVisited(SECRET, "vp3D9H8ud6HYvRpvq", new PageVisit(HREF, "", "url")))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.errorCode()).isEqualTo("invalid-params");
          assertThat(e.serverText()).isEqualTo("must have required property 'token'");
          assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/page.visited");
          assertThat(e).hasMessage("HTTP 400 invalid-params: must have required property 'token'"
              + " (POST /api/v1/livechat/page.visited)");
          assertThat(e.getMessage()).doesNotContain(SECRET);
        });
    taken();
  }

  @Test
  void sendPageVisitedAnsweredWithSomethingOtherThanAnObjectThrowsDecodingException() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body("[]")
        .build());

    assertThatThrownBy(() -> client.sendPageVisited("tok", "room1", new PageVisit(HREF, "", "url")))
        .isInstanceOfSatisfying(LivechatDecodingException.class,
            e -> assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/page.visited"));
    taken();
  }

  static Stream<Arguments> badPageVisitedCalls() {
    PageVisit page = new PageVisit(HREF, "", "url");
    List<Arguments> cases = new ArrayList<>();
    cases.addAll(nullAndBlank("sendPageVisited", "token", (c, v) -> c.sendPageVisited(v, "room1", page)));
    cases.addAll(nullAndBlank("sendPageVisited", "roomId", (c, v) -> c.sendPageVisited("tok", v, page)));
    cases.add(refused("sendPageVisited with null page", c -> c.sendPageVisited("tok", "room1", null),
        NullPointerException.class, "page" + NPE_NULL));
    cases.addAll(nullAndBlank("PageVisit", "href",
        (c, v) -> c.sendPageVisited("tok", "room1", new PageVisit(v, "", "url"))));
    cases.add(refused("PageVisit with null title",
        c -> c.sendPageVisited("tok", "room1", new PageVisit(HREF, null, "url")),
        NullPointerException.class, "title" + NPE_NULL));
    cases.addAll(nullAndBlank("PageVisit", "change",
        (c, v) -> c.sendPageVisited("tok", "room1", new PageVisit(HREF, "", v))));
    cases.addAll(nullAndBlank("PageVisit.of", "href",
        (c, v) -> c.sendPageVisited("tok", "room1", PageVisit.of(v, "Home"))));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badPageVisitedCalls")
  void badInputIsRefusedNamingTheArgumentBeforeAnyRequest(
      Call call, Class<? extends Throwable> type, String message) {
    server.enqueue(Fixtures.ok("pages/visited.json"));

    Throwable thrown = catchThrowable(() -> call.call(client));

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(message);
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }
}
