package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.testing.ServerSettings.RoutingMethod;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's agent routes refuse as the server does: status and exact body. Where each comes from
 * (Rocket.Chat, {@code apps/meteor/...}):
 * <ul>
 *   <li>authentication, validation, failure bodies: {@code app/api/server/ApiClass.ts} ({@code
 *       _internalRouteActionHandler}: 401 {@code unauthorized('You must be logged in to do this.')}
 *       plus the old API's {@code status}/{@code message}; {@code validateParams} refused as {@code
 *       Meteor.Error('invalid-params', messages.join('\n '))}; a thrown {@code Meteor.Error} answered
 *       by {@code failure(e.message, e.error, stack, e)} with its {@code details}; a plain {@code
 *       Error} by {@code failure(e.message)}); {@code _initAuth}'s {@code login} route;
 *   <li>the validators' messages: {@code @rocket.chat/rest-typings} 8.8.1 ({@code
 *       dist/v1/omnichannel.js}, {@code dist/v1/chat.js}), run on these very bodies;
 *   <li>{@code app/livechat/server/api/v1/agent.ts} ({@code agent.status}), {@code
 *       app/livechat/imports/server/rest/inquiries.ts} and {@code app/livechat/server/lib/takeInquiry.ts},
 *       {@code app/livechat/imports/server/rest/rooms.ts}, {@code app/api/server/v1/chat.ts} with
 *       {@code app/lib/server/methods/sendMessage.ts} and {@code updateMessage.ts}, {@code
 *       app/livechat/server/api/v1/room.ts} ({@code room.forward}, {@code room.closeByUser}) with
 *       {@code app/lib/server/functions/closeLivechatRoom.ts}.
 * </ul>
 */
class AgentRoutesTest extends FakeServerTestBase {
  private FakeAgent ana;
  private String anaToken;
  private @Nullable DdpTestClient ddp;

  @BeforeEach
  void anAgentLoggedIn() {
    ana = server.agent("ana", "Ana Agent");
    anaToken = ana.newAuthToken();
  }

  @AfterEach
  void closeSocket() {
    if (ddp != null) {
      ddp.close();
    }
  }

  private Answer asAna(String method, String path, @Nullable String json) {
    return execute(new Request.Builder()
        .url(server.url().resolve("/api/v1/" + path))
        .header("X-User-Id", ana.id())
        .header("X-Auth-Token", anaToken)
        .method(method, json == null ? null : RequestBody.create(json, JSON))
        .build());
  }

  private static String invalidParams(String message) {
    return "{\"success\":false,\"error\":\"" + message + " [invalid-params]\",\"errorType\":\"invalid-params\"}";
  }

  // ---- authentication and login ----

  @Test
  void everyAgentRouteNeedsTheAuthHeaders() {
    String loggedOut = "{\"success\":false,\"error\":\"You must be logged in to do this.\",\"status\":\"error\","
        + "\"message\":\"You must be logged in to do this.\"}";
    assertRefused(post("livechat/agent.status", "{\"status\":\"busy\"}"), 401, loggedOut); // before validation
    assertRefused(get("livechat/inquiries.queuedForUser"), 401, loggedOut);
    assertRefused(post("chat.sendMessage", "{}"), 401, loggedOut);
    assertRefused(execute(new Request.Builder().url(server.url().resolve("/api/v1/me"))
        .header("X-User-Id", "someone-else").header("X-Auth-Token", anaToken).build()), 401, loggedOut);
  }

  @Test
  void loginAnswersTheTokenAndRefusesWrongCredentialsWith401() {
    ana.password("right");

    Answer ok = post("login", "{\"user\":\"ana\",\"password\":\"right\"}");
    assertThat(ok.status()).isEqualTo(200);
    Map<?, ?> data = (Map<?, ?>) ok.json().get("data");
    assertThat(ok.json()).containsEntry("status", "success").containsEntry("success", true);
    assertThat(data.get("userId")).isEqualTo(ana.id());
    assertThat(((Map<?, ?>) data.get("me")).get("username")).isEqualTo("ana");
    assertThat(post("login", "{\"username\":\"ana@example.com\",\"password\":\"right\"}").status()).isEqualTo(200);

    assertRefused(post("login", "{\"user\":\"ana\",\"password\":\"wrong\"}"), 401,
        "{\"success\":false,\"error\":403,\"status\":\"error\",\"message\":\"Incorrect password\"}");
    assertRefused(post("login", "{\"user\":\"nobody\",\"password\":\"x\"}"), 401,
        "{\"success\":false,\"error\":\"Unauthorized\",\"status\":\"error\",\"message\":\"Unauthorized\"}");
    assertRefused(post("login", "{\"user\":\"ana\",\"password\":\"right\",\"extra\":1}"), 401,
        "{\"success\":false,\"error\":400,\"status\":\"error\",\"message\":\"Unrecognized options for login request\"}");
  }

  @Test
  void ddpLoginByResumeToken() {
    ddp = DdpTestClient.connected(server.url());
    ddp.send("{\"msg\":\"method\",\"id\":\"1\",\"method\":\"login\",\"params\":[{\"resume\":\"bad\"}]}");
    Map<String, Object> refused = ddp.next("result");
    Map<?, ?> error = (Map<?, ?>) refused.get("error");
    assertThat(error.get("error")).isEqualTo(403.0);
    assertThat(error.get("reason")).isEqualTo("You've been logged out by the server. Please log in again.");

    ddp.send("{\"msg\":\"method\",\"id\":\"2\",\"method\":\"login\",\"params\":[{\"resume\":\"" + anaToken + "\"}]}");
    Map<?, ?> result = (Map<?, ?>) ddp.next("result").get("result");
    assertThat(result.get("id")).isEqualTo(ana.id());
    assertThat(result.get("token")).isEqualTo(anaToken);
    assertThat(result.get("type")).isEqualTo("resume");
  }

  // ---- agent.status ----

  @Test
  void agentStatusValidatesAndFindsTheAgent() {
    assertRefused(asAna("POST", "livechat/agent.status", "{\"status\":\"busy\"}"), 400,
        invalidParams("must be equal to one of the allowed values"));
    assertRefused(asAna("POST", "livechat/agent.status", "{\"status\":null}"), 400,
        invalidParams("must be equal to one of the allowed values"));
    assertRefused(asAna("POST", "livechat/agent.status", "{\"status\":\"available\",\"x\":1}"), 400,
        invalidParams("must NOT have additional properties"));
    assertRefused(asAna("POST", "livechat/agent.status", "{\"agentId\":\"nobody\"}"), 404,
        "{\"success\":false,\"error\":\"Agent not found\"}");
    FakeAgent bo = server.agent("bo");
    assertRefused(asAna("POST", "livechat/agent.status", "{\"status\":\"not-available\",\"agentId\":\"" + bo.id() + "\"}"),
        401, "{\"success\":false,\"error\":\"unauthorized\"}");

    Answer toggled = asAna("POST", "livechat/agent.status", "{}"); // no status: the other one
    assertThat(toggled.body()).isEqualTo("{\"status\":\"not-available\",\"success\":true}");
  }

  // ---- inquiries ----

  @Test
  void queuedForUserValidatesItsQueryAndListsTheManualQueue() {
    assertRefused(asAna("GET", "livechat/inquiries.queuedForUser?userId=x", null), 400,
        invalidParams("must NOT have additional properties"));
    assertRefused(asAna("GET", "livechat/inquiries.queuedForUser?count=x", null), 400, invalidParams("must be number"));

    String routed = visitorWithRoom(TOKEN); // auto selection: ana serves it, nothing queued
    assertThat(asAna("GET", "livechat/inquiries.queuedForUser", null).body())
        .isEqualTo("{\"inquiries\":[],\"count\":0,\"offset\":0,\"total\":0,\"success\":true}");

    server.reconfigure(s -> s.withRoutingMethod(RoutingMethod.MANUAL_SELECTION));
    String queued = visitorWithRoom(OTHER_TOKEN);
    Map<String, Object> page = asAna("GET", "livechat/inquiries.queuedForUser?count=10", null).json();
    assertThat(page).containsEntry("count", 1.0).containsEntry("total", 1.0);
    Map<?, ?> inquiry = (Map<?, ?>) ((List<?>) page.get("inquiries")).get(0);
    assertThat(inquiry.get("rid")).isEqualTo(queued).isNotEqualTo(routed);
    assertThat(inquiry.get("status")).isEqualTo("queued");
  }

  @Test
  void takeRefusesAsTakeInquiryDoes() {
    server.reconfigure(s -> s.withRoutingMethod(RoutingMethod.MANUAL_SELECTION));
    visitorWithRoom(TOKEN);
    Map<?, ?> inquiry = (Map<?, ?>) ((List<?>) asAna("GET", "livechat/inquiries.queuedForUser", null).json()
        .get("inquiries")).get(0);
    String id = (String) inquiry.get("_id");

    assertRefused(asAna("POST", "livechat/inquiries.take", "{}"), 400,
        invalidParams("must have required property 'inquiryId'"));
    assertRefused(asAna("POST", "livechat/inquiries.take", "{\"inquiryId\":\"" + id + "\",\"userId\":\"nobody\"}"),
        400, "{\"success\":false,\"error\":\"The user is invalid\"}");
    assertRefused(asAna("POST", "livechat/inquiries.take", "{\"inquiryId\":\"nope\"}"), 400,
        "{\"success\":false,\"error\":\"Inquiry not found [error-not-found]\",\"errorType\":\"error-not-found\","
            + "\"details\":{\"method\":\"livechat:takeInquiry\"}}");
    ana.setAvailable(false);
    assertRefused(asAna("POST", "livechat/inquiries.take", "{\"inquiryId\":\"" + id + "\"}"), 400,
        "{\"success\":false,\"error\":\"Agent status is offline or Omnichannel service is not active "
            + "[error-agent-status-service-offline]\",\"errorType\":\"error-agent-status-service-offline\","
            + "\"details\":{\"method\":\"livechat:takeInquiry\"}}");
    ana.setAvailable(true);

    assertThat(asAna("POST", "livechat/inquiries.take", "{\"inquiryId\":\"" + id + "\"}").body())
        .isEqualTo("{\"success\":true}");
    assertRefused(asAna("POST", "livechat/inquiries.take", "{\"inquiryId\":\"" + id + "\"}"), 400,
        "{\"success\":false,\"error\":\"Inquiry already taken [error-inquiry-taken]\",\"errorType\":\"error-inquiry-taken\","
            + "\"details\":{\"method\":\"livechat:takeInquiry\"}}");
  }

  // ---- rooms ----

  @Test
  void roomsListsOnlyTheAgentsOwnAndReadsAgentsAsQsDoes() {
    String rid = visitorWithRoom(TOKEN);
    assertRefused(asAna("GET", "livechat/rooms", null), 401, "{\"success\":false,\"error\":\"unauthorized\"}");
    assertRefused(asAna("GET", "livechat/rooms?agents[]=someone-else", null), 401,
        "{\"success\":false,\"error\":\"unauthorized\"}");
    assertRefused(asAna("GET", "livechat/rooms?agents[]=" + ana.id() + "&bogus=1", null), 400,
        invalidParams("must NOT have additional properties"));

    Map<String, Object> rooms = asAna("GET", "livechat/rooms?agents[]=" + ana.id() + "&open=true", null).json();
    assertThat(((List<?>) rooms.get("rooms")).stream().map(r -> ((Map<?, ?>) r).get("_id")).toList())
        .isEqualTo(List.of(rid));
    assertThat(asAna("GET", "livechat/rooms?agents=" + ana.id() + "&open=false", null).json())
        .containsEntry("total", 0.0);
  }

  // ---- chat.sendMessage and chat.update ----

  @Test
  void sendMessageRefusesAsExecuteSendMessageDoes() {
    String rid = visitorWithRoom(TOKEN);
    assertRefused(asAna("POST", "chat.sendMessage", "{}"), 400, invalidParams("must have required property 'message'"));
    assertRefused(asAna("POST", "chat.sendMessage", "{\"message\":\"x\"}"), 400, invalidParams("must be object"));
    assertRefused(asAna("POST", "chat.sendMessage", "{\"message\":{}}"), 400,
        "{\"success\":false,\"error\":\"The 'rid' property on the message object is missing.\"}");
    assertRefused(asAna("POST", "chat.sendMessage", "{\"message\":{\"rid\":\"nope\",\"msg\":\"Hi\"}}"), 400,
        "{\"success\":false,\"error\":\"Invalid room [error-invalid-room]\",\"errorType\":\"error-invalid-room\","
            + "\"details\":{\"method\":\"canSendMessage\"}}");
    assertRefused(asAna("POST", "chat.sendMessage", "{\"message\":{\"rid\":\"" + rid + "\",\"msg\":\""
        + "x".repeat(AgentRoutes.MAX_ALLOWED_SIZE + 1) + "\"}}"), 400,
        "{\"success\":false,\"error\":\"Message size exceeds Message_MaxAllowedSize [error-message-size-exceeded]\","
            + "\"errorType\":\"error-message-size-exceeded\",\"details\":{\"method\":\"sendMessage\"}}");
    FakeAgent bo = server.agent("bo");
    bo.forward(rid, bo); // no change: ana serves it
    ana.forward(rid, bo);
    assertRefused(asAna("POST", "chat.sendMessage", "{\"message\":{\"rid\":\"" + rid + "\",\"msg\":\"Hi\"}}"), 400,
        "{\"success\":false,\"error\":\"error-not-allowed\"}");
  }

  @Test
  void updateRefusesAsChatUpdateAndExecuteUpdateMessageDo() {
    String rid = visitorWithRoom(TOKEN);
    String visitorMessage = send(TOKEN, rid, "Hello");
    assertRefused(asAna("POST", "chat.update", "{\"roomId\":\"" + rid + "\",\"msgId\":\"m\"}"), 400,
        invalidParams("must have required property 'text'\\n must have required property 'content'\\n"
            + " must match exactly one schema in oneOf"));
    assertRefused(asAna("POST", "chat.update", "{\"roomId\":\"" + rid + "\",\"msgId\":\"nope\",\"text\":\"x\"}"), 400,
        "{\"success\":false,\"error\":\"No message found with the id of \\\"nope\\\".\"}");
    assertRefused(asAna("POST", "chat.update", "{\"roomId\":\"other\",\"msgId\":\"" + visitorMessage + "\",\"text\":\"x\"}"),
        400, "{\"success\":false,\"error\":\"The room id provided does not match where the message is from.\"}");
    assertRefused(asAna("POST", "chat.update", "{\"roomId\":\"" + rid + "\",\"msgId\":\"" + visitorMessage
        + "\",\"text\":\"x\"}"), 400,
        "{\"success\":false,\"error\":\"Message editing not allowed [error-action-not-allowed]\","
            + "\"errorType\":\"error-action-not-allowed\",\"details\":{\"method\":\"updateMessage\","
            + "\"action\":\"Message_editing\"}}");
  }

  // ---- forward and close ----

  @Test
  void forwardRefusesAsRoomForwardDoes() {
    String rid = visitorWithRoom(TOKEN);
    assertRefused(asAna("POST", "livechat/room.forward", "{}"), 400, invalidParams("must have required property 'roomId'"));
    assertRefused(asAna("POST", "livechat/room.forward", "{\"roomId\":\"nope\"}"), 400,
        "{\"success\":false,\"error\":\"error-invalid-room\"}");
    assertRefused(asAna("POST", "livechat/room.forward", "{\"roomId\":\"" + rid + "\",\"userId\":\"" + ana.id() + "\"}"),
        400, "{\"success\":false,\"error\":\"error-selected-agent-room-agent-are-same\"}");
    FakeAgent bo = server.agent("bo");
    bo.setAvailable(false);
    assertRefused(asAna("POST", "livechat/room.forward", "{\"roomId\":\"" + rid + "\",\"userId\":\"" + bo.id() + "\"}"),
        400, "{\"success\":false,\"error\":\"error-user-is-offline\"}");
    assertRefused(asAna("POST", "livechat/room.forward", "{\"roomId\":\"" + rid + "\",\"departmentId\":\"none\"}"),
        400, "{\"success\":false,\"error\":\"error-forwarding-chat\"}");
    ana.closeRoom(rid);
    assertRefused(asAna("POST", "livechat/room.forward", "{\"roomId\":\"" + rid + "\",\"userId\":\"" + bo.id() + "\"}"),
        400, "{\"success\":false,\"error\":\"This_conversation_is_already_closed\"}");
  }

  @Test
  void closeByUserRefusesAsCloseLivechatRoomDoes() {
    String rid = visitorWithRoom(TOKEN);
    assertRefused(asAna("POST", "livechat/room.closeByUser", "{}"), 400, invalidParams("must have required property 'rid'"));
    assertRefused(asAna("POST", "livechat/room.closeByUser", "{\"rid\":\"r\",\"tags\":\"a\"}"), 400,
        invalidParams("must be array"));
    assertRefused(asAna("POST", "livechat/room.closeByUser", "{\"rid\":\"nope\"}"), 400,
        "{\"success\":false,\"error\":\"error-invalid-room\"}");
    FakeAgent bo = server.agent("bo");
    String bosToken = bo.newAuthToken();
    assertRefused(execute(new Request.Builder().url(server.url().resolve("/api/v1/livechat/room.closeByUser"))
        .header("X-User-Id", bo.id()).header("X-Auth-Token", bosToken)
        .post(RequestBody.create("{\"rid\":\"" + rid + "\"}", JSON)).build()), 400,
        "{\"success\":false,\"error\":\"error-not-authorized\"}");

    assertThat(asAna("POST", "livechat/room.closeByUser", "{\"rid\":\"" + rid + "\",\"comment\":\"done\",\"tags\":[\"a\"]}")
        .body()).isEqualTo("{\"success\":true}");
    assertRefused(asAna("POST", "livechat/room.closeByUser", "{\"rid\":\"" + rid + "\"}"), 400,
        "{\"success\":false,\"error\":\"error-room-already-closed\"}");
  }
}
