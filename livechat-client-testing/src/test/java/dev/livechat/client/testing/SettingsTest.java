package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** The fake built or reconfigured with one {@link ServerSettings} value, and the settings each route reads. */
class SettingsTest extends FakeServerTestBase {

  @Test
  void aServerStartsWithItsSettingsAndIsReconfiguredWhole() {
    server.close();
    server = FakeLivechatServer.start(ServerSettings.defaults().withMessageEditing(false).withMaxChatsPerAgent(2));

    assertThat(server.settings().messageEditing()).isFalse();
    assertThat(server.settings().maxChatsPerAgent()).isEqualTo(2);
    server.reconfigure(ServerSettings.defaults());
    assertThat(server.settings()).isEqualTo(ServerSettings.defaults());
    server.allowMessageDeleting(false); // the old switches are shorthand for reconfigure
    assertThat(server.settings()).isEqualTo(ServerSettings.defaults().withMessageDeleting(false));
    assertThatThrownBy(() -> ServerSettings.defaults().withMaxChatsPerAgent(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- POST livechat/page.visited ----

  /**
   * {@code savePageHistory} ({@code apps/meteor/server/lib/omnichannel/tracking.ts}) saves {@code
   * livechat_navigation_history} as rocket.cat with {@code msg: `${title} - ${href}`} and {@code
   * navigation: {page, token}}, {@code _hidden} unless {@code Livechat_Visitor_navigation_as_a_message};
   * {@code pageVisited.ts} answers {@code {page: {msg, navigation}}} from the stored message.
   */
  @Test
  void pageVisitedAnswersTheStoredNavigationMessageKeptHiddenFromHistory() {
    String rid = visitorWithRoom(TOKEN);

    Answer answer = post("livechat/page.visited", """
        {"token":"%s","rid":"%s","pageInfo":{"title":"Cart","change":"url","location":{"href":"https://shop.example.com/cart"}}}"""
        .formatted(TOKEN, rid));

    assertThat(answer.body()).isEqualTo("{\"page\":{\"msg\":\"Cart - https://shop.example.com/cart\",\"navigation\":{"
        + "\"page\":{\"title\":\"Cart\",\"change\":\"url\",\"location\":{\"href\":\"https://shop.example.com/cart\"}},"
        + "\"token\":\"" + TOKEN + "\"}},\"success\":true}");
    assertThat(server.messages(rid)).extracting(m -> m.type()).contains("livechat_navigation_history");
    assertThat(ids(get("livechat/messages.history/" + rid + "?token=" + TOKEN))).hasSize(1); // livechat-started only
  }

  @Test
  void pageVisitsAreMessagesOfTheRoomWhenNavigationIsShownAsMessages() {
    server.reconfigure(s -> s.withNavigationAsMessage(true));
    String rid = visitorWithRoom(TOKEN);

    post("livechat/page.visited", """
        {"token":"%s","rid":"%s","pageInfo":{"title":"Cart","change":"url","location":{"href":"https://shop.example.com/cart"}}}"""
        .formatted(TOKEN, rid));

    Map<?, ?> latest = (Map<?, ?>) ((List<?>) get("livechat/messages.history/" + rid + "?token=" + TOKEN).json()
        .get("messages")).get(0);
    assertThat(latest.get("t")).isEqualTo("livechat_navigation_history");
    assertThat(latest.get("msg")).isEqualTo("Cart - https://shop.example.com/cart");
    assertThat(((Map<?, ?>) latest.get("u")).get("username")).isEqualTo("rocket.cat");
  }

  @Test
  void aPageChangeOtherThanTheMonitoredTypeIsOnlyAcknowledged() {
    server.reconfigure(s -> s.withHistoryMonitorType("title"));

    Answer answer = post("livechat/page.visited", """
        {"token":"%s","pageInfo":{"title":"Cart","change":"url","location":{"href":"https://shop.example.com/cart"}}}"""
        .formatted(TOKEN));

    assertThat(answer.body()).isEqualTo("{\"success\":true}");
    assertThat(server.pageVisits()).isEmpty();
  }

  // ---- DELETE livechat/visitor/:token ----

  /** {@code visitor.ts}: "if gdpr is enabled, bypass rooms check" ({@code Livechat_Allow_collect_and_store_HTTP_header_informations}). */
  @Test
  void aVisitorWithAnOpenRoomMayBeDeletedWhenTheServerStoresHttpHeaders() {
    visitorWithRoom(TOKEN);
    assertRefused(call("DELETE", "livechat/visitor/" + TOKEN, null), 400, """
        {"success":false,"error":"Cannot remove visitors with opened rooms [visitor-has-open-rooms]","errorType":"visitor-has-open-rooms"}""");

    server.reconfigure(s -> s.withStoreHttpHeaders(true));

    assertThat(call("DELETE", "livechat/visitor/" + TOKEN, null).status()).isEqualTo(200);
    assertThat(server.visitor(TOKEN)).isEmpty();
  }

  // ---- the two upload switches ----

  private Answer upload(String rid) {
    MultipartBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", "a.txt", RequestBody.create(new byte[] {1}, MediaType.get("text/plain"))).build();
    return execute(new Request.Builder().url(server.url().resolve("/api/v1/livechat/upload/" + rid))
        .header("x-visitor-token", TOKEN).post(form).build());
  }

  private Object configFileUpload() {
    return ((Map<?, ?>) ((Map<?, ?>) get("livechat/config").json().get("config")).get("settings")).get("fileUpload");
  }

  /**
   * {@code upload.ts}: {@code canUpload = Livechat_fileupload_enabled && FileUpload_Enabled}, refused as
   * {@code {reason: 'error-file-upload-disabled'}}; {@code config.settings.fileUpload} is the same
   * conjunction ({@code server/api/v1/omnichannel/lib/livechat.ts}).
   */
  @Test
  void eitherUploadSwitchOffRefusesUploadsAndConfigSaysSo() {
    String rid = visitorWithRoom(TOKEN);

    server.reconfigure(s -> s.withFileUpload(false));
    assertRefused(upload(rid), 400, """
        {"reason":"error-file-upload-disabled","success":false}""");
    assertThat(configFileUpload()).isEqualTo(false);

    server.reconfigure(s -> s.withFileUpload(true).withLivechatFileUpload(false));
    assertRefused(upload(rid), 400, """
        {"reason":"error-file-upload-disabled","success":false}""");
    assertThat(configFileUpload()).isEqualTo(false);

    server.reconfigure(s -> s.withLivechatFileUpload(true));
    assertThat(upload(rid).status()).isEqualTo(200);
    assertThat(configFileUpload()).isEqualTo(true);
  }
}
