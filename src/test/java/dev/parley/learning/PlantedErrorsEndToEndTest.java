package dev.parley.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.LearnerClient;
import dev.parley.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's round trip with nothing scripted inside the server: a learner makes the classic
 * mistakes to the London interviewer over the WebSocket, LanguageTool finds them beside the
 * replies, they land in the learner's profile and review, and finishing the session stores an
 * evaluation from the model's structured output (a loopback OpenAI-compatible provider).
 */
@ParleyIntegrationTest
class PlantedErrorsEndToEndTest {

  private static final FakeOpenAiServer provider = FakeOpenAiServer.start();
  private static final Duration LANGUAGETOOL_FIRST_USE = Duration.ofSeconds(90);
  private static final List<String> EXCHANGE_EVENTS =
      List.of("turn.completed", "feedback", "error");

  @DynamicPropertySource
  static void useTheFakeProvider(DynamicPropertyRegistry registry) {
    provider.serveAsChatModel(registry);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @LocalServerPort int port;

  @Test
  void plantedMistakesBecomeCorrectionsProfileEntriesAndTheSessionAnEvaluation() throws Exception {
    var api = new LearnerClient(port, "planted-" + UUID.randomUUID().toString().substring(0, 8));
    var id = api.startSession("job-interview-london", Map.of("mode", "roleplay", "level", "A2"));

    try (var socket = api.connect(id)) {
      socket.next("session.ready", Duration.ofSeconds(10));
      var first = say(socket, "She go to school yesterday.", "I see. Why was that?");
      var second = say(socket, "I have went there many times.", "Good. Tell me more.");

      assertThat(first.reply().get("number").asInt()).isEqualTo(1);
      assertThat(corrections(first.feedback()))
          .anySatisfy(
              c -> {
                assertThat(c.get("original").asString()).isEqualTo("go");
                assertThat(c.get("suggestion").asString()).isIn("goes", "went");
                assertThat(c.get("category").asString())
                    .isIn("subject-verb-agreement", "verb-tense", "verb-form");
                assertThat(c.get("explanation").asString()).isNotBlank();
              });
      assertThat(second.feedback().get("number").asInt()).isEqualTo(2);
      assertThat(corrections(second.feedback()))
          .anySatisfy(
              c -> {
                assertThat(c.get("original").asString()).contains("went");
                assertThat(c.get("suggestion").asString()).contains("gone");
                assertThat(c.get("category").asString()).isEqualTo("verb-form");
              });

      var profile = LearnerClient.json(api.get("/api/learners/me/mistakes?top=5"));
      assertThat(profile.get("totals").get("utterancesChecked").asInt()).isEqualTo(2);
      assertThat(profile.get("categories"))
          .extracting(category -> category.get("category").asString())
          .contains("verb-form");
      var review = LearnerClient.json(api.get("/api/learners/me/review?limit=5"));
      assertThat(review.toString()).contains("went");

      provider.enqueueReply(
          """
          {"score":55,
           "justification":"You answered, but said \\"She go\\" and \\"have went\\".",
           "strengths":["You kept the conversation going"],
           "improvements":["Past simple: she went", "Present perfect: I have gone"],
           "debrief":"A short interview about school and travel."}""");
      api.post("/api/sessions/" + id + "/finish", "");
      var evaluated = socket.next("evaluation.completed", Duration.ofSeconds(30));
      assertThat(evaluated.get("evaluation").get("score").asInt()).isEqualTo(55);
    }
    var stored = LearnerClient.json(api.get("/api/sessions/" + id + "/evaluation"));
    assertThat(stored.get("status").asString()).isEqualTo("completed");
    assertThat(stored.get("improvements").toString()).contains("she went");
    assertThat(provider.lastRequest().body()).contains("I have went there many times.");
  }

  private record Exchange(JsonNode reply, JsonNode feedback) {}

  /**
   * Sends a message and collects its completed turn and its feedback, in whichever order they
   * come: the reply never waits for the check.
   */
  private static Exchange say(LearnerClient.Socket socket, String text, String reply)
      throws Exception {
    provider.enqueueReply(reply);
    socket.send(Map.of("type", "user.text", "text", text));
    JsonNode completed = null;
    JsonNode feedback = null;
    while (completed == null || feedback == null) {
      var event =
          socket.next(
              e -> EXCHANGE_EVENTS.contains(e.path("type").asString()),
              LANGUAGETOOL_FIRST_USE,
              "turn.completed and feedback");
      switch (event.get("type").asString()) {
        case "turn.completed" -> completed = event;
        case "feedback" -> feedback = event;
        default -> throw new AssertionError("Unexpected error: " + event);
      }
    }
    assertThat(feedback.get("number").asInt()).isEqualTo(completed.get("number").asInt());
    assertThat(feedback.get("text").asString()).isEqualTo(text);
    return new Exchange(completed, feedback);
  }

  private static List<JsonNode> corrections(JsonNode feedback) {
    var list = new ArrayList<JsonNode>();
    feedback.get("corrections").forEach(list::add);
    return list;
  }
}
