package dev.parley.conversation;

import java.util.Map;

/**
 * Sends events to the clients connected to a session's WebSocket, for parts of Parley that work
 * beside the conversation (feedback, hints, evaluation).
 */
public interface LiveSessions {

  /**
   * Sends {@code {"type": type, ...payload}} to every open connection of the session; returns
   * whether at least one received it.
   */
  boolean push(String sessionId, String type, Map<String, ?> payload);

  /** Whether a client is connected to the session now. */
  boolean connected(String sessionId);
}
