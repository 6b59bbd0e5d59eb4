package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's moderation protocol ({@code POST /v1/moderations}): {@code {"model","input"}} in, {@code
 * {"id","model","results":[{"flagged","categories":{name:bool},"category_scores":{name:number}}]}}
 * out, errors as {@code {"error":{"message","type","param","code"}}}. Inputs flag the categories
 * set for them with {@link #flag}; enqueued failures and delays answer the next requests.
 */
public final class FakeOpenAiModerationServer implements AutoCloseable {

  /** The categories of omni-moderation-latest. */
  public static final List<String> CATEGORIES =
      List.of(
          "harassment",
          "harassment/threatening",
          "hate",
          "hate/threatening",
          "illicit",
          "illicit/violent",
          "self-harm",
          "self-harm/intent",
          "self-harm/instructions",
          "sexual",
          "sexual/minors",
          "violence",
          "violence/graphic");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What a request carried. */
  public record Request(String authorization, JsonNode body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Set<String>> flagged = new ConcurrentHashMap<>();
  private final Deque<Object> script = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public FakeOpenAiModerationServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/moderations", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return "http://"
        + server.getAddress().getHostString()
        + ":"
        + server.getAddress().getPort()
        + "/v1";
  }

  /** Requests whose input contains {@code fragment} are flagged with these provider categories. */
  public void flag(String fragment, String... categories) {
    flagged.put(fragment, Set.of(categories));
  }

  /** The next request fails with this status and OpenAI's error body. */
  public synchronized void enqueueFailure(int status) {
    script.add(status);
  }

  /** The next request is answered only after this delay. */
  public synchronized void enqueueDelay(Duration delay) {
    script.add(delay);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized void reset() {
    flagged.clear();
    script.clear();
    requests.clear();
  }

  private synchronized Object nextStep() {
    return script.poll();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), body));
      var step = nextStep();
      if (step instanceof Integer status) {
        var type =
            status == 429
                ? "rate_limit_exceeded"
                : status == 401 ? "invalid_request_error" : "server_error";
        send(
            exchange,
            status,
            Map.of(
                "error",
                obj(
                    "message",
                    "Fake failure " + status,
                    "type",
                    type,
                    "param",
                    null,
                    "code",
                    null)));
        return;
      }
      if (step instanceof Duration delay) {
        Thread.sleep(delay);
      }
      var input = body.path("input").asString("");
      var categories = new LinkedHashMap<String, Object>();
      var scores = new LinkedHashMap<String, Object>();
      boolean any = false;
      for (var category : CATEGORIES) {
        boolean on =
            flagged.entrySet().stream()
                .anyMatch(e -> input.contains(e.getKey()) && e.getValue().contains(category));
        any |= on;
        categories.put(category, on);
        scores.put(category, on ? 0.93 : 0.0004);
      }
      send(
          exchange,
          200,
          obj(
              "id", "modr-fake",
              "model", body.path("model").asString("omni-moderation-latest"),
              "results",
                  List.of(
                      obj("flagged", any, "categories", categories, "category_scores", scores))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (timeout): nothing to answer
    }
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    var bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, Object> obj(Object... keysAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
