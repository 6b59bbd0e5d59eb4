package dev.parley.feedback.vocabulary;

import dev.parley.conversation.TurnRedacted;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The words of a text: letters (with their combining marks), apostrophes inside words kept. */
final class Words {

  static final int MAX_LENGTH = 100;
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{M}]+(?:['\u2019][\\p{L}\\p{M}]+)*");

  private Words() {}

  /**
   * Each lower-cased word of {@code text} with how often it occurs, in order of first use. The
   * marker of a redaction is not the learner's word.
   */
  static Map<String, Integer> count(String text, String language) {
    var locale = language == null ? Locale.ROOT : Locale.forLanguageTag(language);
    var counts = new LinkedHashMap<String, Integer>();
    var matcher = WORD.matcher(text.replace(TurnRedacted.MARKER, " "));
    while (matcher.find()) {
      var word = matcher.group().replace('\u2019', '\'').toLowerCase(locale);
      if (word.length() <= MAX_LENGTH) {
        counts.merge(word, 1, Integer::sum);
      }
    }
    return counts;
  }
}
