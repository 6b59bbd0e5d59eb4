package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One learner's REST calls and session WebSockets against the running server, for tests of features
 * outside {@code conversation} (whose own tests use its package-private ApiClient).
 */
public final class LearnerClient {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String learner;

  public LearnerClient(int port, String learner) {
    this.port = port;
    this.learner = learner;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Starts a session and returns its id. */
  public String startSession(String body) throws Exception {
    var response = post("/api/sessions", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("session").get("id").asString();
  }

  /** Sends a message and waits for the stored turn (JSON, not streamed). */
  public JsonNode say(String sessionId, String text) throws Exception {
    var response =
        post(
            "/api/sessions/" + sessionId + "/messages",
            JSON.writeValueAsString(java.util.Map.of("text", text)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  public JsonNode turns(String sessionId) throws Exception {
    return json(get("/api/sessions/" + sessionId + "/turns"));
  }

  public Socket connect(String sessionId) throws Exception {
    var socket = new Socket();
    socket.ws =
        http.newWebSocketBuilder()
            .header("X-Parley-Learner", learner)
            .buildAsync(URI.create("ws://localhost:" + port + "/ws/sessions/" + sessionId), socket)
            .get(10, TimeUnit.SECONDS);
    return socket;
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-Parley-Learner", learner);
  }

  /** A session WebSocket that queues the JSON events it receives. */
  public static final class Socket implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(JSON.readTree(text.toString()));
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    public void send(String json) throws Exception {
      ws.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    /** The next event of this type (others are skipped), within {@code timeout}. */
    public JsonNode next(String type, Duration timeout) throws InterruptedException {
      return next(e -> e.path("type").asString().equals(type), timeout, type);
    }

    public JsonNode next(Predicate<JsonNode> matches, Duration timeout, String what)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        var event = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertThat(event).as("a %s event within %s", what, timeout).isNotNull();
        if (matches.test(event)) {
          return event;
        }
      }
    }

    /** The next event of this type if one comes within {@code wait}, else null. */
    public JsonNode poll(String type, Duration wait) throws InterruptedException {
      long deadline = System.nanoTime() + wait.toNanos();
      JsonNode event;
      while ((event = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
        if (event.path("type").asString().equals(type)) {
          return event;
        }
      }
      return null;
    }

    @Override
    public void close() {
      ws.abort();
    }
  }
}
