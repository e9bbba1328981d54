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
    // In the order it happened: ready for the messages (s1), then nosub for user-activity (s2).
    listener.nextState(ConnectionState.CONNECTED);
    assertThat(listener.next())
        .isEqualTo(new RealtimeEvent.SubscriptionFailed("stream-notify-room " + RID + "/user-activity", "Not allowed"));
    assertThat(realtime.state()).isEqualTo(ConnectionState.CONNECTED);

    ddp.nextHistoryRequest();
    ddp.storeAndPush("m1");
    assertThat(listener.next(RealtimeEvent.MessageReceived.class).message().id()).isEqualTo("m1");
    assertThat(peer.index).isEqualTo(1);
  }

  @Test
  void aRefusedMessageStreamIsReportedWithItsName() throws Exception {
    ddp.refused.put(RID, "Not allowed");
    open();
    ddp.nextPeer();

    listener.nextState(ConnectionState.CONNECTING);
    RealtimeEvent.SubscriptionFailed first = listener.next(RealtimeEvent.SubscriptionFailed.class);
    RealtimeEvent.SubscriptionFailed second = listener.next(RealtimeEvent.SubscriptionFailed.class);
    assertThat(List.of(first.stream(), second.stream()))
        .containsExactlyInAnyOrder("stream-room-messages " + RID, "stream-livechat-room " + RID);
    assertThat(first.reason()).isEqualTo("Not allowed");
  }
}
