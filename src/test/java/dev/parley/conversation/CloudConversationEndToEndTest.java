package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.llm.ChatMessage;
import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.ParleyIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole path a user takes, with nothing scripted inside the server: a built-in character from
 * its file, the real OpenAI-compatible adapter talking the wire protocol to a loopback server,
 * PostgreSQL, Server-Sent Events and the WebSocket.
 */
@ParleyIntegrationTest
class CloudConversationEndToEndTest {

  static final FakeOpenAiServer provider = FakeOpenAiServer.start();

  @DynamicPropertySource
  static void useTheFakeProvider(DynamicPropertyRegistry registry) {
    provider.serveAsChatModel(registry);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @LocalServerPort int port;
  ApiClient api;
  String learner;

  @BeforeEach
  void setUp() {
    provider.reset();
    learner = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    api = new ApiClient(port, learner);
  }

  @Test
  void aStreamedConversationWithABuiltInCharacterOverSse() throws Exception {
    var characters = api.get("/api/characters");
    assertThat(characters.body()).contains("\"barista-madrid\"").doesNotContain("Lavapiés");

    var created =
        api.post(
            "/api/sessions",
            "{\"characterId\":\"barista-madrid\",\"level\":\"A2\",\"nativeLanguage\":\"en\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    var id = ApiClient.json(created).get("session").get("id").asString();

    provider.enqueueReply("¡Claro!", " Un café", " con leche.", " ¿Algo más?");
    var events =
        ApiClient.readTurn(
            api.postForEvents(
                "/api/sessions/" + id + "/messages",
                ApiClient.message("Hola, un café con leche, por favor.")));

    assertThat(events).extracting(ApiClient.Event::name).startsWith("turn.started");
    assertThat(events)
        .filteredOn(e -> e.name().equals("reply.delta"))
        .extracting(e -> e.data().get("text").asString())
        .containsExactly("¡Claro!", " Un café", " con leche.", " ¿Algo más?");
    var completed = events.getLast();
    assertThat(completed.name()).isEqualTo("turn.completed");

    // The provider got the persona at the learner's level, the opening line and the message.
    var sent = provider.lastRequest();
    assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(sent.messages().getFirst().role()).isEqualTo(ChatMessage.Role.SYSTEM);
    assertThat(sent.messages().getFirst().text())
        .contains("You are Lucía")
        .contains("elementary (A2)");
    assertThat(sent.messages())
        .contains(ChatMessage.assistant("¡Buenos días! ¿Qué te pongo?"))
        .endsWith(ChatMessage.user("Hola, un café con leche, por favor."));

    // The acknowledged turn is stored with the provider that produced it.
    var turns = ApiClient.json(api.get("/api/sessions/" + id + "/turns"));
    var stored = turns.get(turns.size() - 1);
    assertThat(stored.get("id").asString()).isEqualTo(completed.data().get("turnId").asString());
    assertThat(stored.get("reply").asString()).isEqualTo("¡Claro! Un café con leche. ¿Algo más?");
    assertThat(stored.toString()).contains("openai").contains("gpt-4o-mini");
    assertThat(api.get("/api/sessions/" + id).body()).doesNotContain("Lavapiés");
  }

  @Test
  void aConversationOverTheWebSocket() throws Exception {
    var id = api.startSession("forgotten-birthday-paris");
    var socket = new SessionSocketTest.Socket();
    socket.ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("X-Parley-Learner", learner)
            .buildAsync(URI.create("ws://localhost:" + port + "/ws/sessions/" + id), socket)
            .get(10, TimeUnit.SECONDS);
    try {
      assertThat(socket.next().get("type").asString()).isEqualTo("session.ready");

      provider.enqueueReply("Ah", ", tu", " t'en souviens", " enfin ?");
      socket.send("{\"type\":\"user.text\",\"text\":\"Pardon, j'ai oublié ton anniversaire.\"}");
      var events = socket.untilTurnEnds();

      var completed = events.getLast();
      assertThat(completed.get("type").asString()).isEqualTo("turn.completed");
      assertThat(completed.get("reply").asString()).isEqualTo("Ah, tu t'en souviens enfin ?");
      assertThat(provider.lastRequest().messages().getLast())
          .isEqualTo(ChatMessage.user("Pardon, j'ai oublié ton anniversaire."));
    } finally {
      socket.abort();
    }
  }

  @Test
  void aProviderOutageIsAnErrorEventAndTheMessageIsKept() throws Exception {
    var id = api.startSession("barista-madrid");
    provider.enqueueFailure(503);
    var events =
        ApiClient.readTurn(
            api.postForEvents("/api/sessions/" + id + "/messages", ApiClient.message("¿Hola?")));

    var error = events.getLast();
    assertThat(error.name()).isEqualTo("error");
    assertThat(error.data().get("code").asString()).isEqualTo("llm_provider_unavailable");
    var turns = ApiClient.json(api.get("/api/sessions/" + id + "/turns"));
    assertThat(turns.get(turns.size() - 1).get("userText").asString()).isEqualTo("¿Hola?");
  }
}
