package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the fake answers when it accepts: the server's success bodies and state rules, over raw HTTP. */
class SemanticsTest extends FakeServerTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @BeforeEach
  void fixedClock() {
    server.close();
    server = FakeLivechatServer.start(Clock.fixed(T0, ZoneOffset.UTC));
  }

  @Test
  void registeringAKnownTokenUpdatesThatVisitor() {
    String first = register(TOKEN);

    Answer again = post("livechat/visitor", "{\"visitor\":{\"token\":\"" + TOKEN + "\",\"name\":\"Ada L.\"}}");

    Map<?, ?> visitor = (Map<?, ?>) again.json().get("visitor");
    assertThat(visitor.get("_id")).isEqualTo(first);
    assertThat(visitor.get("name")).isEqualTo("Ada L.");
    assertThat(visitor.get("username")).isEqualTo("guest-1");
    assertThat(server.visitors()).hasSize(1);
  }

  @Test
  void aSentMessageIsAnsweredWholeWithIsoDates() {
    String rid = visitorWithRoom(TOKEN);

    Answer sent = post("livechat/message",
        "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\",\"msg\":\"Hello World!\",\"_id\":\"a1b2c3d4e5f6g7h8i\"}");

    String userId = server.visitor(TOKEN).orElseThrow().id();
    String ts = JsonValues.iso(server.messages(rid).get(1).timestamp());
    assertThat(ts).isEqualTo("2026-03-01T10:00:00.003Z");
    assertThat(sent.status()).isEqualTo(200);
    assertThat(sent.body()).isEqualTo("{\"message\":{\"_id\":\"a1b2c3d4e5f6g7h8i\",\"rid\":\"" + rid + "\","
        + "\"msg\":\"Hello World!\",\"token\":\"" + TOKEN + "\",\"alias\":\"Ada\",\"ts\":\"" + ts + "\","
        + "\"u\":{\"_id\":\"" + userId + "\",\"username\":\"guest-1\",\"name\":\"Ada\"},\"_updatedAt\":\"" + ts + "\","
        + "\"urls\":[],\"mentions\":[],\"channels\":[],\"md\":[{\"type\":\"PARAGRAPH\",\"value\":[{\"type\":"
        + "\"PLAIN_TEXT\",\"value\":\"Hello World!\"}]}]},\"success\":true}");
  }

  @Test
  void serverIdsAreSeventeenCharactersOfMeteorsAlphabet() {
    String rid = visitorWithRoom(TOKEN);

    String id = send(TOKEN, rid, "hi");

    assertThat(id).matches("[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}");
    assertThat(rid).matches("[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}");
  }

  /**
   * {@code livechat/messages.history/:rid} in {@code apps/meteor/server/api/v1/omnichannel/message.ts}
   * passes {@code end}, {@code limit} (default 20) and the {@code offset} of {@code
   * getPaginationItems(this.queryParams)} to {@code loadMessageHistory}, which sorts by {@code ts}
   * descending ({@code apps/meteor/server/lib/messages/loadMessageHistory.ts}).
   */
  @Test
  void historyIsNewestFirstBeforeAnExclusiveEndWithDefaultLimitTwenty() {
    String rid = visitorWithRoom(TOKEN);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(send(TOKEN, rid, "m" + i));
    }
    Instant tenth = server.messages(rid).get(10).timestamp(); // messages(rid).get(0) is livechat-started

    Answer latest = get("livechat/messages.history/" + rid + "?token=" + TOKEN);
    Answer beforeTenth = get("livechat/messages.history/" + rid + "?token=" + TOKEN + "&end=" + tenth + "&limit=3");
    Answer zero = get("livechat/messages.history/" + rid + "?token=" + TOKEN + "&limit=0");
    Answer skipped = get("livechat/messages.history/" + rid + "?token=" + TOKEN + "&limit=2&offset=1");

    assertThat(ids(latest)).hasSize(20).first().isEqualTo(ids.get(24));
    assertThat(ids(beforeTenth)).containsExactly(ids.get(8), ids.get(7), ids.get(6));
    // limit=0: the server's ajvQuery coerces the query in place to the number 0, and message.ts
    // only reads a truthy limit, so the default 20 holds (there is no "no limit").
    assertThat(ids(zero)).hasSize(20);
    assertThat(ids(skipped)).containsExactly(ids.get(23), ids.get(22));
  }

  /**
   * The server sorts history by {@code {ts: -1}} alone (apps/meteor/app/lib/server/functions/loadMessageHistory.ts,
   * now apps/meteor/server/lib/messages/loadMessageHistory.ts); messages of one millisecond come
   * latest stored first, and {@code end} stays exclusive.
   */
  @Test
  void historyGivesMessagesOfOneMillisecondLatestStoredFirst() {
    server.distinctTimestamps(false); // the fixed clock: every message at T0
    String rid = visitorWithRoom(TOKEN);
    String started = server.messages(rid).get(0).id();
    String first = send(TOKEN, rid, "one");
    String second = send(TOKEN, rid, "two");
    String third = send(TOKEN, rid, "three");

    Answer all = get("livechat/messages.history/" + rid + "?token=" + TOKEN);
    Answer paged = get("livechat/messages.history/" + rid + "?token=" + TOKEN + "&limit=2&offset=1");
    Answer beforeT0 = get("livechat/messages.history/" + rid + "?token=" + TOKEN + "&end=" + T0);

    assertThat(server.messages(rid)).allSatisfy(m -> assertThat(m.timestamp()).isEqualTo(T0));
    assertThat(ids(all)).containsExactly(third, second, first, started);
    assertThat(ids(paged)).containsExactly(second, first);
    assertThat(ids(beforeT0)).isEmpty();
  }

  @Test
  void customFieldsAnswerWithACapitalKey() {
    server.reconfigure(s -> s.withCustomFields(List.of(CustomFieldDefinition.visitor("address"))));
    register(TOKEN);

    Answer answer = post("livechat/custom.fields",
        "{\"token\":\"" + TOKEN + "\",\"customFields\":[{\"key\":\"address\",\"value\":\"Rocket.Chat Avenue\","
            + "\"overwrite\":true}]}");

    assertThat(answer.body()).isEqualTo("{\"fields\":[{\"Key\":\"address\",\"value\":\"Rocket.Chat Avenue\","
        + "\"overwrite\":true}],\"success\":true}");
  }

  @Test
  void customFieldWithoutOverwriteKeepsTheValueItHas() {
    server.reconfigure(s -> s.withCustomFields(List.of(CustomFieldDefinition.visitor("plan"))));
    register(TOKEN);
    post("livechat/custom.field", "{\"token\":\"" + TOKEN + "\",\"key\":\"plan\",\"value\":\"pro\",\"overwrite\":true}");

    post("livechat/custom.field", "{\"token\":\"" + TOKEN + "\",\"key\":\"plan\",\"value\":\"free\",\"overwrite\":false}");

    assertThat(server.visitor(TOKEN).orElseThrow().customFields()).containsEntry("plan", "pro");
  }

  @Test
  void configOfAKnownVisitorCarriesGuestRoomAndAgent() {
    String rid = visitorWithRoom(TOKEN);
    server.agent("agent.smith").assign(rid);

    Map<?, ?> config = (Map<?, ?>) get("livechat/config?token=" + TOKEN).json().get("config");

    assertThat(((Map<?, ?>) config.get("guest")).get("token")).isEqualTo(TOKEN);
    assertThat(((Map<?, ?>) config.get("room")).get("_id")).isEqualTo(rid);
    assertThat(((Map<?, ?>) config.get("agent")).get("username")).isEqualTo("agent.smith");
    assertThat(config.get("online")).isEqualTo(true);
  }

  @Test
  void configWhileLivechatIsDisabledSaysOnlyThat() {
    server.livechatEnabled(false);

    assertThat(get("livechat/config").body()).isEqualTo("{\"config\":{\"enabled\":false},\"success\":true}");
  }

  @Test
  void pageVisitsAreRecordedOnlyForUrlChanges() {
    Answer title = post("livechat/page.visited",
        "{\"token\":\"t\",\"pageInfo\":{\"title\":\"Cart\",\"change\":\"title\",\"location\":{\"href\":\"https://x/c\"}}}");
    Answer url = post("livechat/page.visited",
        "{\"token\":\"t\",\"pageInfo\":{\"title\":\"Cart\",\"change\":\"url\",\"location\":{\"href\":\"https://x/c\"}}}");

    assertThat(title.body()).isEqualTo("{\"success\":true}");
    assertThat(url.body()).isEqualTo("{\"page\":{\"msg\":\"Cart - https://x/c\",\"navigation\":{\"page\":{\"title\":"
        + "\"Cart\",\"change\":\"url\",\"location\":{\"href\":\"https://x/c\"}},\"token\":\"t\"}},\"success\":true}");
    assertThat(server.pageVisits()).hasSize(1);
  }

  @Test
  void agentInfoIsHiddenWhenTheSettingSaysSo() {
    String rid = visitorWithRoom(TOKEN);
    server.agent("agent.smith").assign(rid);
    server.showAgentInfo(false);

    assertThat(get("livechat/agent.info/" + rid + "/" + TOKEN).body())
        .isEqualTo("{\"agent\":{\"hiddenInfo\":true},\"success\":true}");
  }

  @Test
  void visitorStatusGoesToTheOpenRoomsOnly() {
    String rid = visitorWithRoom(TOKEN);

    Answer answer = post("livechat/visitor.status", "{\"token\":\"" + TOKEN + "\",\"status\":\"busy\"}");

    assertThat(answer.body()).isEqualTo("{\"token\":\"" + TOKEN + "\",\"status\":\"busy\",\"success\":true}");
    assertThat(server.room(rid).orElseThrow().visitor().status()).isEqualTo("busy");
    assertThat(server.visitor(TOKEN).orElseThrow().status()).as("the visitor document is unchanged").isEqualTo("online");
  }

  @Test
  void aRoomOpensWithTheLivechatStartedMessageAndWaitsForAnAgent() {
    String rid = visitorWithRoom(TOKEN);

    assertThat(server.messages(rid)).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo("livechat-started"));
    assertThat(server.room(rid).orElseThrow().servedBy()).isNull();
    assertThat(server.room(rid).orElseThrow().open()).isTrue();
  }

  @Test
  void uploadIsAnsweredWithTheMessageAtTheTopLevel() {
    String rid = visitorWithRoom(TOKEN);

    Answer answer = execute(new okhttp3.Request.Builder()
        .url(server.url().resolve("/api/v1/livechat/upload/" + rid))
        .header("x-visitor-token", TOKEN)
        .post(new okhttp3.MultipartBody.Builder().setType(okhttp3.MultipartBody.FORM)
            .addFormDataPart("file", "globe.png", okhttp3.RequestBody.create(new byte[] {9, 9},
                okhttp3.MediaType.get("image/png")))
            .build())
        .build());

    Map<String, Object> message = answer.json();
    assertThat(message).containsEntry("msg", "").containsEntry("newRoom", false).containsEntry("showConnecting", false)
        .containsEntry("success", true);
    Map<?, ?> file = (Map<?, ?>) message.get("file");
    assertThat(file.get("name")).isEqualTo("globe.png");
    assertThat(file.get("type")).isEqualTo("image/png");
    Map<?, ?> attachment = (Map<?, ?>) ((List<?>) message.get("attachments")).get(0);
    assertThat(attachment.get("image_type")).isEqualTo("image/png");
    assertThat(attachment.get("title_link")).isEqualTo(server.uploads().get(0).link());
  }
}
