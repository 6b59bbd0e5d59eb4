package dev.parley.http;

import java.io.IOException;

/** The server answered the opening handshake with something other than 101 Switching Protocols. */
public final class WebSocketHandshakeException extends IOException {

  private final int status;
  private final transient String body;

  WebSocketHandshakeException(int status, String body) {
    super("The server refused the WebSocket handshake with HTTP " + status);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The start of the response body (where servers say why), decoded as UTF-8; may be empty. */
  public String body() {
    return body;
  }
}
