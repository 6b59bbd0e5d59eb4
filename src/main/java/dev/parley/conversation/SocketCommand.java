package dev.parley.conversation;

import tools.jackson.databind.JsonNode;

/** Handles one type of client event on a session socket ({@code user.text}, {@code ping}, ...). */
@FunctionalInterface
interface SocketCommand {

  void handle(SessionSocket socket, JsonNode event);
}
