package dev.parley.llm.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a server-sent event stream into events as its bytes arrive, in whatever pieces the
 * network delivers them. Lines stay bytes until an event is complete, so a UTF-8 character split
 * between two reads is never decoded in halves, and the event's data reaches the JSON parser
 * without a detour through a {@code String}.
 *
 * <p>Follows the SSE rules that matter for chat completions: lines end with LF, CRLF or CR; a line
 * starting with a colon is a comment (a keep-alive); {@code data} lines of one event are joined
 * with LF; a blank line ends the event; other fields ({@code event}, {@code id}, {@code retry}) are
 * ignored.
 */
final class SseReader {

  /** Receives the data of each complete event; the array is reused after the call returns. */
  interface EventHandler {
    /** Returns false to stop reading. */
    boolean onEvent(byte[] data, int length);
  }

  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

  private final EventHandler handler;
  private byte[] line = new byte[1024];
  private int lineLength;
  private byte[] data = new byte[1024];
  private int dataLength;
  private boolean hasData;
  private boolean afterCr;

  SseReader(EventHandler handler) {
    this.handler = handler;
  }

  /**
   * Reads the next piece of the stream. Returns false once the handler asked to stop; the rest of
   * the piece is then left unread.
   */
  boolean feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      byte b = bytes[i];
      if (b == '\n' && afterCr) {
        afterCr = false; // the LF of a CRLF: the line already ended at the CR
        continue;
      }
      afterCr = b == '\r';
      if (b == '\n' || b == '\r') {
        if (!endLine()) {
          return false;
        }
      } else {
        if (lineLength == line.length) {
          line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
      }
    }
    return true;
  }

  /**
   * The stream ended: an event whose blank line never came is still delivered, as browsers do not
   * but lenient servers need. Returns false when the handler asked to stop.
   */
  boolean finish() {
    if (lineLength > 0 && !endLine()) {
      return false;
    }
    return !hasData || dispatch();
  }

  private boolean endLine() {
    int length = lineLength;
    lineLength = 0;
    if (length == 0) {
      return !hasData || dispatch();
    }
    if (line[0] == ':' || !isField(DATA, length)) {
      return true;
    }
    int value = DATA.length;
    if (value < length && line[value] == ':') {
      value++;
    }
    if (value < length && line[value] == ' ') {
      value++;
    }
    if (hasData) {
      append((byte) '\n');
    }
    hasData = true;
    for (int i = value; i < length; i++) {
      append(line[i]);
    }
    return true;
  }

  /** Whether the line is this field: its name followed by a colon or nothing. */
  private boolean isField(byte[] name, int length) {
    if (length < name.length || (length > name.length && line[name.length] != ':')) {
      return false;
    }
    return Arrays.equals(line, 0, name.length, name, 0, name.length);
  }

  private void append(byte b) {
    if (dataLength == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[dataLength++] = b;
  }

  private boolean dispatch() {
    int length = dataLength;
    dataLength = 0;
    hasData = false;
    return handler.onEvent(data, length);
  }
}
