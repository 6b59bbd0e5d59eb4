package dev.parley.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/** The server's side of a WebSocket in tests: the handshake and raw frames, checked strictly. */
final class WebSocketPeer {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** One frame as it arrived; {@code payload} is unmasked. */
  record Frame(boolean fin, int opcode, boolean masked, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
  }

  final String request;
  private final InputStream in;
  private final OutputStream out;

  private WebSocketPeer(String request, ScriptedServer.Peer peer) throws IOException {
    this.request = request;
    this.in = peer.socket.getInputStream();
    this.out = peer.socket.getOutputStream();
  }

  /** Reads the opening handshake; answers 101 with {@code accept}, or the right key when null. */
  static WebSocketPeer accept(ScriptedServer server, ScriptedServer.Peer peer, String accept)
      throws Exception {
    var request = server.take(peer);
    var key = header(request, "Sec-WebSocket-Key");
    var expected =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    peer.write(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: "
            + (accept == null ? expected : accept)
            + "\r\n\r\n");
    return new WebSocketPeer(request, peer);
  }

  static String header(String request, String name) {
    for (var line : request.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  /** The next frame, or null at the end of the stream. */
  Frame read() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = in.read();
    boolean masked = (second & 0x80) != 0;
    long length = second & 0x7f;
    if (length >= 126) {
      int bytes = length == 126 ? 2 : 8;
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | in.read();
      }
    }
    var mask = masked ? in.readNBytes(4) : new byte[4];
    var payload = in.readNBytes((int) length);
    if (payload.length != length) {
      throw new EOFException();
    }
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i % 4];
    }
    return new Frame((first & 0x80) != 0, first & 0x0f, masked, payload);
  }

  void send(boolean fin, int opcode, byte[] payload) throws IOException {
    sendRaw((fin ? 0x80 : 0) | opcode, false, payload);
  }

  void sendText(String text) throws IOException {
    send(true, 0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  void sendClose(int code, String reason) throws IOException {
    var why = reason.getBytes(StandardCharsets.UTF_8);
    var payload = new byte[2 + why.length];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(why, 0, payload, 2, why.length);
    send(true, 0x8, payload);
  }

  /** Writes a frame whole; {@code masked} breaks RFC 6455 on purpose (servers must not mask). */
  void sendRaw(int firstByte, boolean masked, byte[] payload) throws IOException {
    var frame = new ByteArrayOutputStream();
    frame.write(firstByte);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(maskBit | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(maskBit | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length);
    } else {
      frame.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >> shift));
      }
    }
    if (masked) {
      frame.write(new byte[4]); // a zero mask: the payload stays as it is
    }
    frame.write(payload);
    out.write(frame.toByteArray());
    out.flush();
  }
}
