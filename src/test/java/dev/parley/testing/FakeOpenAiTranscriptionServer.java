package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.voice.audio.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's transcription endpoint ({@code POST /v1/audio/transcriptions}, multipart/form-data with
 * a {@code file} and form fields) on loopback, as OpenAI, Groq and local whisper servers speak it.
 * The uploaded WAV is decoded and recorded; replies are scripted {@code {"text": ...}} bodies or
 * OpenAI error bodies.
 */
public final class FakeOpenAiTranscriptionServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

  /**
   * One request: its form fields (the file's name and type under {@code file.filename} and {@code
   * file.content-type}), and the uploaded audio decoded, or null when it was no valid WAV.
   */
  public record RecordedRequest(
      String method,
      String path,
      Map<String, List<String>> headers,
      Map<String, String> fields,
      byte[] file,
      Wav.Clip clip) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    public String field(String name) {
      return fields.get(name);
    }

    public double audioMillis() {
      return clip == null ? 0 : clip.durationMillis();
    }
  }

  private sealed interface Step {}

  private record Reply(String text) implements Step {}

  private record Failure(int status) implements Step {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Deque<Step> script = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  private FakeOpenAiTranscriptionServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a loopback server", e);
    }
    server.createContext("/v1/audio/transcriptions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static FakeOpenAiTranscriptionServer start() {
    return new FakeOpenAiTranscriptionServer();
  }

  /** Ends in {@code /v1}, as OpenAI clients expect. */
  public String baseUrl() {
    return "http://"
        + server.getAddress().getHostString()
        + ":"
        + server.getAddress().getPort()
        + "/v1";
  }

  /** The next request is answered with this transcript. */
  public synchronized FakeOpenAiTranscriptionServer enqueueTranscript(String text) {
    script.add(new Reply(text));
    return this;
  }

  /** The next request fails with this HTTP status and OpenAI's error body. */
  public synchronized FakeOpenAiTranscriptionServer enqueueFailure(int httpStatus) {
    script.add(new Failure(httpStatus));
    return this;
  }

  /** Forgets the script and the recorded requests. */
  public synchronized void reset() {
    script.clear();
    requests.clear();
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public RecordedRequest lastRequest() {
    return requests.isEmpty() ? null : requests.getLast();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private synchronized Step nextStep() {
    return script.isEmpty() ? new Reply("Hello there.") : script.poll();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var body = exchange.getRequestBody().readAllBytes();
      var contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      var boundary = contentType == null ? null : BOUNDARY.matcher(contentType);
      if (!"POST".equals(exchange.getRequestMethod()) || boundary == null || !boundary.find()) {
        send(exchange, 400, error(400, "Expected a multipart/form-data POST"));
        return;
      }
      var fields = new LinkedHashMap<String, String>();
      byte[] file = parseMultipart(body, boundary.group(1), fields);
      Wav.Clip clip = null;
      if (file != null) {
        try {
          clip = Wav.decode(file);
        } catch (IllegalArgumentException e) {
          // Recorded as no clip; answered below as OpenAI answers an unreadable file.
        }
      }
      requests.add(
          new RecordedRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              Map.copyOf(fields),
              file,
              clip));
      if (clip == null || fields.get("model") == null) {
        send(exchange, 400, error(400, "Invalid file format or missing model."));
        return;
      }
      switch (nextStep()) {
        case Failure failure ->
            send(
                exchange,
                failure.status(),
                error(failure.status(), "Fake failure " + failure.status()));
        case Reply reply ->
            send(exchange, 200, JSON.writeValueAsString(Map.of("text", reply.text())));
      }
    }
  }

  /** Puts text parts into {@code fields}; returns the {@code file} part's bytes. */
  private static byte[] parseMultipart(byte[] body, String boundary, Map<String, String> fields) {
    var delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] file = null;
    int start = indexOf(body, delimiter, 0);
    while (start >= 0) {
      int partStart = start + delimiter.length;
      if (partStart + 2 <= body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
        break;
      }
      partStart += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, partStart);
      if (next < 0) {
        break;
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), partStart);
      var headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
      var content = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // CRLF before the delimiter
      var name = attribute(headers, "name");
      var filename = attribute(headers, "filename");
      if (filename != null) {
        fields.put(name + ".filename", filename);
        fields.put(name + ".content-type", header(headers, "content-type"));
        if ("file".equals(name)) {
          file = content;
        }
      } else {
        fields.put(name, new String(content, StandardCharsets.UTF_8));
      }
      start = next;
    }
    return file;
  }

  private static String attribute(String headers, String name) {
    var matcher = Pattern.compile("[; ]" + name + "=\"([^\"]*)\"").matcher(headers);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String header(String headers, String name) {
    for (var line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String error(int status, String message) {
    var type =
        status == 429
            ? "rate_limit_exceeded"
            : status >= 500 ? "server_error" : "invalid_request_error";
    var error = new LinkedHashMap<String, Object>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", null);
    error.put("code", null);
    return JSON.writeValueAsString(Map.of("error", error));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    var bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
