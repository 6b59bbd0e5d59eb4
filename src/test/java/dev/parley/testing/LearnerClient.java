package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** How long {@link Socket#next(String)} waits: only a failing test ever waits this long. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String learner;

  public LearnerClient(int port, String learner) {
    this.port = port;
    this.learner = learner;
  }

  /** Another learner on the same server. */
  public LearnerClient as(String otherLearner) {
    return new LearnerClient(port, otherLearner);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  /** The JSON body of a GET that must succeed. */
  public JsonNode getJson(String path) throws Exception {
    var response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  /** Posts a JSON text as it is (an empty one for the endpoints that take no body). */
  public HttpResponse<String> post(String path, String json) throws Exception {
    return send(withBody(request(path)).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> post(String path, Map<String, ?> body) throws Exception {
    return post(path, JSON.writeValueAsString(body));
  }

  public HttpResponse<String> put(String path, String json) throws Exception {
    return send(withBody(request(path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Starts a session with this character and returns its id. */
  public String startSession(String characterId) throws Exception {
    return startSession(characterId, Map.of());
  }

  /** Starts a session with more request fields, e.g. the level, and returns its id. */
  public String startSession(String characterId, Map<String, ?> fields) throws Exception {
    var body = new LinkedHashMap<String, Object>();
    body.put("characterId", characterId);
    body.putAll(fields);
    var response = post("/api/sessions", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("session").get("id").asString();
  }

  /** Sends a message and waits for the stored turn (JSON, not streamed). */
  public JsonNode say(String sessionId, String text) throws Exception {
    var response = post("/api/sessions/" + sessionId + "/messages", Map.of("text", text));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  public JsonNode turns(String sessionId) throws Exception {
    return json(get("/api/sessions/" + sessionId + "/turns"));
  }

  public JsonNode lastTurn(String sessionId) throws Exception {
    var turns = turns(sessionId);
    return turns.get(turns.size() - 1);
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

  /** Asserts an error response: its status and the stable code in its problem body. */
  public static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response).get("code").asString()).isEqualTo(code);
  }

  private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-Parley-Learner", learner)
        .header("Accept", "application/json");
  }

  private static HttpRequest.Builder withBody(HttpRequest.Builder builder) {
    return builder.header("Content-Type", "application/json");
  }

  /**
   * A session WebSocket that keeps every event it receives, in order. A wait returns the first
   * matching event not returned before, even one that came while the test waited for another: the
   * server sends some events (a turn's feedback, its reply) in whichever order they are ready.
   */
  public static final class Socket implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final List<JsonNode> seen = new ArrayList<>();
    // By identity: two events may be equal JSON and still both be awaited.
    private final Set<JsonNode> returned = Collections.newSetFromMap(new IdentityHashMap<>());
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

    public void send(Map<String, ?> event) throws Exception {
      send(JSON.writeValueAsString(event));
    }

    /** The next event of this type, within {@link LearnerClient#WAIT}. */
    public JsonNode next(String type) throws InterruptedException {
      return next(type, WAIT);
    }

    public JsonNode next(String type, Duration timeout) throws InterruptedException {
      return next(ofType(type), timeout, type);
    }

    /** The next event of this type that also matches, within {@link LearnerClient#WAIT}. */
    public JsonNode next(String type, Predicate<JsonNode> matching) throws InterruptedException {
      return next(ofType(type).and(matching), WAIT, type);
    }

    /** The next matching event within {@code timeout}; {@code what} names it when none comes. */
    public JsonNode next(Predicate<JsonNode> matching, Duration timeout, String what)
        throws InterruptedException {
      var event = find(matching, timeout);
      assertThat(event).as("a %s event within %s; got %s", what, timeout, seen).isNotNull();
      return event;
    }

    /** The feedback event of a turn. */
    public JsonNode feedback(int number) throws InterruptedException {
      return next("feedback", e -> e.path("number").asInt() == number);
    }

    /** The next event of this type if one comes within {@code wait}, else null. */
    public JsonNode poll(String type, Duration wait) throws InterruptedException {
      return find(ofType(type), wait);
    }

    /** Whether an event of this type is among those read so far, returned or not. */
    public boolean saw(String type) {
      return seen.stream().anyMatch(ofType(type));
    }

    @Override
    public void close() {
      ws.abort();
    }

    private JsonNode find(Predicate<JsonNode> matching, Duration timeout)
        throws InterruptedException {
      Predicate<JsonNode> wanted = e -> !returned.contains(e) && matching.test(e);
      var found = seen.stream().filter(wanted).findFirst().orElse(null);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (found == null) {
        var event = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (event == null) {
          return null;
        }
        seen.add(event);
        if (wanted.test(event)) {
          found = event;
        }
      }
      returned.add(found);
      return found;
    }

    private static Predicate<JsonNode> ofType(String type) {
      return e -> e.path("type").asString().equals(type);
    }
  }
}
