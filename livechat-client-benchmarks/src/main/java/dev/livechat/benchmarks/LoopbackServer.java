package dev.livechat.benchmarks;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive server on a raw {@link ServerSocket}, so that its own cost is
 * negligible: one thread per connection reads the request head and its {@code Content-Length}
 * body, and answers with bytes encoded once at start.
 *
 * <ul>
 *   <li>{@code POST .../livechat/message}: {@link Payloads#SEND_RESPONSE}
 *   <li>{@code GET .../livechat/messages.history/...?...limit=1000...}: {@link Payloads#HISTORY_1000}
 *   <li>{@code GET .../livechat/messages.history/...}: {@link Payloads#HISTORY_20}
 *   <li>anything else: 404
 * </ul>
 *
 * <p>{@code java -cp benchmarks.jar dev.livechat.benchmarks.LoopbackServer [port]} runs it alone
 * (for the cold-start and JavaScript runs) and prints {@code listening <port>}.
 */
public final class LoopbackServer implements Closeable {
  private static final byte[] SEND = response(200, Payloads.SEND_RESPONSE);
  private static final byte[] HISTORY_20 = response(200, Payloads.HISTORY_20);
  private static final byte[] HISTORY_1000 = response(200, Payloads.HISTORY_1000);
  private static final byte[] NOT_FOUND =
      response(404, "{\"success\":false,\"error\":\"not-found\"}".getBytes(StandardCharsets.UTF_8));

  private final ServerSocket socket;
  private final long delayMillis;
  private volatile boolean closed;

  public LoopbackServer() throws IOException {
    this(0, 0);
  }

  /**
   * @param port the port, or 0 for any free one
   * @param delayMillis how long each answer waits before it is sent, standing in for a real
   *     network's round trip and the server's work; 0 for none
   */
  public LoopbackServer(int port, long delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    socket = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "loopback-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The server root, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        Thread thread = new Thread(() -> serve(connection), "loopback-conn");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
      OutputStream out = connection.getOutputStream();
      byte[] head = new byte[16 * 1024];
      while (true) {
        int length = readHead(in, head);
        if (length < 0) {
          return;
        }
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        skip(in, contentLength(text));
        if (delayMillis > 0) {
          Thread.sleep(delayMillis);
        }
        out.write(answer(text));
      }
    } catch (SocketException | InterruptedException ignored) {
      // the client closed the connection
    } catch (IOException e) {
      e.printStackTrace();
    }
  }

  private static byte[] answer(String head) {
    int lineEnd = head.indexOf('\r');
    String requestLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
    if (requestLine.startsWith("POST ") && requestLine.contains("/livechat/message ")) {
      return SEND;
    }
    if (requestLine.startsWith("GET ") && requestLine.contains("/livechat/messages.history/")) {
      return requestLine.contains("limit=1000") ? HISTORY_1000 : HISTORY_20;
    }
    return NOT_FOUND;
  }

  /** Reads up to and including the blank line; the head's length, or -1 at the end of input. */
  private static int readHead(InputStream in, byte[] head) throws IOException {
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return -1;
      }
      if (length == head.length) {
        throw new IOException("request head too long");
      }
      head[length++] = (byte) b;
      if (b == '\n' && length >= 4 && head[length - 2] == '\r' && head[length - 3] == '\n'
          && head[length - 4] == '\r') {
        return length;
      }
    }
  }

  private static long contentLength(String head) {
    int at = indexOfIgnoreCase(head, "\ncontent-length:");
    if (at < 0) {
      return 0;
    }
    int start = at + "\ncontent-length:".length();
    int end = head.indexOf('\r', start);
    return Long.parseLong(head.substring(start, end).trim());
  }

  private static int indexOfIgnoreCase(String text, String lowerCaseNeedle) {
    int last = text.length() - lowerCaseNeedle.length();
    for (int i = 0; i <= last; i++) {
      if (text.regionMatches(true, i, lowerCaseNeedle, 0, lowerCaseNeedle.length())) {
        return i;
      }
    }
    return -1;
  }

  private static void skip(InputStream in, long count) throws IOException {
    while (count > 0) {
      long skipped = in.skip(count);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("body ended early");
        }
        skipped = 1;
      }
      count -= skipped;
    }
  }

  private static byte[] response(int code, byte[] body) {
    String head = "HTTP/1.1 " + code + (code == 200 ? " OK" : " Not Found") + "\r\n"
        + "Content-Type: application/json; charset=utf-8\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
  }

  public static void main(String[] args) throws Exception {
    LoopbackServer server = new LoopbackServer(args.length > 0 ? Integer.parseInt(args[0]) : 0, 0);
    System.out.println("listening " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
