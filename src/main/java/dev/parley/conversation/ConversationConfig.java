package dev.parley.conversation;

import dev.parley.character.CharacterCatalog;
import dev.parley.llm.ChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ConversationConfig {

  @Bean
  JdbcConversationStore conversationStore(
      JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    return new JdbcConversationStore(jdbc, new TransactionTemplate(transactionManager));
  }

  /**
   * The model and the catalog are resolved on first use, so the server (health, docs) starts even
   * where no LLM or character source is configured yet.
   */
  @Bean
  ConversationService conversationService(
      JdbcConversationStore store,
      @Lazy CharacterCatalog characters,
      @Lazy ChatModel model,
      ConversationProperties properties,
      MeterRegistry meterRegistry,
      ApplicationEventPublisher events) {
    return new ConversationService(
        store,
        characters,
        model,
        properties,
        new ConversationMetrics(meterRegistry),
        Clock.systemUTC(),
        events);
  }

  @Bean
  OpenSockets openSockets() {
    return new OpenSockets();
  }

  @Bean
  IdleSessionSweeper idleSessionSweeper(
      ConversationService conversations, ConversationProperties properties) {
    return new IdleSessionSweeper(conversations, properties.idleSweepInterval());
  }
}
