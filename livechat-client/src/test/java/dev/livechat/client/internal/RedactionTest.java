package dev.livechat.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link Redaction} hides, and what it keeps of a cause it copies. */
class RedactionTest {
  static final String TOKEN = "hT7kQ2vX9mB4nR6wZ1pL8sD3";
  static final List<String> SECRETS = List.of(TOKEN);

  @Test
  void hidesTheWholeTokenWhereverItStands() {
    assertThat(Redaction.scrub("token " + TOKEN + " again " + TOKEN, SECRETS)).isEqualTo("token *** again ***");
  }

  /**
   * Tokens that share 8 or more leading or trailing characters with the server's words (widgets make
   * tokens {@code visitor-…}, bridges {@code whatsapp-…}): the server's codes and texts come through
   * as the server wrote them. The first text is the DELETE livechat/visitor/:token refusal
   * (apps/meteor/app/livechat/imports/server/rest/visitor.ts).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "visitor-4f9a2c77e1b3d8a06|Cannot remove visitors with opened rooms [visitor-has-open-rooms]",
      "visitor-has-1c2d3e4f5a6b7|visitor-has-open-rooms",
      "whatsapp-5511987654321|Invalid whatsapp-5511987 number",
      "x9k2m4n6p8q1invalid-token|Token not found [invalid-token]",
      "r1t2y3u4i5o6error-invalid-room|Room not found [error-invalid-room]",
      "error-not-allowed-a1b2c3d4e5|Not allowed [error-not-allowed]",
      "a1b2c3d4e5f6 opened rooms|Cannot remove visitors with opened rooms"})
  void leavesAServerWordThatSharesCharactersWithTheTokenAsItIs(String token, String serverText) {
    assertThat(Redaction.scrub(serverText, List.of(token))).isEqualTo(serverText);
    assertThat(Redaction.scrub(serverText + " for " + token, List.of(token))).isEqualTo(serverText + " for ***");
  }

  @Test
  void aTokenCutByTheServerIsNotTheSdksCutAndStaysAsItCame() {
    String text = "cut at " + TOKEN.substring(0, 12);

    assertThat(Redaction.scrub(text, SECRETS)).isEqualTo(text);
  }

  @Test
  void cutsALongTextAtOneThousandCharactersWithoutLeavingPartOfTheTokenAtTheCut() {
    String text = "x".repeat(990) + TOKEN;

    String scrubbed = Redaction.scrub(text, SECRETS);

    assertThat(scrubbed).isEqualTo("x".repeat(990) + "***…");
  }

  @Test
  void aCutThatSplitsNoTokenKeepsTheTextUpToTheLimit() {
    String text = "x".repeat(990) + "visitor-has-open-rooms" + TOKEN;

    assertThat(Redaction.scrub(text, List.of("visitor-" + TOKEN))).isEqualTo("x".repeat(990) + "visitor-ha…");
  }

  @Test
  void aPartReadOfATextEndingInTheTokensStartHidesThatStart() {
    String read = "<p>quoted " + TOKEN.substring(0, 5);

    assertThat(Redaction.cut(read, 100, false, SECRETS)).isEqualTo("<p>quoted ***…");
    assertThat(Redaction.cut(read, 100, true, SECRETS)).isEqualTo(read);
  }

  @Test
  void aCutInsideTheSecondOfTwoTokensKeepsTheFirstHidden() {
    String text = TOKEN + " and " + TOKEN;

    assertThat(Redaction.cut(text, TOKEN.length() + 10, true, SECRETS)).isEqualTo("*** and ***…");
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
    failure.addSuppressed(new IllegalStateException(TOKEN));

    IOException copy = Redaction.scrub(failure, SECRETS);

    assertThat(copy).hasMessage("Unexpected status line: HTTP/1.1 ***")
        .hasToString("java.net.ProtocolException (scrubbed): Unexpected status line: HTTP/1.1 ***");
    assertThat(copy.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(copy.getCause()).hasToString(
        "com.squareup.moshi.JsonDataException (scrubbed): Expected an int but was *** at path $.count");
    assertThat(copy.getSuppressed()[0]).hasMessage("***");
  }

  @Test
  void aFailureThatIsBothCauseAndSuppressedIsScrubbedBothTimes() {
    ProtocolException failure = new ProtocolException("outer " + TOKEN);
    IllegalStateException inner = new IllegalStateException("inner " + TOKEN);
    failure.initCause(inner);
    failure.addSuppressed(inner);

    IOException copy = Redaction.scrub(failure, SECRETS);

    assertThat(printed(copy)).doesNotContain(TOKEN).contains("inner ***");
    assertThat(copy.getSuppressed()[0]).isSameAs(copy.getCause());
  }

  @Test
  void causesInALoopAreScrubbedAndTheLoopKept() {
    IllegalStateException first = new IllegalStateException("first " + TOKEN);
    IllegalArgumentException second = new IllegalArgumentException("second " + TOKEN);
    first.initCause(second);
    second.initCause(first);

    Throwable copy = Redaction.scrub(first, SECRETS);

    assertThat(printed(copy)).doesNotContain(TOKEN).contains("first ***", "second ***");
    assertThat(copy.getCause().getCause()).isSameAs(copy);
  }

  @Test
  void aTokenThatStartsAnotherLeavesNoTailOfTheLonger() {
    String longer = TOKEN + "ZZZZ";

    assertThat(Redaction.scrub("x " + longer + " y " + TOKEN, List.of(TOKEN, longer))).isEqualTo("x *** y ***");
  }

  private static String printed(Throwable failure) {
    java.io.StringWriter out = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  @Test
  void copyOfATimeoutIsStillATimeout() {
    IOException copy = Redaction.scrub(new SocketTimeoutException("timeout reading " + TOKEN), SECRETS);

    assertThat(copy).isInstanceOf(java.io.InterruptedIOException.class).hasMessage("timeout reading ***");
  }
}
