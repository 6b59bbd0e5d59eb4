package dev.parley.feedback.vocabulary;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class VocabularyConfig {

  @Bean
  VocabularyStore vocabularyStore(JdbcClient jdbc) {
    return new VocabularyStore(jdbc);
  }

  @Bean
  VocabularyListener vocabularyListener(VocabularyStore store) {
    return new VocabularyListener(store);
  }
}
