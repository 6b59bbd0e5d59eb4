package dev.parley.conversation;

import dev.parley.learner.Learner;
import tools.jackson.databind.JsonNode;

/**
 * Handles one more client event type on the session WebSocket, for features outside the
 * conversation (e.g. {@code hint.request}). Beans of this type are picked up by the socket. Throw
 * {@link dev.parley.web.ApiException} for bad input: the client gets an {@code error} event with
 * its code and the event's {@code ref}; answer through {@link LiveSessions}.
 */
public interface ClientEventHandler {

  /** The event's {@code type}, e.g. {@code hint.request}. */
  String type();

  void handle(Learner learner, String sessionId, JsonNode event);
}
