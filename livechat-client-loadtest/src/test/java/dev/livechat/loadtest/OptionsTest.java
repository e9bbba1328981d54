package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void theDocumentedCommandLineParses() {
    Options o = Options.parse("--visitors", "50", "--duration", "20s", "--report", "target/lt");
    assertThat(o.visitors()).isEqualTo(50);
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.report()).isEqualTo(Path.of("target/lt"));
    assertThat(o.url()).isNull();
    // 50 arrivals over 20 s less one conversation (5 messages 1 s apart, 500 ms agent delay, 2 s to open)
    assertThat(o.arrivalInterval()).isEqualTo(Duration.ofMillis(250));
    // a long conversation: over half the duration at least
    assertThat(Options.parse("--think", "10s").arrivalInterval()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void durationsTakeUnitsAndBareSeconds() {
    assertThat(Options.duration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Options.duration("x", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Options.duration("x", "1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Options.duration("x", "3")).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> Options.duration("--think", "soon")).hasMessageContaining("--think");
  }

  @Test
  void aRateDecidesTheArrivals() {
    Options o = Options.parse("--visitors=100", "--rate=20", "--agent-delay=1s", "--seed=7");
    assertThat(o.arrivalInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(o.agentDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.seed()).isEqualTo(7);
  }

  @Test
  void mistakesAreRefusedWithTheOptionNamed() {
    assertThatThrownBy(() -> Options.parse("--visitor", "5")).hasMessageContaining("unknown option --visitor");
    assertThatThrownBy(() -> Options.parse("--agent-password", "pa", "ss-word"))
        .hasMessage("unexpected argument: options start with -- (--help lists them)");
    assertThatThrownBy(() -> Options.parse("--visitors")).hasMessageContaining("--visitors needs a value");
    assertThatThrownBy(() -> Options.parse("--visitors", "0")).hasMessageContaining("--visitors");
    assertThatThrownBy(() -> Options.parse("--url", "https://chat.example.com"))
        .hasMessageContaining("--agent-user");
    assertThatThrownBy(() -> Options.parse("--duration", "20m")).hasMessageContaining("--max-duration");
    assertThatThrownBy(() -> Options.parse("--agent-api", "smoke")).hasMessageContaining("http or in-process");
    assertThatThrownBy(() -> Options.parse("--url", "https://chat.example.com", "--server-delay", "1s",
        "--agent-user", "bot", "--agent-password", "x")).hasMessageContaining("embedded fake only");
    assertThatThrownBy(() -> Options.parse("--url", "ftp://x", "--agent-user", "a")).hasMessageContaining("http");
  }

  @Test
  void thePasswordNeverPrints() {
    Options o = Options.parse("--url", "https://chat.example.com", "--agent-user", "bot", "--agent-password", "s3cret");
    assertThat(o.toString()).doesNotContain("s3cret").contains("bot");
  }
}
