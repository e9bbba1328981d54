package dev.livechat.bridge;

import java.io.Serial;

/** The bridge's database failed: it could not be reached, migrated, read or written. */
public final class BridgeStoreException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public BridgeStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public BridgeStoreException(String message) {
    super(message);
  }
}
