package dev.parley.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that answers with exactly the bytes a test scripts: each accepted
 * connection runs the script on its own thread, with the connection's number (from 0).
 */
final class ScriptedServer implements AutoCloseable {

  interface Script {
    void serve(Peer connection) throws Exception;
  }

  /** One accepted connection and what arrived on it. */
  static final class Peer {
    final int number;
    final Socket socket;
    private final InputStream in;

    Peer(int number, Socket socket) throws IOException {
      this.number = number;
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    /** The next request's head and body, or null if the client closed the connection. */
    String readRequest() throws IOException {
      var head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        var text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r\n\r\n")) {
          int length = contentLength(text);
          return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
      }
      return null;
    }

    void write(String text) throws IOException {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
    }

    private static int contentLength(String head) {
      for (var line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring(15).strip());
        }
      }
      return 0;
    }
  }

  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  final List<String> requests = new CopyOnWriteArrayList<>();

  ScriptedServer(Script script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  var socket = server.accept();
                  var connection = new Peer(connections.getAndIncrement(), socket);
                  Thread.ofVirtual().start(() -> run(script, connection));
                } catch (IOException closed) {
                  return;
                }
              }
            });
  }

  private void run(Script script, Peer connection) {
    try (var socket = connection.socket) {
      script.serve(connection);
    } catch (Exception ignored) {
      // The client went away; the test looks at what the client saw.
    }
  }

  /** Reads a request and remembers it. */
  String take(Peer connection) throws IOException {
    var request = connection.readRequest();
    if (request != null) {
      requests.add(request);
    }
    return request;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/things?x=1");
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
