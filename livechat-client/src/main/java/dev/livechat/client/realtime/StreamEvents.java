package dev.livechat.client.realtime;

import com.squareup.moshi.JsonReader;
import dev.livechat.client.internal.ModelAdapters;
import dev.livechat.client.model.Agent;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.Visitor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The four streams a visitor's session subscribes to, and what their {@code changed} frames
 * mean, read with the records' own adapters (reference §4; the payloads as the server builds them:
 * {@code deleteMessage.ts}, {@code cleanRoomHistory.ts}, {@code dispatchAgentDelegated},
 * {@code dispatchInquiryPosition}, {@code notifyRoomVisitorChange}).
 */
final class StreamEvents {
  /**
   * One subscription, kept as data to be sent again on every connection with the same id, with
   * the visitor token of its room (never printed).
   */
  record Subscription(String id, String stream, String eventName, String token) {
    @Override
    public String toString() {
      return "Subscription[" + id + " " + stream + " " + eventName + "]";
    }
  }

  /** What one {@code changed} frame brings. */
  sealed interface Incoming {
    /** A message as stored now: new, edited, updated or turned into a deletion trace. */
    record Pushed(Message message) implements Incoming {}

    /** Someone's typing, the visitor's own included. */
    record Activity(String username, boolean typing) implements Incoming {}

    /** Anything else, ready to deliver. */
    record Event(RealtimeEvent event) implements Incoming {}
  }


  private static final JsonReader.Options ID = JsonReader.Options.of("_id");
  private static final JsonReader.Options BULK =
      JsonReader.Options.of("ts", "users", "ids", "excludePinned", "ignoreDiscussion");
  private static final JsonReader.Options RANGE = JsonReader.Options.of("$gte", "$gt", "$lte", "$lt");
  private static final JsonReader.Options ROOM_EVENT = JsonReader.Options.of("type", "data", "status", "visitor");
  private static final JsonReader.Options QUEUE =
      JsonReader.Options.of("spot", "position", "estimatedWaitTimeSeconds", "message");
  private static final JsonReader.Options TEXT = JsonReader.Options.of("text");

  private StreamEvents() {}

  /**
   * The room's messages (first), typing, deletions and room events, with ids {@code <prefix>s1} to
   * {@code <prefix>s5} (unique on their connection).
   */
  static List<Subscription> of(String roomId, String idPrefix, String token) {
    return List.of(
        new Subscription(idPrefix + "s1", "stream-room-messages", roomId, token),
        new Subscription(idPrefix + "s2", "stream-notify-room", roomId + "/user-activity", token),
        new Subscription(idPrefix + "s3", "stream-notify-room", roomId + "/deleteMessage", token),
        new Subscription(idPrefix + "s4", "stream-notify-room", roomId + "/deleteMessageBulk", token),
        new Subscription(idPrefix + "s5", "stream-livechat-room", roomId, token));
  }

  /** The room a frame of {@code eventName} belongs to: {@code <rid>} or {@code <rid>/<event>}. */
  static String roomOf(String eventName) {
    int slash = eventName.indexOf('/');
    return slash < 0 ? eventName : eventName.substring(0, slash);
  }

  /** What {@code frame} brings; nothing for what a visitor's session does not know. */
  static List<Incoming> read(DdpFrame.Changed frame) throws IOException {
    JsonReader in = JsonReader.of(new Buffer().write(frame.args()));
    if (in.peek() != JsonReader.Token.BEGIN_ARRAY) {
      return List.of();
    }
    in.beginArray();
    List<Incoming> incoming = new ArrayList<>(1);
    String event = frame.eventName();
    switch (frame.collection()) {
      case "stream-room-messages" -> {
        while (in.hasNext()) {
          Message message = in.peek() == JsonReader.Token.BEGIN_OBJECT ? ModelAdapters.MESSAGE.fromJson(in) : skip(in);
          if (message != null) {
            incoming.add(new Incoming.Pushed(message));
          }
        }
      }
      case "stream-notify-room" -> {
        if (event.endsWith("/user-activity") && in.hasNext() && in.peek() == JsonReader.Token.STRING) {
          String username = in.nextString();
          boolean typing = in.hasNext() && activities(in).contains("user-typing");
          incoming.add(new Incoming.Activity(username, typing));
        } else if (event.endsWith("/deleteMessage") && in.hasNext()) {
          String id = deletedId(in);
          if (id != null) {
            incoming.add(new Incoming.Event(new RealtimeEvent.MessageDeleted(id)));
          }
        } else if (event.endsWith("/deleteMessageBulk") && in.hasNext() && in.peek() == JsonReader.Token.BEGIN_OBJECT) {
          incoming.add(new Incoming.Event(bulk(in)));
        }
      }
      case "stream-livechat-room" -> {
        if (in.hasNext() && in.peek() == JsonReader.Token.BEGIN_OBJECT) {
          RealtimeEvent roomEvent = roomEvent(in);
          if (roomEvent != null) {
            incoming.add(new Incoming.Event(roomEvent));
          }
        }
      }
      default -> { }
    }
    return incoming;
  }

  /** Skips the value of an entry whose name {@code selectName} answered with {@code selected}, and the name if unread. */
  private static void skipEntry(JsonReader in, int selected) throws IOException {
    if (selected < 0) {
      in.skipName();
    }
    in.skipValue();
  }

  private static <T> @Nullable T skip(JsonReader in) throws IOException {
    in.skipValue();
    return null;
  }

  private static List<String> activities(JsonReader in) throws IOException {
    List<String> activities = new ArrayList<>();
    if (in.peek() != JsonReader.Token.BEGIN_ARRAY) {
      in.skipValue();
      return activities;
    }
    in.beginArray();
    while (in.hasNext()) {
      if (in.peek() == JsonReader.Token.STRING) {
        activities.add(in.nextString());
      } else {
        in.skipValue();
      }
    }
    in.endArray();
    return activities;
  }

  /** {@code {"_id":..}}. */
  private static @Nullable String deletedId(JsonReader in) throws IOException {
    if (in.peek() != JsonReader.Token.BEGIN_OBJECT) {
      return skip(in);
    }
    String id = null;
    in.beginObject();
    while (in.hasNext()) {
      int name = in.selectName(ID);
      if (name == 0 && in.peek() == JsonReader.Token.STRING) {
        id = in.nextString();
      } else {
        skipEntry(in, name);
      }
    }
    in.endObject();
    return id;
  }

  /** {@code {rid, excludePinned, ignoreDiscussion, ts:{$gte|$gt, $lte|$lt}, users, ids?}} ({@code cleanRoomHistory.ts}). */
  private static RealtimeEvent bulk(JsonReader in) throws IOException {
    Instant from = null;
    Instant to = null;
    boolean fromInclusive = true;
    boolean toInclusive = true;
    List<String> users = List.of();
    List<String> ids = List.of();
    boolean excludePinned = false;
    boolean ignoreDiscussion = false;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(BULK)) {
        case 0 -> {
          if (in.peek() != JsonReader.Token.BEGIN_OBJECT) {
            in.skipValue();
            break;
          }
          in.beginObject();
          while (in.hasNext()) {
            int bound = in.selectName(RANGE);
            if (bound < 0) {
              in.skipName();
              in.skipValue();
              continue;
            }
            Instant at = ModelAdapters.INSTANT.fromJson(in);
            if (bound <= 1) {
              from = at;
              fromInclusive = bound == 0;
            } else {
              to = at;
              toInclusive = bound == 2;
            }
          }
          in.endObject();
        }
        case 1 -> users = activities(in);
        case 2 -> ids = activities(in);
        case 3 -> excludePinned = bool(in);
        case 4 -> ignoreDiscussion = bool(in);
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    return new RealtimeEvent.MessagesDeletedInBulk(
        from, fromInclusive, to, toInclusive, users, ids, excludePinned, ignoreDiscussion);
  }

  private static boolean bool(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.BOOLEAN) {
      return in.nextBoolean();
    }
    in.skipValue();
    return false;
  }

  /** {@code {"type":"agentData"|"agentStatus"|"queueData"|"visitorData", ...}}. */
  private static @Nullable RealtimeEvent roomEvent(JsonReader in) throws IOException {
    String type = null;
    Agent agent = null;
    RealtimeEvent.QueuePositionChanged queue = null;
    String status = null;
    Visitor visitor = null;
    boolean hasData = false;
    // "type" usually comes first; "data" is read by what it may be: an agent or the queue's position.
    try (JsonReader ahead = in.peekJson()) {
      ahead.beginObject();
      while (ahead.hasNext()) {
        int name = ahead.selectName(ROOM_EVENT);
        if (name == 0 && ahead.peek() == JsonReader.Token.STRING) {
          type = ahead.nextString();
        } else {
          skipEntry(ahead, name);
        }
      }
    }
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(ROOM_EVENT)) {
        case 0 -> in.skipValue(); // read ahead already
        case 1 -> {
          if (in.peek() == JsonReader.Token.NULL) {
            in.skipValue();
          } else if ("agentData".equals(type) && in.peek() == JsonReader.Token.BEGIN_OBJECT) {
            hasData = true;
            agent = ModelAdapters.AGENT.fromJson(in);
          } else if ("queueData".equals(type) && in.peek() == JsonReader.Token.BEGIN_OBJECT) {
            queue = queue(in);
          } else {
            in.skipValue();
          }
        }
        case 2 -> status = in.peek() == JsonReader.Token.STRING ? in.nextString() : skip(in);
        case 3 -> visitor = in.peek() == JsonReader.Token.BEGIN_OBJECT ? ModelAdapters.VISITOR.fromJson(in) : skip(in);
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "agentData" -> hasData && agent != null ? new RealtimeEvent.AgentChanged(agent) : new RealtimeEvent.AgentLeft();
      case "agentStatus" -> status == null ? null : new RealtimeEvent.AgentStatusChanged(status);
      case "queueData" -> queue == null ? new RealtimeEvent.QueuePositionChanged(null, null, null) : queue;
      case "visitorData" -> visitor == null ? null : new RealtimeEvent.VisitorChanged(visitor);
      default -> null;
    };
  }

  /** {@code {spot, estimatedWaitTimeSeconds, message:{text, user}}}; older servers said {@code position}. */
  private static RealtimeEvent.QueuePositionChanged queue(JsonReader in) throws IOException {
    Integer spot = null;
    Integer position = null;
    Integer wait = null;
    String text = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(QUEUE)) {
        case 0 -> spot = integer(in);
        case 1 -> position = integer(in);
        case 2 -> wait = integer(in);
        case 3 -> {
          if (in.peek() != JsonReader.Token.BEGIN_OBJECT) {
            in.skipValue();
            break;
          }
          in.beginObject();
          while (in.hasNext()) {
            int name = in.selectName(TEXT);
            if (name == 0 && in.peek() == JsonReader.Token.STRING) {
              text = in.nextString();
            } else {
              skipEntry(in, name);
            }
          }
          in.endObject();
        }
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    return new RealtimeEvent.QueuePositionChanged(spot != null ? spot : position, wait, text);
  }

  private static @Nullable Integer integer(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NUMBER) {
      return (int) in.nextDouble();
    }
    return skip(in);
  }
}
