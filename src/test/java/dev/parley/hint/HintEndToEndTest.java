package dev.parley.hint;

import static dev.parley.testing.LearnerClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.LearnerClient;
import dev.parley.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Hints from the OpenAI-compatible adapter talking to a loopback provider. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.hints.silence-after=1500ms")
class HintEndToEndTest {

  static final FakeOpenAiServer provider = FakeOpenAiServer.start();

  /** A line of Lucía's secret hint prompt (src/main/resources/characters/barista-madrid.md). */
  static final String HINT_PROMPT = "Suggest one short thing the learner could say next to Lucía";

  static final String HINT_JSON =
      """
      {"suggestion":"¿Me pones un café con leche, por favor?","phrase":"¿Cuánto es?",\
      "translation":"How much is it?"}\
      """;

  @DynamicPropertySource
  static void useTheFakeProvider(DynamicPropertyRegistry registry) {
    provider.serveAsChatModel(registry);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @LocalServerPort int port;
  LearnerClient client;

  @BeforeEach
  void setUp() {
    provider.reset();
    client = new LearnerClient(port, "hint-" + UUID.randomUUID().toString().substring(0, 8));
  }

  String startBarista() throws Exception {
    return client.startSession("barista-madrid", Map.of("level", "A2", "nativeLanguage", "en"));
  }

  @Test
  void aHintOverRestFromTheSecretPromptLevelAndRecentTurns() throws Exception {
    var id = startBarista();
    provider.enqueueReply("¡Hola, guapa!");
    client.say(id, "Hola, buenos días.");
    provider.enqueueReply(HINT_JSON);

    var response = client.post("/api/sessions/" + id + "/hints", "");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var hint = LearnerClient.json(response);
    assertThat(hint.get("trigger").asString()).isEqualTo("request");
    assertThat(hint.get("suggestion").asString())
        .isEqualTo("¿Me pones un café con leche, por favor?");
    assertThat(hint.get("phrase").asString()).isEqualTo("¿Cuánto es?");
    assertThat(hint.get("translation").asString()).isEqualTo("How much is it?");
    assertThat(response.body()).doesNotContain(HINT_PROMPT);

    var sent = provider.lastRequest();
    assertThat(sent.messages().getFirst().text())
        .contains(HINT_PROMPT)
        .contains("A2")
        .contains("Spanish")
        .contains("into English");
    assertThat(sent.messages().getLast().text())
        .contains("¡Buenos días! ¿Qué te pongo?")
        .contains("Hola, buenos días.")
        .contains("¡Hola, guapa!");
    assertThat(sent.json().path("response_format").isMissingNode()).isFalse();
  }

  @Test
  void noTranslationWithoutANativeLanguage() throws Exception {
    var id = client.startSession("barista-madrid");
    provider.enqueueReply(
        "{\"suggestion\":\"Un café, por favor.\",\"phrase\":\"por favor\",\"translation\":\"\"}");
    var hint = LearnerClient.json(client.post("/api/sessions/" + id + "/hints", ""));
    assertThat(hint.get("phrase").asString()).isEqualTo("por favor");
    assertThat(hint.get("translation").isNull()).isTrue();
    assertThat(provider.lastRequest().messages().getFirst().text())
        .contains("Leave \"translation\" empty");
  }

  @Test
  void aHintOverTheWebSocketCarriesTheRef() throws Exception {
    var id = startBarista();
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      provider.enqueueReply(HINT_JSON);
      socket.send("{\"type\":\"hint.request\",\"ref\":\"h1\"}");

      var hint = socket.next("hint");
      assertThat(hint.get("ref").asString()).isEqualTo("h1");
      assertThat(hint.get("trigger").asString()).isEqualTo("request");
      assertThat(hint.get("phrase").asString()).isEqualTo("¿Cuánto es?");
      assertThat(hint.toString()).doesNotContain(HINT_PROMPT);
    }
  }

  @Test
  void aModelFailureIsAnErrorNeverAMadeUpHint() throws Exception {
    var id = startBarista();
    provider.enqueueFailure(503);
    var response = client.post("/api/sessions/" + id + "/hints", "");
    assertThat(response.statusCode()).isEqualTo(503);
    var problem = LearnerClient.json(response);
    assertThat(problem.get("code").asString()).isEqualTo("hint_unavailable");
    assertThat(problem.get("detail").asString()).contains("llm_provider_unavailable");

    provider.enqueueReply("Claro, pide un café.").enqueueReply("{\"suggestion\":\"\"}");
    var invalid = client.post("/api/sessions/" + id + "/hints", "");
    assertThat(invalid.statusCode()).isEqualTo(503);
    assertThat(LearnerClient.json(invalid).get("detail").asString()).contains("llm_invalid_output");

    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      provider.enqueueFailure(429);
      socket.send("{\"type\":\"hint.request\",\"ref\":\"h2\"}");
      var error = socket.next("error");
      assertThat(error.get("code").asString()).isEqualTo("hint_unavailable");
      assertThat(error.get("message").asString()).contains("llm_rate_limited");
      assertThat(error.get("ref").asString()).isEqualTo("h2");
    }
  }

  @Test
  void finishedAndForeignSessionsGetNoHint() throws Exception {
    var id = startBarista();
    var foreign =
        new LearnerClient(port, "someone-else").post("/api/sessions/" + id + "/hints", "");
    assertProblem(foreign, 404, "session_not_found");

    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      client.post("/api/sessions/" + id + "/finish", "");
      var refused = client.post("/api/sessions/" + id + "/hints", "");
      assertProblem(refused, 409, "session_finished");

      socket.send("{\"type\":\"hint.request\",\"ref\":\"h3\"}");
      var error = socket.next("error");
      assertThat(error.get("code").asString()).isEqualTo("session_finished");
      assertThat(error.get("ref").asString()).isEqualTo("h3");
    }
    assertThat(provider.requests()).isEmpty();
  }

  @Test
  void aSilentLearnerGetsOneHint() throws Exception {
    var id = startBarista();
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      provider.enqueueReply("¿Qué te pongo?").enqueueReply(HINT_JSON);
      socket.send("{\"type\":\"user.text\",\"text\":\"Hola.\"}");
      socket.next("turn.completed");

      var hint = socket.next("hint");
      assertThat(hint.get("trigger").asString()).isEqualTo("silence");
      assertThat(hint.has("ref")).isFalse();
      assertThat(hint.get("suggestion").asString())
          .isEqualTo("¿Me pones un café con leche, por favor?");
      assertThat(socket.poll("hint", Duration.ofSeconds(3))).as("one hint per silence").isNull();
      assertThat(provider.requests()).hasSize(2);
    }
  }

  @Test
  void noHintWhenTheLearnerSpeaksInTime() throws Exception {
    var id = startBarista();
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      provider.enqueueReply("¿Qué te pongo?").enqueueSlowReply(30, Duration.ofMillis(100));
      socket.send("{\"type\":\"user.text\",\"text\":\"Hola.\"}");
      socket.next("turn.completed");
      // At once, well within the silence: the wait started by the first turn is cancelled.
      socket.send("{\"type\":\"user.text\",\"text\":\"Un café.\"}");
      socket.next("turn.completed");

      assertThat(provider.requests()).as("two replies, no hint request").hasSize(2);
    }
  }
}
