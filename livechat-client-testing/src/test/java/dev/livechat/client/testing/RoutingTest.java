package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.testing.ServerSettings.RoutingMethod;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * How a new room finds its agent, and what {@code agent.next} says, under the two routing methods.
 *
 * <p>Server: {@code apps/meteor/server/lib/omnichannel/QueueManager.ts} ({@code requestRoom}: the
 * inquiry is {@code ready} under a method with {@code autoAssignAgent}, then {@code
 * RoutingManager.delegateInquiry} takes it for {@code getNextAgent()}'s agent or leaves it queued
 * when there is none; under {@code Manual_Selection} it is {@code queued}, even with an agent
 * requested), {@code apps/meteor/app/livechat/server/lib/routing/AutoSelection.ts} and {@code
 * ManualSelection.ts} ({@code getNextAgent} resolves {@code undefined}), and the {@code
 * livechat/agent.next/:token} handler of {@code apps/meteor/server/api/v1/omnichannel/agent.ts}
 * ({@code findOpenRoom} first, then {@code throw new Error('agent-not-found')}).
 */
class RoutingTest extends FakeServerTestBase {

  private Map<?, ?> openRoomJson(String token) {
    register(token);
    Answer answer = get("livechat/room?token=" + token);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (Map<?, ?>) answer.json().get("room");
  }

  @Test
  void autoSelectionIsTheDefaultAndServesANewRoomAtOnce() {
    FakeAgent smith = server.agent("agent.smith");

    Map<?, ?> room = openRoomJson(TOKEN);

    assertThat(server.settings().routingMethod()).isEqualTo(RoutingMethod.AUTO_SELECTION);
    Map<?, ?> servedBy = (Map<?, ?>) room.get("servedBy");
    assertThat(servedBy.get("_id")).isEqualTo(smith.id());
    assertThat(servedBy.get("username")).isEqualTo("agent.smith");
    assertThat(server.messages((String) room.get("_id"))).extracting(m -> m.type())
        .containsExactly("livechat-started", "command", "uj");
  }

  @Test
  void autoSelectionLeavesTheRoomInTheQueueWhenNoAgentIsAvailable() {
    server.agent("agent.busy").setAvailable(false);
    server.agent("agent.away").setStatus("away");

    Map<?, ?> room = openRoomJson(TOKEN);

    assertThat(room.get("servedBy")).isNull();
    assertThat(server.messages((String) room.get("_id"))).extracting(m -> m.type()).containsExactly("livechat-started");
  }

  @Test
  void autoSelectionPicksTheAgentServingTheFewestRooms() {
    FakeAgent smith = server.agent("agent.smith");
    FakeAgent jones = server.agent("agent.jones");

    Map<?, ?> first = openRoomJson(TOKEN);
    Map<?, ?> second = openRoomJson(OTHER_TOKEN);

    assertThat(((Map<?, ?>) first.get("servedBy")).get("_id")).isEqualTo(smith.id());
    assertThat(((Map<?, ?>) second.get("servedBy")).get("_id")).isEqualTo(jones.id());
  }

  @Test
  void autoSelectionPassesOverAgentsAtTheChatLimit() {
    server.reconfigure(s -> s.withMaxChatsPerAgent(1));
    FakeAgent smith = server.agent("agent.smith");
    openRoomJson(TOKEN);

    Map<?, ?> second = openRoomJson(OTHER_TOKEN);

    assertThat(second.get("servedBy")).as("the only agent is at Livechat_maximum_chats_per_agent").isNull();
    assertThatThrownBy(() -> smith.assign((String) second.get("_id")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("error-max-number-simultaneous-chats-reached");
  }

  @Test
  void manualSelectionLeavesNewRoomsInTheQueueUntilAnAgentTakesThem() {
    server.reconfigure(s -> s.withRoutingMethod(RoutingMethod.MANUAL_SELECTION));
    FakeAgent smith = server.agent("agent.smith");
    register(TOKEN);

    Map<?, ?> room = (Map<?, ?>) get("livechat/room?token=" + TOKEN + "&agentId=" + smith.id()).json().get("room");

    assertThat(room.get("servedBy")).as("queued, even with an agent asked for").isNull();
    smith.assign((String) room.get("_id"));
    assertThat(server.room((String) room.get("_id")).orElseThrow().servedBy().id()).isEqualTo(smith.id());
  }

  @Test
  void nextAgentUnderManualSelectionIsAgentNotFound() {
    server.reconfigure(s -> s.withRoutingMethod(RoutingMethod.MANUAL_SELECTION));
    server.agent("agent.smith");
    register(TOKEN);

    assertRefused(get("livechat/agent.next/" + TOKEN), 400, """
        {"success":false,"error":"agent-not-found"}""");
  }

  @Test
  void nextAgentUnderAutoSelectionNamesTheAgentAndNothingOnceARoomIsOpen() {
    FakeAgent smith = server.agent("agent.smith", "Agent Smith");
    register(TOKEN);

    Answer next = get("livechat/agent.next/" + TOKEN);
    assertThat(next.body()).isEqualTo("{\"agent\":{\"_id\":\"" + smith.id() + "\",\"username\":\"agent.smith\","
        + "\"name\":\"Agent Smith\",\"status\":\"online\",\"emails\":[{\"address\":\"agent.smith@example.com\","
        + "\"verified\":true}]},\"success\":true}");

    openRoom(TOKEN);
    Answer withRoom = get("livechat/agent.next/" + TOKEN);
    assertThat(withRoom.status()).isEqualTo(200);
    assertThat(withRoom.body()).isEqualTo("{\"success\":true}");
  }

  @Test
  void nextAgentWithNobodyAvailableIsAgentNotFound() {
    server.agent("agent.smith").setAvailable(false);

    assertRefused(get("livechat/agent.next/" + TOKEN), 400, """
        {"success":false,"error":"agent-not-found"}""");
  }

  // ---- departments ----

  /**
   * {@code config.departments} comes from {@code findDepartments} in {@code
   * apps/meteor/server/api/v1/omnichannel/lib/livechat.ts}, that is {@code
   * LivechatDepartment.findEnabledWithAgentsAndBusinessUnit} ({@code packages/models}): {@code
   * {numAgents: {$gt: 0}, enabled: true}}.
   */
  @Test
  @SuppressWarnings("unchecked")
  void configListsOnlyDepartmentsWithAgents() {
    server.addDepartment("d1", "Support").addDepartment("d2", "Sales");
    server.agent("agent.smith").joinDepartment("d2");

    List<Object> departments = (List<Object>) ((Map<?, ?>) get("livechat/config").json().get("config")).get("departments");

    assertThat(departments).containsExactly(Map.of("_id", "d2", "name", "Sales", "showOnRegistration", true,
        "showOnOfflineForm", true, "departmentsAllowedToForward", List.of()));
  }

  @Test
  void aRoomOfADepartmentIsRoutedToAnAgentOfThatDepartment() {
    server.addDepartment("d2", "Sales");
    server.agent("agent.smith");
    FakeAgent jones = server.agent("agent.jones");
    jones.joinDepartment("d2");

    Map<?, ?> room = openRoomJson(post("livechat/visitor", "{\"visitor\":{\"token\":\"" + TOKEN
        + "\",\"department\":\"Sales\"}}"));

    assertThat(room.get("departmentId")).isEqualTo("d2");
    assertThat(((Map<?, ?>) room.get("servedBy")).get("_id")).isEqualTo(jones.id());
  }

  private Map<?, ?> openRoomJson(Answer registered) {
    assertThat(registered.status()).as(registered.body()).isEqualTo(200);
    return (Map<?, ?>) get("livechat/room?token=" + TOKEN).json().get("room");
  }

  // ---- the room's source ----

  /**
   * {@code source.type} is {@code widget} only when {@code isWidget(request.headers)}: cookies {@code
   * rc_room_type=l} and {@code rc_is_widget=t} ({@code apps/meteor/server/api/lib/isWidget.ts}); the
   * {@code livechat/room} handler of {@code room.ts} adds the {@code host} header as {@code
   * destination}.
   */
  @Test
  void aRoomOpenedByTheWidgetHasSourceWidgetWithItsHost() {
    register(TOKEN);

    Answer answer = execute(new Request.Builder().url(server.url().resolve("/api/v1/livechat/room?token=" + TOKEN))
        .header("Cookie", "rc_room_type=l; rc_is_widget=t").build());

    Map<?, ?> room = (Map<?, ?>) answer.json().get("room");
    assertThat(room.get("source"))
        .isEqualTo(Map.of("type", "widget", "destination", server.url().host() + ":" + server.url().port()));
  }

  @Test
  void aRoomOpenedOtherwiseHasSourceApi() {
    register(TOKEN);

    Answer answer = execute(new Request.Builder().url(server.url().resolve("/api/v1/livechat/room?token=" + TOKEN))
        .header("Cookie", "rc_room_type=l").build());

    assertThat(((Map<?, ?>) answer.json().get("room")).get("source")).isEqualTo(Map.of("type", "api"));
  }

  // ---- a blocked contact ----

  /**
   * {@code createRoom} and {@code getRoom} of {@code apps/meteor/server/lib/omnichannel/rooms.ts}
   * throw the plain {@code Error('error-contact-channel-blocked')} when {@code
   * LivechatContacts.isChannelBlocked}; e2e {@code apps/meteor/tests/end-to-end/api/livechat/contacts.ts}.
   */
  @Test
  void aBlockedContactCanNeitherOpenARoomNorSendAMessage() {
    String rid = visitorWithRoom(TOKEN);
    register(OTHER_TOKEN);
    server.blockContact(TOKEN);
    server.blockContact(OTHER_TOKEN);

    assertRefused(post("livechat/message", "{\"token\":\"" + TOKEN + "\",\"rid\":\"" + rid + "\",\"msg\":\"hi\"}"),
        400, """
        {"success":false,"error":"error-contact-channel-blocked"}""");
    assertRefused(get("livechat/room?token=" + OTHER_TOKEN), 400, """
        {"success":false,"error":"error-contact-channel-blocked"}""");
  }
}
