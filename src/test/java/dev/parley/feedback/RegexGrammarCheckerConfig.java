package dev.parley.feedback;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Import into a Spring test to give the application {@link RegexGrammarChecker}. */
@TestConfiguration(proxyBeanMethods = false)
public class RegexGrammarCheckerConfig {

  @Bean
  RegexGrammarChecker regexGrammarChecker() {
    return new RegexGrammarChecker();
  }
}
