package dev.parley.feedback;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Import into a Spring test to give the application {@link RegexGrammarChecker}, ahead of any real
 * checker.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RegexGrammarCheckerConfig {

  @Bean
  @Primary
  RegexGrammarChecker regexGrammarChecker() {
    return new RegexGrammarChecker();
  }
}
