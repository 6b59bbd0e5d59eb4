package dev.parley.feedback.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a learner's rewrite fixes a mistake: it must contain the suggestion and must not hold the
 * original words more often than the corrected sentence does (outside the suggestion). Compares
 * words only: case, spacing and punctuation do not matter.
 */
final class AnswerGrader {

  private AnswerGrader() {}

  static boolean correct(String answer, String original, String suggestion, String expected) {
    var answerWords = words(answer);
    var originalWords = words(original);
    var suggestionWords = words(suggestion);
    if (!contains(answerWords, suggestionWords)) {
      return false;
    }
    return count(without(answerWords, suggestionWords), originalWords)
        <= count(without(words(expected), suggestionWords), originalWords);
  }

  /** Lower-cased words; anything but letters, marks, digits and apostrophes separates them. */
  static List<String> words(String text) {
    var normalized =
        text.toLowerCase(Locale.ROOT)
            .replace('\u2019', '\'')
            .replaceAll("[^\\p{L}\\p{M}\\p{N}']+", " ")
            .strip();
    return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
  }

  private static boolean contains(List<String> words, List<String> phrase) {
    return phrase.isEmpty() || count(words, phrase) > 0;
  }

  private static int count(List<String> words, List<String> phrase) {
    if (phrase.isEmpty()) {
      return 0;
    }
    int count = 0;
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      if (words.subList(i, i + phrase.size()).equals(phrase)) {
        count++;
      }
    }
    return count;
  }

  private static List<String> without(List<String> words, List<String> phrase) {
    if (phrase.isEmpty()) {
      return words;
    }
    var kept = new ArrayList<String>();
    int i = 0;
    while (i < words.size()) {
      if (i + phrase.size() <= words.size() && words.subList(i, i + phrase.size()).equals(phrase)) {
        i += phrase.size();
      } else {
        kept.add(words.get(i++));
      }
    }
    return kept;
  }
}
