package dev.parley.http;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client WebSocket from {@link WebSocketClient}. {@link #connect()} blocks the calling thread
 * through the TCP, TLS and opening handshakes, then starts the socket's reader (a virtual thread).
 * Sends may come from any thread: each frame is masked and written whole in one write, under a
 * lock, by the sending thread, which blocks only while the socket's send buffer is full.
 *
 * <p>A close frame from the server is answered with one of the same code, then the connection is
 * closed and the listener told. {@link #sendClose} starts a close from this side; the reader waits
 * for the server's answer (call {@link #abort()} to stop waiting).
 */
public final class WebSocket {

  public static final int NORMAL_CLOSURE = 1000;

  /** What {@link WebSocketListener#onClose} gets for a close frame without a status code. */
  public static final int NO_STATUS = 1005;

  static final int OP_CONTINUATION = 0x0;
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  private final WebSocketClient client;
  private final URI uri;
  private final Route route;
  private final Map<String, String> headers;
  private final WebSocketListener listener;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final FrameWriter writer = new FrameWriter(); // guarded by writeLock
  private boolean closeSent; // guarded by writeLock
  private final AbortableConnect connector;
  private final Object state = new Object();
  private Connection connection; // guarded by state
  private boolean started; // guarded by state
  private boolean open; // guarded by state: the handshake succeeded

  WebSocket(
      WebSocketClient client, URI uri, Map<String, String> headers, WebSocketListener listener) {
    this.client = client;
    this.uri = uri;
    this.route = Route.of(uri);
    this.headers = headers;
    this.listener = listener;
    this.connector = new AbortableConnect(client.connector(), "The WebSocket");
  }

  /**
   * Connects and upgrades, on the calling thread. A refusal throws {@link
   * WebSocketHandshakeException} with the server's status and body; {@link #abort()} from another
   * thread makes this throw at once.
   */
  public void connect() throws IOException {
    synchronized (state) {
      if (started) {
        throw new IllegalStateException("connect() was already called");
      }
      started = true;
    }
    var opened = connector.connect(route);
    synchronized (state) {
      if (connector.isAborted()) {
        opened.close();
        throw connector.abortedError();
      }
      connection = opened;
    }
    try {
      opened.readTimeout(client.connectTimeout());
      var handshake = new Handshake(new SecureRandom());
      var request = handshake.request(uri, route, headers);
      opened.write(request, request.length);
      handshake.verify(opened);
      opened.readTimeout(client.readIdleTimeout());
    } catch (IOException e) {
      opened.close();
      throw connector.abortedOr(e);
    }
    synchronized (state) {
      open = true;
    }
    var reader = new WebSocketReader(this, opened, listener, client.maxMessageBytes());
    Thread.ofVirtual().name("websocket-" + route.host()).start(reader::run);
  }

  public void sendText(String text) throws IOException {
    var bytes = text.getBytes(StandardCharsets.UTF_8);
    writeLock.lock();
    try {
      var open = openForSending();
      writer.begin(OP_TEXT, bytes.length);
      writer.put(bytes, 0, bytes.length);
      open.write(writer.bytes(), writer.length());
    } finally {
      writer.release();
      writeLock.unlock();
    }
  }

  /** Sends the buffer's remaining bytes; its position is left as it was. */
  public void sendBinary(ByteBuffer data) throws IOException {
    writeLock.lock();
    try {
      var open = openForSending();
      writer.begin(OP_BINARY, data.remaining());
      writer.put(data);
      open.write(writer.bytes(), writer.length());
    } finally {
      writer.release();
      writeLock.unlock();
    }
  }

  /** Sends 16-bit samples as one binary message of little-endian PCM16. */
  public void sendBinary(short[] samples, int offset, int count) throws IOException {
    writeLock.lock();
    try {
      var open = openForSending();
      writer.begin(OP_BINARY, count * 2);
      writer.putLittleEndian(samples, offset, count);
      open.write(writer.bytes(), writer.length());
    } finally {
      writer.release();
      writeLock.unlock();
    }
  }

  /** Starts the closing handshake; nothing can be sent after it. */
  public void sendClose(int code, String reason) throws IOException {
    var why = reason.getBytes(StandardCharsets.UTF_8);
    if (why.length > 123) {
      throw new IllegalArgumentException("A close reason takes at most 123 bytes of UTF-8");
    }
    writeLock.lock();
    try {
      var open = openForSending();
      closeSent = true;
      writer.begin(OP_CLOSE, 2 + why.length);
      writer.put(new byte[] {(byte) (code >> 8), (byte) code}, 0, 2);
      writer.put(why, 0, why.length);
      open.write(writer.bytes(), writer.length());
    } finally {
      writer.release();
      writeLock.unlock();
    }
  }

  /**
   * Closes the connection at once, from any thread, without a closing handshake: a blocked {@link
   * #connect()} or send fails, the reader stops, and the listener hears nothing more.
   */
  public void abort() {
    connector.abort();
    // After the mark: a connection set from now on sees it and is closed there.
    synchronized (state) {
      if (connection != null) {
        connection.close();
      }
    }
  }

  boolean isAborted() {
    return connector.isAborted();
  }

  /** The reader's control frames: a pong, or a close (empty payload for none); never after ours. */
  void sendControl(int opcode, byte[] payload) throws IOException {
    writeLock.lock();
    try {
      if (closeSent) {
        return;
      }
      closeSent = opcode == OP_CLOSE;
      writer.begin(opcode, payload.length);
      writer.put(payload, 0, payload.length);
      current().write(writer.bytes(), writer.length());
    } finally {
      writer.release();
      writeLock.unlock();
    }
  }

  private Connection openForSending() throws IOException {
    if (closeSent) {
      throw new IOException("The WebSocket is closing: nothing can be sent after a close frame");
    }
    return current();
  }

  private Connection current() throws IOException {
    synchronized (state) {
      if (connector.isAborted()) {
        throw connector.abortedError();
      }
      if (!open) {
        throw new IllegalStateException("The WebSocket is not connected");
      }
      return connection;
    }
  }

  @Override
  public String toString() {
    return "WebSocket to " + route;
  }
}
