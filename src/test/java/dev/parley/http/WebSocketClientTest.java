package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WebSocket client against loopback servers that read and write raw frames. */
class WebSocketClientTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  sealed interface Event {}

  record Text(String text) implements Event {}

  record Binary(byte[] bytes) implements Event {}

  record Closed(int code, String reason) implements Event {}

  record Failed(IOException error) implements Event {}

  /** Records what the socket's reader delivers, and on which thread. */
  static final class Recorder implements WebSocketListener {
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void onText(WebSocket socket, String text) {
      events.add(new Text(text));
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
      var bytes = new byte[data.remaining()];
      data.get(bytes);
      events.add(new Binary(bytes));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
      events.add(new Closed(code, reason));
    }

    @Override
    public void onError(WebSocket socket, IOException error) {
      events.add(new Failed(error));
    }

    Event next() throws InterruptedException {
      var event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("an event within %s", WAIT).isNotNull();
      return event;
    }
  }

  private final Recorder listener = new Recorder();
  private ScriptedServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void handshakeCarriesHeadersAndQueryAndTextGoesBothWaysMasked() throws Exception {
    var received = new CompletableFuture<WebSocketPeer.Frame>();
    var request = new CompletableFuture<String>();
    serve(
        peer -> {
          request.complete(peer.request);
          received.complete(peer.read());
          peer.sendText("¿Qué tal? ✓");
          peer.read();
        });
    var socket = open(Map.of("Authorization", "Token secret"));
    socket.sendText("héllo");

    var frame = received.get(5, TimeUnit.SECONDS);
    assertThat(frame.masked()).isTrue();
    assertThat(frame.fin()).isTrue();
    assertThat(frame.opcode()).isEqualTo(0x1);
    assertThat(frame.text()).isEqualTo("héllo");
    assertThat(listener.next()).isEqualTo(new Text("¿Qué tal? ✓"));
    var head = request.get(5, TimeUnit.SECONDS);
    assertThat(head).startsWith("GET /v1/listen?model=nova-3&language=es HTTP/1.1\r\n");
    assertThat(WebSocketPeer.header(head, "Authorization")).isEqualTo("Token secret");
    assertThat(WebSocketPeer.header(head, "Upgrade")).isEqualTo("websocket");
    assertThat(WebSocketPeer.header(head, "Sec-WebSocket-Version")).isEqualTo("13");
    assertThat(WebSocketPeer.header(head, "Host")).startsWith("127.0.0.1:");
    socket.abort();
  }

  @Test
  void binaryGoesBothWaysFromBuffersAndSamplesWithEveryLengthEncoding() throws Exception {
    var frames = new LinkedBlockingQueue<WebSocketPeer.Frame>();
    var big = new byte[70_000];
    Arrays.fill(big, (byte) 7);
    serve(
        peer -> {
          for (int i = 0; i < 3; i++) {
            frames.add(peer.read());
          }
          peer.send(true, 0x2, big);
          peer.send(true, 0x2, new byte[] {1, 2, 3});
          peer.read();
        });
    var socket = open(Map.of());
    var buffer = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5, 4});
    buffer.position(2);
    socket.sendBinary(buffer);
    short[] samples = {1, -2, 300, Short.MIN_VALUE, Short.MAX_VALUE, 0, 12_345};
    socket.sendBinary(samples, 1, 5);
    var large = ByteBuffer.allocate(200_000);
    socket.sendBinary(large);

    assertThat(buffer.position()).isEqualTo(2);
    var first = frames.poll(5, TimeUnit.SECONDS);
    assertThat(first.masked()).isTrue();
    assertThat(first.opcode()).isEqualTo(0x2);
    assertThat(first.payload()).containsExactly(7, 6, 5, 4);
    var pcm = ByteBuffer.wrap(frames.poll(5, TimeUnit.SECONDS).payload());
    var decoded = new short[5];
    pcm.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(decoded);
    assertThat(decoded).containsExactly(-2, 300, Short.MIN_VALUE, Short.MAX_VALUE, 0);
    assertThat(frames.poll(5, TimeUnit.SECONDS).payload()).hasSize(200_000).containsOnly(0);
    assertThat(((Binary) listener.next()).bytes()).isEqualTo(big);
    assertThat(((Binary) listener.next()).bytes()).containsExactly(1, 2, 3);
    socket.abort();
  }

  @Test
  void aRefusedHandshakeSurfacesTheStatusAndTheBody() throws Exception {
    var body = "{\"err_code\":\"INVALID_AUTH\",\"err_msg\":\"Invalid credentials.\"}";
    server =
        new ScriptedServer(
            peer -> {
              server.take(peer);
              peer.write(
                  "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                      + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            });
    var socket = client().newWebSocket(uri(), Map.of(), listener);

    assertThatThrownBy(socket::connect)
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            refused -> {
              assertThat(refused.status()).isEqualTo(401);
              assertThat(refused.body()).isEqualTo(body);
            });
    assertThat(listener.events).isEmpty();
  }

  @Test
  void aWrongAcceptKeyIsRefused() throws Exception {
    serveWithAccept("dGhlIHNhbXBsZSBub25jZQ==", peer -> peer.read());
    var socket = client().newWebSocket(uri(), Map.of(), listener);

    assertThatThrownBy(socket::connect)
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Sec-WebSocket-Accept");
  }

  @Test
  void fragmentsAreJoinedAndAPingBetweenThemIsAnsweredWithItsPayload() throws Exception {
    var pong = new CompletableFuture<WebSocketPeer.Frame>();
    serve(
        peer -> {
          peer.send(false, 0x1, "Hola, ".getBytes(StandardCharsets.UTF_8));
          peer.send(true, 0x9, new byte[] {4, 2});
          peer.send(false, 0x0, "¿qué ".getBytes(StandardCharsets.UTF_8));
          peer.send(true, 0x0, "tal?".getBytes(StandardCharsets.UTF_8));
          pong.complete(peer.read());
          peer.read();
        });
    var socket = open(Map.of());

    assertThat(listener.next()).isEqualTo(new Text("Hola, ¿qué tal?"));
    var answer = pong.get(5, TimeUnit.SECONDS);
    assertThat(answer.opcode()).isEqualTo(0xA);
    assertThat(answer.masked()).isTrue();
    assertThat(answer.payload()).containsExactly(4, 2);
    socket.abort();
  }

  @Test
  void aCloseFromTheServerIsEchoedThenTheConnectionClosed() throws Exception {
    var echo = new CompletableFuture<WebSocketPeer.Frame>();
    var afterEcho = new CompletableFuture<WebSocketPeer.Frame>();
    serve(
        peer -> {
          peer.sendClose(1011, "NET-0000 internal");
          echo.complete(peer.read());
          afterEcho.complete(peer.read());
        });
    var socket = open(Map.of());

    assertThat(listener.next()).isEqualTo(new Closed(1011, "NET-0000 internal"));
    var frame = echo.get(5, TimeUnit.SECONDS);
    assertThat(frame.opcode()).isEqualTo(0x8);
    assertThat(frame.masked()).isTrue();
    assertThat(frame.closeCode()).isEqualTo(1011);
    assertThat(afterEcho.get(5, TimeUnit.SECONDS)).as("the end of the stream").isNull();
    assertThatThrownBy(() -> socket.sendText("late")).isInstanceOf(IOException.class);
  }

  @Test
  void aCloseFromTheClientWaitsForTheServersAnswer() throws Exception {
    var close = new CompletableFuture<WebSocketPeer.Frame>();
    serve(
        peer -> {
          var frame = peer.read();
          close.complete(frame);
          peer.sendClose(frame.closeCode(), "");
          peer.read();
        });
    var socket = open(Map.of());
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");

    var frame = close.get(5, TimeUnit.SECONDS);
    assertThat(frame.closeCode()).isEqualTo(1000);
    assertThat(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8))
        .isEqualTo("done");
    assertThat(listener.next()).isEqualTo(new Closed(1000, ""));
    assertThatThrownBy(() -> socket.sendText("late")).isInstanceOf(IOException.class);
  }

  @Test
  void abortUnblocksTheReaderAndTheListenerHearsNothingMore() throws Exception {
    var end = new CompletableFuture<WebSocketPeer.Frame>();
    serve(peer -> end.complete(peer.read()));
    var socket = open(Map.of());
    socket.abort();

    assertThat(end.get(5, TimeUnit.SECONDS)).as("the end of the stream").isNull();
    assertThatThrownBy(() -> socket.sendText("late")).isInstanceOf(IOException.class);
    assertThat(listener.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void abortDuringTheHandshakeFailsConnectAtOnce() throws Exception {
    server = new ScriptedServer(peer -> Thread.sleep(10_000));
    var socket = client().newWebSocket(uri(), Map.of(), listener);
    var connecting =
        CompletableFuture.runAsync(
            () -> {
              try {
                socket.connect();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    Thread.sleep(200);
    socket.abort();

    assertThatThrownBy(() -> connecting.get(2, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IOException.class)
        .hasMessageContaining("aborted");
  }

  @Test
  void aMessageOverTheLimitFailsTheSocketWithCode1009() throws Exception {
    var close = new CompletableFuture<WebSocketPeer.Frame>();
    serve(
        peer -> {
          peer.send(false, 0x1, new byte[600]);
          peer.send(true, 0x0, new byte[600]);
          close.complete(peer.read());
        });
    var socket =
        new WebSocketClient(WAIT, null, Duration.ZERO, 1_000)
            .newWebSocket(uri(), Map.of(), listener);
    socket.connect();

    var failed = (Failed) listener.next();
    assertThat(failed.error()).isInstanceOf(ProtocolException.class).hasMessageContaining("1000");
    assertThat(close.get(5, TimeUnit.SECONDS).closeCode()).isEqualTo(1009);
  }

  @Test
  void aReplacementCharacterTheServerSentIsText() throws Exception {
    serve(
        peer -> {
          peer.send(true, 0x1, "caf\uFFFD".getBytes(StandardCharsets.UTF_8));
          peer.read();
        });
    var socket = open(Map.of());

    assertThat(listener.next()).isEqualTo(new Text("caf\uFFFD"));
    socket.abort();
  }

  @Test
  void invalidUtf8FailsTheSocketWithCode1007() throws Exception {
    var close = new CompletableFuture<WebSocketPeer.Frame>();
    serve(
        peer -> {
          peer.send(true, 0x1, new byte[] {'c', 'a', 'f', (byte) 0xC3, '('});
          close.complete(peer.read());
        });
    open(Map.of());

    var failed = (Failed) listener.next();
    assertThat(failed.error()).isInstanceOf(ProtocolException.class).hasMessageContaining("UTF-8");
    assertThat(close.get(5, TimeUnit.SECONDS).closeCode()).isEqualTo(1007);
  }

  @Test
  void aMaskedFrameFromTheServerIsAProtocolError() throws Exception {
    var close = new CompletableFuture<WebSocketPeer.Frame>();
    serve(
        peer -> {
          peer.sendRaw(0x81, true, "hi".getBytes(StandardCharsets.UTF_8));
          close.complete(peer.read());
        });
    open(Map.of());

    assertThat(((Failed) listener.next()).error()).isInstanceOf(ProtocolException.class);
    assertThat(close.get(5, TimeUnit.SECONDS).closeCode()).isEqualTo(1002);
  }

  @Test
  void theEndOfTheStreamWithoutACloseFrameIsAnError() throws Exception {
    serve(peer -> peer.sendText("last words"));
    open(Map.of());

    assertThat(listener.next()).isEqualTo(new Text("last words"));
    assertThat(((Failed) listener.next()).error()).isInstanceOf(EOFException.class);
  }

  @Test
  void theReadIdleTimeoutFailsASilentSocket() throws Exception {
    serve(peer -> peer.read());
    new WebSocketClient(WAIT, null, Duration.ofMillis(200), 1_000)
        .newWebSocket(uri(), Map.of(), listener)
        .connect();

    assertThat(((Failed) listener.next()).error()).isInstanceOf(SocketTimeoutException.class);
  }

  private interface PeerScript {
    void serve(WebSocketPeer peer) throws Exception;
  }

  private void serve(PeerScript script) throws IOException {
    serveWithAccept(null, script);
  }

  private void serveWithAccept(String accept, PeerScript script) throws IOException {
    server = new ScriptedServer(peer -> script.serve(WebSocketPeer.accept(server, peer, accept)));
  }

  private WebSocket open(Map<String, String> headers) throws IOException {
    var socket = client().newWebSocket(uri(), headers, listener);
    socket.connect();
    return socket;
  }

  private static WebSocketClient client() {
    return new WebSocketClient(WAIT);
  }

  private URI uri() {
    var port = server.uri().getPort();
    return URI.create("ws://127.0.0.1:" + port + "/v1/listen?model=nova-3&language=es");
  }
}
