package dev.parley.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.character.CefrLevel;
import dev.parley.feedback.grammar.Correction;
import dev.parley.feedback.grammar.MistakeCategory;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtteranceFeedbackTest {

  final RegexGrammarChecker checker = new RegexGrammarChecker();

  @Test
  void spokenUtterancesKeepNoCapitalizationOrPunctuationMistakes() {
    var text = "i think She go home";
    var found = checker.check(text, "en", CefrLevel.A2);
    assertThat(found)
        .extracting(Correction::category)
        .containsExactly(MistakeCategory.CAPITALIZATION, MistakeCategory.VERB_TENSE);

    assertThat(UtteranceFeedback.kept(found, text, false)).hasSize(2);
    assertThat(UtteranceFeedback.kept(found, text, true))
        .extracting(Correction::category)
        .containsExactly(MistakeCategory.VERB_TENSE);
  }

  @Test
  void correctionsPointAtTheirWordsOrAreDropped() {
    var text = "Yesterday She go out";
    var shifted = correction(0, 6, "She go");
    var missing = correction(0, 3, "xyz");
    var right = correction(10, 16, "She go");

    assertThat(UtteranceFeedback.kept(List.of(shifted, missing, right), text, false))
        .extracting(Correction::start, Correction::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(10, 16),
            org.assertj.core.groups.Tuple.tuple(10, 16));
  }

  @Test
  void theEventListsEveryCorrection() {
    var event =
        UtteranceFeedback.event(3, "Yesterday She go out", List.of(correction(10, 16, "She go")));
    assertThat(event).containsEntry("number", 3).containsEntry("text", "Yesterday She go out");
    assertThat(event.get("corrections").toString())
        .contains("original=She go", "suggestion=She went", "category=verb-tense", "source=rules");
    assertThat(UtteranceFeedback.event(4, "Fine.", List.of()))
        .containsEntry("corrections", List.of());
  }

  private static Correction correction(int start, int end, String original) {
    return new Correction(
        start,
        end,
        original,
        "She went",
        MistakeCategory.VERB_TENSE,
        "R",
        "Past tense.",
        Correction.Source.RULES);
  }
}
