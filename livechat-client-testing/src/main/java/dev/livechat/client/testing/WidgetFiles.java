package dev.livechat.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The Livechat widget's build served as Rocket.Chat serves its own ({@link
 * FakeLivechatServer#serveWidget}), and a page that embeds it.
 *
 * <p>The server copies the widget's build into {@code public/livechat} (static files at {@code
 * /livechat/<file>}) and its {@code index.html} into {@code private/livechat}
 * (apps/meteor/packages/rocketchat-livechat/plugin/build.sh); {@code /livechat} itself answers that
 * {@code index.html} with {@code <script> SERVER_URL = '<root url>'; </script>} put right after
 * {@code <body>} (apps/meteor/app/livechat/server/livechat.ts, addServerUrlToIndex in
 * apps/meteor/app/livechat/lib/Assets.ts), with no {@code Content-Security-Policy} while {@code
 * Livechat_AllowedDomainsList} is empty. Where the server would fall through to its own app for a
 * file the build lacks, the fake answers 404, so that a widget asking for a missing file is seen.
 */
final class WidgetFiles {
  /** The page embedding the widget; not a Rocket.Chat route. */
  static final String HOST_PAGE = "widget-host.html";

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "application/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("map", "application/json; charset=utf-8"),
      Map.entry("json", "application/json; charset=utf-8"),
      Map.entry("png", "image/png"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("mp3", "audio/mpeg"));

  private final Path root;
  private final String index;

  /**
   * @throws IllegalArgumentException if {@code buildDir} has no {@code index.html} and {@code
   *     rocketchat-livechat.min.js}
   */
  WidgetFiles(Path buildDir) {
    this.root = buildDir.toAbsolutePath().normalize();
    Path indexFile = root.resolve("index.html");
    if (!Files.isRegularFile(indexFile) || !Files.isRegularFile(root.resolve("rocketchat-livechat.min.js"))) {
      throw new IllegalArgumentException(
          "not a Livechat widget build (no index.html and rocketchat-livechat.min.js): " + buildDir);
    }
    try {
      this.index = Files.readString(indexFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer to a GET of {@code url}, or null if the path is neither the widget's nor the host page. */
  RestRouter.@Nullable Reply answer(HttpUrl url, String serverUrl) {
    List<String> segments = url.pathSegments();
    if (segments.size() == 1 && segments.get(0).equals(HOST_PAGE)) {
      return html(hostPage(serverUrl));
    }
    if (segments.isEmpty() || !segments.get(0).equals("livechat")) {
      return null;
    }
    if (segments.size() == 1 || segments.size() == 2 && segments.get(1).isEmpty()) {
      // addServerUrlToIndex: the root URL without its trailing slash.
      return html(index.replace("<body>", "<body><script> SERVER_URL = '" + serverUrl + "'; </script>"));
    }
    Path file = root;
    for (String segment : segments.subList(1, segments.size())) {
      file = file.resolve(segment);
    }
    file = file.normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return RestRouter.Reply.json(404, "{\"success\":false,\"error\":\"Resource not found\"}", Map.of());
    }
    String name = file.getFileName().toString();
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    try {
      return new RestRouter.Reply(200, TYPES.getOrDefault(extension, "application/octet-stream"),
          ByteString.of(Files.readAllBytes(file)), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RestRouter.Reply html(String html) {
    return new RestRouter.Reply(200, "text/html; charset=utf-8", ByteString.encodeUtf8(html), Map.of());
  }

  /**
   * A page with the installation snippet an administrator copies from the server (Omnichannel →
   * Installation: apps/meteor/client/views/omnichannel/installation/Installation.tsx), pointing at
   * {@code serverUrl}.
   */
  static String hostPage(String serverUrl) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>A page with the Livechat widget</title>
        <link rel="icon" href="data:,">
        <style>
          body { font-family: sans-serif; margin: 2rem; max-width: 40rem; color: #2f343d; }
          code { background: #f2f3f5; padding: 0 .2em; }
        </style>
        </head>
        <body>
        <h1>A page with the Livechat widget</h1>
        <p>This page embeds the official Rocket.Chat Livechat widget with the installation snippet,
        pointed at the fake server <code>%1$s</code>. Open the widget with the button at the bottom
        right.</p>
        <!-- Start of Rocket.Chat Livechat Script -->
        <script type="text/javascript">
        (function(w, d, s, u) {
          w.RocketChat = function(c) { w.RocketChat._.push(c) }; w.RocketChat._ = []; w.RocketChat.url = u;
          var h = d.getElementsByTagName(s)[0], j = d.createElement(s);
          j.async = true; j.src = '%1$s/livechat/rocketchat-livechat.min.js?_=201903270000';
          h.parentNode.insertBefore(j, h);
        })(window, document, 'script', '%1$s/livechat');
        </script>
        <!-- End of Rocket.Chat Livechat Script -->
        </body>
        </html>
        """.formatted(serverUrl);
  }
}
