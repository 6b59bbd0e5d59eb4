package dev.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FakeOpenAiModerationServer;
import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.LearnerClient;
import dev.parley.testing.ParleyIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A deployment that redacts, judged by an OpenAI-compatible moderation endpoint. */
@ParleyIntegrationTest
class OpenAiModerationEndToEndTest {

  static final FakeOpenAiServer llm = FakeOpenAiServer.start();
  static final FakeOpenAiModerationServer moderation = new FakeOpenAiModerationServer();

  @DynamicPropertySource
  static void fakes(DynamicPropertyRegistry registry) {
    llm.serveAsChatModel(registry);
    registry.add("parley.moderation.provider", () -> "openai");
    registry.add("parley.moderation.policy", () -> "redact");
    registry.add("parley.moderation.openai.base-url", moderation::baseUrl);
    registry.add("parley.moderation.openai.api-key", () -> "sk-moderation");
    registry.add("parley.hints.silence-after", () -> "0");
  }

  @AfterAll
  static void stop() {
    llm.close();
    moderation.close();
  }

  @LocalServerPort int port;
  LearnerClient client;

  @BeforeEach
  void setUp() {
    llm.reset();
    moderation.reset();
    client = new LearnerClient(port, "omod-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  void aTextTheProviderFlagsIsRedactedWhole() throws Exception {
    var id = client.startSession("barista-madrid");
    moderation.flag("Miststück", "harassment");
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      llm.enqueueReply("Perdona, ¿qué?");
      client.say(id, "Du Miststück, einen Kaffee.");

      var event = socket.next("moderation");
      assertThat(event.get("target").asString()).isEqualTo("learner");
      assertThat(event.get("categories").toString()).isEqualTo("[\"harassment\"]");
      assertThat(event.get("action").asString()).isEqualTo("redact");
      assertThat(client.lastTurn(id).get("userText").asString()).isEqualTo("[redacted]");
      assertThat(moderation.requests())
          .extracting(r -> r.body().path("input").asString())
          .containsExactlyInAnyOrder("Du Miststück, einen Kaffee.", "Perdona, ¿qué?");
      assertThat(moderation.requests().getFirst().authorization())
          .isEqualTo("Bearer sk-moderation");
    }
  }

  @Test
  void whenTheProviderFailsTheRulesDecide() throws Exception {
    var id = client.startSession("barista-madrid");
    moderation.enqueueFailure(500);
    moderation.enqueueFailure(500);
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      llm.enqueueReply("Tranquilo.");
      client.say(id, "¡Te voy a matar si no hay café!");

      var event = socket.next("moderation");
      assertThat(event.get("categories").toString()).isEqualTo("[\"violence\"]");
      var turn = client.lastTurn(id);
      assertThat(turn.get("userText").asString()).isEqualTo("¡[redacted] si no hay café!");
      assertThat(turn.get("reply").asString()).isEqualTo("Tranquilo.");
    }
  }
}
