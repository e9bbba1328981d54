package dev.livechat.client.internal;

import java.util.concurrent.ThreadFactory;

/** The one way the SDK makes threads: daemon threads, named so a thread dump says whose they are. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads called {@code name}. */
  public static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
