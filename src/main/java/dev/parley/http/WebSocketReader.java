package dev.parley.http;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A WebSocket's reader: blocking reads of the server's frames (RFC 6455 5), fragments joined into
 * messages for the listener, pings answered, the server's close answered. Runs until the socket
 * closes, fails or is aborted; the listener hears nothing after an abort.
 */
final class WebSocketReader {

  private static final int PROTOCOL_ERROR = 1002;
  private static final int INVALID_DATA = 1007;
  private static final int MESSAGE_TOO_BIG = 1009;
  private static final byte[] NONE = {};

  private final WebSocket socket;
  private final Connection connection;
  private final WebSocketListener listener;
  private final int maxMessageBytes;
  private final byte[] header = new byte[8];
  /**
   * The message being read; a new one for each message, let go once delivered. The socket waits
   * far longer between messages than it takes to read one, and a buffer kept between them would
   * live as long as the utterance.
   */
  private byte[] message = NONE;
  private int messageLength;
  private int messageOpcode;

  WebSocketReader(
      WebSocket socket, Connection connection, WebSocketListener listener, int maxMessageBytes) {
    this.socket = socket;
    this.connection = connection;
    this.listener = listener;
    this.maxMessageBytes = maxMessageBytes;
  }

  void run() {
    try {
      while (readFrame()) {
        // Each frame is handled as it arrives.
      }
    } catch (Failure failure) {
      tryControl(WebSocket.OP_CLOSE, closePayload(failure.closeCode));
      end(failure.getCause());
    } catch (IOException e) {
      end(e);
    } catch (RuntimeException | Error e) {
      socket.abort(); // a listener that throws leaves no socket behind
      throw e;
    }
  }

  /** Reads and handles one frame; false once the socket is closed. */
  private boolean readFrame() throws IOException {
    connection.readFully(header, 0, 2);
    boolean fin = (header[0] & 0x80) != 0;
    int opcode = header[0] & 0x0f;
    if ((header[0] & 0x70) != 0) {
      throw Failure.protocol("The server set reserved bits without an extension");
    }
    if ((header[1] & 0x80) != 0) {
      throw Failure.protocol("The server masked a frame (RFC 6455 5.1)");
    }
    long length = payloadLength(header[1] & 0x7f);
    if (opcode >= WebSocket.OP_CLOSE) {
      if (!fin || length > 125) {
        throw Failure.protocol("A control frame was fragmented or over 125 bytes");
      }
      var payload = new byte[(int) length];
      connection.readFully(payload, 0, payload.length);
      return control(opcode, payload);
    }
    if (opcode > WebSocket.OP_BINARY) {
      throw Failure.protocol("Unknown opcode " + opcode);
    }
    if ((opcode == WebSocket.OP_CONTINUATION) == (messageOpcode == 0)) {
      throw Failure.protocol(
          messageOpcode == 0 ? "A continuation frame without a message" : "A message interleaved");
    }
    if (opcode != WebSocket.OP_CONTINUATION) {
      messageOpcode = opcode;
    }
    if (messageLength + length > maxMessageBytes) {
      throw new Failure(
          MESSAGE_TOO_BIG,
          new ProtocolException(
              "The server sent a message over the limit of " + maxMessageBytes + " bytes"));
    }
    int total = messageLength + (int) length;
    if (message.length < total) {
      // One frame, one message (the usual case): exactly its size. Fragments: room to grow.
      int size = fin && messageLength == 0 ? total : Math.min(maxMessageBytes, 2 * total);
      message = Arrays.copyOf(message, Math.max(total, size));
    }
    connection.readFully(message, messageLength, (int) length);
    messageLength = total;
    if (fin) {
      deliver();
    }
    return true;
  }

  private long payloadLength(int sevenBits) throws IOException {
    if (sevenBits < 126) {
      return sevenBits;
    }
    int bytes = sevenBits == 126 ? 2 : 8;
    connection.readFully(header, 0, bytes);
    long length = 0;
    for (int i = 0; i < bytes; i++) {
      length = (length << 8) | (header[i] & 0xff);
    }
    if (length < 0) {
      throw Failure.protocol("A frame length over 2^63");
    }
    return length;
  }

  private void deliver() throws Failure {
    int opcode = messageOpcode;
    int length = messageLength;
    var bytes = message;
    messageOpcode = 0;
    messageLength = 0;
    message = NONE;
    if (opcode == WebSocket.OP_TEXT) {
      var text = utf8(bytes, 0, length);
      if (!socket.isAborted()) {
        listener.onText(socket, text);
      }
    } else if (!socket.isAborted()) {
      listener.onBinary(socket, ByteBuffer.wrap(bytes, 0, length).slice());
    }
  }

  private boolean control(int opcode, byte[] payload) throws IOException {
    switch (opcode) {
      case WebSocket.OP_PING -> socket.sendControl(WebSocket.OP_PONG, payload);
      case WebSocket.OP_PONG -> {
        // Unsolicited pongs are allowed and mean nothing.
      }
      case WebSocket.OP_CLOSE -> {
        closed(payload);
        return false;
      }
      default -> throw Failure.protocol("Unknown control opcode " + opcode);
    }
    return true;
  }

  private void closed(byte[] payload) throws Failure {
    if (payload.length == 1) {
      throw Failure.protocol("A close frame with a one-byte payload");
    }
    int code = WebSocket.NO_STATUS;
    if (payload.length >= 2) {
      code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
    var reason = utf8(payload, Math.min(2, payload.length), Math.max(0, payload.length - 2));
    tryControl(WebSocket.OP_CLOSE, code == WebSocket.NO_STATUS ? new byte[0] : closePayload(code));
    connection.close();
    if (!socket.isAborted()) {
      listener.onClose(socket, code, reason);
    }
  }

  private void end(IOException error) {
    connection.close();
    if (!socket.isAborted()) {
      listener.onError(socket, error);
    }
  }

  /** Best effort: the server may have gone, or this side aborted (a finished STT stream). */
  private void tryControl(int opcode, byte[] payload) {
    if (socket.isAborted()) {
      return; // an IOException for nothing, with its stack trace, once per utterance otherwise
    }
    try {
      socket.sendControl(opcode, payload);
    } catch (IOException | IllegalStateException ignored) {
      // The connection is closed next anyway.
    }
  }

  private static byte[] closePayload(int code) {
    return new byte[] {(byte) (code >> 8), (byte) code};
  }

  /**
   * Strict UTF-8 (RFC 6455 8.1). The JDK's lenient decoding is the fast one; the strict decoder
   * only runs to tell a replacement character the server sent from invalid bytes.
   */
  private static String utf8(byte[] bytes, int offset, int length) throws Failure {
    var lenient = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return lenient;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Failure(INVALID_DATA, new ProtocolException("The server sent invalid UTF-8"));
    }
  }

  /** A broken rule: the socket closes with {@code closeCode} and the listener gets the cause. */
  private static final class Failure extends IOException {
    final int closeCode;

    Failure(int closeCode, ProtocolException cause) {
      super(cause);
      this.closeCode = closeCode;
    }

    static Failure protocol(String message) {
      return new Failure(PROTOCOL_ERROR, new ProtocolException(message));
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }
}
