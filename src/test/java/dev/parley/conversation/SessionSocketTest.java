package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.ScriptedChatModel;
import dev.parley.testing.ScriptedLlmConfig;
import dev.parley.testing.TestCharacters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The JSON conversation protocol over a real WebSocket (the JDK's client). */
@ParleyIntegrationTest
@Import({ScriptedLlmConfig.class, TestCharacters.class})
class SessionSocketTest {

  @LocalServerPort int port;
  @Autowired ScriptedChatModel model;
  ApiClient api;
  String learner;
  final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void setUp() {
    model.reset();
    learner = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    api = new ApiClient(port, learner);
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(Socket::abort);
  }

  @Test
  void conversationOverTheSocket() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    var socket = connect(id, learner);

    var ready = socket.next();
    assertThat(ready.get("type").asString()).isEqualTo("session.ready");
    assertThat(ready.get("session").get("id").asString()).isEqualTo(id);
    assertThat(ready.get("turns").get(0).get("reply").asString())
        .isEqualTo("¡Hola! ¿Qué te pongo?");

    model.enqueueReply("Un", " café", " solo", ".");
    socket.send("{\"type\":\"user.text\",\"text\":\"Un café solo\"}");
    var events = socket.untilTurnEnds();

    var types = events.stream().map(e -> e.get("type").asString()).toList();
    assertThat(types.getFirst()).isEqualTo("turn.started");
    assertThat(types.getLast()).isEqualTo("turn.completed");
    assertThat(types.subList(1, types.size() - 1)).isNotEmpty().containsOnly("reply.delta");
    var deltas = events.subList(1, events.size() - 1);
    // The first token goes at once; the others, generated within 50 ms of it, follow together.
    assertThat(deltas.getFirst().get("text").asString()).isEqualTo("Un");
    assertThat(deltas.stream().map(e -> e.get("text").asString()).collect(Collectors.joining()))
        .isEqualTo("Un café solo.");
    var completed = events.getLast();
    assertThat(completed.get("reply").asString()).isEqualTo("Un café solo.");
    var stored = ApiClient.json(api.get("/api/sessions/" + id + "/turns")).get(1);
    assertThat(stored.get("id").asString()).isEqualTo(completed.get("turnId").asString());
    assertThat(stored.get("status").asString()).isEqualTo("completed");

    socket.send("{\"type\":\"ping\",\"ref\":\"p1\"}");
    var pong = socket.next();
    assertThat(pong.get("type").asString()).isEqualTo("pong");
    assertThat(pong.get("ref").asString()).isEqualTo("p1");
  }

  @Test
  void tokensComingFasterThanTheTextIntervalShareAnEvent() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    var socket = connect(id, learner);
    socket.next();
    var tokens = new String[40];
    Arrays.fill(tokens, "sí ");
    model.enqueueReply(tokens);

    socket.send("{\"type\":\"user.text\",\"text\":\"Dime que sí\"}");
    var events = socket.untilTurnEnds();

    var deltas =
        events.stream().filter(e -> e.get("type").asString().equals("reply.delta")).toList();
    // Forty tokens in a burst: the first at once, the rest together (a stalled machine may split
    // them further, a 50 ms wait at a time).
    assertThat(deltas).hasSizeBetween(2, 9);
    assertThat(deltas.getFirst().get("text").asString()).isEqualTo("sí ");
    assertThat(deltas.stream().map(e -> e.get("text").asString()).collect(Collectors.joining()))
        .isEqualTo("sí ".repeat(40));
    assertThat(events.getLast().get("reply").asString()).isEqualTo("sí ".repeat(40));
  }

  @Test
  void interruptStoresThePartialReply() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    var socket = connect(id, learner);
    socket.next();
    model.tokenDelay(Duration.ofMillis(40));
    var tokens = new String[200];
    Arrays.fill(tokens, "sí ");
    model.enqueueReply(tokens);

    socket.send("{\"type\":\"user.text\",\"text\":\"Cuéntame algo largo\"}");
    assertThat(socket.next().get("type").asString()).isEqualTo("turn.started");
    var partial = new StringBuilder();
    partial.append(socket.next().get("text").asString());
    partial.append(socket.next().get("text").asString());
    socket.send("{\"type\":\"user.text\",\"text\":\"¿Otra?\"}");
    socket.send("{\"type\":\"interrupt\"}");
    var events = socket.untilTurnEnds();

    assertThat(events)
        .filteredOn(e -> e.get("type").asString().equals("error"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("code").asString()).isEqualTo("turn_in_progress"));
    events.stream()
        .filter(e -> e.get("type").asString().equals("reply.delta"))
        .forEach(e -> partial.append(e.get("text").asString()));
    var completed = events.getLast();
    assertThat(completed.get("type").asString()).isEqualTo("turn.completed");
    assertThat(completed.get("status").asString()).isEqualTo("interrupted");
    assertThat(completed.get("reply").asString()).isEqualTo(partial.toString());
    var stored = ApiClient.json(api.get("/api/sessions/" + id + "/turns")).get(1);
    assertThat(stored.get("status").asString()).isEqualTo("interrupted");
    assertThat(stored.get("reply").asString()).isEqualTo(partial.toString()).startsWith("sí sí ");
    assertThat(stored.get("reply").asString().length()).isLessThan(200 * 3);

    model.tokenDelay(Duration.ZERO);
    model.enqueueReply("Vale.");
    socket.send("{\"type\":\"user.text\",\"text\":\"Vale\"}");
    assertThat(socket.untilTurnEnds().getLast().get("reply").asString()).isEqualTo("Vale.");
  }

  @Test
  void disconnectingMidReplyInterruptsTheTurn() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    var socket = connect(id, learner);
    socket.next();
    model.tokenDelay(Duration.ofMillis(40));
    var tokens = new String[200];
    Arrays.fill(tokens, "no ");
    model.enqueueReply(tokens);
    socket.send("{\"type\":\"user.text\",\"text\":\"Habla\"}");
    socket.next();
    socket.next();

    socket.abort();

    await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> ApiClient.json(api.get("/api/sessions/" + id + "/turns")).size() == 2);
    var stored = ApiClient.json(api.get("/api/sessions/" + id + "/turns")).get(1);
    assertThat(stored.get("status").asString()).isEqualTo("interrupted");
    assertThat(stored.get("reply").asString()).startsWith("no ");
  }

  @Test
  void badClientEventsGetErrorsAndTheConnectionSurvives() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    var socket = connect(id, learner);
    socket.next();

    socket.send("{this is not json");
    assertError(socket.next(), "malformed_message");
    socket.send("[1,2]");
    assertError(socket.next(), "malformed_message");
    socket.send("{\"type\":\"dance\",\"ref\":\"r7\"}");
    var unknown = socket.next();
    assertError(unknown, "unknown_type");
    assertThat(unknown.get("ref").asString()).isEqualTo("r7");
    socket.send("{\"type\":\"user.text\",\"text\":\"" + "a".repeat(100 * 1024) + "\"}");
    assertError(socket.next(), "message_too_large");
    socket.send("{\"type\":\"user.text\",\"text\":\"" + "a".repeat(5000) + "\"}");
    assertError(socket.next(), "message_too_long");
    socket.send("{\"type\":\"user.text\",\"text\":\"  \"}");
    assertError(socket.next(), "message_blank");
    socket.sendBinary(new byte[64 * 1024]);
    assertError(socket.next(), "audio_not_started");

    socket.send("{\"type\":\"ping\"}");
    assertThat(socket.next().get("type").asString()).isEqualTo("pong");
    model.enqueueReply("Bien.");
    socket.send("{\"type\":\"user.text\",\"text\":\"¿Qué tal?\"}");
    assertThat(socket.untilTurnEnds().getLast().get("reply").asString()).isEqualTo("Bien.");
    assertThat(ApiClient.json(api.get("/api/sessions/" + id + "/turns"))).hasSize(2);
  }

  @Test
  void aMessageFarBeyondAnyLimitClosesTheSocket() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    var socket = connect(id, learner);
    socket.next();

    try {
      socket.sendBinary(new byte[300 * 1024]);
    } catch (ExecutionException e) {
      // The server may close the socket before the client has written the whole message.
      assertThat(e).hasCauseInstanceOf(IOException.class);
    }
    assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009); // message too big
  }

  @Test
  void learnersOnlyReachTheirOwnSessions() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);

    var intruder = connect(id, "intruder");
    var refused = intruder.next();
    assertError(refused, "session_not_found");
    assertThat(intruder.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008); // policy violation

    // The learner may also come from the query parameter, as browsers cannot set headers.
    var owner = connectWithQuery(id, learner);
    assertThat(owner.next().get("session").get("id").asString()).isEqualTo(id);
  }

  @Test
  void finishedSessionsRefuseNewTurns() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    api.post("/api/sessions/" + id + "/finish", "");
    var socket = connect(id, learner);
    assertThat(socket.next().get("session").get("status").asString()).isEqualTo("finished");

    socket.send("{\"type\":\"user.text\",\"text\":\"Hola\"}");
    assertError(socket.next(), "session_finished");
  }

  private static void assertError(JsonNode event, String code) {
    assertThat(event.get("type").asString()).as(event.toString()).isEqualTo("error");
    assertThat(event.get("code").asString()).isEqualTo(code);
    assertThat(event.get("message").asString()).isNotBlank();
  }

  private Socket connect(String sessionId, String learnerId) throws Exception {
    return open(
        HttpClient.newHttpClient().newWebSocketBuilder().header("X-Parley-Learner", learnerId),
        URI.create("ws://localhost:" + port + "/ws/sessions/" + sessionId));
  }

  private Socket connectWithQuery(String sessionId, String learnerId) throws Exception {
    return open(
        HttpClient.newHttpClient().newWebSocketBuilder(),
        URI.create(
            "ws://localhost:" + port + "/ws/sessions/" + sessionId + "?learner=" + learnerId));
  }

  private Socket open(WebSocket.Builder builder, URI uri) throws Exception {
    var socket = new Socket();
    socket.ws = builder.buildAsync(uri, socket).get(10, TimeUnit.SECONDS);
    sockets.add(socket);
    return socket;
  }

  /** A client connection that queues every received event. */
  static final class Socket implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(ApiClient.JSON.readTree(text.toString()));
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    void send(String json) throws Exception {
      ws.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] data) throws Exception {
      ws.sendBinary(java.nio.ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
    }

    JsonNode next() throws InterruptedException {
      var event = received.poll(10, TimeUnit.SECONDS);
      assertThat(event).as("an event within 10 s").isNotNull();
      return event;
    }

    /** Events up to and including the turn's {@code turn.completed} (or its failure). */
    List<JsonNode> untilTurnEnds() throws InterruptedException {
      var events = new ArrayList<JsonNode>();
      while (true) {
        var event = next();
        events.add(event);
        var type = event.get("type").asString();
        if (type.equals("turn.completed") || (type.equals("error") && event.has("turnId"))) {
          return events;
        }
      }
    }

    void abort() {
      ws.abort();
    }
  }
}
