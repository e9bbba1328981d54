package dev.livechat.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.Fixtures;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.exception.LivechatWebhookException;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.ServedBy;
import dev.livechat.client.model.User;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every event type the server posts, read from a fixture that reproduces the JSON its source
 * builds. Room events come from {@code sendToCRM} in
 * {@code apps/meteor/app/livechat/server/hooks/sendToCRM.ts}: the room's part from {@code
 * getLivechatRoomGuestInfo} ({@code apps/meteor/app/livechat/server/lib/guests.ts}), then
 * {@code type}, {@code messages}, then the type's own fields from {@code getAdditionalFieldsByType}.
 */
class WebhookEventsTest {
  static final String TOKEN = "3c9a1f0e-visitor-token-5b7d";
  static final String ROOM = "Z7tDPqMYZa6bAuKXm";

  static WebhookEvent parse(String fixture) {
    return LivechatWebhooks.parse(Fixtures.read("webhooks/" + fixture).getBytes(StandardCharsets.UTF_8));
  }

  /** What every event must honour: its body kept, and the token printed nowhere. */
  static void assertKeptAndSafe(WebhookEvent event, String fixture) {
    assertThat(event.rawJson()).isEqualTo(Fixtures.read("webhooks/" + fixture));
    assertThat(event.toString()).doesNotContain(TOKEN).doesNotContain("eyJhbGciOiJIUzI1NiJ9");
  }

  /** {@code livechat.newRoom} → {@code sendToCRM('LivechatSessionStart', room)}; extra: {@code departmentId}. */
  @Test
  void sessionStartCarriesTheRoomAndItsVisitor() {
    WebhookEvent event = parse("session-start.json");

    assertThat(event).isInstanceOf(WebhookEvent.SessionStarted.class);
    WebhookEvent.SessionStarted started = (WebhookEvent.SessionStarted) event;
    assertThat(started.type()).isEqualTo("LivechatSessionStart");
    assertThat(started.departmentId()).isEqualTo("uWbFJmHdR8wczwG7u");
    WebhookRoom room = started.room();
    assertThat(room.id()).isEqualTo(ROOM);
    assertThat(room.label()).isEqualTo("Ada Lovelace");
    assertThat(room.topic()).isNull();
    assertThat(room.createdAt()).isEqualTo(Instant.parse("2024-05-14T09:12:03.517Z"));
    assertThat(room.lastMessageAt()).isNull();
    assertThat(room.tags()).isEmpty();
    assertThat(room.agent()).isNull();
    assertThat(room.messages()).isEmpty();
    assertThat(room.visitor()).isEqualTo(new WebhookVisitor("pPBc4Hc8d3HKFyq3E", TOKEN, "Ada Lovelace",
        "guest-42", "uWbFJmHdR8wczwG7u", "203.0.113.7", "Mac OS 10.15.7", "Chrome 124.0.0.0",
        List.of("ada@example.com"), List.of("+14155550123"), Map.of("customerId", "C-1001"), Map.of()));
    assertThat(started.otherFields()).isEmpty();
    assertKeptAndSafe(event, "session-start.json");
  }

  /** {@code livechat.chatQueued} ({@code afterRoomQueued} in {@code app/livechat/server/lib/hooks.ts}). */
  @Test
  void sessionQueuedCarriesTheMessagesSoFar() {
    WebhookEvent.SessionQueued queued = (WebhookEvent.SessionQueued) parse("session-queued.json");

    assertThat(queued.type()).isEqualTo("LivechatSessionQueued");
    assertThat(queued.departmentId()).isEqualTo("uWbFJmHdR8wczwG7u");
    assertThat(queued.room().lastMessageAt()).isEqualTo(Instant.parse("2024-05-14T09:12:04.120Z"));
    assertThat(queued.room().messages()).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo("vM3qCXvF4bWPtvgNs");
      assertThat(m.user()).isEqualTo(new User("pPBc4Hc8d3HKFyq3E", "guest-42", "Ada Lovelace"));
      assertThat(m.text()).isEqualTo("Hi, my order has not arrived");
      assertThat(m.fromAgent()).isFalse();
      assertThat(m.updatedAt()).isEqualTo(Instant.parse("2024-05-14T09:12:04.131Z"));
    });
    assertKeptAndSafe(queued, "session-queued.json");
  }

  /** {@code livechat.afterTakeInquiry}; extra: {@code departmentId, servedBy}; {@code agent} from {@code guests.ts}. */
  @Test
  void sessionTakenCarriesTheAgentAndServedBy() {
    WebhookEvent.SessionTaken taken = (WebhookEvent.SessionTaken) parse("session-taken.json");

    assertThat(taken.type()).isEqualTo("LivechatSessionTaken");
    assertThat(taken.servedBy()).isEqualTo(
        new ServedBy("gTcmDiBJ3ZKuTCRaE", "kim.jane", Instant.parse("2024-05-14T09:13:30.002Z")));
    assertThat(taken.room().agent()).isEqualTo(new WebhookAgent("gTcmDiBJ3ZKuTCRaE", "kim.jane", "Kim Jane",
        "kim.jane@example.com", Map.of("extension", "204"), Map.of()));
    assertKeptAndSafe(taken, "session-taken.json");
  }

  /** {@code livechat.afterForwardChatToAgent}: the room with {@code oldServedBy} assigned. */
  @Test
  void sessionForwardedToAnAgentNamesThePreviousAgent() {
    WebhookEvent.SessionForwarded forwarded =
        (WebhookEvent.SessionForwarded) parse("session-forwarded-to-agent.json");

    assertThat(forwarded.type()).isEqualTo("LivechatSessionForwarded");
    assertThat(forwarded.servedBy()).isEqualTo(
        new ServedBy("Hq2WvE7yNWjx9kRTb", "sam.lee", Instant.parse("2024-05-14T09:15:00.010Z")));
    assertThat(forwarded.oldServedBy()).isEqualTo(
        new ServedBy("gTcmDiBJ3ZKuTCRaE", "kim.jane", Instant.parse("2024-05-14T09:13:30.002Z")));
    assertThat(forwarded.oldDepartmentId()).isNull();
    assertThat(forwarded.room().agent().username()).isEqualTo("sam.lee");
    assertKeptAndSafe(forwarded, "session-forwarded-to-agent.json");
  }

  /** {@code livechat.afterForwardChatToDepartment}: the room with {@code oldDepartmentId} assigned. */
  @Test
  void sessionForwardedToADepartmentNamesThePreviousDepartment() {
    WebhookEvent.SessionForwarded forwarded =
        (WebhookEvent.SessionForwarded) parse("session-forwarded-to-department.json");

    assertThat(forwarded.departmentId()).isEqualTo("RkfNq8c4s3Xzh2BWd");
    assertThat(forwarded.oldDepartmentId()).isEqualTo("uWbFJmHdR8wczwG7u");
    assertThat(forwarded.servedBy()).isNull();
    assertThat(forwarded.oldServedBy()).isNull();
    assertThat(forwarded.room().agent()).isNull();
  }

  /**
   * {@code livechat.closeRoom} → {@code sendToCRM('LivechatSession', room)} with every visible
   * message ({@code Messages.findVisibleByRoomId}, oldest first); extra: {@code departmentId,
   * servedBy, closedAt, closedBy, closer}. A file message is normalised by {@code
   * normalizeMessageFileUpload} ({@code apps/meteor/app/utils/server/functions/}), as {@code
   * saveAnalyticsData} does too; a page change when navigation is sent; the closing message with
   * {@code closingMessage: true}; {@code crmData} as the current server stores it (the answer's text).
   */
  @Test
  void sessionClosedCarriesTheWholeConversation() {
    WebhookEvent.SessionClosed closed = (WebhookEvent.SessionClosed) parse("session-closed.json");

    assertThat(closed.type()).isEqualTo("LivechatSession");
    assertThat(closed.closedAt()).isEqualTo(Instant.parse("2024-05-14T09:21:47.930Z"));
    assertThat(closed.closedBy()).isEqualTo(new User("gTcmDiBJ3ZKuTCRaE", "kim.jane", null));
    assertThat(closed.closer()).isEqualTo("user");
    assertThat(closed.servedBy().id()).isEqualTo("gTcmDiBJ3ZKuTCRaE");
    WebhookRoom room = closed.room();
    assertThat(room.topic()).isEqualTo("Late delivery");
    assertThat(room.tags()).containsExactly("shipping", "refund");
    assertThat(room.customFields()).containsExactlyEntriesOf(Map.of("orderId", "A-20931"));
    assertThat(room.crmData()).isEqualTo("{\"contactId\":\"crm-8812\"}");
    List<WebhookMessage> messages = room.messages();
    assertThat(messages).extracting(WebhookMessage::id).containsExactly(
        "nbfX9c3n3Jp4JxjBq", "vM3qCXvF4bWPtvgNs", "Wd8bQ3PJrMdgu4tYs", "f2Kx8YbRr5tZcLw9M", "q9TzK4sWcYbNd2mHa");

    WebhookMessage navigation = messages.get(0);
    assertThat(navigation.pageTitle()).isEqualTo("Checkout");
    assertThat(navigation.pageUrl()).isEqualTo("https://shop.example.com/checkout");
    assertThat(navigation.otherFields()).isEmpty();

    WebhookMessage edited = messages.get(1);
    assertThat(edited.editedAt()).isEqualTo(Instant.parse("2024-05-14T09:12:40.771Z"));
    assertThat(edited.fromAgent()).isFalse();

    WebhookMessage reply = messages.get(2);
    assertThat(reply.agentId()).isEqualTo("gTcmDiBJ3ZKuTCRaE");
    assertThat(reply.fromAgent()).isTrue();

    WebhookMessage upload = messages.get(3);
    assertThat(upload.file()).isEqualTo(new FileInfo("Xg4bPz8kLq2WmN7cR", "label.jpg", "image/jpeg", 48213L, null));
    assertThat(upload.attachments()).containsExactly(new Attachment("file", "label.jpg",
        "/file-upload/Xg4bPz8kLq2WmN7cR/label.jpg", "", "/file-upload/Xg4bPz8kLq2WmN7cR/label.jpg",
        "image/jpeg", 48213L));
    assertThat(upload.fileUrl()).startsWith("https://chat.example.com/file-upload/Xg4bPz8kLq2WmN7cR/label.jpg?token=ey");
    assertThat(upload.fileSize()).isEqualTo(48213L);
    assertThat(upload.toString()).contains("label.jpg?***").doesNotContain("token=");

    WebhookMessage goodbye = messages.get(4);
    assertThat(goodbye.closingMessage()).isTrue();
    assertThat(messages.subList(0, 4)).noneMatch(WebhookMessage::closingMessage);
    assertKeptAndSafe(closed, "session-closed.json");
  }

  /** {@code livechat.saveInfo} on a closed room → {@code sendToCRM('LivechatEdit', room)}; no extra fields. */
  @Test
  void sessionEditedCarriesTheSavedDetails() {
    WebhookEvent.SessionEdited edited = (WebhookEvent.SessionEdited) parse("session-edited.json");

    assertThat(edited.type()).isEqualTo("LivechatEdit");
    assertThat(edited.room().topic()).isEqualTo("Late delivery - refunded");
    assertThat(edited.room().tags()).containsExactly("shipping", "refund", "vip");
    assertThat(edited.room().messages()).hasSize(2);
    assertThat(edited.otherFields()).isEmpty();
    assertKeptAndSafe(edited, "session-edited.json");
  }

  /** {@code afterOmnichannelSaveMessage} → {@code sendToCRM('Message', room, [message])}: a visitor's message. */
  @Test
  void visitorMessageCarriesTheOneMessage() {
    WebhookEvent.MessageSent sent = (WebhookEvent.MessageSent) parse("message-from-visitor.json");

    assertThat(sent.type()).isEqualTo("Message");
    assertThat(sent.message()).isSameAs(sent.room().messages().get(0));
    assertThat(sent.message().text()).isEqualTo("Hi, my order has not arrived");
    assertThat(sent.message().roomId()).isEqualTo(ROOM);
    assertThat(sent.message().fromAgent()).isFalse();
    assertThat(sent.message().timestamp()).isEqualTo(Instant.parse("2024-05-14T09:12:04.120Z"));
    assertThat(sent.room().visitor().token()).isEqualTo(TOKEN);
    assertKeptAndSafe(sent, "message-from-visitor.json");
  }

  /** The same hook for an agent's message: {@code agentId} set, UI Kit {@code blocks} kept as read. */
  @Test
  void agentMessageNamesTheAgentAndKeepsItsBlocks() {
    WebhookEvent.MessageSent sent = (WebhookEvent.MessageSent) parse("message-from-agent.json");

    WebhookMessage message = sent.message();
    assertThat(message.agentId()).isEqualTo("gTcmDiBJ3ZKuTCRaE");
    assertThat(message.fromAgent()).isTrue();
    assertThat(message.otherFields()).containsOnlyKeys("blocks");
    assertThat((List<?>) message.otherFields().get("blocks")).singleElement()
        .isEqualTo(Map.of("type", "section", "text", Map.of("type", "mrkdwn",
            "text", "Sorry about that! Could you send a photo of the label?")));
  }

  /** The same hook after an edit: {@code editedAt} set when {@code isEditedMessage(message)}. */
  @Test
  void editedMessageCarriesItsEditTime() {
    WebhookEvent.MessageSent sent = (WebhookEvent.MessageSent) parse("message-edited.json");

    assertThat(sent.message().id()).isEqualTo("vM3qCXvF4bWPtvgNs");
    assertThat(sent.message().editedAt()).isEqualTo(Instant.parse("2024-05-14T09:12:40.771Z"));
  }

  /**
   * {@code apps/meteor/app/livechat/server/hooks/leadCapture.ts} runs {@code livechat.leadCapture}
   * → {@code sendToCRM('LeadCapture', room, false)}: no messages, the visitor's captured addresses.
   */
  @Test
  void leadCaptureCarriesTheVisitorsNewAddressesAndNoMessages() {
    WebhookEvent.LeadCaptured lead = (WebhookEvent.LeadCaptured) parse("lead-capture.json");

    assertThat(lead.type()).isEqualTo("LeadCapture");
    assertThat(lead.room().messages()).isEmpty();
    assertThat(lead.room().visitor().emails()).containsExactly("ada@example.com");
    assertThat(lead.room().visitor().phones()).containsExactly("+14155550123", "+442071838750");
    assertKeptAndSafe(lead, "lead-capture.json");
  }

  /** {@code apps/meteor/app/livechat/server/hooks/offlineMessage.ts}: {@code type, sentAt, visitor{name,email}, message}. */
  @Test
  void offlineMessageCarriesTheForm() {
    WebhookEvent event = parse("offline-message.json");

    assertThat(event).isEqualTo(new WebhookEvent.OfflineMessageReceived(
        Instant.parse("2024-05-14T22:03:11.284Z"), "Grace Hopper", "grace@example.com",
        "Please call me back tomorrow morning", Map.of(), Fixtures.read("webhooks/offline-message.json")));
    assertThat(event.type()).isEqualTo("LivechatOfflineMessage");
  }

  /** The documentation's offline example, verbatim. */
  @Test
  void documentedOfflineMessageIsRead() {
    WebhookEvent.OfflineMessageReceived offline =
        (WebhookEvent.OfflineMessageReceived) parse("offline-message-documented.json");

    assertThat(offline.name()).isEqualTo("name from the form");
    assertThat(offline.email()).isEqualTo("email@fromtheform.com");
    assertThat(offline.message()).isEqualTo("message from the form");
    assertThat(offline.sentAt()).isEqualTo(Instant.parse("2016-06-01T19:55:53.867Z"));
  }

  /**
   * {@code livechat:webhookTest} ({@code apps/meteor/app/livechat/server/methods/webhookTest.ts})
   * posts {@code JSON.stringify(sampleData)}: a {@code LivechatSession} of room {@code
   * fasd6f5a4sd6f8a4sdf} whose visitor has {@code email} and {@code phone} as plain strings and
   * whose messages have no {@code _id}.
   */
  @Test
  void settingsTestIsATestPingNotAClosedSession() {
    WebhookEvent event = parse("webhook-test.json");

    assertThat(event).isInstanceOf(WebhookEvent.TestPing.class).isNotInstanceOf(WebhookEvent.RoomEvent.class);
    WebhookEvent.TestPing ping = (WebhookEvent.TestPing) event;
    assertThat(ping.type()).isEqualTo("LivechatSession");
    assertThat(ping.room().id()).isEqualTo(WebhookEvent.TestPing.ROOM_ID);
    assertThat(ping.room().topic()).isEqualTo("asiodojf");
    assertThat(ping.room().visitor().id()).isEmpty();
    assertThat(ping.room().visitor().emails()).containsExactly("email@address.com");
    assertThat(ping.room().visitor().phones()).containsExactly("192873192873");
    assertThat(ping.room().agent().email()).isEqualTo("agent@email.com");
    assertThat(ping.room().messages()).extracting(WebhookMessage::id).containsExactly(null, null);
    assertThat(ping.room().messages()).extracting(WebhookMessage::agentId).containsExactly(null, "asdf89as6df8");
  }

  /**
   * The documentation's "data sent at the end of a Livechat session", verbatim: it is the test's
   * sample (same room id), with a {@code code} the server never sends, kept.
   */
  @Test
  void documentedSessionExampleIsTheTestPingWithItsExtraFieldKept() {
    WebhookEvent.TestPing ping = (WebhookEvent.TestPing) parse("session-documented.json");

    assertThat(ping.otherFields()).containsExactly(Map.entry("code", 123123.0));
    assertThat(ping.room().visitor().name()).isEqualTo("viistor name");
  }

  @Nested
  class UnknownTypesAndFields {
    @Test
    void unknownTypeIsKeptWholeNotRefused() {
      WebhookEvent event = parse("unknown-type.json");

      assertThat(event).isInstanceOf(WebhookEvent.Unknown.class);
      WebhookEvent.Unknown unknown = (WebhookEvent.Unknown) event;
      assertThat(unknown.type()).isEqualTo("LivechatSessionOnHold");
      assertThat(unknown.otherFields()).containsOnlyKeys(
          "_id", "label", "createdAt", "visitor", "messages", "onHoldAt", "departmentId");
      assertThat(unknown.otherFields().get("onHoldAt")).isEqualTo("2024-05-14T09:30:00.000Z");
      assertThat(unknown.otherFields().get("visitor")).isInstanceOf(Map.class);
      assertKeptAndSafe(unknown, "unknown-type.json");
      assertThat(unknown.toString()).contains("LivechatSessionOnHold", "onHoldAt");
    }

    @Test
    void unknownFieldsAreKeptAtEveryLevel() {
      WebhookEvent.SessionTaken taken = (WebhookEvent.SessionTaken) parse("session-taken-unknown-fields.json");

      // null values are kept too: "source": null
      assertThat(taken.otherFields()).containsOnlyKeys("priority", "source", "closedAt");
      assertThat(taken.otherFields().get("priority")).isEqualTo(Map.of("_id", "high", "sortItem", 2.0));
      assertThat(taken.otherFields().get("source")).isNull();
      assertThat(taken.room().visitor().otherFields())
          .containsExactly(Map.entry("contactId", "66435b2f9a1c2e0012a4f001"), Map.entry("activity", List.of("2024-05")));
      assertThat(taken.room().agent().otherFields()).containsExactly(Map.entry("phone", "+15550100"));
      assertThat(taken.room().messages().get(0).otherFields()).containsOnlyKeys("reactions");
      assertThat(taken.toString()).contains("priority").doesNotContain("sortItem");
    }

    @Test
    void aFieldOfAnotherTypeIsKeptNotRead() {
      // closedAt belongs to LivechatSession; on LivechatSessionTaken it is someone else's field
      WebhookEvent.SessionTaken taken = (WebhookEvent.SessionTaken) parse("session-taken-unknown-fields.json");

      assertThat(taken.otherFields().get("closedAt")).isEqualTo("2024-05-14T09:30:00.000Z");
    }

    @Test
    void typeMayComeAnywhereAndAloneSuffices() {
      assertThat(LivechatWebhooks.parse("{\"_id\":\"r1\",\"type\":\"LeadCapture\"}"))
          .isInstanceOf(WebhookEvent.LeadCaptured.class);
      assertThat(LivechatWebhooks.parse("{\"type\":\"Something\"}"))
          .isEqualTo(new WebhookEvent.Unknown("Something", Map.of(), "{\"type\":\"Something\"}"));
    }
  }

  @Nested
  class MalformedBodies {
    @ParameterizedTest
    @ValueSource(strings = {
        "", "not json", "{", "{\"type\":\"Message\",", "[]", "\"Message\"", "null",
        "{\"type\":\"Message\"} trailing", "{\"type\":\"Message\"}{\"type\":\"Message\"}"})
    void notAJsonObjectIsRefusedWith400(String body) {
      assertThatThrownBy(() -> LivechatWebhooks.parse(body))
          .isInstanceOf(LivechatWebhookException.class)
          .isInstanceOf(LivechatException.class)
          .hasMessageStartingWith("Webhook body is not a Livechat event")
          .extracting(e -> ((LivechatWebhookException) e).responseStatus()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"_id\":\"r1\"}", "{\"type\":null}", "{\"type\":42}", "{\"type\":{}}"})
    void withoutAStringTypeIsRefused(String body) {
      assertThatThrownBy(() -> LivechatWebhooks.parse(body))
          .isInstanceOf(LivechatWebhookException.class)
          .hasMessageContaining("'type'");
    }

    @Test
    void aRoomEventWithoutItsRoomIdIsRefused() {
      assertThatThrownBy(() -> LivechatWebhooks.parse("{\"type\":\"Message\",\"messages\":[]}"))
          .isInstanceOf(LivechatWebhookException.class)
          .hasMessageContaining("'_id'");
    }

    @Test
    void aKnownFieldOfTheWrongShapeIsRefusedNamingThePathNotTheValue() {
      String body = "{\"type\":\"LivechatSession\",\"_id\":\"r1\",\"tags\":\"vip\",\"visitor\":{\"_id\":\"v\","
          + "\"token\":\"" + TOKEN + "\"}}";

      assertThatThrownBy(() -> LivechatWebhooks.parse(body))
          .isInstanceOf(LivechatWebhookException.class)
          .hasMessageContaining("$.tags")
          .hasMessageNotContaining("vip")
          .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aTimestampThatIsNotOneIsRefused() {
      assertThatThrownBy(() -> LivechatWebhooks.parse("{\"type\":\"LivechatOfflineMessage\",\"sentAt\":\"yesterday\"}"))
          .isInstanceOf(LivechatWebhookException.class)
          .hasMessageContaining("$.sentAt");
    }

    /**
     * The body is untrusted input on a public endpoint: a value where another type belongs is
     * refused naming the path and the expected type, and neither the message nor any cause (Moshi's
     * "Expected a long but was ...", a DateTimeParseException's "Text '...' could not be parsed")
     * quotes the value.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a size that is text|{\"type\":\"Message\",\"_id\":\"r1\",\"messages\":[{\"_id\":\"m1\",\"fileUpload\":{\"size\":\"VALUE\"}}]}|expected a long at path $.messages[0].fileUpload.size",
        "a room date that is text|{\"type\":\"LivechatSession\",\"_id\":\"r1\",\"createdAt\":\"VALUE\"}|expected an ISO-8601 instant at path $.createdAt",
        "a message date that is text|{\"type\":\"Message\",\"_id\":\"r1\",\"messages\":[{\"_id\":\"m1\",\"ts\":\"VALUE\"}]}|expected an ISO-8601 instant at path $.messages[0].ts",
        "an offline date that is text|{\"type\":\"LivechatOfflineMessage\",\"sentAt\":\"VALUE\"}|expected an ISO-8601 instant at path $.sentAt"})
    void aValueOfTheWrongTypeIsRefusedWithoutQuotingIt(String what, String body, String reason) {
      String value = "Grace Hopper " + TOKEN + " at path $.fake but was";

      Throwable thrown = catchThrowable(() -> LivechatWebhooks.parse(body.replace("VALUE", value)));

      assertThat(thrown).as(what).isInstanceOf(LivechatWebhookException.class)
          .hasMessage("Webhook body is not a Livechat event: " + reason);
      StringWriter printed = new StringWriter();
      thrown.printStackTrace(new PrintWriter(printed));
      assertThat(printed.toString()).as(what).contains(reason)
          .doesNotContain(TOKEN).doesNotContain("Hopper").doesNotContain("DateTimeParseException");
    }

    /**
     * Moshi names a key given twice with both its values after the path ({@code Map key 'a' has
     * multiple values at path $.crmData.a: <value> and <value>}): neither reaches the refusal.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"LivechatSession\",\"_id\":\"r1\",\"crmData\":{\"a\":\"VALUE1\",\"a\":\"VALUE2\"}}",
        "{\"type\":\"LivechatSession\",\"_id\":\"r1\",\"zzz\":{\"a\":\"VALUE1\",\"a\":\"VALUE2\"}}",
        "{\"type\":\"SomethingNew\",\"data\":{\"a\":\"VALUE1\",\"a\":\"VALUE2 at path $.x: y\"}}"})
    void aKeyGivenTwiceIsRefusedWithoutQuotingEitherValue(String body) {
      String sent = body.replace("VALUE1", "Grace Hopper " + TOKEN).replace("VALUE2", TOKEN + "-2");

      Throwable thrown = catchThrowable(() -> LivechatWebhooks.parse(sent));

      assertThat(thrown).isInstanceOf(LivechatWebhookException.class)
          .hasMessageStartingWith("Webhook body is not a Livechat event: a key given twice at path $.");
      StringWriter printed = new StringWriter();
      thrown.printStackTrace(new PrintWriter(printed));
      assertThat(printed.toString()).doesNotContain(TOKEN).doesNotContain("Hopper").doesNotContain("$.x");
    }

    @Test
    void aFractionWhereASizeBelongsIsRefusedWithoutQuotingIt() {
      String body = "{\"type\":\"Message\",\"_id\":\"r1\",\"messages\":[{\"_id\":\"m1\",\"fileUpload\":"
          + "{\"size\":98765.4321}}]}";

      Throwable thrown = catchThrowable(() -> LivechatWebhooks.parse(body));

      assertThat(thrown).isInstanceOf(LivechatWebhookException.class)
          .hasMessage("Webhook body is not a Livechat event: expected a long at path $.messages[0].fileUpload.size");
      StringWriter printed = new StringWriter();
      thrown.printStackTrace(new PrintWriter(printed));
      assertThat(printed.toString()).doesNotContain("98765");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
      byte[] body = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

      assertThatThrownBy(() -> LivechatWebhooks.parse(body))
          .isInstanceOf(LivechatWebhookException.class)
          .hasMessage("Webhook body is not UTF-8 text")
          .extracting(e -> ((LivechatWebhookException) e).responseStatus()).isEqualTo(400);
    }

    @Test
    void nullBodyIsAProgrammingError() {
      assertThatThrownBy(() -> LivechatWebhooks.parse((byte[]) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("body must not be null");
    }
  }
}
