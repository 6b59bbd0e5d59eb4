package dev.parley.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 request with a body held in memory: what the providers send is a few kilobytes of
 * JSON. Headers are added in order; {@code Host} and {@code Content-Length} are the client's.
 */
public final class Request {

  private static final Duration NO_TIMEOUT = Duration.ZERO;

  private final String method;
  private final URI uri;
  private final byte[] body;
  private final List<String> headers = new ArrayList<>();
  private Duration readTimeout = NO_TIMEOUT;

  private Request(String method, URI uri, byte[] body) {
    var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("Only http and https URLs are supported: " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("The URL has no host: " + uri);
    }
    this.method = method;
    this.uri = uri;
    this.body = body;
  }

  public static Request post(URI uri, byte[] body) {
    return new Request("POST", uri, body.clone());
  }

  /** Adds a header; a name or value with a line break is refused (it would split the request). */
  public Request header(String name, String value) {
    if (name.isEmpty() || hasLineBreak(name) || hasLineBreak(value) || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("Invalid header: " + name);
    }
    headers.add(name);
    headers.add(value);
    return this;
  }

  /**
   * The longest wait for the next byte of the response (the socket's read timeout); zero, the
   * default, waits for ever.
   */
  public Request readTimeout(Duration timeout) {
    this.readTimeout = timeout;
    return this;
  }

  public URI uri() {
    return uri;
  }

  Duration readTimeout() {
    return readTimeout;
  }

  Route route() {
    return Route.of(uri);
  }

  /** Whether the caller asked for the connection to be closed after this exchange. */
  boolean closesConnection() {
    for (int i = 0; i < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase("Connection")
          && headers.get(i + 1).toLowerCase(Locale.ROOT).contains("close")) {
        return true;
      }
    }
    return false;
  }

  /** The request head and body as one array, so that a small request leaves in one write. */
  byte[] encode() {
    var route = route();
    var target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      target += "?" + uri.getRawQuery();
    }
    var head = new StringBuilder(256 + 32 * headers.size());
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(route.hostHeader()).append("\r\n");
    for (int i = 0; i < headers.size(); i += 2) {
      head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    var headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    var bytes = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
    System.arraycopy(body, 0, bytes, headBytes.length, body.length);
    return bytes;
  }

  private static boolean hasLineBreak(String text) {
    return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
  }
}
