package dev.parley.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback file host speaking plain HTTP/1.1 like a model hub: serves one generated file at any
 * path, honours {@code Range: bytes=N-} with 206, answers 404 for paths containing "missing", and
 * for paths under /redirect/ answers 302 with Hugging Face's X-Linked-ETag and X-Linked-Size.
 */
final class ModelFileServer implements AutoCloseable {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  final byte[] content;

  /** The Range header of every file request, or "none". */
  final List<String> ranges = new CopyOnWriteArrayList<>();

  final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;
  private volatile int responsesToCut;
  private volatile int cutAfterBytes;
  private volatile boolean ignoreRange;
  private volatile String linkedEtag;

  private ModelFileServer(byte[] content) throws IOException {
    this.content = content;
    this.linkedEtag = sha256(content);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  static ModelFileServer serving(int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return new ModelFileServer(bytes);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code count} file responses are cut off after {@code bytes} body bytes. */
  void cutResponses(int count, int bytes) {
    cutAfterBytes = bytes;
    responsesToCut = count;
  }

  void ignoreRange() {
    ignoreRange = true;
  }

  void linkedEtag(String etag) {
    linkedEtag = etag;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String path = exchange.getRequestURI().getPath();
    try (exchange) {
      if (path.contains("missing")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (path.startsWith("/redirect/")) {
        exchange.getResponseHeaders().add("Location", path.replaceFirst("^/redirect/", "/cdn/"));
        exchange.getResponseHeaders().add("X-Linked-ETag", "\"" + linkedEtag + "\"");
        exchange.getResponseHeaders().add("X-Linked-Size", String.valueOf(content.length));
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      serveFile(exchange);
    }
  }

  private void serveFile(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "none" : range);
    int start = 0;
    Matcher matcher = range == null || ignoreRange ? null : RANGE.matcher(range);
    if (matcher != null && matcher.matches()) {
      start = Integer.parseInt(matcher.group(1));
      if (start >= content.length) {
        exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      exchange
          .getResponseHeaders()
          .add(
              "Content-Range",
              "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
      exchange.sendResponseHeaders(206, content.length - start);
    } else {
      exchange.sendResponseHeaders(200, content.length);
    }
    OutputStream body = exchange.getResponseBody();
    if (responsesToCut > 0) {
      responsesToCut--;
      body.write(content, start, Math.min(cutAfterBytes, content.length - start));
      body.flush();
      // Closing short of the announced length makes the server drop the connection.
      return;
    }
    body.write(content, start, content.length - start);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
