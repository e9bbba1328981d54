package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.LivechatClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Reference §4: connect, then the four visitor subscriptions, on {@code <base>/websocket}. */
class HandshakeTest extends RealtimeTestBase {

  static Map<String, Object> expectedSub(String stream, String eventName) {
    Map<String, Object> args = Map.of("token", TOKEN, "visitorToken", TOKEN);
    return Map.of("msg", "sub", "name", stream,
        "params", List.of(eventName, Map.of("useCollection", false, "args", List.of(args))));
  }

  static Map<String, Object> withoutId(Map<String, Object> frame) {
    Map<String, Object> copy = new HashMap<>(frame);
    copy.remove("id");
    return copy;
  }

  @Test
  void connectsWithDdpVersion1ThenSubscribesToTheFiveStreamsAndReportsConnected() throws Exception {
    LivechatRealtime realtime = open();

    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    ScriptedDdpServer.Arrival upgrade = ddp.upgrades.poll(5, TimeUnit.SECONDS);
    assertThat(upgrade.request().getUrl().encodedPath()).isEqualTo("/websocket");
    assertThat(upgrade.request().getHeaders().get("Upgrade")).isEqualToIgnoringCase("websocket");

    assertThat(ScriptedDdpServer.parse(peer.nextFrame()))
        .isEqualTo(ScriptedDdpServer.parse("{\"msg\":\"connect\",\"version\":\"1\",\"support\":[\"1\",\"pre2\",\"pre1\"]}"));
    List<Map<String, Object>> subs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      subs.add(peer.nextFrameExceptHeartbeat());
    }
    assertThat(subs).extracting(HandshakeTest::withoutId).containsExactly(
        expectedSub("stream-room-messages", RID),
        expectedSub("stream-notify-room", RID + "/user-activity"),
        expectedSub("stream-notify-room", RID + "/deleteMessage"),
        expectedSub("stream-notify-room", RID + "/deleteMessageBulk"),
        expectedSub("stream-livechat-room", RID));
    assertThat(subs).extracting(sub -> sub.get("id")).doesNotContainNull().doesNotHaveDuplicates();

    listener.nextState(ConnectionState.CONNECTING);
    listener.nextState(ConnectionState.CONNECTED);
    assertThat(realtime.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(realtime.roomId()).isEqualTo(RID);

    // The baseline: the newest message, so that only later ones are delivered.
    HttpUrl baseline = ddp.nextHistoryRequest();
    assertThat(baseline.encodedPath()).isEqualTo("/api/v1/livechat/messages.history/" + RID);
    assertThat(baseline.queryParameter("token")).isEqualTo(TOKEN);
    assertThat(baseline.queryParameter("limit")).isEqualTo("1");
    assertThat(baseline.queryParameter("end")).isNull();
    // Then what was stored between the baseline and the subscription: opening costs these two calls.
    HttpUrl firstFill = ddp.nextHistoryRequest();
    assertThat(firstFill.queryParameter("limit")).isEqualTo("100");
    assertThat(firstFill.queryParameter("end")).isNull();
    assertThat(ddp.historyRequests.poll(100, TimeUnit.MILLISECONDS)).as("no third history call").isNull();
    assertThat(ddp.visitorRequests.poll(100, TimeUnit.MILLISECONDS))
        .as("the visitor is looked up only when it first types").isNull();

    // Nothing else: no sixth subscription, no method.
    assertThat(peer.pollFrame(frame -> !"ping".equals(frame.get("msg")), Duration.ofMillis(100))).isNull();
    assertThat(listener.threadNames()).allMatch(name -> name.equals("livechat-realtime " + RID));
  }

  @Test
  void theWebSocketIsUnderTheBasePathAndTheRestCallsToo() throws Exception {
    LivechatClient underBasePath = newClient(server.url("/support/"));
    try {
      track(underBasePath.realtime(TOKEN, RID, FAST, listener));

      ScriptedDdpServer.Peer peer = ddp.nextPeer();
      assertThat(ddp.upgrades.poll(5, TimeUnit.SECONDS).request().getUrl().encodedPath())
          .isEqualTo("/support/websocket");
      assertThat(ScriptedDdpServer.parse(peer.nextFrame())).containsEntry("msg", "connect");
      listener.nextState(ConnectionState.CONNECTING);
      listener.nextState(ConnectionState.CONNECTED);
      assertThat(ddp.nextHistoryRequest().encodedPath())
          .isEqualTo("/support/api/v1/livechat/messages.history/" + RID);
      track(underBasePath.realtime(TOKEN, RID, FAST, new RecordingListener())).typing(true);
      assertThat(ddp.visitorRequests.poll(5, TimeUnit.SECONDS).getUrl().encodedPath())
          .isEqualTo("/support/api/v1/livechat/visitor/" + TOKEN);
    } finally {
      sessions.forEach(LivechatRealtime::close);
      underBasePath.close();
    }
  }

  @Test
  void whatArrivesRightAfterTheSubscriptionIsDeliveredInOrderBeforeConnected() throws Exception {
    ddp.afterReady = sub -> {
      if (sub.name().equals("stream-room-messages")) {
        sub.peer().pushMessage(ddp.store("m1"));
        sub.peer().send(ScriptedDdpServer.changed("stream-livechat-room", RID,
            Map.of("type", "agentStatus", "status", "online")));
      }
    };
    open();
    ddp.nextPeer();

    listener.nextState(ConnectionState.CONNECTING);
    // Connected means caught up: m1, stored after the baseline, comes with the first gap fill,
    // before CONNECTED; the agent status, only pushed, races the fill's answer. Each comes once.
    List<Object> seen = new java.util.ArrayList<>();
    while (seen.size() < 3) {
      RealtimeEvent event = listener.next();
      seen.add(event instanceof RealtimeEvent.MessageReceived m ? m.message().id()
          : event instanceof RealtimeEvent.ConnectionStateChanged c ? c.state() : event);
    }
    assertThat(seen).containsExactlyInAnyOrder("m1", ConnectionState.CONNECTED, new RealtimeEvent.AgentStatusChanged("online"));
    assertThat(seen.indexOf("m1")).isLessThan(seen.indexOf(ConnectionState.CONNECTED));
    assertThat(listener.poll(java.time.Duration.ofMillis(100))).as("m1 only once").isNull();
  }

  @Test
  void aServerThatDoesNotSpeakVersion1IsReported() throws Exception {
    open();
    ScriptedDdpServer.Peer peer = ddp.nextPeer();
    peer.nextFrame(); // connect
    // The answer a server gives when it supports none of the client's versions.
    peer.send("{\"msg\":\"failed\",\"version\":\"1\"}");

    listener.nextState(ConnectionState.CONNECTING);
    RealtimeEvent event = listener.next();
    while (event instanceof RealtimeEvent.ConnectionStateChanged) {
      event = listener.next();
    }
    assertThat(event).isEqualTo(new RealtimeEvent.SubscriptionFailed("connect", "the server does not speak DDP version 1"));
  }
}
