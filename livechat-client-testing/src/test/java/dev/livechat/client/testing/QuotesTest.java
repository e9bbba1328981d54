package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message linking another message gets the quote attachment the server adds: {@code
 * BeforeSaveJumpToMessage.createAttachmentForMessageURLs} ({@code
 * apps/meteor/server/services/messages/hooks/BeforeSaveJumpToMessage.ts}) over the {@code urls} of
 * {@code parseUrlsInMessage}, a link counting when it contains the site URL, carries {@code
 * ?msg=<id>}, and the linked message's room has the sender's visitor token; the attachment is {@code
 * createQuoteAttachment} ({@code apps/meteor/lib/createQuoteAttachment.ts}).
 */
class QuotesTest extends FakeServerTestBase {

  private String link(String rid, String messageId) {
    return server.url().resolve("/live/" + rid + "?msg=" + messageId).toString();
  }

  private Map<?, ?> sent(String token, String rid, String text) {
    Answer answer = post("livechat/message",
        "{\"token\":\"" + token + "\",\"rid\":\"" + rid + "\",\"msg\":\"" + text + "\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (Map<?, ?>) answer.json().get("message");
  }

  @Test
  void aLinkToAMessageOfTheRoomCarriesItsQuote() {
    String rid = visitorWithRoom(TOKEN);
    Map<?, ?> first = sent(TOKEN, rid, "My order is late");
    String url = link(rid, (String) first.get("_id"));

    Map<?, ?> quoting = sent(TOKEN, rid, "About this: " + url);

    assertThat(quoting.get("urls")).isEqualTo(List.of(Map.of("url", url, "meta", Map.of(), "ignoreParse", true)));
    assertThat(quoting.get("attachments")).isEqualTo(List.of(Map.of(
        "text", "My order is late",
        "md", first.get("md"),
        "message_link", url,
        "author_name", "Ada",
        "author_icon", "/avatar/guest-1",
        "attachments", List.of(),
        "ts", first.get("ts"))));
    Message stored = server.messages(rid).get(server.messages(rid).size() - 1);
    assertThat(stored.attachments()).hasSize(1);
  }

  @Test
  void anAgentsMessageIsQuotedUnderItsUsername() {
    String rid = visitorWithRoom(TOKEN);
    Message reply = server.agent("agent.smith", "Agent Smith").reply(rid, "Your parcel left today");

    Map<?, ?> quoting = sent(TOKEN, rid, link(rid, reply.id()) + " when will it arrive?");

    Map<?, ?> quote = (Map<?, ?>) ((List<?>) quoting.get("attachments")).get(0);
    assertThat(quote.get("author_name")).isEqualTo("agent.smith");
    assertThat(quote.get("author_icon")).isEqualTo("/avatar/agent.smith");
    assertThat(quote.get("text")).isEqualTo("Your parcel left today");
  }

  @Test
  void aLinkToAnotherVisitorsMessageIsNoQuote() {
    String othersRoom = visitorWithRoom(OTHER_TOKEN);
    Map<?, ?> others = sent(OTHER_TOKEN, othersRoom, "secret");
    String rid = visitorWithRoom(TOKEN);
    String url = link(othersRoom, (String) others.get("_id"));

    Map<?, ?> quoting = sent(TOKEN, rid, "look " + url);

    assertThat(quoting.get("attachments")).isNull();
    assertThat(quoting.get("urls")).isEqualTo(List.of(Map.of("url", url, "meta", Map.of())));
  }

  @Test
  void aLinkElsewhereIsOnlyAUrl() {
    String rid = visitorWithRoom(TOKEN);

    Map<?, ?> message = sent(TOKEN, rid, "see https://example.com/help?msg=abc");

    assertThat(message.get("attachments")).isNull();
    assertThat(message.get("urls")).isEqualTo(List.of(Map.of("url", "https://example.com/help?msg=abc", "meta", Map.of())));
  }
}
