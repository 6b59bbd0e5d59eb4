package dev.parley.evaluation;

import static dev.parley.testing.LearnerClient.assertProblem;
import static dev.parley.testing.LearnerClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.LearnerClient;
import dev.parley.testing.ParleyIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Finished sessions evaluated by the real OpenAI-compatible adapter talking to a loopback server,
 * stored in PostgreSQL and read over REST and the WebSocket; the level follows the scores.
 */
@ParleyIntegrationTest
class EvaluationEndToEndTest {

  static final FakeOpenAiServer provider = FakeOpenAiServer.start();

  /** A line of the barista's rubric: it goes to the model and never to a client. */
  static final String RUBRIC_LINE = "Politeness and register";

  static final String GOOD =
      """
      {"score":78,
       "justification":"You ordered clearly: \\"Un café con leche, por favor\\".",
       "strengths":["Polite ordering with por favor","Asked the price"],
       "improvements":["Say \\"¿Me pones un cruasán?\\" rather than \\"Quiero cruasán\\""],
       "debrief":"Tu as commandé un café et demandé le prix."}
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
  @Autowired StaleEvaluations stale;
  @Autowired JdbcClient jdbc;
  LearnerClient api;
  List<String> responses;

  @BeforeEach
  void setUp() {
    provider.reset();
    api = new LearnerClient(port, "eval-" + UUID.randomUUID().toString().substring(0, 8));
    responses = new ArrayList<>();
  }

  @Test
  void aFinishedConversationIsEvaluatedAgainstTheSecretRubric() throws Exception {
    var id = api.startSession("barista-madrid", Map.of("level", "A2", "nativeLanguage", "fr"));
    provider.enqueueReply("¡Claro! ¿Algo más?");
    api.say(id, "Un café con leche, por favor.");
    provider.enqueueReply("Son tres euros.");
    api.say(id, "¿Cuánto es?");
    assertProblem(api.get("/api/sessions/" + id + "/evaluation"), 409, "session_active");

    provider.enqueueReply(GOOD);
    keep(api.post("/api/sessions/" + id + "/finish", ""));
    var evaluation = awaitEnd(id);

    assertThat(evaluation.get("status").asString()).isEqualTo("completed");
    assertThat(evaluation.get("score").asInt()).isEqualTo(78);
    assertThat(evaluation.get("justification").asString()).contains("Un café con leche");
    assertThat(evaluation.get("strengths")).hasSize(2);
    assertThat(evaluation.get("improvements").get(0).asString()).contains("¿Me pones");
    assertThat(evaluation.get("debrief").asString()).startsWith("Tu as commandé");
    assertThat(evaluation.get("level").asString()).isEqualTo("A2");
    assertThat(evaluation.get("provider").asString()).isEqualTo("openai");
    assertThat(evaluation.get("error").isNull()).isTrue();

    // The model read the rubric, the goal, the level and the whole transcript.
    var sent = provider.lastRequest().messages();
    assertThat(sent.getFirst().text())
        .contains(RUBRIC_LINE)
        .contains("Order a drink and something to eat")
        .contains("CEFR level: A2")
        .contains("in French");
    assertThat(sent.getLast().text())
        .contains("Learner: Un café con leche, por favor.")
        .contains("Learner: ¿Cuánto es?")
        .contains("Lucía: Son tres euros.");

    var history = json(keep(api.get("/api/learners/me/evaluations")));
    assertThat(history.get("total").asInt()).isEqualTo(1);
    var item = history.get("evaluations").get(0);
    assertThat(item.get("sessionId").asString()).isEqualTo(id);
    assertThat(item.get("characterTitle").asString()).isEqualTo("Ordering at a café in Madrid");
    assertThat(item.get("score").asInt()).isEqualTo(78);
    assertThat(item.get("finishedAt").isNull()).isFalse();

    keep(api.get("/api/sessions/" + id));
    keep(api.get("/api/characters/barista-madrid"));
    assertThat(responses).noneMatch(body -> body.contains(RUBRIC_LINE));
  }

  @Test
  void invalidOutputTwiceFailsWithoutAScore() throws Exception {
    var id = api.startSession("barista-madrid");
    provider.enqueueReply("¡Hola!");
    api.say(id, "Hola, un café.");
    provider.enqueueReply(
        "{\"score\":140,\"justification\":\"\",\"strengths\":[],"
            + "\"improvements\":[],\"debrief\":\"Bien.\"}");
    provider.enqueueReply("Great job!");
    api.post("/api/sessions/" + id + "/finish", "");

    var evaluation = awaitEnd(id);
    assertThat(evaluation.get("status").asString()).isEqualTo("failed");
    assertThat(evaluation.get("score").isNull()).isTrue();
    assertThat(evaluation.get("error").get("code").asString())
        .isEqualTo("evaluation_invalid_output");
    // The retry told the model what was wrong with its first reply.
    assertThat(provider.lastRequest().messages().getLast().text())
        .contains("score must be from 0 to 100")
        .contains("justification must be a non-empty string");
  }

  @Test
  void aProviderOutageFailsWithItsCodeAndARerunSucceeds() throws Exception {
    var id = api.startSession("barista-madrid");
    provider.enqueueReply("¡Hola!");
    api.say(id, "Hola, un café.");
    provider.enqueueFailure(503);
    api.post("/api/sessions/" + id + "/finish", "");

    var failed = awaitEnd(id);
    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("error").get("code").asString()).isEqualTo("llm_provider_unavailable");

    provider.enqueueReply(GOOD);
    var rerun = api.post("/api/sessions/" + id + "/evaluation", "");
    assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(202);
    assertThat(json(rerun).get("status").asString()).isEqualTo("pending");

    var completed = awaitEnd(id);
    assertThat(completed.get("status").asString()).isEqualTo("completed");
    assertThat(completed.get("score").asInt()).isEqualTo(78);
    assertThat(completed.get("error").isNull()).isTrue();
    assertProblem(api.post("/api/sessions/" + id + "/evaluation", ""), 409, "evaluation_completed");
  }

  @Test
  void anEvaluationLeftPendingByAStoppedServerRunsAgain() throws Exception {
    var id = api.startSession("barista-madrid");
    provider.enqueueReply("¡Hola!");
    api.say(id, "Hola, un café.");
    provider.enqueueFailure(503);
    api.post("/api/sessions/" + id + "/finish", "");
    awaitEnd(id);
    // As a server that stopped in the middle of the model call leaves it.
    leavePending(id, Instant.now());
    assertThat(stale.resume()).as("pending for a moment: maybe running elsewhere").isZero();

    leavePending(id, Instant.now().minus(Duration.ofHours(1)));
    provider.enqueueReply(GOOD);
    assertThat(stale.resume()).isEqualTo(1);
    var completed = awaitEnd(id);
    assertThat(completed.get("status").asString()).isEqualTo("completed");
    assertThat(completed.get("score").asInt()).isEqualTo(78);
    assertThat(stale.resume()).isZero();
  }

  private void leavePending(String sessionId, Instant since) {
    jdbc.sql(
            "update evaluations set status = 'pending', error_code = null, error_message = null,"
                + " completed_at = null, created_at = ? where session_id = ?")
        .params(OffsetDateTime.ofInstant(since, ZoneOffset.UTC), sessionId)
        .update();
  }

  @Test
  void aSessionWithoutALearnerTurnIsSkipped() throws Exception {
    var id = api.startSession("barista-madrid");
    api.post("/api/sessions/" + id + "/finish", "");

    var evaluation = awaitEnd(id);
    assertThat(evaluation.get("status").asString()).isEqualTo("skipped");
    assertThat(evaluation.get("error").get("code").asString()).isEqualTo("nothing_to_evaluate");
    assertThat(provider.requests()).isEmpty();
  }

  @Test
  void anotherLearnersEvaluationIsNotFound() throws Exception {
    var id = api.startSession("barista-madrid");
    api.post("/api/sessions/" + id + "/finish", "");
    awaitEnd(id);

    var intruder = api.as("intruder-" + UUID.randomUUID().toString().substring(0, 8));
    assertProblem(intruder.get("/api/sessions/" + id + "/evaluation"), 404, "session_not_found");
    assertProblem(
        intruder.post("/api/sessions/" + id + "/evaluation", ""), 404, "session_not_found");
    assertThat(json(intruder.get("/api/learners/me/evaluations")).get("total").asInt()).isZero();
    assertProblem(api.get("/api/sessions/unknown/evaluation"), 404, "session_not_found");
  }

  @Test
  void threeHighScoresRaiseTheLevelAndTheClientHearsIt() throws Exception {
    assertThat(json(api.get("/api/learners/me")).get("level").isNull()).isTrue();
    assertProblem(api.put("/api/learners/me", "{\"level\":\"D4\"}"), 400, "invalid_level");
    assertThat(json(api.put("/api/learners/me", "{\"level\":\"b1\"}")).get("level").asString())
        .isEqualTo("B1");

    evaluatedSession(90);
    evaluatedSession(90);
    assertThat(json(api.get("/api/learners/me")).get("level").asString()).isEqualTo("B1");

    var third = api.startSession("barista-madrid");
    assertThat(json(api.get("/api/sessions/" + third)).get("session").get("level").asString())
        .isEqualTo("B1");
    provider.enqueueReply("¡Hola!");
    api.say(third, "Hola, un café.");
    try (var socket = api.connect(third)) {
      socket.next("session.ready");
      provider.enqueueReply(scored(90));
      api.post("/api/sessions/" + third + "/finish", "");

      var completed = socket.next("evaluation.completed");
      assertThat(completed.get("evaluation").get("sessionId").asString()).isEqualTo(third);
      assertThat(completed.get("evaluation").get("score").asInt()).isEqualTo(90);
      assertThat(completed.toString()).doesNotContain(RUBRIC_LINE);
      var changed = socket.next("level.changed");
      assertThat(changed.get("from").asString()).isEqualTo("B1");
      assertThat(changed.get("to").asString()).isEqualTo("B2");
      assertThat(changed.get("reason").asString()).isEqualTo("high_scores");
    }

    assertThat(json(api.get("/api/learners/me")).get("level").asString()).isEqualTo("B2");
    var next = api.startSession("barista-madrid");
    assertThat(json(api.get("/api/sessions/" + next)).get("session").get("level").asString())
        .isEqualTo("B2");
    var history = json(api.get("/api/learners/me/evaluations?page=0&size=2"));
    assertThat(history.get("total").asInt()).isEqualTo(3);
    assertThat(history.get("evaluations").get(0).get("sessionId").asString()).isEqualTo(third);
    assertProblem(api.get("/api/learners/me/evaluations?size=0"), 400, "invalid_page");
  }

  @Test
  void threeLowScoresLowerTheLevelOnce() throws Exception {
    api.put("/api/learners/me", "{\"level\":\"A2\"}");
    evaluatedSession(35);
    evaluatedSession(20);
    evaluatedSession(40);
    // The level adapts just after the evaluation is stored.
    await().atMost(Duration.ofSeconds(10)).until(() -> level().equals("A1"));
    // A new streak starts at the new level: one more low score changes nothing.
    evaluatedSession(10);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> level().equals("A1"));
  }

  private String level() throws Exception {
    return json(api.get("/api/learners/me")).get("level").asString();
  }

  @Test
  void theFirstExplicitLevelBecomesTheLearnersOwn() throws Exception {
    api.startSession("barista-madrid", Map.of("level", "A2"));
    api.startSession("barista-madrid", Map.of("level", "C1"));
    assertThat(json(api.get("/api/learners/me")).get("level").asString()).isEqualTo("A2");
    var id = api.startSession("barista-madrid");
    assertThat(json(api.get("/api/sessions/" + id)).get("session").get("level").asString())
        .isEqualTo("A2");
  }

  /** A session at the learner's level with one learner turn, finished and evaluated. */
  private void evaluatedSession(int score) throws Exception {
    var id = api.startSession("barista-madrid");
    provider.enqueueReply("¡Hola!");
    api.say(id, "Hola, un café.");
    provider.enqueueReply(scored(score));
    api.post("/api/sessions/" + id + "/finish", "");
    assertThat(awaitEnd(id).get("score").asInt()).isEqualTo(score);
  }

  private static String scored(int score) {
    return GOOD.replace("\"score\":78", "\"score\":" + score);
  }

  /** Waits until the session's evaluation is no longer pending, keeping every body read. */
  private JsonNode awaitEnd(String sessionId) {
    var last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              var response = keep(api.get("/api/sessions/" + sessionId + "/evaluation"));
              if (response.statusCode() != 200) {
                return false;
              }
              last[0] = json(response);
              return !last[0].get("status").asString().equals("pending");
            });
    return last[0];
  }

  private HttpResponse<String> keep(HttpResponse<String> response) {
    responses.add(response.body());
    return response;
  }
}
