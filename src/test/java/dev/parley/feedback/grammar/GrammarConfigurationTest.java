package dev.parley.feedback.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.character.CefrLevel;
import dev.parley.llm.ChatModel;
import dev.parley.testing.ScriptedChatModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class GrammarConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(GrammarConfiguration.class)
          .withPropertyValues("parley.feedback.grammar.warm-up=false");

  @Test
  void defaultsToLanguageToolForFourLanguagesWithoutTheLlm() {
    runner.run(
        context -> {
          var checker = context.getBean(GrammarChecker.class);
          assertThat(checker).isInstanceOf(LanguageToolChecker.class);
          assertThat(checker.supports("es-MX")).isTrue();
          assertThat(checker.supports("fr-FR")).isTrue();
          assertThat(checker.supports("de-AT")).isTrue();
          assertThat(checker.supports("en-GB")).isTrue();
          assertThat(checker.supports("it-IT")).isFalse();
          assertThat(context.getBean(GrammarProperties.class).poolSize()).isEqualTo(2);
        });
  }

  @Test
  void languagesAreConfigurable() {
    runner
        .withPropertyValues("parley.feedback.grammar.languages=es")
        .run(
            context -> {
              var checker = context.getBean(GrammarChecker.class);
              assertThat(checker.supports("es-ES")).isTrue();
              assertThat(checker.supports("en-US")).isFalse();
            });
  }

  @Test
  void llmReviewWrapsTheRulesWithTheApplicationsModel() {
    runner
        .withPropertyValues("parley.feedback.grammar.llm-review=true")
        .withBean(ChatModel.class, ScriptedChatModel::new)
        .run(
            context ->
                assertThat(context.getBean(GrammarChecker.class))
                    .isInstanceOf(LlmReviewedChecker.class));
  }

  @Test
  void warmUpBuildsAnInstancePerLanguageInTheBackground() {
    runner
        .withPropertyValues(
            "parley.feedback.grammar.warm-up=true", "parley.feedback.grammar.languages=en")
        .run(
            context -> {
              var checker = (LanguageToolChecker) context.getBean(GrammarChecker.class);
              await().atMost(Duration.ofMinutes(2)).until(() -> checker.instances("en-US") == 1);
              // The warmed instance serves the first check: no second one is built.
              assertThat(checker.check("He go home.", "en-US", CefrLevel.B1)).hasSize(1);
              assertThat(checker.instances("en-US")).isEqualTo(1);
            });
  }

  @Test
  void aPoolNeedsAnInstance() {
    runner
        .withPropertyValues("parley.feedback.grammar.pool-size=0")
        .run(context -> assertThat(context).hasFailed());
  }
}
