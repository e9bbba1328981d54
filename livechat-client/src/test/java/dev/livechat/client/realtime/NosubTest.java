package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A refused subscription ({@code nosub}) is reported, naming the stream and the server's reason. */
class NosubTest extends RealtimeTestBase {

  @Test
  void aRefusedSubscriptionIsSubscriptionFailedAndTheOthersStillWork() throws Exception {
    ddp.refused.put(RID + "/user-activity", "Not allowed");
    LivechatRealtime realtime = open();
    ScriptedDdpServer.Peer peer = ddp.nextPeer();

    listener.nextState(ConnectionState.CONNECTING);
    // The session waits for the messages stream only: the refusal of another comes while the first
    // gap is filled (held back, then delivered before CONNECTED) or after it, as the frames and the
    // history call race. Both must come, once each.
    RealtimeEvent refused =
        new RealtimeEvent.SubscriptionFailed("stream-notify-room " + RID + "/user-activity", "Not allowed");
    RealtimeEvent connected = new RealtimeEvent.ConnectionStateChanged(ConnectionState.CONNECTED, null, null);
    List<RealtimeEvent> seen = new java.util.ArrayList<>();
    while (!seen.contains(refused) || !seen.contains(connected)) {
      seen.add(listener.next());
    }
    assertThat(seen).containsExactlyInAnyOrder(refused, connected);
    assertThat(realtime.state()).isEqualTo(ConnectionState.CONNECTED);

    ddp.storeAndPush("m1");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");
    assertThat(peer.index).isEqualTo(1);
  }

  @Test
  void aRefusedMessageStreamIsReportedWithItsNameAndClosesTheSession() throws Exception {
    ddp.refused.put(RID, "Not allowed");
    LivechatRealtime realtime = open();
    ddp.nextPeer();

    listener.nextState(ConnectionState.CONNECTING);
    List<String> refused = new java.util.ArrayList<>();
    for (RealtimeEvent event = listener.next(); ; event = listener.next()) {
      if (event instanceof RealtimeEvent.SubscriptionFailed failed) {
        assertThat(failed.reason()).isEqualTo("Not allowed");
        refused.add(failed.stream());
      } else if (event instanceof RealtimeEvent.ConnectionStateChanged changed) {
        assertThat(changed.state()).as("no retry: the refusal would not change").isEqualTo(ConnectionState.CLOSED);
        break;
      }
    }
    assertThat(refused).contains("stream-room-messages " + RID);
    assertThat(refused).isSubsetOf("stream-room-messages " + RID, "stream-livechat-room " + RID);
    assertThat(realtime.state()).isEqualTo(ConnectionState.CLOSED);
  }
}
