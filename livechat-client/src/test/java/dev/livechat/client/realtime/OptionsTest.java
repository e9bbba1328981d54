package dev.livechat.client.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link RealtimeOptions} and {@link HubOptions}: the documented defaults, and what they refuse. */
class OptionsTest {
  private static final RealtimeOptions D = RealtimeOptions.defaults();
  private static final Duration S = Duration.ofSeconds(1);

  @Test
  void realtimeDefaultsAreTheOnesTheJavadocGives() {
    assertThat(RealtimeOptions.defaults()).isEqualTo(new RealtimeOptions(Duration.ofSeconds(1), Duration.ofSeconds(30),
        0, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(4500), Duration.ofSeconds(5)));
  }

  @Test
  void hubDefaultsAreFourConnectionsTwoThreadsFourLoadsAndTheRealtimeDefaults() {
    assertThat(HubOptions.defaults()).isEqualTo(new HubOptions(RealtimeOptions.defaults(), 4, 2, 4));
  }

  @Test
  void eachWitherChangesItsOwnComponentsOnly() {
    Duration a = Duration.ofMillis(10);
    Duration b = Duration.ofMillis(20);
    assertThat(D.withReconnectDelays(a, b))
        .isEqualTo(new RealtimeOptions(a, b, 0, D.pingAfter(), D.deadAfter(), D.typingThrottle(), D.typingTimeout()));
    assertThat(D.withMaxReconnectAttempts(3)).isEqualTo(new RealtimeOptions(D.minReconnectDelay(),
        D.maxReconnectDelay(), 3, D.pingAfter(), D.deadAfter(), D.typingThrottle(), D.typingTimeout()));
    assertThat(D.withHeartbeat(a, b)).isEqualTo(new RealtimeOptions(D.minReconnectDelay(), D.maxReconnectDelay(), 0,
        a, b, D.typingThrottle(), D.typingTimeout()));
    assertThat(D.withTyping(a, b)).isEqualTo(new RealtimeOptions(D.minReconnectDelay(), D.maxReconnectDelay(), 0,
        D.pingAfter(), D.deadAfter(), a, b));

    HubOptions hub = HubOptions.defaults();
    RealtimeOptions fast = D.withHeartbeat(a, b);
    assertThat(hub.withRealtime(fast)).isEqualTo(new HubOptions(fast, 4, 2, 4));
    assertThat(hub.withConnections(7)).isEqualTo(new HubOptions(D, 7, 2, 4));
    assertThat(hub.withThreads(7)).isEqualTo(new HubOptions(D, 4, 7, 4));
    assertThat(hub.withConcurrentLoads(7)).isEqualTo(new HubOptions(D, 4, 2, 7));
  }

  @Test
  void boundsThatMeetAreAccepted() {
    assertThat(D.withReconnectDelays(S, S).maxReconnectDelay()).isEqualTo(S);
    assertThat(D.withMaxReconnectAttempts(0).maxReconnectAttempts()).isZero();
    assertThat(D.withHeartbeat(S, S.plusNanos(1)).deadAfter()).isEqualTo(S.plusNanos(1));
    assertThat(HubOptions.defaults().withConnections(1).withThreads(1).withConcurrentLoads(1))
        .isEqualTo(new HubOptions(D, 1, 1, 1));
  }

  static Stream<Arguments> refused() {
    Duration zero = Duration.ZERO;
    Duration negative = Duration.ofMillis(-1);
    return Stream.of(
        refusal("minReconnectDelay null", () -> D.withReconnectDelays(null, S), NullPointerException.class,
            "minReconnectDelay"),
        refusal("minReconnectDelay zero", () -> D.withReconnectDelays(zero, S), IllegalArgumentException.class,
            "minReconnectDelay must be positive, was PT0S"),
        refusal("maxReconnectDelay negative", () -> D.withReconnectDelays(S, negative),
            IllegalArgumentException.class, "maxReconnectDelay must be positive, was PT-0.001S"),
        refusal("max shorter than min", () -> D.withReconnectDelays(S, S.minusNanos(1)),
            IllegalArgumentException.class, "maxReconnectDelay must not be shorter than minReconnectDelay"),
        refusal("negative attempts", () -> D.withMaxReconnectAttempts(-1), IllegalArgumentException.class,
            "maxReconnectAttempts must not be negative"),
        refusal("pingAfter zero", () -> D.withHeartbeat(zero, S), IllegalArgumentException.class,
            "pingAfter must be positive, was PT0S"),
        refusal("deadAfter negative", () -> D.withHeartbeat(S, negative), IllegalArgumentException.class,
            "deadAfter must be positive, was PT-0.001S"),
        refusal("deadAfter equal to pingAfter", () -> D.withHeartbeat(S, S), IllegalArgumentException.class,
            "deadAfter must be longer than pingAfter"),
        refusal("typingThrottle zero", () -> D.withTyping(zero, S), IllegalArgumentException.class,
            "typingThrottle must be positive, was PT0S"),
        refusal("typingTimeout null", () -> D.withTyping(S, null), NullPointerException.class, "typingTimeout"),
        refusal("typingTimeout negative", () -> D.withTyping(S, negative), IllegalArgumentException.class,
            "typingTimeout must be positive, was PT-0.001S"),
        refusal("hub realtime null", () -> HubOptions.defaults().withRealtime(null), NullPointerException.class,
            "realtime"),
        refusal("hub connections zero", () -> HubOptions.defaults().withConnections(0),
            IllegalArgumentException.class, "connections"),
        refusal("hub threads zero", () -> HubOptions.defaults().withThreads(0), IllegalArgumentException.class,
            "threads"),
        refusal("hub loads negative", () -> HubOptions.defaults().withConcurrentLoads(-1),
            IllegalArgumentException.class, "concurrentLoads"));
  }

  static Arguments refusal(String name, Supplier<Object> make, Class<? extends RuntimeException> type, String says) {
    return Arguments.of(name, make, type, says);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void invalidOptionsAreRefusedNamingTheComponent(String name, Supplier<Object> make,
      Class<? extends RuntimeException> type, String says) {
    assertThatThrownBy(make::get).isExactlyInstanceOf(type).hasMessageContaining(says);
  }
}
