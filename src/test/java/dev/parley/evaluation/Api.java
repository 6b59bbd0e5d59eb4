package dev.parley.evaluation;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain JDK HTTP and WebSocket calls against the running server, as one learner. */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  final String learner;

  Api(int port, String learner) {
    this.port = port;
    this.learner = learner;
  }

  Api as(String otherLearner) {
    return new Api(port, otherLearner);
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> put(String path, String body) throws Exception {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** Starts a session; {@code extra} is more JSON fields, e.g. {@code ,"level":"A2"}. */
  String startSession(String characterId, String extra) throws Exception {
    var response = post("/api/sessions", "{\"characterId\":\"" + characterId + "\"" + extra + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("session").get("id").asString();
  }

  /** Sends a message and waits for the stored turn. */
  void say(String sessionId, String text) throws Exception {
    var body = JSON.writeValueAsString(new Message(text));
    var response = post("/api/sessions/" + sessionId + "/messages", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  record Message(String text) {}

  static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo(code);
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

  private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-Parley-Learner", learner)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
  }

  /** The events a session's WebSocket receives. */
  static final class Socket implements WebSocket.Listener {
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
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

    /** The next event of this type, skipping others; fails after 20 s. */
    JsonNode next(String type) throws InterruptedException {
      while (true) {
        var event = received.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("a '" + type + "' event within 20 s").isNotNull();
        if (event.get("type").asString().equals(type)) {
          return event;
        }
      }
    }

    void abort() {
      ws.abort();
    }
  }
}
