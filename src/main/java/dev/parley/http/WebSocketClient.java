package dev.parley.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Opens client WebSockets (RFC 6455) the way {@link BlockingHttpClient} sends requests: frames are
 * written by the thread that sends them, and one virtual thread per socket reads with blocking
 * reads and calls the {@link WebSocketListener}. No selector thread and no hand-off between threads
 * on the way in: a received message reaches the listener right after the read that completed it.
 * TLS ({@code wss}) verifies the server's certificate and host name, as for HTTP.
 */
public final class WebSocketClient {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

  /**
   * Enough for the opening handshake's response and a frame header with a small message; a
   * larger message is read past the buffer. Small because a socket lives as long as an utterance
   * (Deepgram's): with a thousand sessions talking, each kilobyte per socket is most of a megabyte
   * more for every young collection to copy.
   */
  private static final int BUFFER_BYTES = 1024;

  private final Connector connector;
  private final Duration connectTimeout;
  private final Duration readIdleTimeout;
  private final int maxMessageBytes;

  /** A client that trusts what the JVM trusts, with no idle timeout and 1 MiB messages at most. */
  public WebSocketClient(Duration connectTimeout) {
    this(connectTimeout, null, Duration.ZERO, DEFAULT_MAX_MESSAGE_BYTES);
  }

  /**
   * @param connectTimeout for connecting, the TLS handshake and the opening handshake, each
   * @param tls for {@code wss}; null for the JVM's default, created when first needed
   * @param readIdleTimeout how long the reader waits for a frame before the socket fails with a
   *     {@link java.net.SocketTimeoutException}; zero for no limit
   * @param maxMessageBytes the largest message (fragments joined) the listener accepts; a larger
   *     one fails the socket with close code 1009
   */
  public WebSocketClient(
      Duration connectTimeout, SSLContext tls, Duration readIdleTimeout, int maxMessageBytes) {
    this.connectTimeout = connectTimeout;
    this.readIdleTimeout = readIdleTimeout;
    this.maxMessageBytes = maxMessageBytes;
    this.connector =
        new Connector(
            connectTimeout, tls == null ? BlockingHttpClient.defaultTls() : () -> tls, BUFFER_BYTES);
  }

  /**
   * A WebSocket not connected yet: {@link WebSocket#connect()} opens it, {@link WebSocket#abort()}
   * gives up at any time.
   *
   * @param uri a {@code ws}, {@code wss}, {@code http} or {@code https} URL, with its query
   * @param headers sent with the opening handshake, e.g. {@code Authorization}
   */
  public WebSocket newWebSocket(URI uri, Map<String, String> headers, WebSocketListener listener) {
    var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!Map.of("ws", 0, "wss", 0, "http", 0, "https", 0).containsKey(scheme)) {
      throw new IllegalArgumentException("Not a WebSocket URL: " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("The URL has no host: " + uri);
    }
    headers.forEach(
        (name, value) -> {
          if (name.isEmpty() || hasLineBreak(name) || hasLineBreak(value)) {
            throw new IllegalArgumentException("Not a valid header: " + name);
          }
        });
    return new WebSocket(this, uri, new LinkedHashMap<>(headers), listener);
  }

  Connector connector() {
    return connector;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  Duration readIdleTimeout() {
    return readIdleTimeout;
  }

  int maxMessageBytes() {
    return maxMessageBytes;
  }

  private static boolean hasLineBreak(String text) {
    return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
  }
}
