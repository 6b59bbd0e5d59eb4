package dev.parley.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a {@link WebSocket} receives. All calls come from the socket's one reader thread, one at a
 * time and in order; a call that blocks holds up the reading. The last call is exactly one of
 * {@link #onClose} and {@link #onError}, and none follows {@link WebSocket#abort()}.
 */
public interface WebSocketListener {

  /** A whole text message, fragments joined. */
  void onText(WebSocket socket, String text);

  /** A whole binary message, fragments joined; the buffer is the listener's to keep. */
  default void onBinary(WebSocket socket, ByteBuffer data) {}

  /**
   * The server closed the WebSocket: its close frame was answered and the connection closed.
   *
   * @param code the status code, {@link WebSocket#NO_STATUS} when the frame carried none
   */
  void onClose(WebSocket socket, int code, String reason);

  /**
   * The connection failed or broke the protocol; it is closed. An {@link java.io.EOFException}
   * when it ended without a close frame, a {@link java.net.ProtocolException} when the server
   * broke RFC 6455 or sent a message over the size limit.
   */
  void onError(WebSocket socket, IOException error);
}
