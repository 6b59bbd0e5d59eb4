package dev.parley.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Moderation redacts personal data from a stored turn; the learner's feedback, exercises and
 * vocabulary follow, whether the grammar check was stored before the redaction, was running when it
 * came, or started after it.
 */
class RedactedFeedbackTest extends FeedbackIntegrationTest {

  static final String MAIL = "Write to i.lopez@example.com, She go to school yesterday";
  static final String MAIL_REDACTED = "Write to [redacted], She go to school yesterday";
  static final String PHONE = "I have went to Madrid, call me on +34 612 345 678";
  static final String PHONE_REDACTED = "I have went to Madrid, call me on [redacted]";

  @Test
  void feedbackStoredBeforeTheRedactionIsRedactedAndSentAgain() throws Exception {
    // The reply takes a second: the check (no delay) is stored long before the turn.
    provider.firstTokenDelay(Duration.ofSeconds(1));
    var id = api.startSession(ENGLISH);
    try (var socket = api.connect(id)) {
      socket.next("session.ready");
      int number = say(socket, MAIL);

      var checked = socket.feedback(number);
      assertThat(checked.get("text").asString()).isEqualTo(MAIL);
      assertThat(checked.get("corrections"))
          .extracting(c -> c.get("original").asString())
          .containsExactly("i", "She go");
      assertThat(socket.next("moderation").get("categories").toString())
          .isEqualTo("[\"personal-data\"]");

      var redacted = socket.feedback(number);
      assertThat(redacted.get("text").asString()).isEqualTo(MAIL_REDACTED);
      // The capital "I" fell with the address it sat in; "She go" moved with the shorter text.
      assertOnlyTheTenseCorrection(redacted.get("corrections"));
    }

    assertThat(api.getJson("/api/sessions/" + id + "/feedback").get("turns"))
        .singleElement()
        .satisfies(
            turn -> {
              assertThat(turn.get("text").asString()).isEqualTo(MAIL_REDACTED);
              assertOnlyTheTenseCorrection(turn.get("corrections"));
            });
    var profile = api.getJson("/api/learners/me/mistakes");
    assertThat(profile.get("totals").get("corrections").asLong()).isEqualTo(1);
    assertThat(profile.get("categories"))
        .singleElement()
        .satisfies(
            category -> {
              assertThat(category.get("category").asString()).isEqualTo("verb-tense");
              assertThat(category.get("examples").get(0).get("utterance").asString())
                  .isEqualTo(MAIL_REDACTED);
            });
    assertThat(api.getJson("/api/learners/me/review"))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.get("sentence").asString()).isEqualTo(MAIL_REDACTED);
              assertThat(item.get("hint").asString())
                  .isEqualTo("Write to [redacted], [[She go]] to school yesterday");
            });
    awaitVocabulary(words("write", 1, "to", 2, "she", 1, "go", 1, "school", 1, "yesterday", 1));
    assertNoPersonalData(id);
  }

  @Test
  void aCheckRunningOrWaitingDuringTheRedactionStoresOnlyTheRedactedText() throws Exception {
    checker.delay(Duration.ofSeconds(2));
    var id = api.startSession(ENGLISH);
    try (var socket = api.connect(id)) {
      socket.next("session.ready");
      // Checked from the original text while moderation redacts it.
      int first = say(socket, MAIL);
      socket.next("moderation");
      // Waits for the one feedback worker, busy with the first check, until after its redaction.
      int second = say(socket, PHONE);
      socket.next("moderation");

      var mail = socket.feedback(first);
      assertThat(mail.get("text").asString()).isEqualTo(MAIL_REDACTED);
      assertOnlyTheTenseCorrection(mail.get("corrections"));
      var phone = socket.feedback(second);
      assertThat(phone.get("text").asString()).isEqualTo(PHONE_REDACTED);
      assertThat(phone.get("corrections"))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.get("original").asString()).isEqualTo("have went");
                assertThat(c.get("start").asInt()).isEqualTo(2);
              });
      assertThat(checker.textsChecked()).contains(MAIL, PHONE_REDACTED).doesNotContain(PHONE);
    }

    var turns = api.getJson("/api/sessions/" + id + "/feedback").get("turns");
    assertThat(turns)
        .extracting(t -> t.get("text").asString())
        .containsExactly(MAIL_REDACTED, PHONE_REDACTED);
    assertThat(api.getJson("/api/learners/me/mistakes").get("categories"))
        .extracting(c -> c.get("category").asString())
        .containsExactlyInAnyOrder("verb-tense", "verb-form");
    assertThat(api.getJson("/api/learners/me/review"))
        .extracting(item -> item.get("sentence").asString())
        .containsExactlyInAnyOrder(MAIL_REDACTED, PHONE_REDACTED);
    awaitVocabulary(
        words(
            "write",
            1,
            "to",
            3,
            "she",
            1,
            "go",
            1,
            "school",
            1,
            "yesterday",
            1,
            "i",
            1,
            "have",
            1,
            "went",
            1,
            "madrid",
            1,
            "call",
            1,
            "me",
            1,
            "on",
            1));
    assertNoPersonalData(id);
  }

  private static void assertOnlyTheTenseCorrection(JsonNode corrections) {
    assertThat(corrections)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.get("original").asString()).isEqualTo("She go");
              assertThat(c.get("suggestion").asString()).isEqualTo("She went");
              assertThat(c.get("start").asInt()).isEqualTo(MAIL_REDACTED.indexOf("She go"));
              assertThat(c.get("end").asInt()).isEqualTo(MAIL_REDACTED.indexOf("She go") + 6);
            });
  }

  /** The learner's words and how often each was used, exactly: none of the redacted ones. */
  private void awaitVocabulary(Map<String, Integer> expected) {
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () -> {
              var counted = new LinkedHashMap<String, Integer>();
              api.getJson("/api/learners/me/vocabulary?top=50")
                  .get("top")
                  .forEach(w -> counted.put(w.get("word").asString(), w.get("count").asInt()));
              assertThat(counted).isEqualTo(expected);
            });
  }

  private void assertNoPersonalData(String sessionId) throws Exception {
    for (var path :
        new String[] {
          "/api/sessions/" + sessionId + "/feedback",
          "/api/learners/me/mistakes",
          "/api/learners/me/review",
          "/api/learners/me/vocabulary?top=50"
        }) {
      // Ids and times are the server's, random or the clock's: "612" may turn up in them.
      var learnerText =
          api.get(path)
              .body()
              .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
              .replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "<time>");
      assertThat(learnerText)
          .as(path)
          .doesNotContain("lopez", "example.com", "612", "345 678");
    }
  }

  private static Map<String, Integer> words(Object... wordsAndCounts) {
    var words = new LinkedHashMap<String, Integer>();
    for (int i = 0; i < wordsAndCounts.length; i += 2) {
      words.put((String) wordsAndCounts[i], (Integer) wordsAndCounts[i + 1]);
    }
    return words;
  }
}
