package dev.parley.http;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** The opening handshake of a client WebSocket (RFC 6455 4.1): an HTTP/1.1 Upgrade request. */
final class Handshake {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** How much of a refusal's body is kept for the caller. */
  private static final int MAX_REFUSAL_BODY_BYTES = 8 * 1024;

  private final String key;

  Handshake(SecureRandom random) {
    var nonce = new byte[16];
    random.nextBytes(nonce);
    this.key = Base64.getEncoder().encodeToString(nonce);
  }

  byte[] request(URI uri, Route route, Map<String, String> headers) {
    var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    var target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    var head = new StringBuilder(256 + 64 * headers.size());
    head.append("GET ").append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(route.hostHeader()).append("\r\n");
    head.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    head.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
    head.append("Sec-WebSocket-Version: 13\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the server's answer: returns on 101 with the right {@code Sec-WebSocket-Accept}, throws
   * {@link WebSocketHandshakeException} with the status and body of any other answer.
   */
  void verify(Connection connection) throws IOException {
    var head = ResponseHead.read(connection);
    if (head.status() != 101) {
      throw new WebSocketHandshakeException(head.status(), refusalBody(connection, head));
    }
    if (!head.hasToken("Upgrade", "websocket") || !head.hasToken("Connection", "upgrade")) {
      throw new ProtocolException("The server's 101 answer does not upgrade to a WebSocket");
    }
    var accept = head.header("Sec-WebSocket-Accept").orElse("");
    if (!accept.equals(expectedAccept())) {
      throw new ProtocolException(
          "The server's Sec-WebSocket-Accept does not match the key sent: '" + accept + "'");
    }
    if (head.header("Sec-WebSocket-Extensions").isPresent()) {
      throw new ProtocolException("The server chose an extension that was not offered");
    }
  }

  String expectedAccept() {
    try {
      var digest = MessageDigest.getInstance("SHA-1");
      return Base64.getEncoder()
          .encodeToString(digest.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-1", e);
    }
  }

  private static String refusalBody(Connection connection, ResponseHead head) {
    var owner =
        new ResponseBody.Owner() {
          @Override
          public void finished(boolean reusable) {
            // The caller closes the connection.
          }

          @Override
          public boolean isAborted() {
            return false;
          }
        };
    try {
      var body = ResponseBody.of(owner, connection, head).readNBytes(MAX_REFUSAL_BODY_BYTES);
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // the status says enough
    }
  }
}
