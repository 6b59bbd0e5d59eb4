package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GLEU on sentences small enough to count n-grams by hand. */
class GleuTest {

  private static final List<String> SOURCE = words("the cat sat on mat");
  private static final List<String> REFERENCE = words("the cat sat on the mat");

  private static List<String> words(String text) {
    return Arrays.asList(text.split(" "));
  }

  @Test
  void statsCountReferenceMatchesMinusSourceNgramsTheReferenceDropped() {
    // Bigrams: "the cat", "cat sat", "sat on" match; "on mat" is a source bigram the reference
    // does not have, so keeping it costs one: 3 - 1 = 2 of 4. Trigrams: 2 match, "sat on mat"
    // is penalized: 1 of 3. 4-grams: 1 matches, "cat sat on mat" penalized: 0 of 2.
    assertThat(Gleu.stats(SOURCE, SOURCE, REFERENCE)).containsExactly(5, 6, 5, 5, 2, 4, 1, 3, 0, 2);
    assertThat(Gleu.gleu(Gleu.stats(SOURCE, SOURCE, REFERENCE))).isZero();
  }

  @Test
  void theReferenceItselfScoresOne() {
    assertThat(Gleu.stats(REFERENCE, SOURCE, REFERENCE))
        .containsExactly(6, 6, 6, 6, 5, 5, 4, 4, 3, 3);
    assertThat(Gleu.gleu(Gleu.stats(REFERENCE, SOURCE, REFERENCE))).isEqualTo(1.0);
  }

  @Test
  void geometricMeanOfPrecisionsTimesBrevityPenalty() {
    // Precisions 4/4, 2/3, 1/2, 1/1; hypothesis 4 tokens against a reference of 5.
    long[] stats = {4, 5, 4, 4, 2, 3, 1, 2, 1, 1};
    double expected = Math.exp(1 - 5.0 / 4) * Math.pow(1.0 * (2.0 / 3) * 0.5 * 1, 0.25);
    assertThat(Gleu.gleu(stats)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void longerHypothesesAreNotPenalizedForLength() {
    long[] stats = {8, 5, 8, 8, 7, 7, 6, 6, 5, 5};
    assertThat(Gleu.gleu(stats)).isEqualTo(1.0);
  }

  @Test
  void corpusScoreSumsStatsOverSentencesAndAveragesReferenceDraws() {
    var other = words("a dog ran to the park");
    var gleu =
        new Gleu(
            List.of(SOURCE, other), List.of(List.of(REFERENCE, REFERENCE), List.of(other, other)));

    assertThat(gleu.score(List.of(REFERENCE, other), 50)).isEqualTo(1.0);
    // Corpus-level: the source sentence's zero 4-gram matches do not zero the corpus score.
    var summed = new long[10];
    var first = Gleu.stats(SOURCE, SOURCE, REFERENCE);
    var second = Gleu.stats(other, other, other);
    for (int i = 0; i < summed.length; i++) {
      summed[i] = first[i] + second[i];
    }
    assertThat(gleu.score(List.of(SOURCE, other), 50))
        .isCloseTo(Gleu.gleu(summed), within(1e-12))
        .isBetween(0.0, 1.0);
  }

  @Test
  void referenceDrawsAreRandomButReproducible() {
    var hypothesis = words("the cat sat on the mat");
    var gleu =
        new Gleu(List.of(SOURCE), List.of(List.of(REFERENCE, words("the cat is on the mat"))));

    double once = gleu.score(List.of(hypothesis), 200);
    assertThat(gleu.score(List.of(hypothesis), 200)).isEqualTo(once);
    // A mix of a perfect match and a partial one.
    assertThat(once).isStrictlyBetween(0.0, 1.0);
  }
}
