package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private final Ledger ledger = new Ledger(7, "token", "room");

  private static Message message(String id, String text) {
    return new Message(id, "room", text, null, null, null, null, null, null, null, null);
  }

  private void conversation(int messages) {
    for (int k = 1; k <= messages; k++) {
      ledger.sending(k, k);
      ledger.accepted(k);
      ledger.seen(k);
      ledger.replyPlanned(k, k);
      ledger.replied(k);
      ledger.delivered(k);
    }
  }

  private static List<Message> history(int messages) {
    List<Message> history = new ArrayList<>();
    history.add(new Message("s", "room", "", "livechat-started", null, null, null, null, null, null, null));
    for (int k = 1; k <= messages; k++) {
      history.add(message("m" + k, Ledger.visitorText(7, k)));
      history.add(message("r" + k, Ledger.replyText(7, k)));
    }
    return history;
  }

  @Test
  void aWholeConversationChecksClean() {
    conversation(3);
    Ledger.Check check = ledger.check(history(3));
    assertThat(check.lost()).isZero();
    assertThat(check.duplicated()).isZero();
    assertThat(check.outOfOrder()).isZero();
    assertThat(check.findings()).isEmpty();
  }

  @Test
  void aMessageMissingFromHistoryAndRealtimeIsLostOnce() {
    conversation(2);
    ledger.sending(3, 3);
    ledger.accepted(3); // accepted, never seen by the agent, never stored
    Ledger.Check check = ledger.check(history(2));
    assertThat(check.lost()).isEqualTo(1);
    assertThat(check.lostStored()).isEqualTo(1);
    assertThat(check.lostInRealtime()).isEqualTo(1);
  }

  @Test
  void aReplyStoredTwiceUnderTwoIdsIsDuplicatedOnce() {
    conversation(2);
    List<Message> history = history(2);
    history.add(message("r2-again", Ledger.replyText(7, 2)));
    ledger.delivered(2);
    Ledger.Check check = ledger.check(history);
    assertThat(check.duplicated()).isEqualTo(1);
    assertThat(check.duplicatedStored()).isEqualTo(1);
    assertThat(check.duplicatedInRealtime()).isEqualTo(1);
    assertThat(check.lost()).isZero();
  }

  @Test
  void swappedMessagesAreOutOfOrder() {
    conversation(2);
    List<Message> history = history(2);
    history.add(1, history.remove(3)); // m2 before m1
    Ledger.Check check = ledger.check(history);
    assertThat(check.outOfOrder()).isEqualTo(1);
    assertThat(check.lost()).isZero();
  }

  @Test
  void otherVisitorsAndSystemMessagesAreIgnored() {
    conversation(1);
    List<Message> history = history(1);
    history.add(message("x", Ledger.visitorText(8, 1)));
    history.add(message("y", "hello"));
    assertThat(ledger.check(history).findings()).isEmpty();
  }

  @Test
  void textsNameTheirVisitorAndNumber() {
    assertThat(Ledger.visitorMessage(Ledger.visitorText(12, 3))).isEqualTo(3);
    assertThat(Ledger.reply(Ledger.replyText(12, 4))).isEqualTo(4);
    assertThat(Ledger.visitorOf(Ledger.replyText(12, 4))).isEqualTo(12);
    assertThat(Ledger.visitorMessage(Ledger.replyText(12, 4))).isEqualTo(-1);
    assertThat(Ledger.reply("hello")).isEqualTo(-1);
  }
}
