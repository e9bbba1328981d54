package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom fields as their definitions allow: {@code setCustomFields}, {@code setMultipleCustomFields}
 * and {@code setMultipleVisitorCustomFields} of {@code apps/meteor/server/lib/omnichannel/custom-fields.ts}
 * (the routes in {@code apps/meteor/server/api/v1/omnichannel/customField.ts} and {@code visitor.ts}),
 * and {@code config.customFields} as the premium {@code getLivechatCustomFields} lists them.
 */
class CustomFieldsTest extends FakeServerTestBase {

  @BeforeEach
  void defineFields() {
    server.reconfigure(s -> s.withCustomFields(List.of(
        CustomFieldDefinition.visitor("address").withLabel("Address").withRegexp("^[A-Za-z .]+$"),
        CustomFieldDefinition.visitor("plan").withOptions(List.of("free", "pro")).withDefaultValue("free"),
        CustomFieldDefinition.visitor("internal").withVisible(false),
        CustomFieldDefinition.room("orderId"))));
  }

  private String field(String key, String value, boolean overwrite) {
    return "{\"token\":\"" + TOKEN + "\",\"key\":\"" + key + "\",\"value\":\"" + value + "\",\"overwrite\":" + overwrite + "}";
  }

  /** {@code setCustomFields}: {@code throw new Error('invalid-custom-field')} when {@code LivechatCustomField.findOneById(key)} finds none. */
  @Test
  void customFieldWithAnUndefinedKeyIsInvalidCustomField() {
    register(TOKEN);

    assertRefused(post("livechat/custom.field", field("color", "red", true)), 400, """
        {"success":false,"error":"invalid-custom-field"}""");
    assertThat(server.visitor(TOKEN).orElseThrow().customFields()).isEmpty();
  }

  /** {@code throw new Error(i18n.t('error-invalid-custom-field-value', { field: key }))}; en: "Invalid value for {{field}} field". */
  @Test
  void customFieldWithAValueThePatternRefusesIsRefused() {
    register(TOKEN);

    assertRefused(post("livechat/custom.field", field("address", "42 Main St", true)), 400, """
        {"success":false,"error":"Invalid value for address field"}""");
  }

  @Test
  void customFieldOfVisitorScopeIsStoredOnTheVisitorAndOfRoomScopeOnTheOpenRoom() {
    String rid = visitorWithRoom(TOKEN);

    assertThat(post("livechat/custom.field", field("address", "Rocket Avenue", true)).body()).isEqualTo(
        "{\"field\":{\"key\":\"address\",\"value\":\"Rocket Avenue\",\"overwrite\":true},\"success\":true}");
    assertThat(post("livechat/custom.field", field("orderId", "A1", true)).status()).isEqualTo(200);
    assertThat(post("livechat/custom.field", field("address", "Other Street", false)).status()).isEqualTo(200);

    assertThat(server.visitor(TOKEN).orElseThrow().customFields()).isEqualTo(Map.of("address", "Rocket Avenue"));
    Map<?, ?> room = (Map<?, ?>) get("livechat/room?token=" + TOKEN + "&rid=" + rid).json().get("room");
    assertThat(room.get("livechatData")).isEqualTo(Map.of("orderId", "A1"));
  }

  /** {@code setMultipleCustomFields}: one undefined key refuses the whole call before anything is stored. */
  @Test
  void customFieldsWithAnUndefinedKeyIsInvalidCustomFieldAndStoresNothing() {
    register(TOKEN);

    assertRefused(post("livechat/custom.fields", "{\"token\":\"" + TOKEN + "\",\"customFields\":["
        + "{\"key\":\"address\",\"value\":\"Rocket Avenue\",\"overwrite\":true},"
        + "{\"key\":\"color\",\"value\":\"red\",\"overwrite\":true}]}"), 400, """
        {"success":false,"error":"invalid-custom-field"}""");
    assertThat(server.visitor(TOKEN).orElseThrow().customFields()).isEmpty();
  }

  /** {@code setMultipleCustomFields} returns {@code [...roomFields, ...visitorFields]}; the route renames {@code key} to {@code Key}. */
  @Test
  void customFieldsAnswersRoomFieldsFirst() {
    visitorWithRoom(TOKEN);

    Answer answer = post("livechat/custom.fields", "{\"token\":\"" + TOKEN + "\",\"customFields\":["
        + "{\"key\":\"address\",\"value\":\"Rocket Avenue\",\"overwrite\":true},"
        + "{\"key\":\"orderId\",\"value\":\"A1\",\"overwrite\":true}]}");

    assertThat(answer.body()).isEqualTo("{\"fields\":[{\"Key\":\"orderId\",\"value\":\"A1\",\"overwrite\":true},"
        + "{\"Key\":\"address\",\"value\":\"Rocket Avenue\",\"overwrite\":true}],\"success\":true}");
  }

  /** {@code setMultipleVisitorCustomFields} keeps only keys of visible visitor-scoped fields, untested against their patterns. */
  @Test
  void registrationIgnoresUndefinedKeys() {
    Answer answer = post("livechat/visitor", """
        {"visitor":{"token":"%s","customFields":[{"key":"color","value":"red","overwrite":true},\
        {"key":"internal","value":"x","overwrite":true},{"key":"address","value":"42","overwrite":true}]}}"""
        .formatted(TOKEN));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(((Map<?, ?>) answer.json().get("visitor")).get("livechatData")).isEqualTo(Map.of("address", "42"));
  }

  /** {@code validateRequiredCustomFields}: {@code throw new Error(`Missing required custom fields: ${errors.join(', ')}`)}. */
  @Test
  void registrationWithCustomFieldsButWithoutARequiredOneIsRefused() {
    server.reconfigure(s -> s.withCustomFields(List.of(CustomFieldDefinition.visitor("address").withRequired(true),
        CustomFieldDefinition.visitor("plan"))));

    assertRefused(post("livechat/visitor", """
        {"visitor":{"token":"%s","customFields":[{"key":"plan","value":"pro","overwrite":true}]}}""".formatted(TOKEN)),
        400, """
        {"success":false,"error":"Missing required custom fields: address"}""");
  }

  /** The premium {@code getLivechatCustomFields}: {@code visibility: 'visible', scope: 'visitor', public: true}. */
  @Test
  void configListsTheVisiblePublicVisitorFields() {
    String body = get("livechat/config").body();

    assertThat(body).contains("\"customFields\":[{\"_id\":\"address\",\"label\":\"Address\","
        + "\"regexp\":\"^[A-Za-z .]+$\",\"required\":false,\"type\":\"input\",\"defaultValue\":null},"
        + "{\"_id\":\"plan\",\"label\":\"plan\",\"required\":false,\"type\":\"select\",\"defaultValue\":\"free\","
        + "\"options\":[\"free\",\"pro\"]}]");
  }
}
