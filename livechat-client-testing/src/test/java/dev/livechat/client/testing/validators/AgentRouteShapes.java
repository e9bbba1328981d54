package dev.livechat.client.testing.validators;

import static dev.livechat.client.testing.validators.RouteShape.Field.array;
import static dev.livechat.client.testing.validators.RouteShape.Field.bool;
import static dev.livechat.client.testing.validators.RouteShape.Field.number;
import static dev.livechat.client.testing.validators.RouteShape.Field.object;
import static dev.livechat.client.testing.validators.RouteShape.Field.string;

import dev.livechat.client.testing.validators.RouteShape.Field;
import dev.livechat.client.testing.validators.RouteShape.Where;
import java.util.List;

/**
 * The agent routes a scripted agent ({@code LivechatAgent}) calls, with the parameters their
 * validators declare in {@code @rocket.chat/rest-typings} 8.8.1: {@code dist/v1/omnichannel.js}
 * ({@code isPOSTLivechatAgentStatusProps}, {@code isGETLivechatInquiriesQueuedForUserParams}, {@code
 * isPOSTLivechatInquiriesTakeParams}, {@code isGETLivechatRoomsParams}, {@code
 * isLiveChatRoomForwardProps}, {@code isPOSTLivechatRoomCloseByUserParams}) and {@code
 * dist/v1/chat.js} ({@code isChatSendMessageProps}, {@code isChatUpdateProps}, its first branch).
 * As for the visitor routes, these only steer the generated requests; the service holds the verdicts.
 */
final class AgentRouteShapes {
  private AgentRouteShapes() {}

  private static RouteShape body(String path, Field... fields) {
    return new RouteShape("POST", path, Where.BODY, List.of(fields), false);
  }

  private static RouteShape query(String path, Field... fields) {
    return new RouteShape("GET", path, Where.QUERY, List.of(fields), false);
  }

  static List<RouteShape> all() {
    return List.of(
        body("livechat/agent.status", string("status", false), string("agentId", false)),
        query("livechat/inquiries.queuedForUser", number("count", false), number("offset", false),
            string("sort", false), string("department", false)),
        body("livechat/inquiries.take", string("inquiryId", true), string("userId", false),
            object("options", false, false, bool("clientAction", true))),
        query("livechat/rooms", number("count", false), number("offset", false), string("roomName", false),
            array("agents", false, string("", true)), string("departmentId", false), string("open", false),
            string("onhold", false), array("tags", false, string("", true))),
        body("livechat/room.forward", string("roomId", true), string("userId", false), string("departmentId", false),
            string("comment", false), bool("clientAction", false)),
        body("livechat/room.closeByUser", string("rid", true), string("comment", false),
            array("tags", false, string("", true)), bool("generateTranscriptPdf", false),
            object("transcriptEmail", false, false, bool("sendToVisitor", true),
                object("requestData", false, false, string("email", true), string("subject", true))),
            bool("forceClose", false)),
        body("chat.sendMessage", object("message", true, true, string("rid", false), string("msg", false),
            string("_id", false), string("alias", false), bool("tshow", false)), array("previewUrls", false,
            string("", true))),
        body("chat.update", string("roomId", true), string("msgId", true), string("text", true),
            array("previewUrls", false, string("", true))));
  }
}
