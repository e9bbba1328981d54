package dev.livechat.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link Redaction} hides, and what it keeps of a cause it copies. */
class RedactionTest {
  static final String TOKEN = "hT7kQ2vX9mB4nR6wZ1pL8sD3";
  static final List<String> SECRETS = List.of(TOKEN);

  @Test
  void hidesTheTokenAndItsPrefixesAndSuffixesOfEightOrMore() {
    assertThat(Redaction.scrub("token " + TOKEN + " again " + TOKEN, SECRETS)).isEqualTo("token *** again ***");
    assertThat(Redaction.scrub("cut at " + TOKEN.substring(0, 8), SECRETS)).isEqualTo("cut at ***");
    assertThat(Redaction.scrub(TOKEN.substring(TOKEN.length() - 8) + " was cut", SECRETS)).isEqualTo("*** was cut");
    assertThat(Redaction.scrub("seven " + TOKEN.substring(0, 7), SECRETS)).isEqualTo("seven " + TOKEN.substring(0, 7));
  }

  @Test
  void cutsALongTextAtOneThousandCharactersWithoutLeavingPartOfTheTokenAtTheCut() {
    String text = "x".repeat(990) + TOKEN;

    String scrubbed = Redaction.scrub(text, SECRETS);

    assertThat(scrubbed).isEqualTo("x".repeat(990) + "***…");
  }

  @Test
  void hidesAShortTokenOnlyWhereItStandsAlone() {
    assertThat(Redaction.scrub("invalid-token for tok, 'tok'", List.of("tok")))
        .isEqualTo("invalid-token for ***, '***'");
  }

  @Test
  void cleanFailureIsKeptAsItIs() {
    IOException clean = new ProtocolException("Unexpected status line: garbage");

    assertThat(Redaction.scrub(clean, SECRETS)).isSameAs(clean);
  }

  @Test
  void leakingFailureIsCopiedWithItsClassNameStackTraceCauseAndSuppressed() {
    JsonDataException cause = new JsonDataException("Expected an int but was " + TOKEN + " at path $.count");
    ProtocolException failure = new ProtocolException("Unexpected status line: HTTP/1.1 " + TOKEN);
    failure.initCause(cause);
    failure.addSuppressed(new IllegalStateException(TOKEN.substring(3)));

    IOException copy = Redaction.scrub(failure, SECRETS);

    assertThat(copy).hasMessage("Unexpected status line: HTTP/1.1 ***")
        .hasToString("java.net.ProtocolException (scrubbed): Unexpected status line: HTTP/1.1 ***");
    assertThat(copy.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(copy.getCause()).hasToString(
        "com.squareup.moshi.JsonDataException (scrubbed): Expected an int but was *** at path $.count");
    assertThat(copy.getSuppressed()[0]).hasMessage("***");
  }

  @Test
  void copyOfATimeoutIsStillATimeout() {
    IOException copy = Redaction.scrub(new SocketTimeoutException("timeout reading " + TOKEN), SECRETS);

    assertThat(copy).isInstanceOf(java.io.InterruptedIOException.class).hasMessage("timeout reading ***");
  }
}
