package dev.livechat.client.webhook;

import dev.livechat.client.internal.Checks;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.User;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One delivery of the Livechat webhook, one record per {@code type} the server sends. The
 * interface is sealed: a {@code switch} or {@code instanceof} chain over it sees every kind, and
 * {@link Unknown} holds any type a newer server may add, so parsing never fails on one.
 *
 * <table>
 *   <caption>Kinds, their wire type, and where the server sends them</caption>
 *   <tr><th>record</th><th>{@code type}</th><th>sent when (server source)</th></tr>
 *   <tr><td>{@link SessionStarted}</td><td>{@code LivechatSessionStart}</td>
 *       <td>a room was created ({@code livechat.newRoom}; {@code onNewRoom} in
 *       {@code app/livechat/server/lib/hooks.ts})</td></tr>
 *   <tr><td>{@link SessionQueued}</td><td>{@code LivechatSessionQueued}</td>
 *       <td>the room went to the queue ({@code livechat.chatQueued}; {@code afterRoomQueued})</td></tr>
 *   <tr><td>{@link SessionTaken}</td><td>{@code LivechatSessionTaken}</td>
 *       <td>an agent took it ({@code livechat.afterTakeInquiry}; {@code afterTakeInquiry})</td></tr>
 *   <tr><td>{@link SessionForwarded}</td><td>{@code LivechatSessionForwarded}</td>
 *       <td>it was forwarded to another agent or department</td></tr>
 *   <tr><td>{@link SessionClosed}</td><td>{@code LivechatSession}</td>
 *       <td>it was closed, with all its messages ({@code livechat.closeRoom})</td></tr>
 *   <tr><td>{@link SessionEdited}</td><td>{@code LivechatEdit}</td>
 *       <td>an agent saved a closed room's details ({@code livechat.saveInfo})</td></tr>
 *   <tr><td>{@link MessageSent}</td><td>{@code Message}</td>
 *       <td>a visitor's or an agent's message was saved or edited
 *       ({@code afterOmnichannelSaveMessage})</td></tr>
 *   <tr><td>{@link LeadCaptured}</td><td>{@code LeadCapture}</td>
 *       <td>a visitor's message matched the lead e-mail or phone pattern
 *       ({@code livechat.leadCapture}, from {@code hooks/leadCapture.ts})</td></tr>
 *   <tr><td>{@link OfflineMessageReceived}</td><td>{@code LivechatOfflineMessage}</td>
 *       <td>the offline form was sent ({@code hooks/offlineMessage.ts})</td></tr>
 *   <tr><td>{@link TestPing}</td><td>{@code LivechatSession} with room id
 *       {@value TestPing#ROOM_ID}</td><td>an admin pressed "Send Test"
 *       ({@code livechat:webhookTest} in {@code app/livechat/server/methods/webhookTest.ts})</td></tr>
 *   <tr><td>{@link Unknown}</td><td>any other</td><td>a type this SDK does not know</td></tr>
 * </table>
 *
 * <p>The room events come from {@code sendToCRM} in {@code
 * apps/meteor/app/livechat/server/hooks/sendToCRM.ts}; each is sent only when its "Send request
 * on" setting is on. Every event keeps the body it was read from ({@link #rawJson()}) and the
 * top-level fields this SDK does not model ({@link #otherFields()}). {@code toString()} prints
 * neither the body nor those fields' values, and never the visitor token.
 */
public sealed interface WebhookEvent {

  /** The wire {@code type}, for example {@code LivechatSessionStart}. */
  String type();

  /**
   * The top-level fields this SDK does not model for this type, in the body's order, as read
   * (strings, numbers as {@code Double}, booleans, lists, maps, nulls); never null.
   */
  Map<String, @Nullable Object> otherFields();

  /** The body as received, UTF-8 decoded. It contains the visitor token: handle it as such. */
  String rawJson();

  /** An event about a room, with the room, its visitor, its agent and messages. */
  sealed interface RoomEvent extends WebhookEvent {
    /** The room, its visitor, its agent and the messages the event carries. */
    WebhookRoom room();
  }

  /**
   * A room was created ({@code LivechatSessionStart}).
   *
   * @param room the room
   * @param departmentId the room's department ({@code departmentId})
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record SessionStarted(
      WebhookRoom room,
      @Nullable String departmentId,
      Map<String, @Nullable Object> otherFields,
      String rawJson) implements RoomEvent {
    /** The wire type. */
    public static final String TYPE = "LivechatSessionStart";

    public SessionStarted {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the room and department; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "SessionStarted[room=" + room + ", departmentId=" + departmentId
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * The room was put in the queue, waiting for an agent ({@code LivechatSessionQueued}).
   *
   * @param room the room
   * @param departmentId the room's department ({@code departmentId})
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record SessionQueued(
      WebhookRoom room,
      @Nullable String departmentId,
      Map<String, @Nullable Object> otherFields,
      String rawJson) implements RoomEvent {
    /** The wire type. */
    public static final String TYPE = "LivechatSessionQueued";

    public SessionQueued {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the room and department; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "SessionQueued[room=" + room + ", departmentId=" + departmentId
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * An agent took the room ({@code LivechatSessionTaken}).
   *
   * @param room the room; its {@code agent} is the agent who took it
   * @param departmentId the room's department ({@code departmentId})
   * @param servedBy the agent now serving the room, and since when ({@code servedBy})
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record SessionTaken(
      WebhookRoom room,
      @Nullable String departmentId,
      @Nullable ServedBy servedBy,
      Map<String, @Nullable Object> otherFields,
      String rawJson) implements RoomEvent {
    /** The wire type. */
    public static final String TYPE = "LivechatSessionTaken";

    public SessionTaken {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the modelled components; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "SessionTaken[room=" + room + ", departmentId=" + departmentId + ", servedBy=" + servedBy
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * The room was forwarded ({@code LivechatSessionForwarded}): to another agent ({@code
   * oldServedBy} names the previous one) or to another department ({@code oldDepartmentId} names
   * the previous one). The server sends one of the two.
   *
   * @param room the room after the forwarding
   * @param departmentId the room's department now ({@code departmentId})
   * @param servedBy the agent serving the room now ({@code servedBy}); null while it waits in the
   *     new department's queue
   * @param oldDepartmentId the department it was forwarded from ({@code oldDepartmentId})
   * @param oldServedBy the agent it was forwarded from ({@code oldServedBy})
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record SessionForwarded(
      WebhookRoom room,
      @Nullable String departmentId,
      @Nullable ServedBy servedBy,
      @Nullable String oldDepartmentId,
      @Nullable ServedBy oldServedBy,
      Map<String, @Nullable Object> otherFields,
      String rawJson) implements RoomEvent {
    /** The wire type. */
    public static final String TYPE = "LivechatSessionForwarded";

    public SessionForwarded {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the modelled components; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "SessionForwarded[room=" + room + ", departmentId=" + departmentId + ", servedBy=" + servedBy
          + ", oldDepartmentId=" + oldDepartmentId + ", oldServedBy=" + oldServedBy
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * The room was closed ({@code LivechatSession}), with every visible message of the room.
   *
   * @param room the room; its messages are the whole conversation, oldest first, the closing
   *     message included ({@link WebhookMessage#closingMessage()})
   * @param departmentId the room's department ({@code departmentId})
   * @param servedBy the agent who served it ({@code servedBy})
   * @param closedAt when it was closed ({@code closedAt})
   * @param closedBy who closed it ({@code closedBy})
   * @param closer who closed it, as a kind: {@code user} (an agent) or {@code visitor} ({@code
   *     closer})
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record SessionClosed(
      WebhookRoom room,
      @Nullable String departmentId,
      @Nullable ServedBy servedBy,
      @Nullable Instant closedAt,
      @Nullable User closedBy,
      @Nullable String closer,
      Map<String, @Nullable Object> otherFields,
      String rawJson) implements RoomEvent {
    /** The wire type. */
    public static final String TYPE = "LivechatSession";

    public SessionClosed {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the modelled components; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "SessionClosed[room=" + room + ", departmentId=" + departmentId + ", servedBy=" + servedBy
          + ", closedAt=" + closedAt + ", closedBy=" + closedBy + ", closer=" + closer
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * An agent saved the details of a closed room ({@code LivechatEdit}): tags, topic, custom
   * fields. Sent with every visible message of the room; never while the room is open.
   *
   * @param room the room as saved
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record SessionEdited(
      WebhookRoom room, Map<String, @Nullable Object> otherFields, String rawJson) implements RoomEvent {
    /** The wire type. */
    public static final String TYPE = "LivechatEdit";

    public SessionEdited {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the room; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "SessionEdited[room=" + room
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * A message was saved in the room ({@code Message}): the visitor's (with "Visitor Messages" on)
   * or an agent's (with "Agent Messages" on), the closing message, or a page change when
   * navigation history is sent. An edit sends it again with its {@code editedAt}.
   *
   * @param room the room; its messages hold the one message
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record MessageSent(
      WebhookRoom room, Map<String, @Nullable Object> otherFields, String rawJson) implements RoomEvent {
    /** The wire type. */
    public static final String TYPE = "Message";

    public MessageSent {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** The message: the first of {@code room().messages()}, which the server fills with it alone. */
    public @Nullable WebhookMessage message() {
      return room.messages().isEmpty() ? null : room.messages().get(0);
    }

    /** Prints the room; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "MessageSent[room=" + room
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * A visitor's message held an e-mail address or phone number matching the lead patterns, and
   * the server saved it to the visitor ({@code LeadCapture}). Sent without messages.
   *
   * @param room the room; its visitor carries the captured addresses and numbers
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record LeadCaptured(
      WebhookRoom room, Map<String, @Nullable Object> otherFields, String rawJson) implements RoomEvent {
    /** The wire type. */
    public static final String TYPE = "LeadCapture";

    public LeadCaptured {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the room; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "LeadCaptured[room=" + room
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * A visitor sent the offline form while no agent was online ({@code LivechatOfflineMessage}).
   * No room and no visitor record exist for it.
   *
   * @param sentAt when the server received the form ({@code sentAt})
   * @param name the name given in the form ({@code visitor.name})
   * @param email the address given in the form ({@code visitor.email})
   * @param message the message ({@code message})
   * @param otherFields the top-level fields not modelled here (fields inside {@code visitor} other
   *     than these two are only in {@link #rawJson()})
   * @param rawJson the body as received
   */
  record OfflineMessageReceived(
      @Nullable Instant sentAt,
      @Nullable String name,
      @Nullable String email,
      @Nullable String message,
      Map<String, @Nullable Object> otherFields,
      String rawJson) implements WebhookEvent {
    /** The wire type. */
    public static final String TYPE = "LivechatOfflineMessage";

    public OfflineMessageReceived {
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the modelled components; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "OfflineMessageReceived[sentAt=" + sentAt + ", name=" + name + ", email=" + email
          + ", message=" + message
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * The sample an admin sends with "Send Test" in the webhook settings ({@code livechat:webhookTest}):
   * a {@code LivechatSession} of a made-up room whose id is always {@value #ROOM_ID} (19
   * characters; the server's own ids have 17). Answer it with any 2xx; act on nothing in it. It is
   * sent once and never retried, with the configured secret in the same header.
   *
   * @param room the made-up room, visitor, agent and two messages
   * @param otherFields the top-level fields not modelled here
   * @param rawJson the body as received
   */
  record TestPing(WebhookRoom room, Map<String, @Nullable Object> otherFields, String rawJson)
      implements WebhookEvent {
    /** The wire type: the test sends a closed session's shape. */
    public static final String TYPE = "LivechatSession";

    /** The room id of every test ping. */
    public static final String ROOM_ID = "fasd6f5a4sd6f8a4sdf";

    public TestPing {
      Checks.notNull(room, "room");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    @Override
    public String type() {
      return TYPE;
    }

    /** Prints the room; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "TestPing[room=" + room
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }

  /**
   * A delivery of a type this SDK does not know, kept whole: answer it with 200 (or the server
   * sends it again) and read it from {@link #otherFields()} or {@link #rawJson()}.
   *
   * @param type the wire {@code type}
   * @param otherFields every top-level field but {@code type}, as read
   * @param rawJson the body as received
   */
  record Unknown(String type, Map<String, @Nullable Object> otherFields, String rawJson)
      implements WebhookEvent {
    public Unknown {
      Checks.notNull(type, "type");
      Checks.notNull(rawJson, "rawJson");
      otherFields = Printing.copyOfFields(otherFields);
    }

    /** Prints the type; of the rest only field names and the body's length. */
    @Override
    public String toString() {
      return "Unknown[type=" + type
          + ", otherFields=" + Printing.names(otherFields) + ", rawJson=" + Printing.raw(rawJson) + "]";
    }
  }
}
