package dev.parley.feedback;

import static dev.parley.testing.LearnerClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Grammar feedback beside the reply, the session's feedback and the mistake profile. */
class LearnerFeedbackTest extends FeedbackIntegrationTest {

  @Test
  void plantedErrorsComeBackBesideTheReplyAndInTheProfile() throws Exception {
    var id = api.startSession(ENGLISH);
    try (var socket = api.connect(id)) {
      socket.next("session.ready");

      int first = say(socket, "She go to school yesterday");
      var tense = socket.feedback(first);
      assertThat(tense.get("text").asString()).isEqualTo("She go to school yesterday");
      assertThat(tense.get("corrections")).hasSize(1);
      var correction = tense.get("corrections").get(0);
      assertThat(correction.get("original").asString()).isEqualTo("She go");
      assertThat(correction.get("suggestion").asString()).isEqualTo("She went");
      assertThat(correction.get("category").asString()).isEqualTo("verb-tense");
      assertThat(correction.get("start").asInt()).isZero();
      assertThat(correction.get("end").asInt()).isEqualTo(6);
      assertThat(correction.get("source").asString()).isEqualTo("rules");
      assertThat(correction.get("explanation").asString()).contains("past tense");

      int second = say(socket, "I have went there");
      var form = socket.feedback(second);
      assertThat(form.get("corrections").get(0).get("suggestion").asString())
          .isEqualTo("have gone");
      assertThat(form.get("corrections").get(0).get("category").asString()).isEqualTo("verb-form");

      int third = say(socket, "That sounds good.");
      assertThat(socket.feedback(third).get("corrections")).isEmpty();
    }

    var feedback = api.getJson("/api/sessions/" + id + "/feedback");
    assertThat(feedback.get("sessionId").asString()).isEqualTo(id);
    var turns = feedback.get("turns");
    assertThat(turns).hasSize(3);
    assertThat(turns.get(0).get("number").asInt()).isEqualTo(1);
    assertThat(turns.get(0).get("spoken").asBoolean()).isFalse();
    assertThat(turns.get(0).get("corrections").get(0).get("suggestion").asString())
        .isEqualTo("She went");
    assertThat(turns.get(1).get("corrections").get(0).get("original").asString())
        .isEqualTo("have went");
    assertThat(turns.get(2).get("corrections")).isEmpty();

    var profile = api.getJson("/api/learners/me/mistakes");
    assertThat(profile.get("totals").get("utterancesChecked").asLong()).isEqualTo(3);
    assertThat(profile.get("totals").get("corrections").asLong()).isEqualTo(2);
    assertThat(profile.get("categories"))
        .extracting(c -> c.get("category").asString())
        .containsExactlyInAnyOrder("verb-tense", "verb-form");
    var verbTense =
        profile
            .get("categories")
            .valueStream()
            .filter(c -> c.get("category").asString().equals("verb-tense"))
            .findFirst()
            .orElseThrow();
    assertThat(verbTense.get("count").asLong()).isEqualTo(1);
    var example = verbTense.get("examples").get(0);
    assertThat(example.get("utterance").asString()).isEqualTo("She go to school yesterday");
    assertThat(example.get("original").asString()).isEqualTo("She go");
    assertThat(example.get("suggestion").asString()).isEqualTo("She went");
    assertThat(example.get("explanation").asString()).isNotBlank();
    assertThat(Instant.parse(example.get("when").asString()))
        .isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
    var trend = profile.get("trend");
    assertThat(trend.get("weeks")).hasSize(8);
    var thisWeek = trend.get("weeks").get(7);
    assertThat(thisWeek.get("corrections").asLong()).isEqualTo(2);
    assertThat(thisWeek.get("utterances").asLong()).isEqualTo(3);
    assertThat(trend.get("weeks").get(0).get("corrections").asLong()).isZero();
    // Nothing was checked in the week before: no comparison yet.
    assertThat(trend.get("direction").asString()).isEqualTo("steady");
    assertThat(trend.get("recentRate").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(verbTense.get("trend").get("weeks").get(7).get("corrections").asLong()).isEqualTo(1);

    assertThat(api.getJson("/api/learners/me/mistakes?top=1&language=en").get("categories"))
        .hasSize(1);
    assertThat(
            api.getJson("/api/learners/me/mistakes?language=es")
                .get("totals")
                .get("utterancesChecked")
                .asLong())
        .isZero();

    // Another learner sees none of it.
    assertProblem(other.get("/api/sessions/" + id + "/feedback"), 404, "session_not_found");
    var theirs = other.getJson("/api/learners/me/mistakes");
    assertThat(theirs.get("totals").get("utterancesChecked").asLong()).isZero();
    assertThat(theirs.get("categories")).isEmpty();
    assertThat(other.getJson("/api/learners/me/review")).isEmpty();
  }

  @Test
  void aSlowCheckerDoesNotHoldUpTheReply() throws Exception {
    checker.delay(Duration.ofSeconds(2));
    var id = api.startSession(ENGLISH);
    try (var socket = api.connect(id)) {
      socket.next("session.ready");

      int number = say(socket, "She go to school yesterday");

      assertThat(socket.saw("feedback")).as("feedback before turn.completed").isFalse();
      var feedback = socket.feedback(number);
      assertThat(feedback.get("corrections").get(0).get("category").asString())
          .isEqualTo("verb-tense");
    }
  }

  @Test
  void anUnsupportedLanguageGetsNoFeedback() throws Exception {
    var id = api.startSession(SPANISH);
    try (var socket = api.connect(id)) {
      socket.next("session.ready");
      say(socket, "She go al mercado");
      await().atMost(10, TimeUnit.SECONDS).until(() -> checker.languagesAsked().contains("es-ES"));
      socket.send(Map.of("type", "ping", "ref", "after"));
      socket.next("pong");
      assertThat(socket.saw("feedback")).isFalse();
    }
    assertThat(api.getJson("/api/sessions/" + id + "/feedback").get("turns")).isEmpty();
  }

  @Test
  void badQueriesGetStableCodes() throws Exception {
    for (var top : new String[] {"0", "51", "many", "-3"}) {
      assertProblem(api.get("/api/learners/me/mistakes?top=" + top), 400, "invalid_top");
    }
    assertProblem(api.get("/api/learners/me/mistakes?language=e!"), 400, "invalid_language");
    var unknown = api.get("/api/sessions/" + UUID.randomUUID() + "/feedback");
    assertProblem(unknown, 404, "session_not_found");
    assertThat(api.getJson("/api/learners/me/mistakes?top=50").get("categories")).isEmpty();
  }
}
