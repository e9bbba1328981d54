package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LivechatClient#streamHistory} against a server that pages as Rocket.Chat does: newest
 * first, {@code end} exclusive, at most {@code limit} messages.
 */
class HistoryPagingTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @StartStop final MockWebServer server = new MockWebServer();
  final List<Message> room = new ArrayList<>();
  final List<HttpUrl> asked = new ArrayList<>();
  LivechatClient client;

  @BeforeEach
  void setUp() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (asked) {
          asked.add(request.getUrl());
        }
        return page(request.getUrl());
      }
    });
    client = LivechatClient.builder().baseUrl(server.url("/")).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  /** Rocket.Chat's loadMessageHistory: ts descending, ts < end, at most limit. */
  MockResponse page(HttpUrl url) {
    String end = url.queryParameter("end");
    int limit = Integer.parseInt(url.queryParameter("limit"));
    List<Message> messages = room.stream()
        .sorted(Comparator.comparing(Message::timestamp).reversed())
        .filter(m -> end == null || m.timestamp().isBefore(Instant.parse(end)))
        .limit(limit)
        .collect(Collectors.toList());
    String json = WireMessages.history(messages);
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(json).build();
  }

  void addMessage(String id, long millis) {
    room.add(new Message(id, "r1", "text " + id, null, null, null, new User("u1", "guest-1", null),
        T0.plusMillis(millis), null, null, null));
  }

  List<String> idsNewestFirst() {
    return room.stream()
        .sorted(Comparator.comparing(Message::timestamp).reversed())
        .map(Message::id)
        .collect(Collectors.toList());
  }

  @Test
  void streamHistoryDeliversEveryMessageOnceNewestFirstAcrossPages() {
    for (int i = 0; i < 23; i++) {
      addMessage("m" + i, i * 1000L);
    }

    List<String> ids = client.streamHistory("tok", "r1", 5).map(Message::id).collect(Collectors.toList());

    assertThat(ids).isEqualTo(idsNewestFirst());
    // Each page after the first re-reads the boundary message (end is exclusive, so the SDK asks
    // up to boundary + 1 ms), so 23 messages take 5 + 4 + 4 + 4 + 4 + 2 fresh ones: 6 requests.
    assertThat(asked).hasSize(6);
    assertThat(asked.get(0).queryParameter("end")).isNull();
    assertThat(asked.get(0).queryParameter("limit")).isEqualTo("5");
    assertThat(asked.get(0).queryParameter("token")).isEqualTo("tok");
    assertThat(asked.get(1).queryParameter("end")).isEqualTo(T0.plusMillis(18_001).toString());
  }

  @Test
  void streamHistoryNeitherRepeatsNorSkipsMessagesSharingTheBoundaryTimestamp() {
    // 10 messages; m3..m6 share one millisecond and straddle the first page boundary.
    long[] millis = {1000, 2000, 3000, 5000, 5000, 5000, 5000, 6000, 7000, 8000};
    for (int i = 0; i < millis.length; i++) {
      addMessage("m" + i, millis[i]);
    }

    List<String> ids = client.streamHistory("tok", "r1", 4).map(Message::id).collect(Collectors.toList());

    assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(idsNewestFirst());
    assertThat(ids).extracting(id -> room.stream().filter(m -> m.id().equals(id)).findFirst().get().timestamp())
        .isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void streamHistoryGrowsThePageWhenMoreMessagesShareOneTimestampThanAPageHolds() {
    for (int i = 0; i < 7; i++) {
      addMessage("same" + i, 5000);
    }
    addMessage("older", 1000);
    addMessage("newer", 9000);

    List<String> ids = client.streamHistory("tok", "r1", 2).map(Message::id).collect(Collectors.toList());

    assertThat(ids).doesNotHaveDuplicates().hasSize(9);
    assertThat(ids.get(0)).isEqualTo("newer");
    assertThat(ids.get(8)).isEqualTo("older");
    assertThat(asked).extracting(url -> url.queryParameter("limit")).contains("4", "8");
  }

  @Test
  void streamHistoryOfAnEmptyRoomAsksOnceAndEnds() {
    assertThat(client.streamHistory("tok", "r1", 20)).isEmpty();
    assertThat(asked).hasSize(1);
  }

  @Test
  void streamHistoryIsLazy() {
    for (int i = 0; i < 50; i++) {
      addMessage("m" + i, i * 1000L);
    }

    assertThat(client.streamHistory("tok", "r1", 10).limit(3)).hasSize(3);
    assertThat(asked).hasSize(1);
  }

  @Test
  void streamHistoryWithBadArgumentsFailsBeforeAnyRequest() {
    assertThatThrownBy(() -> client.streamHistory("tok", "r1", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> client.streamHistory(" ", "r1", 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    assertThat(server.getRequestCount()).isZero();
  }
}
