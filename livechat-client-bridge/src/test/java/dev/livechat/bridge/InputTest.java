package dev.livechat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the store could not keep is refused when the value is made, before anything is recorded. */
class InputTest {
  @Test
  void aProfileRefusesBlankAndOverlongValues() {
    assertThatThrownBy(() -> new VisitorProfile(" ", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("name is blank");
    assertThatThrownBy(() -> VisitorProfile.named("Maria").withPhone("+" + "1".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("phone is longer than 64 characters");
    assertThatThrownBy(() -> new VisitorProfile(null, "a".repeat(190) + "@example.com", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("email is longer than 200 characters");
    assertThat(new VisitorProfile("n".repeat(200), null, "+" + "1".repeat(63)).phone()).hasSize(64);
  }

  @Test
  void aMessageRefusesATextLongerThanBothStoresKeep() {
    assertThatThrownBy(() -> new InboundMessage("sms:+1", "id.1", "x".repeat(InboundMessage.MAX_TEXT_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("text is longer than 1000000 characters");
    assertThat(new InboundMessage("sms:+1", "id.1", "x".repeat(InboundMessage.MAX_TEXT_LENGTH)).text())
        .hasSize(InboundMessage.MAX_TEXT_LENGTH);
  }
}
