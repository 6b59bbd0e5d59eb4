package dev.parley.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST and WebSocket calls against the running server, as one learner. */
final class LearnerClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  final String learner;

  LearnerClient(int port, String learner) {
    this.port = port;
    this.learner = learner;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode getJson(String path) throws Exception {
    var response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  HttpResponse<String> post(String path, Object body) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String startSession(String characterId) throws Exception {
    var response = post("/api/sessions", java.util.Map.of("characterId", characterId));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("session").get("id").asString();
  }

  Socket connect(String sessionId) throws Exception {
    var socket = new Socket();
    socket.ws =
        http.newWebSocketBuilder()
            .header("X-Parley-Learner", learner)
            .buildAsync(URI.create("ws://localhost:" + port + "/ws/sessions/" + sessionId), socket)
            .get(10, TimeUnit.SECONDS);
    return socket;
  }

  static String code(HttpResponse<String> response) {
    return JSON.readTree(response.body()).get("code").asString();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-Parley-Learner", learner);
  }

  /** A session socket that keeps every event it receives, in order. */
  static final class Socket implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    final List<JsonNode> seen = new ArrayList<>();
    private final java.util.Set<JsonNode> returned =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    WebSocket ws;

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

    void send(Object event) throws Exception {
      ws.sendText(JSON.writeValueAsString(event), true).get(10, TimeUnit.SECONDS);
    }

    /** Waits (10 s at most) for the first matching event not returned before. */
    JsonNode await(String type, Predicate<JsonNode> matching) throws InterruptedException {
      Predicate<JsonNode> wanted =
          e -> !returned.contains(e) && e.get("type").asString().equals(type) && matching.test(e);
      var found = seen.stream().filter(wanted).findFirst().orElse(null);
      while (found == null) {
        var event = received.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a %s event within 10 s; got %s", type, seen).isNotNull();
        seen.add(event);
        if (wanted.test(event)) {
          found = event;
        }
      }
      returned.add(found);
      return found;
    }

    JsonNode await(String type) throws InterruptedException {
      return await(type, e -> true);
    }

    /** The feedback event of a turn. */
    JsonNode feedback(int number) throws InterruptedException {
      return await("feedback", e -> e.get("number").asInt() == number);
    }

    boolean sawType(String type) {
      return seen.stream().anyMatch(e -> e.get("type").asString().equals(type));
    }

    @Override
    public void close() {
      ws.abort();
    }
  }
}
