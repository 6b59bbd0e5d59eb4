package dev.parley.conversation;

import dev.parley.learner.Learner;
import dev.parley.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversation protocol at {@code /ws/sessions/{id}} (see docs/protocol.md). Client events are
 * dispatched by {@code type} to a {@link SocketCommand}; binary frames are microphone audio for the
 * connection's {@link VoiceSession}. Bad client events get an {@code error} event and the
 * connection stays open.
 */
final class SessionSocketHandler extends TextWebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(SessionSocketHandler.class);

  static final String LEARNER = "parley.learner";
  static final String SESSION_ID = "parley.sessionId";

  private final ConversationService conversations;
  private final ConversationProperties properties;
  private final VoiceSession.Services voice;
  private final JsonMapper json;
  private final OpenSockets open;
  private final Map<String, SocketCommand> commands = new TreeMap<>();
  private final Map<String, SessionSocket> sockets = new ConcurrentHashMap<>();

  SessionSocketHandler(
      ConversationService conversations,
      ConversationProperties properties,
      VoiceSession.Services voice,
      JsonMapper json,
      OpenSockets open,
      List<ClientEventHandler> extensions) {
    this.conversations = conversations;
    this.properties = properties;
    this.voice = voice;
    this.json = json;
    this.open = open;
    commands.put("user.text", SessionSocketHandler::userText);
    commands.put("interrupt", (socket, event) -> socket.voice.interrupt());
    commands.put(
        "ping", (socket, event) -> socket.send(ConversationViews.event("pong", refOf(event))));
    commands.put("audio.start", (socket, event) -> socket.voice.audioStart(event));
    commands.put("audio.stop", (socket, event) -> socket.voice.audioStop());
    commands.put("speech.end", (socket, event) -> socket.voice.speechEnd());
    commands.put("playback", (socket, event) -> socket.voice.playback(event));
    for (var extension : extensions) {
      if (commands.putIfAbsent(
              extension.type(),
              (socket, event) -> extension.handle(socket.learner, socket.sessionId, event))
          != null) {
        throw new IllegalStateException("Two handlers for client event '" + extension.type() + "'");
      }
    }
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession connection) {
    var learner = (Learner) connection.getAttributes().get(LEARNER);
    var sessionId = (String) connection.getAttributes().get(SESSION_ID);
    var socket =
        new SessionSocket(
            new ConcurrentWebSocketSessionDecorator(
                connection,
                (int) properties.socket().sendTimeLimit().toMillis(),
                properties.socket().sendBufferBytes()),
            json,
            learner,
            sessionId,
            voice);
    try {
      var session = conversations.session(learner, sessionId);
      var turns = conversations.turns(learner, sessionId);
      var recent =
          turns.subList(Math.max(0, turns.size() - properties.historyWindow()), turns.size());
      sockets.put(connection.getId(), socket);
      open.opened(socket);
      socket.send(
          ConversationViews.event(
              "session.ready",
              Map.of(
                  "session", ConversationViews.session(session),
                  "turns", ConversationViews.turns(recent))));
    } catch (ApiException e) {
      socket.trySend(ConversationViews.error(e.code(), e.getMessage(), null, null));
      socket.close(CloseStatus.POLICY_VIOLATION.withReason(e.code()));
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession connection, TextMessage message) {
    var socket = sockets.get(connection.getId());
    if (socket == null) {
      return;
    }
    var text = message.getPayload();
    // Jetty closes the socket only beyond SessionSocketConfig's limit; below it a long message
    // is refused with an error event and the conversation goes on.
    if (text.length() > properties.socket().maxTextMessageChars()) {
      socket.trySend(
          ConversationViews.error(
              "message_too_large",
              "Text messages are limited to "
                  + properties.socket().maxTextMessageChars()
                  + " characters",
              null,
              null));
      return;
    }
    dispatch(socket, text);
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession connection, BinaryMessage message) {
    var socket = sockets.get(connection.getId());
    if (socket != null) {
      socket.voice.audio(message.getPayload());
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession connection, CloseStatus status) {
    var socket = sockets.remove(connection.getId());
    if (socket != null) {
      open.closed(socket);
      socket.voice.close();
    }
  }

  private void dispatch(SessionSocket socket, String text) {
    JsonNode event;
    try {
      event = json.readTree(text);
    } catch (JacksonException e) {
      socket.trySend(
          ConversationViews.error(
              "malformed_message", "The message is not valid JSON", null, null));
      return;
    }
    var type = event.isObject() && event.get("type") != null ? event.get("type").asString() : null;
    var ref = refOf(event).get("ref");
    if (type == null) {
      socket.trySend(
          ConversationViews.error(
              "malformed_message", "A message is a JSON object with a \"type\"", null, ref));
      return;
    }
    var command = commands.get(type);
    if (command == null) {
      socket.trySend(
          ConversationViews.error(
              "unknown_type",
              "Unknown message type '" + type + "': use one of " + List.copyOf(commands.keySet()),
              null,
              ref));
      return;
    }
    try {
      command.handle(socket, event);
    } catch (ApiException e) {
      socket.trySend(ConversationViews.error(e.code(), e.getMessage(), null, ref));
    } catch (RuntimeException e) {
      // A bug in one handler must not cost the learner the conversation's connection.
      log.error("Client event '{}' of session {} failed", type, socket.sessionId, e);
      socket.trySend(
          ConversationViews.error("internal_error", "The server could not handle it", null, ref));
    }
  }

  private static void userText(SessionSocket socket, JsonNode event) {
    var text = event.get("text");
    if (text == null || !text.isString()) {
      throw ApiException.badRequest("message_blank", "user.text needs a \"text\" string");
    }
    socket.voice.userText(text.asString());
  }

  private static Map<String, String> refOf(JsonNode event) {
    var ref = event.isObject() ? event.get("ref") : null;
    return ref != null && ref.isString() ? Map.of("ref", ref.asString()) : Map.of();
  }
}
