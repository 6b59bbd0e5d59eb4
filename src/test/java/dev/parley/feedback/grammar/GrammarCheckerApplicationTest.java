package dev.parley.feedback.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.character.CefrLevel;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The server starts with the grammar checker while it warms up, and the bean checks. */
@ParleyIntegrationTest
class GrammarCheckerApplicationTest {

  @Autowired GrammarChecker checker;

  @Test
  void theApplicationsCheckerFindsALearnersMistake() {
    assertThat(checker).isInstanceOf(LanguageToolChecker.class);
    assertThat(checker.check("She go to school yesterday.", "en-US", CefrLevel.A2))
        .extracting(Correction::original, Correction::category)
        .containsExactly(
            tuple("go", MistakeCategory.SUBJECT_VERB_AGREEMENT));
  }
}
