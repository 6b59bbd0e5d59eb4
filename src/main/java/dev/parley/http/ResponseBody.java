package dev.parley.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;

/**
 * A response body in one of HTTP/1.1's three framings. Reaching its end hands the connection back
 * (to the pool, when both sides keep it alive); closing it early reads a little further in the
 * hope of reaching the end, and otherwise closes the connection.
 */
final class ResponseBody extends InputStream {

  private static final int MAX_CHUNK_SIZE_LINE = 4096;
  private static final int MAX_DRAIN_BYTES = 64 * 1024;
  private static final Duration MAX_DRAIN_WAIT = Duration.ofSeconds(1);

  /** Who the body's connection goes back to when the body ends or is given up. */
  interface Owner {
    void finished(boolean reusable);

    boolean isAborted();
  }

  enum Framing {
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  private final Owner exchange;
  private final Connection connection;
  private final Framing framing;
  private long left; // LENGTH: bytes to the end; CHUNKED: bytes to the end of the chunk
  private boolean inChunk;
  private boolean lastChunkNext; // CHUNKED: the last chunk's size line is read, its trailer not
  private boolean ended;
  private boolean closed;

  ResponseBody(Owner exchange, Connection connection, Framing framing, long length) {
    this.exchange = exchange;
    this.connection = connection;
    this.framing = framing;
    this.left = framing == Framing.LENGTH ? length : 0;
    if (framing == Framing.LENGTH && length == 0) {
      end();
    }
  }

  /** The body that follows {@code head}, framed as its status and headers say. */
  static ResponseBody of(Owner owner, Connection connection, ResponseHead head)
      throws ProtocolException {
    int status = head.status();
    if (status == 204 || status == 304) {
      return new ResponseBody(owner, connection, Framing.LENGTH, 0);
    }
    var transfer = head.header("Transfer-Encoding");
    if (transfer.isPresent()) {
      boolean chunked = transfer.get().strip().toLowerCase(Locale.ROOT).endsWith("chunked");
      return new ResponseBody(
          owner, connection, chunked ? Framing.CHUNKED : Framing.UNTIL_CLOSE, 0);
    }
    var length = head.header("Content-Length");
    if (length.isEmpty()) {
      return new ResponseBody(owner, connection, Framing.UNTIL_CLOSE, 0);
    }
    try {
      long value = Long.parseLong(length.get().strip());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return new ResponseBody(owner, connection, Framing.LENGTH, value);
    } catch (NumberFormatException e) {
      throw new ProtocolException("Malformed Content-Length in the response: " + length.get());
    }
  }

  @Override
  public int read() throws IOException {
    var one = new byte[1];
    int read = read(one, 0, 1);
    return read < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (ended) {
      return -1;
    }
    if (closed) {
      throw new IOException("The response body is closed");
    }
    if (length == 0) {
      return 0;
    }
    return switch (framing) {
      case LENGTH -> readFixed(target, offset, length);
      case CHUNKED -> readChunked(target, offset, length);
      case UNTIL_CLOSE -> readUntilClose(target, offset, length);
    };
  }

  private int readFixed(byte[] target, int offset, int length) throws IOException {
    int read = connection.read(target, offset, (int) Math.min(length, left));
    if (read < 0) {
      throw new EOFException(
          "The connection closed with " + left + " bytes of the response body still to come");
    }
    left -= read;
    if (left == 0) {
      end();
    }
    return read;
  }

  /**
   * Blocks only until the first byte; after it, goes on through the chunks already buffered, so a
   * vendor that cuts its stream into small chunks does not cost a call per chunk. A chunk header not
   * wholly buffered, or the last chunk, waits for the next call.
   */
  private int readChunked(byte[] target, int offset, int length) throws IOException {
    int total = 0;
    while (total < length) {
      if (left == 0) {
        // Past the first byte a chunk was read: its closing line break and the next size line.
        if (total > 0 && (lastChunkNext || !connection.hasBufferedLines(2))) {
          break;
        }
        if (!lastChunkNext) {
          nextChunk();
        }
        if (left == 0) {
          if (total > 0) {
            lastChunkNext = true; // its trailer section may not have arrived yet
            break;
          }
          ResponseHead.readFields(
              connection, ResponseHead.MAX_HEAD_BYTES, new ArrayList<>(), "trailer section");
          end();
          return -1;
        }
      }
      int want = (int) Math.min(length - total, left);
      int read =
          total == 0
              ? connection.read(target, offset, want)
              : connection.readBuffered(target, offset + total, want);
      if (read < 0) {
        throw new EOFException("The connection closed in the middle of a chunk");
      }
      if (read == 0) {
        break;
      }
      left -= read;
      total += read;
    }
    return total;
  }

  /** Reads the line ending the chunk before, if any, and the next chunk's size line. */
  private void nextChunk() throws IOException {
    if (inChunk) {
      var lineEnd = connection.readLine(2, "chunk");
      if (lineEnd == null) {
        throw new EOFException("The connection closed before the end of the chunked body");
      }
      if (!lineEnd.isEmpty()) {
        throw new ProtocolException("Malformed chunked body: no line break after a chunk");
      }
    }
    left = chunkSize();
    inChunk = true;
  }

  private long chunkSize() throws IOException {
    var line = connection.readLine(MAX_CHUNK_SIZE_LINE, "chunk size line");
    if (line == null) {
      throw new EOFException("The connection closed before the end of the chunked body");
    }
    int end = line.indexOf(';'); // chunk extensions are ignored
    var hex = (end < 0 ? line : line.substring(0, end)).strip();
    if (hex.isEmpty() || hex.length() > 15) {
      throw new ProtocolException("Malformed chunk size: " + line);
    }
    try {
      return Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new ProtocolException("Malformed chunk size: " + line);
    }
  }

  private int readUntilClose(byte[] target, int offset, int length) throws IOException {
    int read = connection.read(target, offset, length);
    if (read < 0) {
      end();
    }
    return read;
  }

  private void end() {
    ended = true;
    exchange.finished(framing != Framing.UNTIL_CLOSE);
  }

  /**
   * Reads on to the end, within limits, so the connection can serve the next request: what follows
   * the last event a caller wanted is usually just the terminating chunk, already on its way.
   */
  @Override
  public void close() {
    if (closed || ended) {
      closed = true;
      return;
    }
    closed = true;
    if (framing != Framing.UNTIL_CLOSE && !exchange.isAborted()) {
      try {
        connection.readTimeout(MAX_DRAIN_WAIT);
        var skip = new byte[8192];
        int budget = MAX_DRAIN_BYTES;
        while (!ended && budget > 0) {
          int read = framing == Framing.LENGTH ? readFixed(skip, 0, skip.length)
              : readChunked(skip, 0, skip.length);
          budget -= Math.max(read, 0);
        }
      } catch (IOException e) {
        // The end did not come in time: the connection is dropped below.
      }
    }
    if (!ended) {
      exchange.finished(false);
    }
  }
}
