package dev.livechat.client.testing;

import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.ByteString;

/**
 * What the server serves beside its API that a visitor's widget loads: letter avatars at {@code
 * /avatar/:username} and the new-message sound at {@code /sounds/chime.mp3}. Neither is rate
 * limited or wrapped in a JSON envelope.
 */
final class ServerAssets extends Routes {
  /** {@code FALLBACK_LAST_MODIFIED} of apps/meteor/server/routes/avatar/utils.ts. */
  private static final String FALLBACK_LAST_MODIFIED = "Thu, 01 Jan 2015 00:00:00 GMT";
  /** apps/meteor/app/utils/lib/getAvatarColor.ts. */
  private static final List<String> AVATAR_COLORS =
      List.of("#158D65", "#7F1B9F", "#B68D00", "#E26D0E", "#10529E", "#6C727A");
  private static final ByteString CHIME = silentMp3();

  ServerAssets(Store store) {
    super(store);
  }

  @Override
  void addTo(RestRouter router) {
    router.addRaw("GET", "avatar/:username", this::avatar);
    router.addRaw("GET", "sounds/chime.mp3", call -> new RestRouter.Reply(200, "audio/mpeg", CHIME, Map.of()));
  }

  /**
   * {@code GET /avatar/:username} for a user without an uploaded avatar, as {@code
   * userAvatarByUsername} (apps/meteor/server/routes/avatar/user.ts) answers it with the default
   * settings: the SVG of {@code renderSVGLetters} (apps/meteor/server/routes/avatar/utils.ts), the
   * first letter or digit of the name on {@code getAvatarColor}'s colour, {@code size} between 16
   * and 1024 (default 200); {@code @name} forces the letters. The fake stores no avatar files.
   */
  private RestRouter.Reply avatar(Call call) {
    String name = call.param("username");
    if (name.startsWith("@")) {
      name = name.substring(1);
    }
    int size = parseInt(call.query().get("size"), 0);
    size = size == 0 ? 200 : Math.min(Math.max(size, 16), 1024);
    String color;
    String initials;
    if (name.equals("?")) {
      color = "#000";
      initials = "?";
    } else {
      color = AVATAR_COLORS.get(name.length() % AVATAR_COLORS.size());
      String letters = name.replaceAll("[^A-Za-z0-9]", "");
      initials = letters.isEmpty() ? "" : letters.substring(0, 1).toUpperCase(java.util.Locale.ROOT);
    }
    double fontSize = size / 1.6;
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"" + color + "\"/>\n"
        + "<text x=\"50%\" y=\"50%\" dy=\"0.36em\" text-anchor=\"middle\" pointer-events=\"none\" fill=\"#ffffff\""
        + " font-family=\"'Helvetica', 'Arial', 'Lucida Grande', 'sans-serif'\" font-size=\"" + jsNumber(fontSize) + "\">\n"
        + initials + "\n</text>\n</svg>";
    return new RestRouter.Reply(200, "image/svg+xml", ByteString.encodeUtf8(svg), Map.of(
        "Cache-Control", "public, max-age=3600", // Accounts_AvatarCacheTime's default
        "Content-Disposition", "inline",
        "Last-Modified", FALLBACK_LAST_MODIFIED));
  }

  private static String jsNumber(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /**
   * A quarter second of silence standing in for the server's chime (apps/meteor/public/sounds, the
   * file {@code config}'s {@code resources.sound} names): MPEG-1 Layer III frames, 128 kbit/s, 44.1
   * kHz, whose side information is all zero, so they decode to silence.
   */
  private static ByteString silentMp3() {
    Buffer mp3 = new Buffer();
    for (int frame = 0; frame < 10; frame++) {
      mp3.writeInt(0xFFFB9064); // sync, MPEG-1, Layer III, no CRC, 128 kbit/s, 44.1 kHz, joint stereo
      mp3.write(new byte[417 - 4]); // 144 * 128000 / 44100 = 417 bytes a frame
    }
    return mp3.readByteString();
  }
}
