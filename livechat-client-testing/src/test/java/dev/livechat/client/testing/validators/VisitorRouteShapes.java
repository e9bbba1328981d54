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
 * Every visitor route with the parameters its server-side validator declares: the AJV schemas of
 * {@code @rocket.chat/rest-typings} 8.8.1 ({@code dist/v1/omnichannel.js}) and, for the routes that
 * validate with Meteor's {@code check()}, the patterns in their handlers
 * ({@code apps/meteor/server/api/v1/omnichannel/room.ts} and {@code visitor.ts}). The service
 * ({@code src/test/validators/service.cjs}) holds which route uses which; these shapes only steer
 * the generated requests, so a field missing here would only mean fewer cases, never a wrong verdict.
 */
final class VisitorRouteShapes {
  static final String MESSAGE_ID = "ZKWP8LfGnRHQ3ozWa";
  static final String ROOM_ID = "zRAeTszXor8CCPceB";
  static final String TOKEN = "iNKE8a6k6cjbqWhWd";

  private VisitorRouteShapes() {}

  private static RouteShape body(String method, String path, Field... fields) {
    return new RouteShape(method, path, Where.BODY, List.of(fields), false);
  }

  private static RouteShape query(String path, Field... fields) {
    return new RouteShape("GET", path, Where.QUERY, List.of(fields), false);
  }

  static List<RouteShape> all() {
    return List.of(
        body("POST", "livechat/message", string("token", true), string("rid", true), string("msg", true),
            string("_id", false), object("agent", false, false, string("agentId", true), string("username", true))),
        query("livechat/message/" + MESSAGE_ID, string("token", true), string("rid", true)),
        body("PUT", "livechat/message/" + MESSAGE_ID, string("token", true), string("rid", true), string("msg", true)),
        body("DELETE", "livechat/message/" + MESSAGE_ID, string("token", true), string("rid", true),
            number("count", false), number("offset", false), string("sort", false)),
        query("livechat/messages.history/" + ROOM_ID, string("searchText", false), string("token", true),
            number("count", false), number("offset", false), string("sort", false), string("ls", false),
            string("end", false), number("limit", false)),
        query("livechat/config", string("token", false), string("department", false), string("businessUnit", false)),
        body("POST", "livechat/custom.field", string("token", true), string("key", true), string("value", true),
            bool("overwrite", true)),
        body("POST", "livechat/custom.fields", string("token", true), array("customFields", true,
            object("", true, false, string("key", true), string("value", true), bool("overwrite", true)))),
        body("POST", "livechat/room.close", string("token", true), string("rid", true)),
        body("POST", "livechat/room.survey", string("token", true), string("rid", true), array("data", true,
            object("", true, false, string("name", true), string("value", true)))),
        query("livechat/agent.next/" + TOKEN, string("department", false)),
        body("POST", "livechat/visitor/department.transfer", string("token", true), string("rid", true),
            string("department", true)),
        body("POST", "livechat/offline.message", string("name", true), string("email", true), string("message", true),
            string("department", false), string("host", false)),
        body("POST", "livechat/page.visited", string("token", true), string("rid", false), object("pageInfo", true, false,
            string("title", true), string("change", true), object("location", true, false, string("href", true)))),
        body("POST", "livechat/transcript", string("rid", true), string("token", true), string("email", true),
            string("subject", false)),
        query("livechat/room", string("token", true), string("rid", false), string("agentId", false)),
        body("POST", "livechat/visitor", object("visitor", true, true, string("token", true), string("name", false),
            string("email", false), string("department", false), string("phone", false), string("username", false),
            array("customFields", false, object("", true, true,
                string("key", true), string("value", true), bool("overwrite", true))))),
        body("POST", "livechat/visitor.status", string("token", true), string("status", true)),
        new RouteShape("GET", "livechat/visitor/" + TOKEN, Where.PATH, List.of(), true),
        new RouteShape("DELETE", "livechat/visitor/" + TOKEN, Where.PATH, List.of(), true),
        new RouteShape("GET", "livechat/agent.info/" + ROOM_ID + "/" + TOKEN, Where.PATH, List.of(), true),
        new RouteShape("POST", "livechat/upload/" + ROOM_ID, Where.UPLOAD, List.of(), true));
  }
}
