package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The widget's build served at {@code /livechat} as the server serves its own, the host page with
 * the installation snippet, and the assets the widget loads beside the API (avatars, the chime). A
 * stand-in build; the real one runs in the {@code widget} profile's browser test.
 */
class WidgetServingTest extends FakeServerTestBase {
  private static final String INDEX = "<!doctype html><html><head><title>Rocket.Chat.Livechat</title></head>"
      + "<body><script src=\"livechat/bundle.31a95.js\"></script></body></html>";

  @TempDir
  Path build;

  private HttpUrl page() throws IOException {
    Files.writeString(build.resolve("index.html"), INDEX);
    Files.writeString(build.resolve("rocketchat-livechat.min.js"), "/* the snippet's script */");
    Files.writeString(build.resolve("bundle.31a95.js"), "console.log('widget');");
    return server.serveWidget(build);
  }

  private static Answer fetch(HttpUrl url) {
    return execute(new Request.Builder().url(url).build());
  }

  private Answer fetch(String path) {
    return fetch(server.url().resolve(path));
  }

  /** addServerUrlToIndex (apps/meteor/app/livechat/lib/Assets.ts): the root URL right after {@code <body>}. */
  @Test
  void livechatAnswersTheBuildsIndexWithTheServerUrlPutIn() throws IOException {
    page();
    String root = server.url().toString().replaceAll("/$", "");

    for (String path : new String[] {"/livechat", "/livechat/", "/livechat?mode=popout"}) {
      Answer index = fetch(path);
      assertThat(index.status()).isEqualTo(200);
      assertThat(index.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
      assertThat(index.body()).isEqualTo(INDEX.replace("<body>", "<body><script> SERVER_URL = '" + root + "'; </script>"));
    }
  }

  @Test
  void theBuildsFilesAreServedUnderLivechatAndNothingElse() throws IOException {
    page();

    Answer script = fetch("/livechat/rocketchat-livechat.min.js?_=201903270000");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.headers().get("Content-Type")).isEqualTo("application/javascript; charset=utf-8");
    assertThat(script.body()).isEqualTo("/* the snippet's script */");
    assertThat(fetch("/livechat/bundle.31a95.js").body()).isEqualTo("console.log('widget');");
    assertThat(fetch("/livechat/missing.js").status()).isEqualTo(404);
    assertThat(fetch("/livechat/%2E%2E/%2E%2E/etc/passwd").status()).isEqualTo(404);
    assertThat(fetch("/livechat/..%2F..%2Fetc%2Fpasswd").status()).isEqualTo(404);
  }

  /** The snippet of apps/meteor/client/views/omnichannel/installation/Installation.tsx, on the other loopback name. */
  @Test
  void theHostPageEmbedsTheWidgetWithTheInstallationSnippet() throws IOException {
    HttpUrl page = page();
    String root = server.url().toString().replaceAll("/$", "");

    assertThat(page.host()).isNotEqualTo(server.url().host());
    assertThat(page.port()).isEqualTo(server.url().port());
    Answer host = fetch(page);
    assertThat(host.status()).isEqualTo(200);
    assertThat(host.body())
        .contains("j.src = '" + root + "/livechat/rocketchat-livechat.min.js?_=201903270000';")
        .contains("})(window, document, 'script', '" + root + "/livechat');");
  }

  @Test
  void withoutAWidgetLivechatIsNotServed() {
    assertThat(fetch("/livechat").status()).isEqualTo(404);
    assertThat(fetch("/widget-host.html").status()).isEqualTo(404);
  }

  @Test
  void aDirectoryWithoutABuildIsRefused() {
    assertThatThrownBy(() -> server.serveWidget(build))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Livechat widget build");
  }

  /** renderSVGLetters (apps/meteor/server/routes/avatar/utils.ts) for a user without an avatar. */
  @Test
  void avatarsAreTheServersLetterAvatars() {
    Answer agent = fetch("/avatar/agent.smith");
    assertThat(agent.status()).isEqualTo(200);
    assertThat(agent.headers().get("Content-Type")).isEqualTo("image/svg+xml");
    assertThat(agent.headers().get("Last-Modified")).isEqualTo("Thu, 01 Jan 2015 00:00:00 GMT");
    assertThat(agent.body()).isEqualTo("""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">
        <rect width="100%" height="100%" fill="#6C727A"/>
        <text x="50%" y="50%" dy="0.36em" text-anchor="middle" pointer-events="none" fill="#ffffff" \
        font-family="'Helvetica', 'Arial', 'Lucida Grande', 'sans-serif'" font-size="125">
        A
        </text>
        </svg>""");
    assertThat(fetch("/avatar/Ada%20Lovelace?size=64").body())
        .contains("viewBox=\"0 0 64 64\"", "fill=\"#158D65\"", "font-size=\"40\"", "\nA\n");
  }

  @Test
  void theChimeOfTheConfigsResourcesIsAnMp3() throws IOException {
    String sound = (String) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) get("livechat/config").json().get("config"))
        .get("resources")).get("sound");

    try (Response response = HTTP.newCall(new Request.Builder().url(sound).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("audio/mpeg");
      byte[] mp3 = response.body().bytes();
      assertThat(mp3).startsWith((byte) 0xFF, (byte) 0xFB);
    }
  }
}
