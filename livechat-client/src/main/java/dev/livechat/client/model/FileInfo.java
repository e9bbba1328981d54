package dev.livechat.client.model;

import dev.livechat.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The file a message carries ({@code file}).
 *
 * @param id the upload's {@code _id}
 * @param name the file name
 * @param type the media type, for example {@code image/png}
 */
public record FileInfo(String id, @Nullable String name, @Nullable String type) {
  public FileInfo {
    Checks.notNull(id, "id");
  }
}
