package dev.livechat.client;

import static dev.livechat.client.Fixtures.assertSameJson;
import static dev.livechat.client.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Room;
import dev.livechat.client.model.RoomResult;
import dev.livechat.client.model.RoomSource;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.SurveyAnswer;
import dev.livechat.client.model.SurveyResult;
import dev.livechat.client.model.User;
import dev.livechat.client.model.Visitor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The four room endpoints (reference §1 rows 7, 8, 10, 11): the documented examples (fixtures
 * without a suffix), today's server ({@code -current-server}) and the 0.7x room shape.
 */
class RoomsTest extends ClientTestBase {
  private static final String SECRET = "SECRET-TOKEN-123";


  @Nested
  class OpenRoom {
    /** The room of rooms/open.json. */
    final Room documentedRoom = new Room(
        "kCJDd5peKiZnGJLPq",
        true,
        "Mary",
        new Visitor("47Dajwh9DjpnTAugW", "8s7e9ony6ctl27e1qf8kue", "guest-165", null, "offline", null,
            List.of(), List.of(), Map.of(), null, null),
        new ServedBy("XycfA5CetCPuEjqxw", "jane.doe", Instant.parse("2021-07-09T20:19:29.422Z")),
        "CAJioQNAvLnYWTy8i",
        7,
        Instant.parse("2021-07-09T20:12:19.795Z"),
        Instant.parse("2021-07-09T20:21:07.334Z"),
        Instant.parse("2021-07-09T20:20:58.755Z"),
        new Message("SgrsSm3HNGrG5xTmk", "kCJDd5peKiZnGJLPq", "d", null, "8s7e9ony6ctl27e1qf8kue", "Mary",
            new User("47Dajwh9DjpnTAugW", "guest-165", "Mary"),
            Instant.parse("2021-07-09T20:20:58.755Z"), Instant.parse("2021-07-09T20:20:58.896Z"), null, null),
        null,
        true);

    @Test
    void openRoomSendsTheTokenAsQueryAndReadsTheDocumentedRoom() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open.json"));

      RoomResult result = client.openRoom("8s7e9ony6ctl27e1qf8kue");

      assertThat(result).isEqualTo(new RoomResult(documentedRoom, false));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/room?token=8s7e9ony6ctl27e1qf8kue");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void openRoomReadsEveryComponentTheWidgetNeeds() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open.json"));

      Room room = client.openRoom("8s7e9ony6ctl27e1qf8kue").room();

      assertThat(room.id()).isEqualTo("kCJDd5peKiZnGJLPq");
      assertThat(room.open()).isTrue();
      assertThat(room.name()).isEqualTo("Mary");
      assertThat(room.visitor().id()).isEqualTo("47Dajwh9DjpnTAugW");
      assertThat(room.visitor().username()).isEqualTo("guest-165");
      assertThat(room.visitor().token()).isEqualTo("8s7e9ony6ctl27e1qf8kue");
      assertThat(room.servedBy().since()).isEqualTo(Instant.parse("2021-07-09T20:19:29.422Z"));
      assertThat(room.departmentId()).isEqualTo("CAJioQNAvLnYWTy8i");
      assertThat(room.messageCount()).isEqualTo(7);
      assertThat(room.lastMessageAt()).isEqualTo(Instant.parse("2021-07-09T20:20:58.755Z"));
      assertThat(room.lastMessage().id()).isEqualTo("SgrsSm3HNGrG5xTmk");
      assertThat(room.lastMessage().text()).isEqualTo("d");
      assertThat(room.waitingResponse()).isTrue();
      assertThat(room.closedAt()).isNull();
    }

    @Test
    void openRoomResultNeverPrintsTheVisitorToken() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open.json"));

      RoomResult result = client.openRoom("8s7e9ony6ctl27e1qf8kue");

      assertThat(result.toString()).doesNotContain("8s7e9ony6ctl27e1qf8kue").contains("token=***");
      assertThat(result.room().visitor().toString()).doesNotContain("8s7e9ony6ctl27e1qf8kue");
    }

    @Test
    void openRoomWithRidAndAgentSendsThemInThatOrderAfterTheToken() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open.json"));

      client.openRoom("8s7e9ony6ctl27e1qf8kue", "kCJDd5peKiZnGJLPq", "XycfA5CetCPuEjqxw");

      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo(
          "/api/v1/livechat/room?token=8s7e9ony6ctl27e1qf8kue&rid=kCJDd5peKiZnGJLPq&agentId=XycfA5CetCPuEjqxw");
    }

    @Test
    void openRoomWithoutRidLeavesItOutOfTheQuery() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open.json"));

      client.openRoom("tok", null, "XycfA5CetCPuEjqxw");

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/room?token=tok&agentId=XycfA5CetCPuEjqxw");
    }

    @Test
    void openRoomWithoutRidAndAgentSendsOnlyTheToken() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open.json"));

      client.openRoom("tok", null, null);

      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/room?token=tok");
    }

    @Test
    void openRoomEncodesQueryValuesSoTheyCannotAddParameters() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open.json"));

      client.openRoom("a&rid=x", "r 1", null);

      RecordedRequest request = taken();
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/room?token=a%26rid%3Dx&rid=r%201");
      assertThat(request.getUrl().queryParameterValues("rid")).containsExactly("r 1");
    }

    /**
     * A room the SDK opens records {@code source.type = 'api'}: only the widget's cookies make it
     * {@code widget} (RC apps/meteor/server/api/v1/omnichannel/room.ts, GET livechat/room, {@code
     * roomInfo.source}; the fields typed as {@code IOmnichannelSource} in RC
     * packages/core-typings/src/IRoom.ts).
     */
    @Test
    void openRoomReadsANewRoomOfTodaysServer() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open-new-current-server.json"));

      RoomResult result = client.openRoom("test-token-12345");

      assertThat(result).isEqualTo(new RoomResult(new Room(
          "dCBiZX3XPWyPsa6pt", true, "Ada",
          new Visitor("6a22b1765528fa64dd29de70", "test-token-12345", "guest-10", null, "online", null,
              List.of(), List.of(), Map.of(), null, null),
          null, "68304887113ac52640bc1ca6", 0,
          Instant.parse("2026-06-05T11:23:01.002Z"), Instant.parse("2026-06-05T11:23:01.010Z"),
          null, null, null, null, new RoomSource("api", null, null, null, null)), true));
      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/room?token=test-token-12345");
    }

    /**
     * A room the widget opened records {@code {type: 'widget', destination: <host>}} (RC
     * apps/meteor/server/api/v1/omnichannel/room.ts, {@code isWidget(this.request.headers)}); the
     * SDK finds that open room by the token.
     */
    @Test
    void openRoomReadsTheSourceOfARoomTheWidgetOpened() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open-widget-current-server.json"));

      RoomResult result = client.openRoom("test-token-12345");

      assertThat(result.newRoom()).isFalse();
      assertThat(result.room().source()).isEqualTo(new RoomSource("widget", null, null, null, "chat.example.com"));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/room?token=test-token-12345");
      assertThat(request.getBodySize()).isZero();
    }

    @Test
    void openRoomReadsARoomWhoseVisitorPhoneIsAString() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open-visitor-phone-core-typings.json"));

      RoomResult result = client.openRoom("test-token-12345");

      assertThat(result.newRoom()).isTrue();
      assertThat(result.room().id()).isEqualTo("dCBiZX3XPWyPsa6pt");
      assertThat(result.room().visitor().id()).isEqualTo("6a22b1765528fa64dd29de70");
      assertThat(result.room().visitor().phones()).containsExactly("+15551234567");
      assertThat(result.room().source()).isEqualTo(new RoomSource("sms", null, null, null, null));
    }

    @Test
    void openRoomReadsThe07xRoomAtTheTopLevelAsNotNew() throws Exception {
      server.enqueue(Fixtures.ok("rooms/open-0.7x.json"));

      RoomResult result = client.openRoom("iNKE8a6k6cjbqWhWd");

      assertThat(result).isEqualTo(new RoomResult(new Room(
          "zRAeTszXor8CCPceB", true, "Livechat Visitor",
          new Visitor("YgEoq2djbGdjjZnsL", "iNKE8a6k6cjbqWhWd", "guest-4", null, null, null,
              List.of(), List.of(), Map.of(), null, null),
          null, null, 1, Instant.parse("2018-09-14T13:30:01.000Z"), null, null, null, null, null), false));
    }

    @Test
    void openRoomRefusedWithAMatchErrorThrowsItsSentenceWithoutPrintingTheToken() throws Exception {
      server.enqueue(Fixtures.answer(400, "rooms/open-error-match.json"));

      assertThatThrownBy(() -> client.openRoom(SECRET))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("Match error: Missing key 'token'");
            assertThat(e.endpoint()).isEqualTo("GET /api/v1/livechat/room");
            assertThat(e).hasMessage("HTTP 400 Match error: Missing key 'token' (GET /api/v1/livechat/room)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      assertThat(taken().getTarget()).isEqualTo("/api/v1/livechat/room?token=" + SECRET);
    }

    @Test
    void openRoomWithNoAgentOnlineThrowsNoAgentOnline() throws Exception {
      server.enqueue(Fixtures.answer(400, "rooms/open-error-no-agent-current-server.json"));

      assertThatThrownBy(() -> client.openRoom(SECRET, "kCJDd5peKiZnGJLPq", "XycfA5CetCPuEjqxw"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("no-agent-online");
            assertThat(e).hasMessage("HTTP 400 no-agent-online: Sorry, no online agents (GET /api/v1/livechat/room)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }

  @Nested
  class CloseRoom {
    @Test
    void closeRoomPostsRidAndTokenAndReadsTheDocumentedReceipt() throws Exception {
      server.enqueue(Fixtures.ok("rooms/close.json"));

      ClosedRoom closed = client.closeRoom("iNKE8a6k6cjbqWhWd", "XFzMqgn33DcsQkpJp");

      assertThat(closed).isEqualTo(new ClosedRoom("XFzMqgn33DcsQkpJp", "Closed by visitor"));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/room.close");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo("{\"rid\":\"XFzMqgn33DcsQkpJp\",\"token\":\"iNKE8a6k6cjbqWhWd\"}");
      assertSameJson(body(request), Fixtures.read("rooms/close-request.json"));
    }

    @Test
    void closeRoomRefusedForValidationThrowsInvalidParams() throws Exception {
      server.enqueue(Fixtures.answer(400, "rooms/close-error-invalid-params.json"));

      assertThatThrownBy(() -> client.closeRoom(SECRET, "XFzMqgn33DcsQkpJp"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-params");
            assertThat(e.serverText()).isEqualTo("must have required property 'token' [invalid-params]");
            assertThat(e).hasMessage("HTTP 400 invalid-params: must have required property 'token'"
                + " (POST /api/v1/livechat/room.close)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }

    @Test
    void closeRoomOfAClosedRoomThrowsRoomClosed() throws Exception {
      server.enqueue(Fixtures.answer(400, "rooms/close-error-room-closed-current-server.json"));

      assertThatThrownBy(() -> client.closeRoom(SECRET, "XFzMqgn33DcsQkpJp"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("room-closed");
            assertThat(e).hasMessage("HTTP 400 room-closed (POST /api/v1/livechat/room.close)");
          });
      taken();
    }
  }

  @Nested
  class TransferToDepartment {
    @Test
    void transferToDepartmentPostsTokenRidAndDepartmentAndReturnsOnSuccess() throws Exception {
      server.enqueue(Fixtures.ok("rooms/transfer.json"));

      assertThatCode(() -> client.transferToDepartment(
          "2c9035b72dec31be7e9ccbb3cbd9952394ea41c1517b76c528d403c00a3fccf9", "dCBiZX3XPWyPsa6pt",
          "68304887113ac52640bc1ca6"))
          .doesNotThrowAnyException();

      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/visitor/department.transfer");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo(
          "{\"token\":\"2c9035b72dec31be7e9ccbb3cbd9952394ea41c1517b76c528d403c00a3fccf9\","
              + "\"rid\":\"dCBiZX3XPWyPsa6pt\",\"department\":\"68304887113ac52640bc1ca6\"}");
      assertSameJson(body(request), Fixtures.read("rooms/transfer-request.json"));
    }

    @Test
    void transferToDepartmentRefusedByTypedValidationThrowsInvalidParams() throws Exception {
      server.enqueue(Fixtures.answer(400, "rooms/transfer-error-invalid-params.json"));

      assertThatThrownBy(() -> client.transferToDepartment(SECRET, "dCBiZX3XPWyPsa6pt", "68304887113ac52640bc1ca6"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-params");
            assertThat(e.serverText()).isEqualTo("must have required property 'token'");
            assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/visitor/department.transfer");
            assertThat(e).hasMessage("HTTP 400 invalid-params: must have required property 'token'"
                + " (POST /api/v1/livechat/visitor/department.transfer)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }

  @Nested
  class SubmitSurvey {
    @Test
    void submitSurveyPostsRidTokenAndAnswersAndReadsTheRecordedAnswers() throws Exception {
      server.enqueue(Fixtures.ok("rooms/survey.json"));

      SurveyResult result = client.submitSurvey(
          "d4a8338e5a7d98b6750b4f839431b34a3f4813b2c43f7d89597948f21f607bb4", "gMMeBpWyLeowCrzBv",
          List.of(new SurveyAnswer("additionalFeedback", "Thankszzzzz")));

      assertThat(result).isEqualTo(new SurveyResult("gMMeBpWyLeowCrzBv", Map.of("additionalFeedback", "Thankszzzzz")));
      RecordedRequest request = taken();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/room.survey");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
      assertThat(body(request)).isEqualTo("{\"rid\":\"gMMeBpWyLeowCrzBv\","
          + "\"token\":\"d4a8338e5a7d98b6750b4f839431b34a3f4813b2c43f7d89597948f21f607bb4\","
          + "\"data\":[{\"name\":\"additionalFeedback\",\"value\":\"Thankszzzzz\"}]}");
      assertSameJson(body(request), Fixtures.read("rooms/survey-request.json"));
    }

    @Test
    void submitSurveySendsEveryAnswerInOrder() throws Exception {
      server.enqueue(Fixtures.ok("rooms/survey.json"));

      client.submitSurvey("tok", "gMMeBpWyLeowCrzBv", List.of(
          new SurveyAnswer("satisfaction", "5"), new SurveyAnswer("agentResposiveness", "4")));

      assertThat(body(taken())).isEqualTo("{\"rid\":\"gMMeBpWyLeowCrzBv\",\"token\":\"tok\",\"data\":["
          + "{\"name\":\"satisfaction\",\"value\":\"5\"},{\"name\":\"agentResposiveness\",\"value\":\"4\"}]}");
    }

    @Test
    void submitSurveyForAnUnknownRoomThrowsInvalidRoom() throws Exception {
      server.enqueue(Fixtures.answer(400, "errors/invalid-room-plain.json"));

      assertThatThrownBy(() -> client.submitSurvey(SECRET, "gMMeBpWyLeowCrzBv",
          List.of(new SurveyAnswer("satisfaction", "5"))))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("invalid-room");
            assertThat(e).hasMessage("HTTP 400 invalid-room (POST /api/v1/livechat/room.survey)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }
}
