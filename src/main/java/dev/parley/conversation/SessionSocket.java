package dev.parley.conversation;

import dev.parley.learner.Learner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client connection to one conversation. Sends go through a {@link
 * org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator}, so they are
 * serialized and a slow client is disconnected instead of buffering without bound.
 */
final class SessionSocket {

  private final WebSocketSession connection;
  private final JsonMapper json;
  final Learner learner;
  final String sessionId;

  /** Audio in, spoken replies out, and the turns this connection started. */
  final VoiceSession voice;

  SessionSocket(
      WebSocketSession connection,
      JsonMapper json,
      Learner learner,
      String sessionId,
      VoiceSession.Services voice) {
    this.connection = connection;
    this.json = json;
    this.learner = learner;
    this.sessionId = sessionId;
    this.voice = new VoiceSession(this, voice);
  }

  /** Sends an event; throws if the client is gone. */
  void send(Map<String, Object> event) {
    try {
      connection.sendMessage(new TextMessage(json.writeValueAsString(event)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a binary (audio) frame; throws if the client is gone. */
  void sendBinary(byte[] payload) {
    try {
      connection.sendMessage(new BinaryMessage(payload));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends an event unless the client is gone, in which case closing cleans up. */
  void trySend(Map<String, Object> event) {
    try {
      send(event);
    } catch (RuntimeException e) {
      // the connection is closing; afterConnectionClosed interrupts any turn
    }
  }

  void close(CloseStatus status) {
    try {
      connection.close(status);
    } catch (IOException e) {
      // already closed
    }
  }
}
