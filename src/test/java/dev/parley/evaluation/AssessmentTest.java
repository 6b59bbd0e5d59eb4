package dev.parley.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.llm.StructuredOutput.InvalidOutputException;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class AssessmentTest {

  @Test
  void aValidReplyIsReadAndTrimmed() {
    var assessment =
        Assessment.parse(
            """
            {"score":72,"justification":" You said \\"hola\\". ","strengths":["Greeting "],
             "improvements":[],"debrief":"A short chat."}
            """);
    assertThat(assessment.score()).isEqualTo(72);
    assertThat(assessment.justification()).isEqualTo("You said \"hola\".");
    assertThat(assessment.strengths()).containsExactly("Greeting");
    assertThat(assessment.improvements()).isEmpty();
    assertThat(assessment.debrief()).isEqualTo("A short chat.");
  }

  @Test
  void theBoundsOfTheScoreAreAccepted() {
    assertThat(Assessment.parse(reply("0", "[]")).score()).isZero();
    assertThat(Assessment.parse(reply("100", "[]")).score()).isEqualTo(100);
  }

  @Test
  void aScoreOutsideTheRangeOrNotAnIntegerIsRefused() {
    assertInvalid(reply("101", "[]"), "score must be from 0 to 100, not 101");
    assertInvalid(reply("-1", "[]"), "score must be from 0 to 100");
    assertInvalid(reply("85.5", "[]"), "score must be an integer");
    assertInvalid(reply("\"90\"", "[]"), "score must be an integer");
    assertInvalid(reply("99999999999", "[]"), "score must be from 0 to 100");
  }

  @Test
  void emptyTextsAreRefusedAndEveryProblemIsListedOnce() {
    assertInvalid(
        """
        {"score":50,"justification":"  ","strengths":["", " "],"improvements":["x"]}
        """,
        "justification must be a non-empty string; strengths must hold only non-empty strings;"
            + " debrief must be a non-empty string");
  }

  @Test
  void tooManyOrTooLongItemsAreRefused() {
    var seven = "[" + String.join(",", Collections.nCopies(7, "\"Be polite\"")) + "]";
    assertInvalid(reply("50", seven), "strengths must have at most 6 items, not 7");
    var long_ = "[\"" + "a".repeat(Assessment.MAX_ITEM_CHARS + 1) + "\"]";
    assertInvalid(reply("50", long_), "at most " + Assessment.MAX_ITEM_CHARS + " characters");
  }

  @Test
  void somethingOtherThanAnObjectIsRefused() {
    assertInvalid("[1,2]", "one JSON object");
    assertThatThrownBy(() -> Assessment.parse("Great job!")).isInstanceOf(JacksonException.class);
  }

  private static String reply(String score, String strengths) {
    return """
        {"score":%s,"justification":"Why.","strengths":%s,"improvements":["Use tú."],
         "debrief":"Summary."}
        """
        .formatted(score, strengths);
  }

  private static void assertInvalid(String json, String problem) {
    assertThatThrownBy(() -> Assessment.parse(json))
        .isInstanceOf(InvalidOutputException.class)
        .hasMessageContaining(problem);
  }
}
