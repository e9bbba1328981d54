package dev.livechat.client.testing;

import java.util.Objects;
import okio.ByteString;

/**
 * A file a test's agent sends with {@link FakeAgent#sendFiles}.
 *
 * @param name the file name, for example {@code invoice.pdf}
 * @param type its media type, for example {@code application/pdf}
 * @param content its bytes
 */
public record NewFile(String name, String type, ByteString content) {
  /** Checks that nothing is null. */
  public NewFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(content, "content");
  }

  /** Prints everything but the content, which shows as its size. */
  @Override
  public String toString() {
    return "NewFile[name=" + name + ", type=" + type + ", content=" + content.size() + " bytes]";
  }
}
