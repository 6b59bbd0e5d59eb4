package dev.parley.feedback.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.character.CefrLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Real LanguageTool 6.8 on planted learner mistakes in every configured language. */
class LanguageToolCheckerTest {

  /** One checker for the class: building LanguageTool costs seconds per language. */
  private static final LanguageToolChecker CHECKER =
      new LanguageToolChecker(List.of("en", "es", "fr", "de"), 2);

  private static List<Correction> check(String text, String language) {
    return CHECKER.check(text, language, CefrLevel.A2);
  }

  private static Correction only(String text, String language) {
    var corrections = check(text, language);
    assertThat(corrections).as("%s (%s)", text, language).hasSize(1);
    return corrections.getFirst();
  }

  @Test
  void subjectVerbAgreementInEnglish() {
    var correction = only("She go to school yesterday.", "en-US");
    assertThat(correction.original()).isEqualTo("go");
    assertThat(correction.start()).isEqualTo(4);
    assertThat(correction.end()).isEqualTo(6);
    assertThat(correction.suggestion()).isIn("goes", "went");
    assertThat(correction.category()).isEqualTo(MistakeCategory.SUBJECT_VERB_AGREEMENT);
    assertThat(correction.source()).isEqualTo(Correction.Source.RULES);
    assertThat(correction.explanation()).isNotBlank();
  }

  @Test
  void participleAfterHaveIsAVerbForm() {
    var correction = only("I have went there.", "en-GB");
    assertThat(correction.original()).isEqualTo("went");
    assertThat(correction.suggestion()).isEqualTo("gone");
    assertThat(correction.category()).isEqualTo(MistakeCategory.VERB_FORM);
  }

  @Test
  void aBeforeAVowelIsAnArticleMistakeWithAReadableExplanation() {
    var correction = only("I ate a apple.", "en");
    assertThat(correction.original()).isEqualTo("a");
    assertThat(correction.suggestion()).isEqualTo("an");
    assertThat(correction.category()).isEqualTo(MistakeCategory.ARTICLE);
    assertThat(correction.explanation()).contains("\"an\"").doesNotContain("<suggestion>");
  }

  @Test
  void misspellingsAreSpellingAndFollowTheVariant() {
    var correction = only("I like to recieve letters.", "en-US");
    assertThat(correction.original()).isEqualTo("recieve");
    assertThat(correction.suggestion()).isEqualTo("receive");
    assertThat(correction.category()).isEqualTo(MistakeCategory.SPELLING);

    assertThat(check("My favourite colour is blue.", "en-US"))
        .extracting(Correction::original, Correction::category)
        .containsExactly(
            tuple("favourite", MistakeCategory.SPELLING),
            tuple("colour", MistakeCategory.SPELLING));
    assertThat(check("My favourite colour is blue.", "en-GB")).isEmpty();
    assertThat(only("Das ist ein grosses Haus.", "de-DE").suggestion()).isEqualTo("großes");
    assertThat(check("Das ist ein grosses Haus.", "de-CH")).isEmpty();
  }

  @Test
  void spanishGenderAgreement() {
    var correction = only("La problema es difícil.", "es-ES");
    assertThat(correction.original()).isEqualTo("La problema");
    assertThat(correction.suggestion()).isEqualTo("El problema");
    assertThat(correction.category()).isEqualTo(MistakeCategory.GENDER_NUMBER_AGREEMENT);

    var verb = only("Yo tiene un perro.", "es-MX");
    assertThat(verb.suggestion()).isEqualTo("tengo");
    assertThat(verb.category()).isEqualTo(MistakeCategory.SUBJECT_VERB_AGREEMENT);
  }

  @Test
  void frenchParticipleAfterAvoir() {
    var correction = only("Il a manger une pomme.", "fr-FR");
    assertThat(correction.original()).isEqualTo("manger");
    assertThat(correction.suggestion()).isEqualTo("mangé");
    assertThat(correction.category()).isEqualTo(MistakeCategory.VERB_FORM);
  }

  @Test
  void germanAgreement() {
    var correction = only("Ich habe einen Katze.", "de-AT");
    assertThat(correction.original()).contains("einen");
    assertThat(correction.category()).isEqualTo(MistakeCategory.GENDER_NUMBER_AGREEMENT);
  }

  @Test
  void correctSentencesYieldNothing() {
    assertThat(check("I went to school yesterday.", "en-US")).isEmpty();
    assertThat(check("Ayer fui a la escuela con mi hermana.", "es-ES")).isEmpty();
    assertThat(check("Hier, j'ai mangé une pomme.", "fr-FR")).isEmpty();
    assertThat(check("Ich habe gestern eine Katze gesehen.", "de-DE")).isEmpty();
    assertThat(check("  ", "en-US")).isEmpty();
  }

  @Test
  void typographyAndWhitespaceAreNotLearnerMistakes() {
    assertThat(check("I think \"this\" is good - really...", "en-US"))
        .extracting(Correction::category)
        .doesNotContain(MistakeCategory.PUNCTUATION, MistakeCategory.OTHER);
    assertThat(check("I like  it , really.", "en-US")).isEmpty();
  }

  @Test
  void concurrentChecksAgreeWithSequentialOnes() throws Exception {
    var texts =
        List.of(
            new String[] {"She go to school yesterday.", "en-US"},
            new String[] {"I have went there.", "en-US"},
            new String[] {"I ate a apple and he have two cat.", "en-US"},
            new String[] {"La problema es que yo tiene un perro.", "es-ES"},
            new String[] {"Il a manger une pomme.", "fr-FR"});
    var sequential = new ArrayList<List<Correction>>();
    for (var text : texts) {
      sequential.add(check(text[0], text[1]));
    }
    try (var executor = Executors.newFixedThreadPool(6)) {
      var tasks = new ArrayList<Callable<List<Correction>>>();
      for (int round = 0; round < 4; round++) {
        for (var text : texts) {
          tasks.add(() -> check(text[0], text[1]));
        }
      }
      var results = executor.invokeAll(tasks);
      for (int i = 0; i < results.size(); i++) {
        Future<List<Correction>> result = results.get(i);
        assertThat(result.get()).isEqualTo(sequential.get(i % texts.size()));
      }
    }
    assertThat(CHECKER.instances("en-US")).isBetween(1, 2);
  }

  @Test
  void unsupportedLanguagesAreRefused() {
    assertThat(CHECKER.supports("ja-JP")).isFalse();
    assertThat(CHECKER.supports("pt-BR")).isFalse();
    assertThat(CHECKER.supports("es-MX")).isTrue();
    assertThat(CHECKER.supports("de-AT")).isTrue();
    assertThatThrownBy(() -> check("Konnichiwa", "ja-JP"))
        .isInstanceOfSatisfying(
            GrammarCheckException.class,
            e -> assertThat(e.code()).isEqualTo("grammar_unsupported_language"));
  }
}
