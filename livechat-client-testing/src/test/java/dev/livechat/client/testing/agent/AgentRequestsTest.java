package dev.livechat.client.testing.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatDecodingException;
import dev.livechat.client.model.Message;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact requests {@link LivechatAgent} sends (method, path, query, auth headers, JSON body) and
 * how it reads the answers, against scripted answers shaped as the server's. Each body is the
 * shape the route's validator in {@code @rocket.chat/rest-typings} accepts (checked against the
 * validators themselves in the validators profile: {@code ServerValidatorsIT}'s agent routes).
 */
class AgentRequestsTest {
  private static final String USER_ID = "aobEdbYhXfu5hkeqG";
  private static final String AUTH_TOKEN = "9HqLlyZOugoStsXCUfD_0YdwnNnunAJF8V47U3QHXSq";
  private static final String MESSAGE = "{\"_id\":\"m1\",\"rid\":\"r1\",\"msg\":\"Hi\",\"ts\":\"2026-01-02T03:04:05.000Z\","
      + "\"u\":{\"_id\":\"" + USER_ID + "\",\"username\":\"ana\",\"name\":\"Ana\"},\"_updatedAt\":\"2026-01-02T03:04:05.000Z\"}";

  private MockWebServer server;
  private LivechatAgent agent;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    agent = LivechatAgent.builder().baseUrl(server.url("/"))
        .credentials(AgentCredentials.token(USER_ID, AUTH_TOKEN)).build();
  }

  @AfterEach
  void stop() {
    agent.close();
    server.close();
  }

  private void answer(String json) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(json).build());
  }

  private void refuse(int status, String json) {
    server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(json)
        .build());
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    return request;
  }

  private RecordedRequest takenWithAuth() throws InterruptedException {
    RecordedRequest request = taken();
    assertThat(request.getHeaders().get("X-User-Id")).isEqualTo(USER_ID);
    assertThat(request.getHeaders().get("X-Auth-Token")).isEqualTo(AUTH_TOKEN);
    return request;
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  // Server: APIClass._initAuth, apps/meteor/app/api/server/ApiClass.ts ({"status":"success","data":{userId, authToken, me}}).
  @Test
  void loginPostsUserAndPasswordAndSendsTheAnsweredTokenFromThenOn() throws Exception {
    answer("{\"status\":\"success\",\"data\":{\"userId\":\"u9\",\"authToken\":\"tok9\",\"me\":{\"_id\":\"u9\","
        + "\"username\":\"ana\"}},\"success\":true}");
    answer("{\"status\":\"available\",\"success\":true}");

    try (LivechatAgent loggedIn = LivechatAgent.builder().baseUrl(server.url("/"))
        .credentials(AgentCredentials.password("ana", "pa55word")).build()) {
      assertThat(loggedIn.userId()).isEqualTo("u9");
      assertThat(loggedIn.username()).isEqualTo("ana");
      loggedIn.setAvailable(true);
    }

    RecordedRequest login = taken();
    assertThat(login.getMethod()).isEqualTo("POST");
    assertThat(login.getUrl().encodedPath()).isEqualTo("/api/v1/login");
    assertThat(login.getHeaders().get("X-Auth-Token")).isNull();
    assertThat(login.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(body(login)).isEqualTo("{\"user\":\"ana\",\"password\":\"pa55word\"}");
    RecordedRequest next = taken();
    assertThat(next.getHeaders().get("X-User-Id")).isEqualTo("u9");
    assertThat(next.getHeaders().get("X-Auth-Token")).isEqualTo("tok9");
  }

  // Server: the login's catch in APIClass._initAuth: 401 unauthorized() with the Meteor error's fields.
  @Test
  void aRefusedLoginNeverPrintsThePassword() {
    refuse(401, "{\"success\":false,\"error\":403,\"status\":\"error\",\"message\":\"Incorrect password pa55word\"}");

    assertThatThrownBy(() -> LivechatAgent.login(server.url("/").toString(), "ana", "pa55word"))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.getMessage()).contains("POST /api/v1/login").doesNotContain("pa55word");
        });
  }

  // Server: isPOSTLivechatAgentStatusProps ({status?: 'available'|'not-available', agentId?}), agent.ts.
  @Test
  void setAvailablePostsTheStatus() throws Exception {
    answer("{\"status\":\"available\",\"success\":true}");
    answer("{\"status\":\"not-available\",\"success\":true}");

    assertThat(agent.setAvailable(true)).isEqualTo("available");
    assertThat(agent.setAvailable(false)).isEqualTo("not-available");

    RecordedRequest on = takenWithAuth();
    assertThat(on.getMethod()).isEqualTo("POST");
    assertThat(on.getUrl().encodedPath()).isEqualTo("/api/v1/livechat/agent.status");
    assertThat(body(on)).isEqualTo("{\"status\":\"available\"}");
    assertThat(body(takenWithAuth())).isEqualTo("{\"status\":\"not-available\"}");
  }

  // Server: isGETLivechatInquiriesQueuedForUserParams ({count?, offset?, sort?, department?}), inquiries.ts.
  @Test
  void queuedInquiriesGetsTheQueueAndReadsItsInquiries() throws Exception {
    answer("{\"inquiries\":[{\"_id\":\"i1\",\"rid\":\"r1\",\"name\":\"Ada\",\"ts\":\"2026-01-02T03:04:05.000Z\","
        + "\"status\":\"queued\",\"v\":{\"_id\":\"v1\",\"username\":\"guest-1\",\"token\":\"visitor-secret\"},"
        + "\"t\":\"l\",\"department\":\"d1\"}],\"count\":1,\"offset\":0,\"total\":1,\"success\":true}");
    answer("{\"inquiries\":[],\"count\":0,\"offset\":10,\"total\":1,\"success\":true}");

    List<Inquiry> inquiries = agent.queuedInquiries();
    assertThat(agent.queuedInquiries(10, 5)).isEmpty();

    assertThat(inquiries).containsExactly(new Inquiry("i1", "r1", "Ada", "queued", "d1",
        java.time.Instant.parse("2026-01-02T03:04:05Z")));
    RecordedRequest all = takenWithAuth();
    assertThat(all.getMethod()).isEqualTo("GET");
    assertThat(all.getUrl().toString()).endsWith("/api/v1/livechat/inquiries.queuedForUser");
    assertThat(takenWithAuth().getUrl().encodedQuery()).isEqualTo("offset=10&count=5");
  }

  // Server: isPOSTLivechatInquiriesTakeParams ({inquiryId, userId?, options?}); the answer has no inquiry.
  @Test
  void takeInquiryPostsTheInquiryId() throws Exception {
    answer("{\"success\":true}");

    agent.takeInquiry("i1");

    RecordedRequest take = takenWithAuth();
    assertThat(take.getUrl().encodedPath()).isEqualTo("/api/v1/livechat/inquiries.take");
    assertThat(body(take)).isEqualTo("{\"inquiryId\":\"i1\"}");
  }

  // Server: rooms.ts: an agent may list only agents=[itself]; qs reads agents[] as that list.
  @Test
  void openRoomsAsksForTheAgentsOwnOpenRooms() throws Exception {
    answer("{\"rooms\":[{\"_id\":\"r1\",\"fname\":\"Ada\",\"t\":\"l\",\"open\":true,\"servedBy\":{\"_id\":\"" + USER_ID
        + "\",\"username\":\"ana\"},\"v\":{\"_id\":\"v1\",\"username\":\"guest-1\",\"token\":\"visitor-secret\"}}],"
        + "\"count\":1,\"offset\":0,\"total\":1,\"success\":true}");

    List<AgentRoom> rooms = agent.openRooms();

    assertThat(rooms).containsExactly(new AgentRoom("r1", "Ada", true, USER_ID, "v1", "guest-1"));
    RecordedRequest request = takenWithAuth();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/livechat/rooms");
    assertThat(request.getUrl().encodedQuery()).isEqualTo("agents%5B%5D=" + USER_ID + "&open=true");
  }

  // Server: isChatSendMessageProps ({message: {_id?, rid, msg, ...}, previewUrls?}), chat.ts.
  @Test
  void sendMessagePostsTheMessageObject() throws Exception {
    answer("{\"message\":" + MESSAGE + ",\"success\":true}");
    answer("{\"message\":" + MESSAGE + ",\"success\":true}");

    Message sent = agent.sendMessage("r1", "Hi");
    agent.sendMessage("r1", "m1", "Hi");

    assertThat(sent.id()).isEqualTo("m1");
    assertThat(sent.user().username()).isEqualTo("ana");
    RecordedRequest plain = takenWithAuth();
    assertThat(plain.getUrl().encodedPath()).isEqualTo("/api/v1/chat.sendMessage");
    assertThat(body(plain)).isEqualTo("{\"message\":{\"rid\":\"r1\",\"msg\":\"Hi\"}}");
    assertThat(body(takenWithAuth())).isEqualTo("{\"message\":{\"_id\":\"m1\",\"rid\":\"r1\",\"msg\":\"Hi\"}}");
  }

  // Server: isChatUpdateProps, first branch ({roomId, msgId, text, previewUrls?, customFields?}), chat.ts.
  @Test
  void editMessagePostsRoomMessageAndText() throws Exception {
    answer("{\"message\":" + MESSAGE + ",\"success\":true}");

    agent.editMessage("r1", "m1", "Hi again");

    RecordedRequest update = takenWithAuth();
    assertThat(update.getUrl().encodedPath()).isEqualTo("/api/v1/chat.update");
    assertThat(body(update)).isEqualTo("{\"roomId\":\"r1\",\"msgId\":\"m1\",\"text\":\"Hi again\"}");
  }

  // Server: isLiveChatRoomForwardProps ({roomId, userId?, departmentId?, comment?, clientAction?}), room.ts.
  @Test
  void forwardPostsTheRoomAndTheTarget() throws Exception {
    answer("{\"success\":true}");
    answer("{\"success\":true}");

    agent.forward("r1", "u2");
    agent.forwardToDepartment("r1", "d2");

    RecordedRequest toAgent = takenWithAuth();
    assertThat(toAgent.getUrl().encodedPath()).isEqualTo("/api/v1/livechat/room.forward");
    assertThat(body(toAgent)).isEqualTo("{\"roomId\":\"r1\",\"userId\":\"u2\"}");
    assertThat(body(takenWithAuth())).isEqualTo("{\"roomId\":\"r1\",\"departmentId\":\"d2\"}");
  }

  // Server: isPOSTLivechatRoomCloseByUserParams ({rid, comment?, tags?, generateTranscriptPdf?, ...}), room.ts.
  @Test
  void closeRoomPostsRidAndOnlyTheOptionsGiven() throws Exception {
    answer("{\"success\":true}");
    answer("{\"success\":true}");

    agent.closeRoom("r1");
    agent.closeRoom("r1", "Solved", List.of("billing"));

    RecordedRequest bare = takenWithAuth();
    assertThat(bare.getUrl().encodedPath()).isEqualTo("/api/v1/livechat/room.closeByUser");
    assertThat(body(bare)).isEqualTo("{\"rid\":\"r1\"}");
    assertThat(body(takenWithAuth())).isEqualTo("{\"rid\":\"r1\",\"comment\":\"Solved\",\"tags\":[\"billing\"]}");
  }

  @Test
  void aRefusalBecomesAnApiExceptionWithTheNormalisedCodeAndNoToken() {
    refuse(400, "{\"success\":false,\"error\":\"Inquiry already taken [error-inquiry-taken]\","
        + "\"errorType\":\"error-inquiry-taken\",\"details\":{\"method\":\"livechat:takeInquiry\"}}");
    refuse(401, "{\"success\":false,\"error\":\"bad token " + AUTH_TOKEN + "\"}");

    assertThatThrownBy(() -> agent.takeInquiry("i1"))
        .isInstanceOfSatisfying(LivechatApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.errorCode()).isEqualTo("error-inquiry-taken");
          assertThat(e.getMessage()).isEqualTo(
              "HTTP 400 error-inquiry-taken: Inquiry already taken (POST /api/v1/livechat/inquiries.take)");
        });
    assertThatThrownBy(() -> agent.setAvailable(true)).hasMessageNotContaining(AUTH_TOKEN);
  }

  @Test
  void anAnswerThatIsNotJsonIsADecodingFailure() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html>proxy</html>").build());

    assertThatThrownBy(() -> agent.sendMessage("r1", "Hi")).isInstanceOf(LivechatDecodingException.class)
        .hasMessageContaining("POST /api/v1/chat.sendMessage");
  }
}
