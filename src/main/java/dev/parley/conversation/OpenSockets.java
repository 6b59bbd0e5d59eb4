package dev.parley.conversation;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open WebSocket connections of each session, for events that do not answer a request. */
final class OpenSockets implements LiveSessions {

  private final Map<String, Set<SessionSocket>> bySession = new ConcurrentHashMap<>();

  /**
   * Adds inside the map's atomic update: added after it, a socket could land in a set that the
   * close of the session's last other socket has just taken out of the map (a reconnect), and
   * would never be pushed to.
   */
  void opened(SessionSocket socket) {
    bySession.compute(
        socket.sessionId,
        (id, sockets) -> {
          var open = sockets == null ? ConcurrentHashMap.<SessionSocket>newKeySet() : sockets;
          open.add(socket);
          return open;
        });
  }

  void closed(SessionSocket socket) {
    bySession.computeIfPresent(
        socket.sessionId,
        (id, sockets) -> {
          sockets.remove(socket);
          return sockets.isEmpty() ? null : sockets;
        });
  }

  @Override
  public boolean push(String sessionId, String type, Map<String, ?> payload) {
    var sockets = bySession.get(sessionId);
    if (sockets == null) {
      return false;
    }
    var event = ConversationViews.event(type, payload);
    boolean delivered = false;
    for (var socket : sockets) {
      try {
        socket.send(event);
        delivered = true;
      } catch (RuntimeException e) {
        // that client is gone; closing the connection removes it
      }
    }
    return delivered;
  }

  @Override
  public boolean connected(String sessionId) {
    return bySession.containsKey(sessionId);
  }
}
