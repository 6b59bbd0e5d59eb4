package dev.parley.feedback.grammar;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code parley.feedback.grammar.*}.
 *
 * @param languages primary language subtags to check; LanguageTool modules for en, es, fr and de
 *     are on the classpath
 * @param poolSize LanguageTool instances per language variant (concurrent checks; ~120 MiB heap for
 *     the first English one, little for the others)
 * @param warmUp build and exercise one instance per language on a background thread at start-up, so
 *     the first learner does not wait ~3 s per language
 * @param llmReview let the application's LLM confirm, drop and complete the rule findings and
 *     explain them at the learner's level
 */
@ConfigurationProperties("parley.feedback.grammar")
record GrammarProperties(
    @DefaultValue({"en", "es", "fr", "de"}) List<String> languages,
    @DefaultValue("2") int poolSize,
    @DefaultValue("true") boolean warmUp,
    @DefaultValue("false") boolean llmReview) {

  GrammarProperties {
    if (poolSize < 1) {
      throw new IllegalArgumentException("parley.feedback.grammar.pool-size must be at least 1");
    }
    languages = List.copyOf(languages);
  }
}
