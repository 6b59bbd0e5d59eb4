package dev.parley.conversation;

import static dev.parley.conversation.ApiClient.json;
import static dev.parley.conversation.ApiClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import dev.parley.llm.LlmErrorCode;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.ScriptedChatModel;
import dev.parley.testing.ScriptedLlmConfig;
import dev.parley.testing.TestCharacters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Sessions and messages over REST and Server-Sent Events, against PostgreSQL. */
@ParleyIntegrationTest
@Import({ScriptedLlmConfig.class, TestCharacters.class})
class SessionApiTest {

  @LocalServerPort int port;
  @Autowired ScriptedChatModel model;
  ApiClient api;

  @BeforeEach
  void setUp() {
    model.reset();
    api = new ApiClient(port, "learner-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  void sessionLifecycle() throws Exception {
    var created =
        api.post(
            "/api/sessions",
            """
            {"characterId":"test-barista","level":"A2","nativeLanguage":"en","mode":"roleplay"}
            """);
    assertThat(created.statusCode()).isEqualTo(201);
    var body = json(created);
    var id = body.get("session").get("id").asString();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/sessions/" + id);
    assertThat(body.get("session").get("characterId").asString()).isEqualTo("test-barista");
    assertThat(body.get("session").get("mode").asString()).isEqualTo("roleplay");
    assertThat(body.get("session").get("level").asString()).isEqualTo("A2");
    assertThat(body.get("session").get("targetLanguage").asString()).isEqualTo("es-ES");
    assertThat(body.get("session").get("status").asString()).isEqualTo("active");
    assertThat(body.get("turns").get(0).get("number").asInt()).isZero();
    assertThat(body.get("turns").get(0).get("reply").asString()).isEqualTo("¡Hola! ¿Qué te pongo?");
    assertThat(body.get("turns").get(0).get("userText").isNull()).isTrue();

    var newer = api.startSession(TestCharacters.GUIDE);
    var list = json(api.get("/api/sessions?page=0&size=10"));
    assertThat(list.get("total").asInt()).isEqualTo(2);
    assertThat(list.get("sessions").get(0).get("id").asString()).isEqualTo(newer);
    assertThat(list.get("sessions").get(1).get("id").asString()).isEqualTo(id);
    assertThat(
            json(api.get("/api/sessions?page=1&size=1"))
                .get("sessions")
                .get(0)
                .get("id")
                .asString())
        .isEqualTo(id);
    var guide = json(api.get("/api/sessions/" + newer));
    assertThat(guide.get("session").get("targetLanguage").asString()).isEqualTo("en-GB");
    assertThat(guide.get("session").get("mode").asString()).isEqualTo("sandbox");
    // No level asked for: the learner's own, which their first session's A2 set.
    assertThat(guide.get("session").get("level").asString()).isEqualTo("A2");
    assertThat(guide.get("turns")).isEmpty();

    var reply = api.post("/api/sessions/" + id + "/messages", message("Un café, por favor"));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(json(reply).get("reply").asString()).isEqualTo("Hello there.");
    assertThat(json(reply).get("number").asInt()).isEqualTo(1);

    var detail = json(api.get("/api/sessions/" + id));
    assertThat(detail.get("turns")).hasSize(2);
    assertThat(json(api.get("/api/sessions/" + id + "/turns")).get(1).get("id").asString())
        .isEqualTo(json(reply).get("id").asString());

    var other = api.as("someone-else");
    assertProblem(other.get("/api/sessions/" + id), 404, "session_not_found");
    assertThat(json(other.get("/api/sessions")).get("total").asInt()).isZero();

    var finished = api.post("/api/sessions/" + id + "/finish", "");
    assertThat(finished.statusCode()).isEqualTo(200);
    assertThat(json(finished).get("status").asString()).isEqualTo("finished");
    assertThat(json(finished).get("finishedAt").isNull()).isFalse();
    assertProblem(
        api.post("/api/sessions/" + id + "/messages", message("¿Hola?")), 409, "session_finished");
    assertThat(json(api.get("/api/sessions/" + id)).get("turns")).hasSize(2);
  }

  @Test
  void badSessionRequestsAreClearProblems() throws Exception {
    assertProblem(
        api.post("/api/sessions", "{\"characterId\":\"nobody\"}"), 404, "character_not_found");
    assertProblem(
        api.post("/api/sessions", "{\"characterId\":\"test-barista\",\"level\":\"Z9\"}"),
        400,
        "invalid_level");
    assertProblem(
        api.post("/api/sessions", "{\"characterId\":\"test-barista\",\"mode\":\"karaoke\"}"),
        400,
        "invalid_mode");
    assertProblem(api.post("/api/sessions", "{\"level\":\"B1\"}"), 400, "character_required");
    assertProblem(api.post("/api/sessions", "{not json"), 400, "malformed_request");
    assertProblem(api.get("/api/sessions?size=1000"), 400, "invalid_page");
    assertProblem(api.get("/api/sessions/missing"), 404, "session_not_found");
  }

  @Test
  void badMessagesAreRefusedBeforeAnythingIsStored() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    var messages = "/api/sessions/" + id + "/messages";

    assertProblem(api.post(messages, message("   ")), 400, "message_blank");
    assertProblem(api.post(messages, "{}"), 400, "message_blank");
    assertProblem(api.post(messages, message("x".repeat(100 * 1024))), 413, "message_too_long");
    assertProblem(api.post(messages, message("x".repeat(5_000_000))), 413, "message_too_long");
    assertProblem(api.post(messages, "{\"text\": "), 400, "malformed_request");
    assertProblem(
        api.post("/api/sessions/missing/messages", message("Hola")), 404, "session_not_found");
    // Errors before streaming starts are problem+json even when events were asked for.
    var streamed = api.post(messages, message(" "), "text/event-stream");
    assertProblem(streamed, 400, "message_blank");

    assertThat(json(api.get("/api/sessions/" + id)).get("turns")).hasSize(1);
    assertThat(model.requests()).isEmpty();
  }

  @Test
  void repliesStreamAsServerSentEventsAfterTheTurnIsStored() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    model.enqueueReply("¡Claro!", " Un café", " con leche", " enseguida.");

    var response =
        api.postForEvents("/api/sessions/" + id + "/messages", message("Un café con leche"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    var events = ApiClient.readTurn(response);

    assertThat(events)
        .extracting(ApiClient.Event::name)
        .containsExactly(
            "turn.started",
            "reply.delta",
            "reply.delta",
            "reply.delta",
            "reply.delta",
            "turn.completed");
    assertThat(events.getFirst().data().get("number").asInt()).isEqualTo(1);
    assertThat(events.subList(1, 5))
        .extracting(e -> e.data().get("text").asString())
        .containsExactly("¡Claro!", " Un café", " con leche", " enseguida.");
    var completed = events.getLast().data();
    assertThat(completed.get("reply").asString()).isEqualTo("¡Claro! Un café con leche enseguida.");
    assertThat(completed.get("status").asString()).isEqualTo("completed");
    assertThat(completed.get("timings").get("completionTokens").asInt()).isEqualTo(4);
    assertThat(completed.get("provider").asString()).isEqualTo("scripted");

    JsonNode stored = json(api.get("/api/sessions/" + id + "/turns")).get(1);
    assertThat(stored.get("id").asString()).isEqualTo(completed.get("turnId").asString());
    assertThat(stored.get("number").asInt()).isEqualTo(1);
    assertThat(stored.get("userText").asString()).isEqualTo("Un café con leche");
    assertThat(stored.get("reply").asString()).isEqualTo("¡Claro! Un café con leche enseguida.");
    assertThat(stored.get("timings").get("firstTokenMs").isNumber()).isTrue();
  }

  @Test
  void modelFailureIsAnErrorEventAndTheMessageIsKept() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    model.enqueueFailure(LlmErrorCode.PROVIDER_UNAVAILABLE);

    var events =
        ApiClient.readTurn(
            api.postForEvents("/api/sessions/" + id + "/messages", message("¿Hola?")));

    var error = events.getLast();
    assertThat(error.name()).isEqualTo("error");
    assertThat(error.data().get("code").asString()).isEqualTo("llm_provider_unavailable");
    var stored = json(api.get("/api/sessions/" + id + "/turns")).get(1);
    assertThat(stored.get("id").asString()).isEqualTo(error.data().get("turnId").asString());
    assertThat(stored.get("status").asString()).isEqualTo("failed");
    assertThat(stored.get("userText").asString()).isEqualTo("¿Hola?");

    model.enqueueFailure(LlmErrorCode.RATE_LIMITED);
    assertProblem(
        api.post("/api/sessions/" + id + "/messages", message("¿Hola?")), 429, "llm_rate_limited");
  }

  @Test
  void oneTurnAtATimeAndADisconnectInterruptsTheTurn() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    model.tokenDelay(Duration.ofMillis(50));
    var tokens = new String[200];
    java.util.Arrays.fill(tokens, "bla ");
    model.enqueueReply(tokens);

    var response = api.postForEvents("/api/sessions/" + id + "/messages", message("Habla"));
    var lines = response.body().iterator();
    var deltas = 0;
    while (deltas < 2 && lines.hasNext()) {
      if (lines.next().equals("event:reply.delta")) {
        deltas++;
      }
    }
    assertProblem(
        api.post("/api/sessions/" + id + "/messages", message("¿Y?")), 409, "turn_in_progress");

    response.body().close();

    await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> json(api.get("/api/sessions/" + id + "/turns")).size() == 2);
    var interrupted = json(api.get("/api/sessions/" + id + "/turns")).get(1);
    assertThat(interrupted.get("status").asString()).isEqualTo("interrupted");
    assertThat(interrupted.get("reply").asString()).startsWith("bla bla ");
    assertThat(interrupted.get("reply").asString().length()).isLessThan(200 * 4);
  }

  @Test
  void turnMetricsAreExported() throws Exception {
    var id = api.startSession(TestCharacters.BARISTA);
    assertThat(api.post("/api/sessions/" + id + "/messages", message("Hola")).statusCode())
        .isEqualTo(200);

    var scrape = api.get("/actuator/prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("parley_turn_first_token_seconds_bucket{")
        .contains("parley_turn_tokens_per_second_tokens_bucket{")
        .contains("parley_turn_duration_seconds_count{")
        .containsPattern(
            "parley_turn_outcomes_total\\{[^}]*model=\"scripted-test-model\"[^}]*outcome=\"completed\"[^}]*provider=\"scripted\"");
  }

  @Test
  void logEventsAreCountedWithoutAFilterOnEveryLevelCheck() throws Exception {
    var scrape = api.get("/actuator/prometheus");

    assertThat(scrape.body()).containsPattern("logback_events_total\\{[^}]*level=\"info\"");
    assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList()).isEmpty();
  }

  static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(response).get("code").asString()).isEqualTo(code);
  }
}
