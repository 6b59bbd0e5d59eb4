package dev.parley.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.time.Duration;

/**
 * One open HTTP/1.1 connection with its own read buffer. Reads and writes block the calling thread
 * (a virtual thread parks, it does not hold a carrier); {@link #close()} from another thread closes
 * the TCP socket underneath, which wakes a blocked reader at once, TLS or not.
 */
final class Connection {

  private final Route route;
  private final Socket raw;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buffer;
  private int position;
  private int limit;
  private long received;
  private int exchanges;
  private long idleSince;
  private long keepAliveNanos = Long.MAX_VALUE;

  /**
   * @param raw the TCP socket
   * @param socket what HTTP goes through: {@code raw} itself, or a TLS socket layered on it
   * @param bufferBytes the read buffer; a read of at least this much skips it
   */
  Connection(Route route, Socket raw, Socket socket, int bufferBytes) throws IOException {
    this.route = route;
    this.buffer = new byte[bufferBytes];
    this.raw = raw;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  Route route() {
    return route;
  }

  /** Whether an earlier exchange went through this connection (it came from the pool). */
  boolean isReused() {
    return exchanges > 0;
  }

  /** Starts an exchange: sends the whole request in one write. */
  void send(byte[] request, Duration readTimeout) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
    out.write(request);
    out.flush();
  }

  /** Writes without touching the read timeout: a WebSocket writes while its reader waits. */
  void write(byte[] bytes, int length) throws IOException {
    out.write(bytes, 0, length);
    out.flush();
  }

  /** Reads exactly {@code length} bytes, from the buffer first. */
  void readFully(byte[] target, int offset, int length) throws IOException {
    while (length > 0) {
      int read = read(target, offset, length);
      if (read < 0) {
        throw new EOFException("The connection closed in the middle of a frame");
      }
      offset += read;
      length -= read;
    }
  }

  void readTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }

  /** Bytes received over the connection's life: whether any of a response arrived. */
  long received() {
    return received;
  }

  /** One line without its CRLF (or bare LF); null at the end of the stream before any byte. */
  String readLine(int maxBytes, String what) throws IOException {
    var line = new StringBuilder(64);
    int length = 0;
    while (true) {
      if (position == limit && fill() < 0) {
        if (length == 0) {
          return null;
        }
        throw new EOFException("The connection closed in the middle of the " + what);
      }
      byte b = buffer[position++];
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (++length > maxBytes) {
        throw new ProtocolException("The " + what + " of the response is over its size limit");
      }
      line.append((char) (b & 0xff));
    }
  }

  /** Like {@link InputStream#read(byte[], int, int)}, from the buffer first. */
  int read(byte[] target, int offset, int length) throws IOException {
    if (position == limit) {
      if (length >= buffer.length) {
        int read = in.read(target, offset, length); // a large read skips the copy
        if (read > 0) {
          received += read;
        }
        return read;
      }
      if (fill() < 0) {
        return -1;
      }
    }
    return readBuffered(target, offset, length);
  }

  /** Like {@link #read}, but only from what is buffered: 0 when nothing is, never blocking. */
  int readBuffered(byte[] target, int offset, int length) {
    int count = Math.min(length, limit - position);
    System.arraycopy(buffer, position, target, offset, count);
    position += count;
    return count;
  }

  /** Whether the buffer holds at least {@code lines} line breaks: reading those lines won't block. */
  boolean hasBufferedLines(int lines) {
    for (int i = position; i < limit && lines > 0; i++) {
      if (buffer[i] == '\n') {
        lines--;
      }
    }
    return lines == 0;
  }

  private int fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read > 0) {
      position = 0;
      limit = read;
      received += read;
    }
    return read;
  }

  /** Back to the pool: the exchange ended cleanly. */
  void idle(long now, Duration serverKeepAlive) {
    exchanges++;
    idleSince = now;
    if (serverKeepAlive != null) {
      keepAliveNanos = serverKeepAlive.toNanos();
    }
  }

  boolean expired(long now, long idleTimeoutNanos) {
    long idleFor = now - idleSince;
    return idleFor >= idleTimeoutNanos || idleFor >= keepAliveNanos || raw.isClosed();
  }

  /** Whether bytes arrived while the connection sat idle: a server that does that is confused. */
  boolean hasUnreadBytes() {
    return position < limit;
  }

  void close() {
    try {
      raw.close();
    } catch (IOException ignored) {
      // Nothing to do: the socket is gone either way.
    }
  }

  @Override
  public String toString() {
    return route + " from local port " + raw.getLocalPort();
  }
}
