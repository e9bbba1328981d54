package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.telemetry.TelemetryEvent;
import dev.livechat.client.telemetry.TelemetryEvent.HubLoad;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link LivechatHub} tells the client's telemetry: {@link HubLoad} each time its rooms, its
 * open connections or its load gate's queue change, and its rooms' own events tagged with their ids.
 */
class HubTelemetryTest extends RealtimeTestBase {
  final RecordingTelemetry telemetry = new RecordingTelemetry();
  /** Each room's CONNECTED, by room id. */
  final BlockingQueue<String> connected = new LinkedBlockingQueue<>();
  final HubListener hubListener = (roomId, event) -> {
    if (event instanceof RealtimeEvent.ConnectionStateChanged changed && changed.state() == ConnectionState.CONNECTED) {
      connected.add(roomId);
    }
  };

  @BeforeEach
  void clientWithTelemetry() {
    client.close();
    client = LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.none()).telemetry(telemetry)
        .build();
  }

  @Test
  void theHubReportsItsRoomsConnectionsAndQueuedLoads() throws Exception {
    LivechatHub hub = client.hub(HubOptions.defaults().withRealtime(FAST).withConnections(1).withConcurrentLoads(1),
        hubListener);

    hub.add(TOKEN, RID).get(5, TimeUnit.SECONDS);
    assertThat(telemetry.of(HubLoad.class)).first().as("the room counts before anything connects")
        .isEqualTo(new HubLoad(1, 0, 0));
    assertThat(telemetry.of(HubLoad.class)).last().isEqualTo(new HubLoad(1, 1, 0));
    assertThat(telemetry.of(HubLoad.class)).allSatisfy(load -> {
      assertThat(load.rooms()).isEqualTo(1);
      assertThat(load.connections()).isBetween(0, 1);
      assertThat(load.queued()).isBetween(0, 1);
    });

    // One load at a time: while one is held by the server, the next waits in the queue.
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean armed = new AtomicBoolean(true);
    ddp.onHistory = url -> {
      if (armed.compareAndSet(true, false)) {
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    var second = hub.add(TOKEN, HubTest.OTHER);
    var third = hub.add(TOKEN, "thirdRoomId");
    awaitLoad(new HubLoad(3, 1, 1));
    assertThat(release.getCount()).as("still held").isEqualTo(1);
    release.countDown();
    second.get(5, TimeUnit.SECONDS);
    third.get(5, TimeUnit.SECONDS);
    assertThat(telemetry.of(HubLoad.class)).last().as("every room caught up: nothing queued").isEqualTo(new HubLoad(3, 1, 0));
    connected.clear();
    telemetry.skipQueued();

    // A drop: no connection until the next shakes hands, then the rooms' fills queue.
    ddp.current().drop();
    assertThat(telemetry.next(HubLoad.class)).isEqualTo(new HubLoad(3, 0, 0));
    assertThat(telemetry.next(HubLoad.class)).isEqualTo(new HubLoad(3, 1, 0));
    for (int i = 0; i < 3; i++) {
      assertThat(connected.poll(5, TimeUnit.SECONDS)).as("a room caught up again").isNotNull();
    }
    assertThat(telemetry.of(HubLoad.class)).last().isEqualTo(new HubLoad(3, 1, 0));
    telemetry.skipQueued();

    hub.remove(HubTest.OTHER);
    assertThat(telemetry.next(HubLoad.class)).isEqualTo(new HubLoad(2, 1, 0));
    hub.close();
    assertThat(telemetry.of(HubLoad.class)).last().isEqualTo(new HubLoad(0, 0, 0));
    List<HubLoad> loads = telemetry.of(HubLoad.class);
    for (int i = 1; i < loads.size(); i++) {
      assertThat(loads.get(i)).as("reported on change only").isNotEqualTo(loads.get(i - 1));
    }
  }

  @Test
  void eachRoomsEventsCarryItsOwnId() throws Exception {
    // Two connections, a room on each: a room added to a connection already open reports no CONNECTING.
    LivechatHub hub = client.hub(HubOptions.defaults().withRealtime(FAST).withConnections(2), hubListener);
    hub.add(TOKEN, RID).get(5, TimeUnit.SECONDS);
    hub.add(TOKEN, HubTest.OTHER).get(5, TimeUnit.SECONDS);
    hub.close();

    for (String room : List.of(RID, HubTest.OTHER)) {
      assertThat(telemetry.all).filteredOn(e -> e instanceof TelemetryEvent.RealtimeStateChanged changed
              && changed.roomId().equals(room))
          .containsExactly(new TelemetryEvent.RealtimeStateChanged(room, "CONNECTING"),
              new TelemetryEvent.RealtimeStateChanged(room, "CONNECTED"),
              new TelemetryEvent.RealtimeStateChanged(room, "CLOSED"));
    }
  }

  /** Skips HubLoad events until {@code load}, failing if it does not come within 5 s. */
  void awaitLoad(HubLoad load) throws InterruptedException {
    while (!telemetry.next(HubLoad.class).equals(load)) {
      // an intermediate load
    }
  }
}
