package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.llm.ChatMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback HTTP server standing in for a paid LLM provider. Subclasses speak one vendor's wire
 * protocol; this class owns the server, the script of replies and failures, and the record of
 * requests. Scripted like {@link ScriptedChatModel}: enqueued steps answer requests in order, then
 * the default reply answers every further request.
 */
public abstract class FakeLlmServer implements AutoCloseable {

  protected static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> DEFAULT_REPLY = List.of("Hello", " there", ".");
  /** Room for the connection bursts of a benchmark with a thousand sessions. */
  private static final int BACKLOG = 1_024;

  /** What a request received, with the conversation parsed back into Parley's messages. */
  public record RecordedRequest(
      String method,
      String path,
      Map<String, List<String>> headers,
      String body,
      JsonNode json,
      List<ChatMessage> messages) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private sealed interface Step {}

  private record Reply(List<String> chunks, Duration delay) implements Step {}

  private record Failure(int status) implements Step {}

  /** How the provider frames one streamed reply. */
  protected interface StreamWriter {

    void start() throws IOException;

    void chunk(String text) throws IOException;

    void end(int promptTokens, int completionTokens) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Deque<Step> script = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile boolean keepRequests = true;
  private volatile List<String> defaultReply = DEFAULT_REPLY;
  private volatile Duration tokenDelay = Duration.ZERO;
  private volatile Duration firstTokenDelay;

  protected FakeLlmServer(String... paths) {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a loopback server", e);
    }
    for (String path : paths) {
      server.createContext(path, this::handle);
    }
    server.setExecutor(executor);
    server.start();
  }

  /** Where the vendor's client should point, as it expects its base URL. */
  public abstract String baseUrl();

  protected String root() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** The next request is answered with these chunks, streamed in order. */
  public synchronized FakeLlmServer enqueueReply(String... chunks) {
    script.add(new Reply(List.of(chunks), null));
    return this;
  }

  /** The next request is answered with {@code chunks} numbered words, {@code delay} apart. */
  public synchronized FakeLlmServer enqueueSlowReply(int chunks, Duration delay) {
    var words = IntStream.range(0, chunks).mapToObj(i -> "word" + i + " ").toList();
    script.add(new Reply(words, delay));
    return this;
  }

  /** The next request fails with this HTTP status and the vendor's error body. */
  public synchronized FakeLlmServer enqueueFailure(int httpStatus) {
    script.add(new Failure(httpStatus));
    return this;
  }

  /** Answers every request when nothing is enqueued. */
  public FakeLlmServer defaultReply(String... chunks) {
    defaultReply = List.of(chunks);
    return this;
  }

  /**
   * Time between chunks (each due this long after the previous was due) of replies that have no
   * delay of their own.
   */
  public FakeLlmServer tokenDelay(Duration delay) {
    tokenDelay = delay;
    return this;
  }

  /**
   * Time from the request's arrival to the first chunk of replies that have no delay of their own,
   * instead of {@link #tokenDelay}: the provider's time to first token.
   */
  public FakeLlmServer firstTokenDelay(Duration delay) {
    firstTokenDelay = delay;
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

  public synchronized void reset() {
    script.clear();
    requests.clear();
    keepRequests = true;
    defaultReply = DEFAULT_REPLY;
    tokenDelay = Duration.ZERO;
    firstTokenDelay = null;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** The conversation in the vendor's request body, as Parley messages. */
  protected abstract List<ChatMessage> parseMessages(JsonNode body);

  protected abstract boolean isStreaming(String path, JsonNode body);

  protected abstract String streamContentType();

  protected abstract StreamWriter streamWriter(OutputStream out, JsonNode body);

  /** The vendor's error body for a failed request. */
  protected abstract String errorBody(int status);

  /** A whole reply in one response, for vendors whose clients also call without streaming. */
  protected String completeResponse(JsonNode body, String text, int promptTokens, int completionTokens) {
    return null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    ProviderMarks.mark(ProviderMarks.LLM_REQUEST, arrived);
    try (exchange) {
      var raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var json = raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
      var path = exchange.getRequestURI().toString();
      if (keepRequests) {
        requests.add(
            new RecordedRequest(
                exchange.getRequestMethod(),
                path,
                Map.copyOf(exchange.getRequestHeaders()),
                raw,
                json,
                parseMessages(json)));
      }
      switch (nextStep()) {
        case Failure failure -> send(exchange, failure.status(), errorBody(failure.status()));
        case Reply reply -> answer(exchange, path, json, reply, arrived);
      }
    }
  }

  private synchronized Step nextStep() {
    return script.isEmpty() ? new Reply(defaultReply, null) : script.poll();
  }

  /**
   * Each token is due at a fixed time after the request arrived (first-token delay, then one token
   * delay per token), so the fake's own parsing and sleep overshoot do not add up over a reply and
   * get counted as the client's latency.
   */
  private void answer(HttpExchange exchange, String path, JsonNode body, Reply reply, long arrived)
      throws IOException {
    int promptTokens = promptTokens(body);
    if (!isStreaming(path, body)) {
      var response =
          completeResponse(body, String.join("", reply.chunks()), promptTokens, reply.chunks().size());
      if (response == null) {
        send(exchange, 400, errorBody(400));
      } else {
        send(exchange, 200, response);
      }
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", streamContentType());
    exchange.sendResponseHeaders(200, 0);
    var out = exchange.getResponseBody();
    var writer = streamWriter(out, body);
    var delay = reply.delay() == null ? tokenDelay : reply.delay();
    var firstDelay = reply.delay() == null && firstTokenDelay != null ? firstTokenDelay : delay;
    try {
      writer.start();
      out.flush();
      long due = arrived;
      boolean first = true;
      for (String chunk : reply.chunks()) {
        due += (first ? firstDelay : delay).toNanos();
        first = false;
        // Written into the response's buffer before the delay, sent by the flush after it.
        writer.chunk(chunk);
        Delays.sleepUntil(due);
        // Marked before the write: a client may answer before this thread runs again.
        ProviderMarks.late(ProviderMarks.LLM_TOKEN, due);
        ProviderMarks.mark(ProviderMarks.LLM_TOKEN);
        out.flush();
      }
      writer.end(promptTokens, reply.chunks().size());
      out.flush();
    } catch (IOException e) {
      // The client hung up (a cancelled stream): nothing left to send.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A rough token count of the request's messages: its words. */
  protected int promptTokens(JsonNode body) {
    return Math.max(
        1,
        parseMessages(body).stream()
            .mapToInt(message -> message.text().split("\\s+").length)
            .sum());
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    var bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  protected static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Text of a content field that is either a string or an array of {type:text, text} parts. */
  protected static String text(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (content.isString()) {
      return content.asString();
    }
    var parts = new ArrayList<String>();
    content.forEach(part -> parts.add(part.path("text").asString("")));
    return String.join("", parts);
  }

  protected static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** A JSON object from alternating keys and values; unlike Map.of it keeps order and nulls. */
  protected static Map<String, Object> obj(Object... keysAndValues) {
    var map = new java.util.LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  protected static ChatMessage message(String role, String text) {
    return switch (role) {
      case "system", "developer" -> ChatMessage.system(text);
      case "user" -> ChatMessage.user(text);
      case "assistant", "model" -> ChatMessage.assistant(text);
      default -> throw new IllegalArgumentException("Unknown role " + role);
    };
  }
}
