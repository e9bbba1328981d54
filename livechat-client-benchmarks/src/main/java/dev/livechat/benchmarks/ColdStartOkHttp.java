package dev.livechat.benchmarks;

import dev.livechat.client.model.Message;
import okhttp3.OkHttpClient;

/**
 * One {@code sendMessage} written by hand with plain OkHttp and a Moshi {@code JsonReader} loop, in
 * a fresh JVM; prints as {@link ColdStartSdk}. Usage: {@code ColdStartOkHttp <port>}.
 */
public final class ColdStartOkHttp {
  public static void main(String[] args) throws Exception {
    long entered = System.nanoTime();
    OkHttpClient client = new OkHttpClient();
    Message sent = new HandWritten(client, "http://127.0.0.1:" + args[0])
        .sendMessage(Payloads.TOKEN, Payloads.RID, Payloads.TEXT);
    long answered = System.nanoTime();
    long answeredAt = System.currentTimeMillis();
    ColdStart.report(entered, answered, answeredAt, sent);
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
