package dev.parley.feedback.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WordsTest {

  @Test
  void lowerCasedLettersWithInnerApostrophes() {
    assertThat(Words.count("The cat's toy. THE end, 'quoted' l’été 42 x2", "en"))
        .containsExactly(
            Map.entry("the", 2),
            Map.entry("cat's", 1),
            Map.entry("toy", 1),
            Map.entry("end", 1),
            Map.entry("quoted", 1),
            Map.entry("l'été", 1),
            Map.entry("x", 1));
  }

  @Test
  void anyScriptAndTheLanguagesCaseRules() {
    assertThat(Words.count("Привет, мир! नमस्ते", "ru"))
        .containsOnlyKeys("привет", "мир", "नमस्ते");
    assertThat(Words.count("İstanbul", "tr-TR")).containsOnlyKeys("istanbul");
  }

  @Test
  void overlongTokensAreNotWords() {
    assertThat(Words.count("a".repeat(Words.MAX_LENGTH + 1) + " ok", "en")).containsOnlyKeys("ok");
  }
}
