package dev.parley.feedback.grammar;

import dev.parley.llm.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's {@link GrammarChecker}: LanguageTool, optionally reviewed by the LLM. Warm-up
 * runs on its own thread, so the server is up before LanguageTool is; a check that comes first
 * builds or waits for its instance. Closing the context stops a warm-up still running.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GrammarProperties.class)
class GrammarConfiguration {

  /** Not a default candidate: code asks for a {@link GrammarChecker}, which may wrap this one. */
  @Bean(defaultCandidate = false)
  LanguageToolChecker languageToolChecker(GrammarProperties properties) {
    return new LanguageToolChecker(properties.languages(), properties.poolSize());
  }

  @Bean
  GrammarHealthIndicator grammarHealthIndicator(
      @Qualifier("languageToolChecker") LanguageToolChecker rules) {
    return new GrammarHealthIndicator(rules);
  }

  @Bean
  GrammarChecker grammarChecker(
      @Qualifier("languageToolChecker") LanguageToolChecker rules,
      GrammarProperties properties,
      ObjectProvider<ChatModel> model) {
    if (properties.warmUp()) {
      Thread.ofPlatform().daemon().name("grammar-warm-up").start(rules::warmUp);
    }
    return properties.llmReview() ? new LlmReviewedChecker(rules, model.getObject()) : rules;
  }
}
