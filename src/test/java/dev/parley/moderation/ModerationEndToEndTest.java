package dev.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.LearnerClient;
import dev.parley.testing.ParleyIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The rules moderator beside real conversations: one deployment whose policy warns, with self-harm
 * redacted and violence ending the session.
 */
@ParleyIntegrationTest
@TestPropertySource(
    properties = {
      "parley.moderation.policy=warn",
      "parley.moderation.categories.self-harm=redact",
      "parley.moderation.categories.violence=end",
      "parley.hints.silence-after=0"
    })
class ModerationEndToEndTest {

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
  @Autowired MeterRegistry meters;
  LearnerClient client;

  @BeforeEach
  void setUp() {
    provider.reset();
    client = new LearnerClient(port, "mod-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  void anInsultIsWarnedAboutAndKept() throws Exception {
    var id = client.startSession("barista-madrid");
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      double before = count("harassment", "warn");
      provider.enqueueReply("Vale, vale.");
      client.say(id, "Eres un idiota, quiero un café");

      var event = socket.next("moderation");
      assertThat(event.get("number").asInt()).isEqualTo(1);
      assertThat(event.get("target").asString()).isEqualTo("learner");
      assertThat(event.get("categories").toString()).isEqualTo("[\"harassment\"]");
      assertThat(event.get("action").asString()).isEqualTo("warn");
      assertThat(client.lastTurn(id).get("userText").asString())
          .isEqualTo("Eres un idiota, quiero un café");
      assertThat(count("harassment", "warn")).isEqualTo(before + 1);
      assertThat(session(id).get("status").asString()).isEqualTo("active");
    }
  }

  @Test
  void selfHarmIsRedactedFromTheStoredTurnAndLaterPrompts() throws Exception {
    var id = client.startSession("barista-madrid");
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      provider.enqueueReply("¿Estás bien?");
      client.say(id, "Hoy quiero suicidarme, la verdad.");

      var event = socket.next("moderation");
      assertThat(event.get("action").asString()).isEqualTo("redact");
      assertThat(event.get("categories").toString()).isEqualTo("[\"self-harm\"]");
      assertThat(client.lastTurn(id).get("userText").asString())
          .isEqualTo("Hoy quiero [redacted], la verdad.");

      provider.enqueueReply("Vale.");
      client.say(id, "Un café, por favor.");
      assertThat(provider.lastRequest().body()).doesNotContain("suicidarme").contains("[redacted]");
    }
  }

  @Test
  void aViolentReplyEndsTheSession() throws Exception {
    var id = client.startSession("barista-madrid");
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      provider.enqueueReply("¡Te voy a matar!", " Es broma.");
      client.say(id, "¿No hay descafeinado?");

      var moderation = socket.next("moderation");
      assertThat(moderation.get("target").asString()).isEqualTo("character");
      assertThat(moderation.get("action").asString()).isEqualTo("end");
      var ended = socket.next("session.ended");
      assertThat(ended.get("reason").asString()).isEqualTo("moderation");
      assertThat(ended.get("categories").toString()).isEqualTo("[\"violence\"]");

      assertThat(client.lastTurn(id).get("reply").asString()).isEqualTo("¡[redacted]! Es broma.");
      assertThat(session(id).get("status").asString()).isEqualTo("finished");
      var refused = client.post("/api/sessions/" + id + "/messages", "{\"text\":\"¿Hola?\"}");
      assertThat(refused.statusCode()).isEqualTo(409);
    }
  }

  @Test
  void personalDataIsRedactedEvenUnderWarn() throws Exception {
    var id = client.startSession("barista-madrid");
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      provider.enqueueReply("Gracias.");
      client.say(id, "Mi correo es ana.lopez@example.com y pago con 4111 1111 1111 1111");

      var event = socket.next("moderation");
      assertThat(event.get("categories").toString()).isEqualTo("[\"personal-data\"]");
      assertThat(event.get("action").asString()).isEqualTo("redact");
      assertThat(client.lastTurn(id).get("userText").asString())
          .isEqualTo("Mi correo es [redacted] y pago con [redacted]");
      assertThat(session(id).get("status").asString()).isEqualTo("active");
    }
  }

  @Test
  void aCleanTurnIsLeftAlone() throws Exception {
    var id = client.startSession("barista-madrid");
    try (var socket = client.connect(id)) {
      socket.next("session.ready");
      provider.enqueueReply("Marchando.");
      client.say(id, "Un cortado, por favor.");
      assertThat(socket.poll("moderation", Duration.ofSeconds(1))).isNull();
      assertThat(client.lastTurn(id).get("userText").asString())
          .isEqualTo("Un cortado, por favor.");
    }
  }

  private double count(String category, String action) {
    var counter =
        meters
            .find("parley.moderation.flags")
            .tag("category", category)
            .tag("action", action)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private JsonNode session(String id) throws Exception {
    return LearnerClient.json(client.get("/api/sessions/" + id)).get("session");
  }
}
