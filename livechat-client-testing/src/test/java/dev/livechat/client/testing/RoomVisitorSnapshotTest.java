package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The room keeps who opened it ({@code room.v}), as the server stores it when the room is created,
 * after the visitor registers again with the same e-mail and takes a new token: the server finds
 * the visitor by e-mail and moves it to the new token ({@code packages/omni-core/src/visitor/create.ts},
 * {@code findOneGuestByEmailAddress}, then {@code updateOneByIdOrToken} with the new token), and
 * renames only the rooms found by the new token ({@code apps/meteor/app/livechat/server/api/v1/visitor.ts},
 * {@code findOpenByVisitorToken(visitor.token)}). Every route that finds a room by {@code v.token}
 * follows the token the room was opened with.
 */
class RoomVisitorSnapshotTest extends FakeServerTestBase {
  static final String OLD = "old-token-4f9a2c77e1b3";
  static final String NEW = "new-token-8d06c1a5b2f4";
  String oldRoom;

  @BeforeEach
  void visitorTakesANewTokenWithTheSameEmail() {
    registerWithEmail(OLD);
    oldRoom = openRoom(OLD);
    registerWithEmail(NEW);
  }

  private void registerWithEmail(String token) {
    Answer answer = post("livechat/visitor",
        "{\"visitor\":{\"token\":\"" + token + "\",\"name\":\"Ada\",\"email\":\"ada@example.com\"}}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  /**
   * {@code sendTranscript} reads the room with projection {@code {_id, v}} and compares the token
   * with {@code room.v.token} only ({@code apps/meteor/app/livechat/server/lib/sendTranscript.ts}).
   */
  @Test
  void theTranscriptOfTheOldRoomGoesOutWithTheTokenItWasOpenedWith() {
    Answer answer = post("livechat/transcript",
        "{\"token\":\"" + OLD + "\",\"rid\":\"" + oldRoom + "\",\"email\":\"ada@example.com\"}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json()).containsEntry("message", "Livechat transcript sent");
    assertThat(server.transcripts()).singleElement()
        .satisfies(t -> assertThat(t.roomId()).isEqualTo(oldRoom));
  }

  @Test
  void theTranscriptOfTheOldRoomIsRefusedToTheNewToken() {
    assertRefused(post("livechat/transcript",
        "{\"token\":\"" + NEW + "\",\"rid\":\"" + oldRoom + "\",\"email\":\"ada@example.com\"}"), 400, """
        {"success":false,"error":"error-invalid-visitor"}""");
  }

  /** {@code GET livechat/room}: {@code findOpenRoom(token)} by {@code v.token} finds none, so a new room opens. */
  @Test
  void theNewTokenOpensANewRoomAndTheOldOneKeepsItsOpener() {
    String newRoom = openRoom(NEW);

    assertThat(newRoom).isNotEqualTo(oldRoom);
    assertThat(server.room(oldRoom).orElseThrow().visitor().token()).isEqualTo(OLD);
    assertThat(server.room(oldRoom).orElseThrow().open()).isTrue();
    assertThat(server.room(newRoom).orElseThrow().visitor().token()).isEqualTo(NEW);
  }

  /**
   * {@code POST livechat/message} ({@code apps/meteor/app/livechat/server/api/v1/message.ts}):
   * {@code findGuest(token)} then {@code findOpenRoom(token, rid)} by {@code v.token}.
   */
  @Test
  void messagesToTheOldRoomFindNeitherTokenFitting() {
    assertRefused(post("livechat/message",
        "{\"token\":\"" + NEW + "\",\"rid\":\"" + oldRoom + "\",\"msg\":\"hi\"}"), 400, """
        {"success":false,"error":"invalid-room"}""");
    assertRefused(post("livechat/message",
        "{\"token\":\"" + OLD + "\",\"rid\":\"" + oldRoom + "\",\"msg\":\"hi\"}"), 400, """
        {"success":false,"error":"invalid-token"}""");
  }

  /** {@code messages.history} uses {@code findRoom(token, rid)}, by {@code v.token}. */
  @Test
  void theOldRoomsHistoryIsRefusedToTheNewToken() {
    assertRefused(get("livechat/messages.history/" + oldRoom + "?token=" + NEW), 400, """
        {"success":false,"error":"invalid-room"}""");
  }
}
