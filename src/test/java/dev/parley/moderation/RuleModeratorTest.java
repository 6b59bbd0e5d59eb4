package dev.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleModeratorTest {

  static final RuleModerator rules = RuleModerator.builtIn();

  @Test
  void shipsListsForFourLanguages() {
    assertThat(rules.languages()).contains("en", "es", "fr", "de");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "es-ES | Te voy a MATAR, ¿vale?            | violence",
        "es    | Quiero suicidarme                  | self-harm",
        "fr-FR | Je vais te tuer                    | violence",
        "de-DE | Ich bringe dich um                 | violence",
        "de    | Du bist ein Arschloch              | harassment",
        "fr    | Tu es une salope                   | harassment",
        "en    | you are an a55hole                 | harassment",
        "en    | I'll k1ll you                      | violence",
        "en    | I’ll kill you                      | violence",
        "es    | eres un imbecil                    | harassment",
        "es-MX | Eres un IMBÉCIL                    | harassment",
        "es    | fuck you                           | harassment",
        "de    | Kinderpornos                       | sexual-minors",
        "en    | i want to die tonight              | self-harm",
      })
  void flagsFoldedPhrasesInTheLanguageAndInEnglish(String language, String text, String category) {
    assertThat(rules.check(text, language).categories())
        .containsExactly(ModerationCategory.fromWireName(category));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "en | Your skills will kill it at the interview",
        "en | The assassin in the film was scary",
        "en | Scunthorpe is a town; passionate cocktails",
        "es | Computadora, disputa, reputación",
        "de | Ich will sterbenslangweilige Filme nicht",
        "fr | Il faut tuer le temps avant le train",
        "en | Kill the lights, please",
      })
  void leavesInnocentWordsAlone(String language, String text) {
    assertThat(rules.check(text, language).flagged()).as(text).isFalse();
  }

  @Test
  void spansPointIntoTheOriginalText() {
    var text = "Oye, ¡hijo de puta! Te voy a matar.";
    var verdict = rules.check(text, "es-ES");
    assertThat(verdict.flags())
        .flatExtracting(Verdict.Flag::spans)
        .extracting(s -> text.substring(s.start(), s.end()))
        .containsExactlyInAnyOrder("hijo de puta", "Te voy a matar");
  }

  @Test
  void otherLanguagesListsAreNotUsed() {
    // German's "Neger" list entry must not flag Spanish "negro" nor be read for a Spanish text.
    assertThat(rules.check("Un café negro, por favor", "es").flagged()).isFalse();
  }
}
