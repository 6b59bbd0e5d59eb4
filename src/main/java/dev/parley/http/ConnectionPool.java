package dev.parley.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Idle kept-alive connections per route, the most recently used first (it is the least likely to
 * have been closed by the server). Bounded in number and in idle time; no thread of its own:
 * expired connections are closed when the pool is next used.
 */
final class ConnectionPool {

  private final int maxIdlePerRoute;
  private final long idleTimeoutNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Route, ArrayDeque<Connection>> idle = new HashMap<>();
  private boolean closed;

  ConnectionPool(int maxIdlePerRoute, Duration idleTimeout) {
    this.maxIdlePerRoute = maxIdlePerRoute;
    this.idleTimeoutNanos = idleTimeout.toNanos();
  }

  /** An idle connection to the route, or null. */
  Connection take(Route route) {
    var expired = new ArrayList<Connection>();
    Connection found = null;
    lock.lock();
    try {
      var connections = idle.get(route);
      long now = System.nanoTime();
      while (connections != null && !connections.isEmpty() && found == null) {
        var candidate = connections.pollFirst();
        if (candidate.expired(now, idleTimeoutNanos)) {
          expired.add(candidate);
        } else {
          found = candidate;
        }
      }
    } finally {
      lock.unlock();
    }
    expired.forEach(Connection::close);
    return found;
  }

  /**
   * Keeps a connection whose exchange ended cleanly.
   *
   * @param serverKeepAlive how long the server said it keeps idle connections; null if it did not
   */
  void release(Connection connection, Duration serverKeepAlive) {
    if (connection.hasUnreadBytes()) {
      connection.close(); // bytes nobody asked for: the server and Parley disagree on framing
      return;
    }
    connection.idle(System.nanoTime(), serverKeepAlive);
    Connection evicted = null;
    lock.lock();
    try {
      if (closed) {
        evicted = connection;
      } else {
        var connections = idle.computeIfAbsent(connection.route(), r -> new ArrayDeque<>());
        connections.addFirst(connection);
        if (connections.size() > maxIdlePerRoute) {
          evicted = connections.pollLast();
        }
      }
    } finally {
      lock.unlock();
    }
    if (evicted != null) {
      evicted.close();
    }
  }

  /** Closes every idle connection; connections in use are closed when their exchange ends. */
  void close() {
    var all = new ArrayList<Connection>();
    lock.lock();
    try {
      closed = true;
      idle.values().forEach(all::addAll);
      idle.clear();
    } finally {
      lock.unlock();
    }
    all.forEach(Connection::close);
  }
}
