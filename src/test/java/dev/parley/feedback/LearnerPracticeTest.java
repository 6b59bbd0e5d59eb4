package dev.parley.feedback;

import static dev.parley.testing.LearnerClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.LearnerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Review of the learner's own mistakes by spaced repetition, and their vocabulary. */
class LearnerPracticeTest extends FeedbackIntegrationTest {

  @Test
  void mistakesComeBackAsExercisesScheduledBySm2() throws Exception {
    var id = api.startSession(ENGLISH);
    try (var socket = api.connect(id)) {
      socket.next("session.ready");
      socket.feedback(say(socket, "She go to school yesterday"));
      socket.feedback(say(socket, "I have went there"));

      var due = api.getJson("/api/learners/me/review");
      assertThat(due).hasSize(2);
      var tense = due.get(0);
      assertThat(tense.get("sentence").asString()).isEqualTo("She go to school yesterday");
      assertThat(tense.get("category").asString()).isEqualTo("verb-tense");
      assertThat(tense.get("hint").asString()).isEqualTo("[[She go]] to school yesterday");
      assertThat(tense.get("language").asString()).isEqualTo("en-GB");
      var form = due.get(1);
      assertThat(form.get("hint").asString()).isEqualTo("I [[have went]] there");
      assertThat(api.getJson("/api/learners/me/review?limit=1&language=en")).hasSize(1);
      assertThat(api.getJson("/api/learners/me/review?language=es")).isEmpty();

      // Nobody else sees or answers them.
      var tenseId = tense.get("id").asString();
      var formId = form.get("id").asString();
      assertThat(other.getJson("/api/learners/me/review")).isEmpty();
      var foreign = other.post(answerPath(tenseId), Map.of("text", "She went to school"));
      assertProblem(foreign, 404, "review_item_not_found");

      // Right every time: 1 day, 6 days, then 6 × 2.7 (the ease factor after two perfect answers).
      var first = answer(tenseId, "she went to school yesterday!", false);
      assertThat(first.get("correct").asBoolean()).isTrue();
      assertThat(first.get("expected").asString()).isEqualTo("She went to school yesterday");
      assertDueIn(first, 1);
      assertDueIn(answer(tenseId, "She went to school yesterday.", false), 6);
      assertDueIn(answer(tenseId, "She  went to school, yesterday", false), 16);

      // Wrong twice (q 1), right with the hint (q 3), right (q 5), right: the ease factor fell
      // to its floor 1.3 and rose to 1.4, so the last interval is 6 × 1.4.
      var wrong = answer(formId, "I have went there.", false);
      assertThat(wrong.get("correct").asBoolean()).isFalse();
      assertThat(wrong.get("expected").asString()).isEqualTo("I have gone there");
      assertDueIn(wrong, 1);
      assertThat(answer(formId, "I went there", false).get("correct").asBoolean()).isFalse();
      var hinted = answer(formId, "I have gone there", true);
      assertThat(hinted.get("correct").asBoolean()).isTrue();
      assertDueIn(hinted, 1);
      assertDueIn(answer(formId, "I have gone there", false), 6);
      assertDueIn(answer(formId, "I have gone there", false), 8);
      assertThat(api.getJson("/api/learners/me/review")).isEmpty();

      // The same mistake again: the exercise is due again, with the newest sentence.
      socket.feedback(say(socket, "She go home now"));
      var again = api.getJson("/api/learners/me/review");
      assertThat(again).hasSize(1);
      assertThat(again.get(0).get("id").asString()).isEqualTo(tenseId);
      assertThat(again.get(0).get("hint").asString()).isEqualTo("[[She go]] home now");
    }
  }

  @Test
  void answersAreChecked() throws Exception {
    var blank = api.post(answerPath(UUID.randomUUID().toString()), Map.of("text", "  "));
    assertProblem(blank, 400, "answer_blank");
    var unknown = api.post(answerPath(UUID.randomUUID().toString()), Map.of("text", "Hi"));
    assertProblem(unknown, 404, "review_item_not_found");
    assertProblem(api.get("/api/learners/me/review?limit=99"), 400, "invalid_limit");
  }

  @Test
  void theLearnersWordsAreCounted() throws Exception {
    var id = api.startSession(ENGLISH);
    try (var socket = api.connect(id)) {
      socket.next("session.ready");
      say(socket, "The cat and the dog.");
      say(socket, "Don’t touch the cat's toy!");
    }

    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> vocabulary("").get("totalWords").asLong() == 10);
    var words = vocabulary("?top=2&language=en");
    assertThat(words.get("distinctWords").asLong()).isEqualTo(8);
    assertThat(words.get("top")).hasSize(2);
    assertThat(words.get("top").get(0).get("word").asString()).isEqualTo("the");
    assertThat(words.get("top").get(0).get("count").asLong()).isEqualTo(3);
    assertThat(words.get("top").get(1).get("word").asString()).isEqualTo("and"); // then a-z
    assertThat(words.get("newWords"))
        .extracting(w -> w.get("word").asString())
        .containsExactlyInAnyOrder("the", "cat", "and", "dog", "don't", "touch", "cat's", "toy");
    // The character's replies are not the learner's words.
    assertThat(vocabulary("?top=50").toString()).doesNotContain("\"hello\"");
    assertThat(vocabulary("?language=es").get("totalWords").asLong()).isZero();
    assertThat(other.getJson("/api/learners/me/vocabulary").get("distinctWords").asLong()).isZero();
    assertProblem(api.get("/api/learners/me/vocabulary?top=0"), 400, "invalid_top");
  }

  private JsonNode vocabulary(String query) throws Exception {
    return api.getJson("/api/learners/me/vocabulary" + query);
  }

  private JsonNode answer(String itemId, String text, boolean hint) throws Exception {
    var response = api.post(answerPath(itemId), Map.of("text", text, "hint", hint));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return LearnerClient.json(response);
  }

  private static String answerPath(String itemId) {
    return "/api/learners/me/review/" + itemId + "/answers";
  }

  private static void assertDueIn(JsonNode graded, int days) {
    assertThat(graded.get("intervalDays").asInt()).isEqualTo(days);
    var expected = Instant.now().plus(Duration.ofDays(days));
    assertThat(Instant.parse(graded.get("nextDue").asString()))
        .isBetween(expected.minus(Duration.ofMinutes(2)), expected.plusSeconds(5));
  }
}
