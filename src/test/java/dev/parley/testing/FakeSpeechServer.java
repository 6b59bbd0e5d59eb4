package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback HTTP server standing in for a paid speech vendor. Subclasses speak one vendor's wire
 * protocol (where the request goes, how it authenticates, what a valid body is, how errors look);
 * this class records requests and streams generated PCM16 back with HTTP chunked encoding: a tone
 * about 60 ms per character of text, cut into chunks of an odd number of bytes (as networks cut
 * them), after an optional time to first byte and with an optional pause between chunks, so
 * benchmarks can stand in for a vendor's latency.
 */
public abstract class FakeSpeechServer implements AutoCloseable {

  protected static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration PER_CHARACTER = Duration.ofMillis(60);
  private static final Duration SHORTEST = Duration.ofMillis(400);
  private static final Duration LONGEST = Duration.ofSeconds(60);
  private static final Map<Integer, byte[]> TONES = new ConcurrentHashMap<>();

  /** What a request carried. */
  public record RecordedRequest(
      String method,
      String path,
      Map<String, String> query,
      Map<String, List<String>> headers,
      String body,
      JsonNode json) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    public String query(String name) {
      return query.get(name);
    }
  }

  /** Why a request breaks the vendor's protocol: the vendor's status and message. */
  protected record Rejection(int status, String message) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile boolean keepRequests = true;
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger aborted = new AtomicInteger();
  private volatile Duration firstByteDelay = Duration.ZERO;
  private volatile Duration chunkDelay = Duration.ZERO;
  private volatile int chunkBytes = 3_001;

  protected FakeSpeechServer(String path) {
    try {
      // A deep backlog for the connection bursts of a benchmark with a thousand sessions.
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_024);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a loopback server", e);
    }
    server.createContext(path, this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Where the adapter should point, as the vendor's clients spell their base URL. */
  public abstract String baseUrl();

  protected String root() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** Time from the request's arrival to the response's start: the vendor's time to first byte. */
  public FakeSpeechServer firstByteDelay(Duration delay) {
    firstByteDelay = delay;
    return this;
  }

  /**
   * Time between audio chunks, each due this long after the previous was due; 0 sends the whole
   * sentence as fast as the socket takes it.
   */
  public FakeSpeechServer chunkDelay(Duration delay) {
    chunkDelay = delay;
    return this;
  }

  /** Bytes per chunk; odd by default so samples straddle chunk boundaries. */
  public FakeSpeechServer chunkBytes(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("chunk size must be positive");
    }
    chunkBytes = bytes;
    return this;
  }

  /** The next request fails with this HTTP status and the vendor's error body. */
  public synchronized FakeSpeechServer enqueueFailure(int status) {
    failures.add(status);
    return this;
  }

  /**
   * Whether to record what arrives for {@code requests()} (the default). A
   * benchmark's thousands of requests would otherwise pile up in memory.
   */
  public void keepRequests(boolean keep) {
    keepRequests = keep;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public RecordedRequest lastRequest() {
    return requests.isEmpty() ? null : requests.getLast();
  }

  /** Responses streamed to their end. */
  public int completedStreams() {
    return completed.get();
  }

  /** Responses the client hung up on before their end. */
  public int abortedStreams() {
    return aborted.get();
  }

  public synchronized void reset() {
    failures.clear();
    requests.clear();
    keepRequests = true;
    completed.set(0);
    aborted.set(0);
    firstByteDelay = Duration.ZERO;
    chunkDelay = Duration.ZERO;
    chunkBytes = 3_001;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Whether the request carries the vendor's credentials at all. */
  protected abstract boolean authenticated(RecordedRequest request);

  /** The vendor's complaint about a malformed request, or null when it is fine. */
  protected abstract Rejection validate(RecordedRequest request);

  /** The text to speak, from a valid request. */
  protected abstract String text(RecordedRequest request);

  /** The sample rate the request asked for (or the vendor's fixed one). */
  protected abstract int sampleRate(RecordedRequest request);

  /** The vendor's error body. */
  protected abstract String errorBody(int status, String message);

  protected String contentType(RecordedRequest request) {
    return "audio/pcm";
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    ProviderMarks.mark(ProviderMarks.TTS_REQUEST, arrived);
    try (exchange) {
      var request = record(exchange);
      if (keepRequests) {
        requests.add(request);
      }
      var failure = nextFailure();
      if (failure != null) {
        send(exchange, failure, errorBody(failure, "Fake failure " + failure));
        return;
      }
      if (!authenticated(request)) {
        send(exchange, 401, errorBody(401, "Missing or invalid credentials"));
        return;
      }
      var rejection = validate(request);
      if (rejection != null) {
        send(exchange, rejection.status(), errorBody(rejection.status(), rejection.message()));
        return;
      }
      stream(exchange, request, arrived);
    }
  }

  /**
   * The first byte is due a fixed time after the request arrived, and each later chunk one chunk
   * delay after the one before it was due, so the fake's own parsing and tone making do not count
   * as the client's latency.
   */
  private void stream(HttpExchange exchange, RecordedRequest request, long arrived)
      throws IOException {
    int rate = sampleRate(request);
    var audio = longestTone(rate);
    int length = toneBytes(text(request), rate);
    try {
      long due = arrived + firstByteDelay.toNanos();
      Delays.sleepUntil(due);
      exchange.getResponseHeaders().set("Content-Type", contentType(request));
      exchange.sendResponseHeaders(200, 0);
      var out = exchange.getResponseBody();
      int size = chunkBytes;
      for (int at = 0; at < length; at += size) {
        if (at > 0) {
          due += chunkDelay.toNanos();
          Delays.sleepUntil(due);
        }
        if (at == 0) {
          ProviderMarks.late(ProviderMarks.TTS_FIRST_BYTE, due);
          ProviderMarks.mark(ProviderMarks.TTS_FIRST_BYTE);
        }
        out.write(audio, at, Math.min(size, length - at));
        out.flush();
      }
      out.close();
      completed.incrementAndGet();
    } catch (IOException e) {
      // The client hung up: a cancelled stream.
      aborted.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A 220 Hz tone with a harmonic, long enough to say {@code text}, as PCM16 little-endian. */
  public static byte[] tone(String text, int sampleRate) {
    return Arrays.copyOf(longestTone(sampleRate), toneBytes(text, sampleRate));
  }

  private static int toneBytes(String text, int sampleRate) {
    var length = PER_CHARACTER.multipliedBy(text.length());
    length =
        length.compareTo(SHORTEST) < 0
            ? SHORTEST
            : length.compareTo(LONGEST) > 0 ? LONGEST : length;
    return (int) (sampleRate * length.toMillis() / 1000) * 2;
  }

  /**
   * Every tone is the start of the longest one, made once per sample rate: under a benchmark's
   * load, making each reply's tone anew took a third of the benchmark's CPU.
   */
  private static byte[] longestTone(int sampleRate) {
    return TONES.computeIfAbsent(
        sampleRate,
        rate -> {
          int samples = (int) (rate * LONGEST.toMillis() / 1000);
          var buffer = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
          for (int i = 0; i < samples; i++) {
            double t = i / (double) rate;
            double value =
                0.25 * Math.sin(2 * Math.PI * 220 * t) + 0.08 * Math.sin(2 * Math.PI * 660 * t);
            buffer.putShort((short) Math.round(value * 32767));
          }
          return buffer.array();
        });
  }

  private synchronized Integer nextFailure() {
    return failures.poll();
  }

  private static RecordedRequest record(HttpExchange exchange) throws IOException {
    var raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
    } catch (RuntimeException notJson) {
      json = JSON.createObjectNode();
    }
    var uri = exchange.getRequestURI();
    return new RecordedRequest(
        exchange.getRequestMethod(),
        uri.getRawPath(),
        query(uri.getRawQuery()),
        Map.copyOf(exchange.getRequestHeaders()),
        raw,
        json);
  }

  private static Map<String, String> query(String raw) {
    var query = new LinkedHashMap<String, String>();
    if (raw == null || raw.isBlank()) {
      return query;
    }
    for (var pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      var name = eq < 0 ? pair : pair.substring(0, eq);
      var value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(decode(name), decode(value));
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    var bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  protected static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** A JSON object from alternating keys and values, in order. */
  protected static Map<String, Object> obj(Object... keysAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  protected static boolean isBlank(JsonNode node) {
    return node == null || !node.isString() || node.asString().isBlank();
  }
}
