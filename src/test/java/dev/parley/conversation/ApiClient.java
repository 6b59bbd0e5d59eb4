package dev.parley.conversation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain JDK HTTP calls against the running server, as one learner. */
final class ApiClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String learner;

  ApiClient(int port, String learner) {
    this.base = "http://localhost:" + port;
    this.learner = learner;
  }

  ApiClient as(String otherLearner) {
    return new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherLearner);
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, "application/json");
  }

  HttpResponse<String> post(String path, String body, String accept) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a message asking for Server-Sent Events; the caller reads (and closes) the lines. */
  HttpResponse<Stream<String>> postForEvents(String path, String body) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofLines());
  }

  /** A new session with the given character; returns its id. */
  String startSession(String characterId) throws Exception {
    var response = post("/api/sessions", "{\"characterId\":\"" + characterId + "\"}");
    if (response.statusCode() != 201) {
      throw new AssertionError("Could not start a session: " + response.body());
    }
    return json(response).get("session").get("id").asString();
  }

  static String message(String text) {
    return JSON.writeValueAsString(java.util.Map.of("text", text));
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** One Server-Sent Event: its name and its JSON data. */
  record Event(String name, JsonNode data) {}

  /** Reads events until {@code turn.completed} or {@code error}. */
  static List<Event> readTurn(HttpResponse<Stream<String>> response) {
    var events = new ArrayList<Event>();
    try (var lines = response.body()) {
      var iterator = lines.iterator();
      String name = null;
      var data = new StringBuilder();
      while (iterator.hasNext()) {
        var line = iterator.next();
        if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5));
        } else if (line.isEmpty() && name != null) {
          var event = new Event(name, JSON.readTree(data.toString()));
          events.add(event);
          if (name.equals("turn.completed") || name.equals("error")) {
            return events;
          }
          name = null;
          data.setLength(0);
        }
      }
    }
    return events;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-Parley-Learner", learner);
  }
}
