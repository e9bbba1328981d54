package dev.livechat.benchmarks;

import dev.livechat.client.LivechatClient;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The Java side of the JavaScript comparison ({@code js/run.sh}), measured exactly as {@code
 * js/bench.cjs} measures the JavaScript clients: {@code rounds} rounds of {@code n} sends one after
 * the other, then of {@code n} sends with {@code concurrency} in flight, after {@code warmup}
 * rounds of each; prints the median calls per second of each. Usage: {@code JsComparison <port> <n>
 * <concurrency> <warmup> <rounds>}.
 */
public final class JsComparison {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    try (LivechatClient client = LivechatClient.create("http://127.0.0.1:" + port)) {
      double[] sequential = new double[rounds];
      double[] concurrent = new double[rounds];
      for (int r = -warmup; r < rounds; r++) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          client.sendMessage(Payloads.TOKEN, Payloads.RID, Payloads.TEXT);
        }
        double seq = n / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        Semaphore slots = new Semaphore(concurrency);
        CompletableFuture<?>[] calls = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
          slots.acquire();
          calls[i] = client.async().sendMessage(Payloads.TOKEN, Payloads.RID, Payloads.TEXT)
              .whenComplete((m, e) -> slots.release());
        }
        CompletableFuture.allOf(calls).join();
        double con = n / ((System.nanoTime() - start) / 1e9);
        if (r >= 0) {
          sequential[r] = seq;
          concurrent[r] = con;
        }
      }
      System.out.printf("livechat-client (Java) sequential=%.0f concurrent=%.0f%n",
          median(sequential), median(concurrent));
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
