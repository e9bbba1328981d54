package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;

/** A bare DDP client for the realtime tests: sends raw frames, queues the server's. */
final class DdpTestClient extends WebSocketListener implements AutoCloseable {
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final CountDownLatch failed = new CountDownLatch(1);
  private final WebSocket socket;

  private DdpTestClient(HttpUrl base) {
    this.socket = FakeServerTestBase.HTTP.newWebSocket(
        new Request.Builder().url(base.resolve("/websocket")).build(), this);
  }

  /** Opens a connection; the first frame is the server's {@code server_id}. */
  static DdpTestClient open(HttpUrl base) {
    return new DdpTestClient(base);
  }

  /** Opens a connection and completes the DDP handshake. */
  static DdpTestClient connected(HttpUrl base) {
    DdpTestClient client = open(base);
    client.send("{\"msg\":\"connect\",\"version\":\"1\",\"support\":[\"1\",\"pre2\",\"pre1\"]}");
    assertThat(client.next("connected")).containsKey("session");
    return client;
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    frames.add(text);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
    failed.countDown();
  }

  void send(String frame) {
    socket.send(frame);
  }

  /** Subscribes with the visitor token in both keys, as the widget does; the server's answer. */
  Map<String, Object> sub(String id, String stream, String eventName, String token) {
    send("{\"msg\":\"sub\",\"id\":\"" + id + "\",\"name\":\"" + stream + "\",\"params\":[\"" + eventName
        + "\",{\"useCollection\":false,\"args\":[{\"token\":\"" + token + "\",\"visitorToken\":\"" + token + "\"}]}]}");
    return nextFrame();
  }

  /** The next frame as sent, failing after 5 s. */
  String nextRaw() {
    try {
      String frame = frames.poll(FakeServerTestBase.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(frame).as("a frame from the server").isNotNull();
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame, parsed. */
  Map<String, Object> nextFrame() {
    return FakeServerTestBase.json(nextRaw());
  }

  /** The next frame whose {@code msg} is {@code msg}, skipping others. */
  Map<String, Object> next(String msg) {
    while (true) {
      Map<String, Object> frame = nextFrame();
      if (msg.equals(frame.get("msg"))) {
        return frame;
      }
    }
  }

  /** Whether a frame arrives within {@code wait}; none is taken. */
  boolean quietFor(Duration wait) throws InterruptedException {
    String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    return frame == null;
  }

  /** Whether the connection failed (cut, or refused) within 5 s; a close handshake does not count. */
  boolean cut() throws InterruptedException {
    return failed.await(FakeServerTestBase.WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    socket.cancel();
  }
}
