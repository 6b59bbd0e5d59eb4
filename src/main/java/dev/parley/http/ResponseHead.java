package dev.parley.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status line and headers of a response, read within a size limit; anything that is not
 * HTTP/1.x is refused with a {@link ProtocolException} rather than guessed at.
 *
 * @param headers names and values, alternating, as received
 */
record ResponseHead(int minorVersion, int status, List<String> headers) {

  /** The most a status line and its headers (and, for a chunked body, its trailers) may take. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** Reads past interim (1xx) responses to the final one. */
  static ResponseHead read(Connection connection) throws IOException {
    int budget = MAX_HEAD_BYTES;
    while (true) {
      var statusLine = connection.readLine(budget, "status line");
      if (statusLine == null) {
        throw new EOFException("The server closed the connection without answering");
      }
      budget -= statusLine.length() + 2;
      var head = parseStatusLine(statusLine);
      budget = readFields(connection, budget, head.headers, "header section");
      if (head.status / 100 != 1 || head.status == 101) {
        return head;
      }
    }
  }

  /**
   * Reads header fields up to the blank line into {@code fields}; returns the budget left. Also
   * reads the trailers of a chunked body.
   */
  static int readFields(Connection connection, int budget, List<String> fields, String what)
      throws IOException {
    while (true) {
      var line = connection.readLine(Math.max(0, budget), what);
      if (line == null) {
        throw new EOFException("The connection closed in the middle of the " + what);
      }
      budget -= line.length() + 2;
      if (budget < 0) {
        throw new ProtocolException(
            "The " + what + " of the response is over its size limit of " + MAX_HEAD_BYTES
                + " bytes");
      }
      if (line.isEmpty()) {
        return budget;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line, colon)) {
        throw new ProtocolException("Malformed header line in the response: " + shorten(line));
      }
      fields.add(line.substring(0, colon));
      fields.add(line.substring(colon + 1).strip());
    }
  }

  Optional<String> header(String name) {
    for (int i = 0; i < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase(name)) {
        return Optional.of(headers.get(i + 1));
      }
    }
    return Optional.empty();
  }

  /** Whether a header lists a token, e.g. {@code Connection: close}. */
  boolean hasToken(String name, String token) {
    for (int i = 0; i < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase(name)) {
        for (var part : headers.get(i + 1).split(",")) {
          if (part.strip().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether the server lets the connection serve another request after this one. */
  boolean keepsAlive() {
    return minorVersion >= 1
        ? !hasToken("Connection", "close")
        : hasToken("Connection", "keep-alive");
  }

  /** The server's {@code Keep-Alive: timeout=N}, if it said how long it keeps idle connections. */
  Duration keepAliveTimeout() {
    var keepAlive = header("Keep-Alive");
    if (keepAlive.isEmpty()) {
      return null;
    }
    for (var part : keepAlive.get().split(",")) {
      var field = part.strip();
      if (field.regionMatches(true, 0, "timeout=", 0, 8)) {
        try {
          return Duration.ofSeconds(Long.parseLong(field.substring(8).strip()));
        } catch (NumberFormatException ignored) {
          return null;
        }
      }
    }
    return null;
  }

  private static ResponseHead parseStatusLine(String line) throws ProtocolException {
    // HTTP/1.1 200 OK — the reason phrase may be empty or missing.
    boolean valid =
        line.length() >= 12
            && line.startsWith("HTTP/1.")
            && Character.isDigit(line.charAt(7))
            && line.charAt(8) == ' '
            && isDigits(line, 9, 12)
            && (line.length() == 12 || line.charAt(12) == ' ');
    if (!valid) {
      throw new ProtocolException("Malformed status line in the response: " + shorten(line));
    }
    return new ResponseHead(
        line.charAt(7) - '0', Integer.parseInt(line.substring(9, 12)), new ArrayList<>());
  }

  private static boolean isDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 9110 token characters: no spaces, controls or separators in a header's name. */
  private static boolean isToken(String line, int end) {
    for (int i = 0; i < end; i++) {
      char c = line.charAt(i);
      if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static String shorten(String line) {
    return line.length() > 80 ? line.substring(0, 80) + "…" : line;
  }
}
