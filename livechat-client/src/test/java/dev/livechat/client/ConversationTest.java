package dev.livechat.client;

import static dev.livechat.client.BadInputTest.dotSegments;
import static dev.livechat.client.BadInputTest.nullAndBlank;
import static dev.livechat.client.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.livechat.client.BadInputTest.Call;
import dev.livechat.client.model.ClosedRoom;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@link Conversation} binds a token and a room id and adds nothing: each of its calls sends
 * exactly the request of the client method it stands for, and it never prints the token.
 */
class ConversationTest extends ClientTestBase {
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  private static final String RID = "zRAeTszXor8CCPceB";
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  Conversation conversation;

  @BeforeEach
  void createConversation() {
    conversation = client.conversation(TOKEN, RID);
  }

  /** Asserts that two recorded requests are the same: method, target, Content-Type and body. */
  private static void assertSameRequest(RecordedRequest actual, RecordedRequest expected) {
    assertThat(actual.getMethod()).isEqualTo(expected.getMethod());
    assertThat(actual.getTarget()).isEqualTo(expected.getTarget());
    assertThat(actual.getHeaders().get("Content-Type")).isEqualTo(expected.getHeaders().get("Content-Type"));
    assertThat(body(actual)).isEqualTo(body(expected));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws IOException {
    return new HashMap<>((Map<String, Object>) JSON.fromJson(text));
  }

  @Test
  void roomIdIsTheBoundRoom() {
    assertThat(conversation.roomId()).isEqualTo(RID);
  }

  @Test
  void sendPostsTheMessageOfSendMessage() throws Exception {
    server.enqueue(Fixtures.ok("messages/send.json"));
    server.enqueue(Fixtures.ok("messages/send.json"));

    Message viaConversation = conversation.send("sending livechat message..");
    Message viaClient = client.sendMessage(TOKEN, RID, "sending livechat message..");

    assertThat(viaConversation).isEqualTo(viaClient);
    RecordedRequest request = taken();
    RecordedRequest expected = taken();
    assertThat(request.getMethod()).isEqualTo("POST").isEqualTo(expected.getMethod());
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message").isEqualTo(expected.getTarget());
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_UTF8);
    // Each send may carry a message id of its own (generated per request), so that key is compared
    // by presence only; everything else must be the same.
    Map<String, Object> sent = json(body(request));
    Map<String, Object> sentByClient = json(body(expected));
    assertThat(sent.containsKey("_id")).isEqualTo(sentByClient.containsKey("_id"));
    sent.remove("_id");
    sentByClient.remove("_id");
    assertThat(sent).isEqualTo(sentByClient).isEqualTo(
        Map.of("token", "iNKE8a6k6cjbqWhWd", "rid", "zRAeTszXor8CCPceB", "msg", "sending livechat message.."));
  }

  @Test
  void editPutsTheMessageOfUpdateMessage() throws Exception {
    server.enqueue(Fixtures.ok("messages/update.json"));
    server.enqueue(Fixtures.ok("messages/update.json"));

    Message viaConversation = conversation.edit("ZKWP8LfGnRHQ3ozWa", "editing a livechat message..");
    Message viaClient = client.updateMessage(TOKEN, RID, "ZKWP8LfGnRHQ3ozWa", "editing a livechat message..");

    assertThat(viaConversation).isEqualTo(viaClient);
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message/ZKWP8LfGnRHQ3ozWa");
    assertThat(body(request)).isEqualTo(
        "{\"token\":\"iNKE8a6k6cjbqWhWd\",\"rid\":\"zRAeTszXor8CCPceB\",\"msg\":\"editing a livechat message..\"}");
    assertSameRequest(request, taken());
  }

  @Test
  void deleteSendsTheRequestOfDeleteMessage() throws Exception {
    server.enqueue(Fixtures.ok("messages/delete.json"));
    server.enqueue(Fixtures.ok("messages/delete.json"));

    DeletedMessage viaConversation = conversation.delete("ZKWP8LfGnRHQ3ozWa");
    DeletedMessage viaClient = client.deleteMessage(TOKEN, RID, "ZKWP8LfGnRHQ3ozWa");

    assertThat(viaConversation).isEqualTo(viaClient);
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/message/ZKWP8LfGnRHQ3ozWa");
    assertThat(body(request)).isEqualTo("{\"token\":\"iNKE8a6k6cjbqWhWd\",\"rid\":\"zRAeTszXor8CCPceB\"}");
    assertSameRequest(request, taken());
  }

  @Test
  void historySendsTheQueryOfLoadHistory() throws Exception {
    server.enqueue(Fixtures.ok("messages/history.json"));
    server.enqueue(Fixtures.ok("messages/history.json"));
    HistoryQuery query = HistoryQuery.latest(5).before(Instant.parse("2018-09-14T13:31:33.201Z"));

    MessageHistory viaConversation = conversation.history(query);
    MessageHistory viaClient = client.loadHistory(TOKEN, RID, query);

    assertThat(viaConversation).isEqualTo(viaClient);
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/messages.history/zRAeTszXor8CCPceB"
        + "?token=iNKE8a6k6cjbqWhWd&end=2018-09-14T13%3A31%3A33.201Z&limit=5");
    assertThat(request.getBodySize()).isZero();
    assertSameRequest(request, taken());
  }

  @Test
  void wholeHistorySendsThePagesOfStreamHistory() throws Exception {
    server.enqueue(Fixtures.ok("messages/history.json"));
    server.enqueue(Fixtures.ok("messages/history.json"));

    List<Message> viaConversation = conversation.wholeHistory(20).collect(Collectors.toList());
    List<Message> viaClient = client.streamHistory(TOKEN, RID, 20).collect(Collectors.toList());

    assertThat(viaConversation).isEqualTo(viaClient).extracting(Message::id).containsExactly("ZKWP8LfGnRHQ3ozWa");
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo("/api/v1/livechat/messages.history/zRAeTszXor8CCPceB?token=iNKE8a6k6cjbqWhWd&limit=20");
    assertSameRequest(request, taken());
    assertThat(server.getRequestCount()).as("one page each").isEqualTo(2);
  }

  @Test
  void closePostsTheRequestOfCloseRoom() throws Exception {
    server.enqueue(Fixtures.ok("rooms/close.json"));
    server.enqueue(Fixtures.ok("rooms/close.json"));

    ClosedRoom viaConversation = conversation.close();
    ClosedRoom viaClient = client.closeRoom(TOKEN, RID);

    assertThat(viaConversation).isEqualTo(viaClient);
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/room.close");
    assertThat(body(request)).isEqualTo("{\"rid\":\"zRAeTszXor8CCPceB\",\"token\":\"iNKE8a6k6cjbqWhWd\"}");
    assertSameRequest(request, taken());
  }

  @Test
  void transcriptPostsTheRequestOfRequestTranscript() throws Exception {
    server.enqueue(Fixtures.ok("transcript/request.json"));
    server.enqueue(Fixtures.ok("transcript/request.json"));

    String viaConversation = conversation.transcript("visitor@rocket.chat");
    String viaClient = client.requestTranscript(TOKEN, RID, "visitor@rocket.chat");

    assertThat(viaConversation).isEqualTo(viaClient).isEqualTo("Livechat transcript sent");
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/transcript");
    assertThat(body(request)).isEqualTo(
        "{\"token\":\"iNKE8a6k6cjbqWhWd\",\"rid\":\"zRAeTszXor8CCPceB\",\"email\":\"visitor@rocket.chat\"}");
    assertSameRequest(request, taken());
  }

  @Test
  void uploadPostsTheMultipartRequestOfUploadFile() throws Exception {
    server.enqueue(Fixtures.ok("uploads/upload.json"));
    server.enqueue(Fixtures.ok("uploads/upload.json"));
    byte[] png = UploadTest.binary(5000);
    FileUpload upload = FileUpload.of(png, "globe.png", "image/png").withDescription("Here is the file");

    Message viaConversation = conversation.upload(upload);
    Message viaClient = client.uploadFile(TOKEN, RID, upload);

    assertThat(viaConversation).isEqualTo(viaClient).isEqualTo(UploadTest.DOCUMENTED);
    RecordedRequest request = taken();
    RecordedRequest expected = taken();
    UploadTest.assertUploadRequest(request, TOKEN, RID);
    UploadTest.assertUploadRequest(expected, TOKEN, RID);
    List<UploadTest.Part> parts = UploadTest.parts(request);
    assertThat(parts).containsExactly(
        new UploadTest.Part(UploadTest.descriptionHeaders(), ByteString.encodeUtf8("Here is the file")),
        new UploadTest.Part(UploadTest.fileHeaders("globe.png", "image/png"), ByteString.of(png)));
    // The boundary is random, so the bodies are compared part by part.
    assertThat(parts).isEqualTo(UploadTest.parts(expected));
    assertThat(request.getBodySize()).isEqualTo(expected.getBodySize());
  }

  @Test
  void toStringNamesTheRoomAndNeverTheToken() {
    assertThat(conversation.toString()).isEqualTo("Conversation[roomId=zRAeTszXor8CCPceB]").doesNotContain(TOKEN);
  }

  @Test
  void toStringNeverPrintsAnyPartOfALongToken() {
    String token = "54fc5544030bcecda053311cb6b98920bdf953f242c129d7b8065000b1f9b2e9";

    Conversation other = client.conversation(token, "hGFwSKA28nRKut3pD");

    assertThat(other.toString()).doesNotContain(token).doesNotContain(token.substring(0, 8));
  }

  static Stream<Arguments> badConversations() {
    List<Arguments> cases = new ArrayList<>();
    cases.addAll(nullAndBlank("conversation", "token", (c, v) -> c.conversation(v, "room1")));
    cases.addAll(nullAndBlank("conversation", "roomId", (c, v) -> c.conversation("tok", v)));
    cases.addAll(dotSegments("conversation", "roomId", (c, v) -> c.conversation("tok", v)));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badConversations")
  void badTokenOrRoomIsRefusedNamingItBeforeAnyRequest(Call call, Class<? extends Throwable> type, String message) {
    Throwable thrown = catchThrowable(() -> call.call(client));

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(message);
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }
}
