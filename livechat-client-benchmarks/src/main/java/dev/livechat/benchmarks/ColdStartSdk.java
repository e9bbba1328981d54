package dev.livechat.benchmarks;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.model.Message;

/**
 * One {@code sendMessage} through the SDK in a fresh JVM. Prints {@code main=<ms> jvm=<ms>}: the
 * time from entering {@code main} to having the decoded answer, and the time from the JVM's start
 * ({@code RuntimeMXBean.getStartTime()}, read only after the call so that loading the management
 * classes is not counted) to the same moment. Usage: {@code ColdStartSdk <port>}.
 */
public final class ColdStartSdk {
  public static void main(String[] args) {
    long entered = System.nanoTime();
    LivechatClient client = LivechatClient.create("http://127.0.0.1:" + args[0]);
    Message sent = client.sendMessage(Payloads.TOKEN, Payloads.RID, Payloads.TEXT);
    long answered = System.nanoTime();
    long answeredAt = System.currentTimeMillis();
    ColdStart.report(entered, answered, answeredAt, sent);
    client.close();
  }
}
