package dev.parley.feedback;

import dev.parley.character.CefrLevel;
import dev.parley.feedback.grammar.Correction;
import dev.parley.feedback.grammar.GrammarChecker;
import dev.parley.feedback.grammar.MistakeCategory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for the real checker: three English rules, an optional delay per check,
 * and a record of the languages it was asked about and the texts it checked.
 */
public final class RegexGrammarChecker implements GrammarChecker {

  private record Rule(
      Pattern pattern, String suggestion, MistakeCategory category, String explanation) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              Pattern.compile("\\bShe go\\b"),
              "She went",
              MistakeCategory.VERB_TENSE,
              "Use the past tense for yesterday."),
          new Rule(
              Pattern.compile("\\bhave went\\b"),
              "have gone",
              MistakeCategory.VERB_FORM,
              "After 'have' use the past participle."),
          new Rule(
              Pattern.compile("\\bi\\b"),
              "I",
              MistakeCategory.CAPITALIZATION,
              "'I' is always a capital letter."));

  private volatile Duration delay = Duration.ZERO;
  private final List<String> languagesAsked = new CopyOnWriteArrayList<>();
  private final List<String> textsChecked = new CopyOnWriteArrayList<>();

  public void delay(Duration delay) {
    this.delay = delay;
  }

  public List<String> languagesAsked() {
    return languagesAsked;
  }

  public List<String> textsChecked() {
    return textsChecked;
  }

  @Override
  public boolean supports(String language) {
    languagesAsked.add(language);
    return language.toLowerCase(Locale.ROOT).startsWith("en");
  }

  @Override
  public List<Correction> check(String text, String language, CefrLevel level) {
    textsChecked.add(text);
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    var corrections = new ArrayList<Correction>();
    for (var rule : RULES) {
      var matcher = rule.pattern().matcher(text);
      while (matcher.find()) {
        corrections.add(
            new Correction(
                matcher.start(),
                matcher.end(),
                matcher.group(),
                rule.suggestion(),
                rule.category(),
                "TEST_" + rule.category().name(),
                rule.explanation(),
                Correction.Source.RULES));
      }
    }
    corrections.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return corrections;
  }
}
