package dev.livechat.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The file name of a {@code Content-Disposition} header, as the server's file stores write it:
 * {@code attachment; filename*=UTF-8''<encodeURIComponent(name)>} (RC
 * apps/meteor/app/file-upload/server/config/FileSystem.ts) or {@code filename="<encoded name>"} (RC
 * apps/meteor/app/file-upload/server/lib/FileUpload.ts {@code onRead}, {@code proxyFile}).
 */
public final class ContentDisposition {
  private ContentDisposition() {}

  /** The file name, decoded; {@code filename*} wins over {@code filename}; null when there is none. */
  public static @Nullable String fileName(@Nullable String header) {
    if (header == null) {
      return null;
    }
    String plain = null;
    for (String part : header.split(";")) {
      int equals = part.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      String value = part.substring(equals + 1).trim();
      if (name.equals("filename*")) {
        int quotes = value.indexOf("''");
        if (quotes > 0 && value.substring(0, quotes).equalsIgnoreCase("UTF-8")) {
          String decoded = percentDecode(value.substring(quotes + 2));
          if (decoded != null && !decoded.isEmpty()) {
            return decoded;
          }
        }
      } else if (name.equals("filename")) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        String decoded = percentDecode(value);
        plain = decoded != null ? decoded : value;
      }
    }
    return plain == null || plain.isEmpty() ? null : plain;
  }

  /** {@code %XX} sequences as UTF-8; null when they are malformed or not UTF-8. */
  static @Nullable String percentDecode(String value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%') {
        byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
        continue;
      }
      int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
      int low = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        return null;
      }
      bytes.write(high << 4 | low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
