package dev.livechat.bridge;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The few connections a store opened by URL keeps: idle connections are reused (a PostgreSQL
 * connection takes milliseconds to open, a send through the outbox a fraction of that), checked
 * before reuse, and closed when the store closes. Not a general pool: no limit on connections in
 * use, which the bridge's fixed number of threads bounds.
 */
final class SimplePool implements DataSource, AutoCloseable {
  private final String url;
  private final String user;
  private final String password;
  private final int maxIdle;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  SimplePool(String url, String user, String password, int maxIdle) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.maxIdle = maxIdle;
  }

  @Override
  public Connection getConnection() throws SQLException {
    while (true) {
      Connection reused;
      synchronized (this) {
        if (closed) {
          throw new SQLException("the store is closed");
        }
        reused = idle.pollFirst();
      }
      if (reused == null) {
        return wrap(DriverManager.getConnection(url, user, password));
      }
      if (reused.isValid(2)) {
        return wrap(reused);
      }
      quietClose(reused);
    }
  }

  private Connection wrap(Connection real) {
    return (Connection) java.lang.reflect.Proxy.newProxyInstance(
        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close") && (args == null || args.length == 0)) {
            giveBack(real);
            return null;
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private void giveBack(Connection real) throws SQLException {
    if (real.isClosed()) {
      return;
    }
    if (!real.getAutoCommit()) {
      real.rollback();
      real.setAutoCommit(true);
    }
    synchronized (this) {
      if (!closed && idle.size() < maxIdle) {
        idle.addFirst(real);
        return;
      }
    }
    quietClose(real);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      idle.forEach(SimplePool::quietClose);
      idle.clear();
    }
  }

  private static void quietClose(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // going away anyway
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
