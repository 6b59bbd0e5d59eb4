package dev.parley.feedback.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerGraderTest {

  @Test
  void theSuggestionMustBeThereAndTheMistakeGone() {
    var expected = "She went to school yesterday";
    assertThat(correct("She went to school yesterday", "She go", "She went", expected)).isTrue();
    assertThat(correct("she WENT to school, yesterday!", "She go", "She went", expected)).isTrue();
    assertThat(correct("She goes to school", "She go", "She went", expected)).isFalse();
    assertThat(correct("She go, she went", "She go", "She went", expected)).isFalse();
    assertThat(correct("She wentto school", "She go", "She went", expected)).isFalse();
  }

  @Test
  void theOriginalWordsMayStayWhereTheCorrectedSentenceHasThem() {
    // Only the second "go" was wrong.
    var expected = "I go there and she goes home";
    assertThat(correct("I go there and she goes home.", "go", "goes", expected)).isTrue();
    assertThat(correct("I go there and she go home", "go", "goes", expected)).isFalse();
    // A missing article: the original is part of the suggestion.
    assertThat(correct("I see the house", "house", "the house", "I see the house")).isTrue();
    assertThat(correct("I see house", "house", "the house", "I see the house")).isFalse();
  }

  @Test
  void aDeletionIsRightOnceTheWordsAreGone() {
    var expected = "I like it";
    assertThat(correct("I like it", "very", "", expected)).isTrue();
    assertThat(correct("I very like it", "very", "", expected)).isFalse();
  }

  @Test
  void wordsKeepApostrophesAndIgnorePunctuation() {
    assertThat(AnswerGrader.words(" Don’t  stop, it's—fine! 42 "))
        .containsExactly("don't", "stop", "it's", "fine", "42");
    assertThat(AnswerGrader.words("?!")).isEmpty();
  }

  private static boolean correct(String answer, String original, String suggestion, String exp) {
    return AnswerGrader.correct(answer, original, suggestion, exp);
  }
}
