package dev.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What every {@link Moderator} promises. Each adapter's test extends this class and says how its
 * provider comes to judge a text: the rules know their lists, a provider behind a loopback server
 * is told which inputs to flag.
 */
abstract class ModeratorContractTest {

  protected abstract Moderator moderator();

  /** Makes the provider judge texts containing {@code fragment} as this category. */
  protected abstract void providerFlags(String fragment, ModerationCategory category);

  @Test
  void anOrdinaryTextIsNotFlagged() {
    var verdict = moderator().check("Un café con leche, por favor. ¿Cuánto es?", "es-ES");
    assertThat(verdict.flagged()).isFalse();
    assertThat(verdict.flags()).isEmpty();
  }

  @Test
  void blankTextIsNotFlagged() {
    assertThat(moderator().check("  ", "en").flagged()).isFalse();
  }

  @Test
  void aThreatIsViolenceWithAReason() {
    providerFlags("te voy a matar", ModerationCategory.VIOLENCE);
    var text = "Si no me das el café, te voy a matar.";
    var verdict = moderator().check(text, "es-ES");
    assertThat(verdict.categories()).containsExactly(ModerationCategory.VIOLENCE);
    var flag = verdict.flags().getFirst();
    assertThat(flag.reason()).isNotBlank().doesNotContain("matar");
    assertThat(flag.spans())
        .allSatisfy(span -> assertThat(span.end()).isLessThanOrEqualTo(text.length()));
  }

  @Test
  void selfHarmIsFlagged() {
    providerFlags("want to die", ModerationCategory.SELF_HARM);
    assertThat(moderator().check("Sometimes I want to die.", "en").categories())
        .containsExactly(ModerationCategory.SELF_HARM);
  }

  @Test
  void personalDataIsFoundWithItsSpan() {
    var text = "Écris-moi à ana.garcia@example.org demain.";
    var verdict = moderator().check(text, "fr-FR");
    assertThat(verdict.categories()).containsExactly(ModerationCategory.PERSONAL_DATA);
    var span = verdict.flags().getFirst().spans().getFirst();
    assertThat(text.substring(span.start(), span.end())).isEqualTo("ana.garcia@example.org");
  }

  @Test
  void misconductAndPersonalDataTogether() {
    providerFlags("du Idiot", ModerationCategory.HARASSMENT);
    var verdict = moderator().check("Ruf mich an: +49 30 1234567, du Idiot!", "de-DE");
    assertThat(verdict.categories())
        .containsExactlyInAnyOrder(ModerationCategory.HARASSMENT, ModerationCategory.PERSONAL_DATA);
  }
}
