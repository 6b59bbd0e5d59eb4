package dev.parley.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.feedback.grammar.Correction;
import dev.parley.feedback.grammar.MistakeCategory;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionMapTest {

  @Test
  void correctionsBeforeARedactionStayAndThoseAfterItMove() {
    var text = "She go home, call +34 612 345 678 if I has time";
    var redacted = "She go home, call [redacted] if I has time";

    var carried =
        RedactionMap.of(text, redacted).carry(List.of(at(text, "She go"), at(text, "I has")));

    assertThat(carried).extracting(Correction::start).containsExactly(0, redacted.indexOf("I has"));
    assertThat(carried)
        .allSatisfy(
            c -> assertThat(redacted.substring(c.start(), c.end())).isEqualTo(c.original()));
  }

  @Test
  void aCorrectionTouchingARedactedSpanIsDropped() {
    var text = "mail i.lopez@example.com today";
    var redacted = "mail [redacted] today";

    var capital = new Correction(5, 6, "i", "I", MistakeCategory.CAPITALIZATION, "r", "x", null);

    assertThat(RedactionMap.of(text, redacted).carry(List.of(capital, at(text, "mail i"))))
        .isEmpty();
  }

  @Test
  void piecesBetweenSeveralRedactionsAreFoundInOrder() {
    var text = "a@b.com and She go c@d.com, I has";
    var redacted = "[redacted] and She go [redacted], I has";

    var carried =
        RedactionMap.of(text, redacted).carry(List.of(at(text, "She go"), at(text, "I has")));

    assertThat(carried)
        .extracting(Correction::start)
        .containsExactly(redacted.indexOf("She go"), redacted.indexOf("I has"));
  }

  @Test
  void aPieceThatCouldSitInMoreThanOnePlaceCarriesNothing() {
    // " " between the two numbers could be any space inside the first one.
    var text = "+34 612 345 678 +34 699 111 222 ok";
    var redacted = "[redacted] [redacted] ok";
    var space = new Correction(15, 16, " ", "", MistakeCategory.PUNCTUATION, "r", "x", null);

    assertThat(RedactionMap.of(text, redacted).carry(List.of(space, at(text, "ok"))))
        .extracting(Correction::original)
        .containsExactly("ok");
  }

  @Test
  void aCorrectionRepeatingRedactedWordsIsDropped() {
    var text = "I has i.lopez@example.com";
    var redacted = "I has [redacted]";
    var leaky =
        new Correction(
            0,
            5,
            "I has",
            "I have",
            MistakeCategory.VERB_FORM,
            "llm",
            "As in 'I have i.lopez@example.com'.",
            Correction.Source.LLM);

    assertThat(RedactionMap.of(text, redacted).carry(List.of(leaky))).isEmpty();
  }

  @Test
  void aWholeTextRedactedOrRewrittenKeepsNothing() {
    var text = "She go home";
    var corrections = List.of(at(text, "She go"));

    var missingWord = new Correction(0, 0, "", "The", MistakeCategory.ARTICLE, "r", "x", null);

    assertThat(RedactionMap.of(text, "[redacted]").carry(List.of(at(text, "She go"), missingWord)))
        .isEmpty();
    assertThat(RedactionMap.of(text, "She went home").carry(corrections)).isEmpty();
    assertThat(RedactionMap.of(text, text).carry(corrections)).isEqualTo(corrections);
  }

  @Test
  void aCheckOfARedactedTextLeavesItsMarkersAlone() {
    var redacted = "I has [redacted]";
    var marker = new Correction(7, 15, "redacted", "", MistakeCategory.SPELLING, "r", "x", null);

    assertThat(RedactionMap.outsideMarkers(List.of(at(redacted, "I has"), marker), redacted))
        .extracting(Correction::original)
        .containsExactly("I has");
  }

  private static Correction at(String text, String words) {
    int start = text.indexOf(words);
    return new Correction(
        start,
        start + words.length(),
        words,
        "fixed",
        MistakeCategory.OTHER,
        "TEST",
        "An explanation.",
        Correction.Source.RULES);
  }
}
