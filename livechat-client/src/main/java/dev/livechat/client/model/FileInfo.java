package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * A file a message carries: its {@code file}, or one of its {@code files}. Download it with {@code
 * LivechatClient.downloadFile(token, roomId, file)}.
 *
 * @param id the upload's {@code _id}
 * @param name the file name
 * @param type the media type, for example {@code image/png}
 * @param size the size in bytes; null when the server left it out (a visitor's upload records none)
 * @param typeGroup what the file is to the message ({@code typeGroup}): {@code thumb} for the
 *     thumbnail the server made of an image, on servers that mark it (older ones send the thumbnail
 *     unmarked, after the image, named {@code thumb-<name>}); null for the file itself on most
 *     servers
 */
public record FileInfo(
    String id, @Nullable String name, @Nullable String type, @Nullable Long size, @Nullable String typeGroup) {
  public FileInfo {
    Arguments.notNull(id, "id");
  }

  /** A file known by id, name and type only, as a visitor's upload records it. */
  public FileInfo(String id, @Nullable String name, @Nullable String type) {
    this(id, name, type, null, null);
  }

  /** Whether this is the thumbnail the server made of an image ({@code typeGroup} {@code thumb}). */
  public boolean isThumbnail() {
    return "thumb".equals(typeGroup);
  }
}
