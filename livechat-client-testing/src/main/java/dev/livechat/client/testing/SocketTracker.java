package dev.livechat.client.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import javax.net.ServerSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The server socket factory the fake's MockWebServer accepts through: it numbers the accepted
 * sockets in order, as MockWebServer numbers connections ({@code RecordedRequest.getConnectionIndex()}),
 * so that a WebSocket's TCP connection can be cut abruptly, as a network failure would. Accepted
 * sockets get {@code TCP_NODELAY}: without it each small answer waits for the client's delayed ACK.
 */
final class SocketTracker extends ServerSocketFactory {
  private final Map<Integer, Socket> accepted = new HashMap<>(); // guarded by this
  private int next; // guarded by this

  /** The socket of connection {@code index}, if it is still open. */
  synchronized @Nullable Socket socket(int index) {
    Socket socket = accepted.get(index);
    return socket == null || socket.isClosed() ? null : socket;
  }

  private synchronized void accepted(Socket socket) {
    accepted.values().removeIf(Socket::isClosed);
    accepted.put(next++, socket);
  }

  /** Closes {@code socket} with a reset rather than an orderly shutdown. */
  static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException alreadyGone) {
      // Closed already: nothing to cut.
    }
  }

  private ServerSocket tracking() throws IOException {
    return new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        Socket socket = super.accept();
        socket.setTcpNoDelay(true); // small answers leave at once, not after the peer's delayed ACK
        accepted(socket);
        return socket;
      }
    };
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return tracking();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    ServerSocket socket = tracking();
    socket.bind(new java.net.InetSocketAddress(port));
    return socket;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    ServerSocket socket = tracking();
    socket.bind(new java.net.InetSocketAddress(port), backlog);
    return socket;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
    ServerSocket socket = tracking();
    socket.bind(new java.net.InetSocketAddress(address, port), backlog);
    return socket;
  }
}
