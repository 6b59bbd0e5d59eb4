package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JflegTokensTest {

  private final JflegTokens sentence =
      new JflegTokens("So we ca n't eat a apple , it 's ( too ) late . ");

  @Test
  void detokenizesPunctuationAndClitics() {
    assertThat(sentence.text()).isEqualTo("So we can't eat a apple, it's (too) late.");
  }

  @Test
  void mapsACorrectionBackToTokensAndKeepsOnlyWhatChanges() {
    int start = sentence.text().indexOf("a apple");
    var edit = sentence.edit(start, start + "a apple".length(), "an apple");
    assertThat(edit).isEqualTo(new JflegTokens.Edit(5, 6, List.of("an")));

    int cant = sentence.text().indexOf("can't");
    assertThat(sentence.edit(cant, cant + 5, "cannot"))
        .isEqualTo(new JflegTokens.Edit(2, 4, List.of("cannot")));
  }

  @Test
  void aCorrectionInsideATokenKeepsTheRestOfIt() {
    int apple = sentence.text().indexOf("apple,");
    assertThat(sentence.edit(apple + 1, apple + 5, "pples"))
        .isEqualTo(new JflegTokens.Edit(6, 7, List.of("apples")));
    assertThat(sentence.edit(apple + 5, apple + 6, "."))
        .isEqualTo(new JflegTokens.Edit(7, 8, List.of(".")));
  }

  @Test
  void tokenizesTypedTextLikeJfleg() {
    assertThat(JflegTokens.tokenize("I don't know (really), it's \"fine\"..."))
        .containsExactly(
            "I", "do", "n't", "know", "(", "really", ")", ",", "it", "'s", "\"", "fine", "\"",
            "...");
  }
}
