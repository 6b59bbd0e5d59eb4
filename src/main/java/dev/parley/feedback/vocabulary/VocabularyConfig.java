package dev.parley.feedback.vocabulary;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class VocabularyConfig {

  @Bean
  VocabularyStore vocabularyStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
    return new VocabularyStore(jdbc, transactions);
  }

  @Bean
  VocabularyListener vocabularyListener(VocabularyStore store) {
    return new VocabularyListener(store);
  }
}
