package dev.livechat.benchmarks;

import dev.livechat.client.model.Message;
import java.lang.management.ManagementFactory;

final class ColdStart {
  private ColdStart() {}

  static void report(long entered, long answered, long answeredAt, Message sent) {
    if (sent.id().isEmpty()) {
      throw new AssertionError("no message");
    }
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.printf("main=%.1f jvm=%d%n", (answered - entered) / 1e6, answeredAt - jvmStart);
  }
}
