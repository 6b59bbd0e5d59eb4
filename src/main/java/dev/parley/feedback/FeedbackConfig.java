package dev.parley.feedback;

import dev.parley.conversation.LiveSessions;
import dev.parley.feedback.grammar.GrammarChecker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class FeedbackConfig {

  @Bean
  FeedbackStore feedbackStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    return new FeedbackStore(jdbc, new TransactionTemplate(transactionManager));
  }

  /** Shared by the checks and the redactions: where the two meet when they come together. */
  @Bean
  RecentRedactions feedbackRedactions() {
    return new RecentRedactions();
  }

  /** Also with checking off: feedback stored before must not outlive a redaction. */
  @Bean
  UtteranceRedaction utteranceRedaction(
      FeedbackStore store,
      RecentRedactions feedbackRedactions,
      LiveSessions live,
      ApplicationEventPublisher events) {
    return new UtteranceRedaction(store, feedbackRedactions, live, events);
  }

  @Bean
  MistakeProfile mistakeProfile(FeedbackStore store) {
    return new MistakeProfile(store, Clock.systemUTC());
  }

  /**
   * Checking, unless {@code parley.feedback.enabled} is false. Without a {@link GrammarChecker}
   * bean every check is skipped (one INFO line says so) and the endpoints answer empty.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "parley.feedback.enabled", matchIfMissing = true)
  static class Checking {

    @Bean
    FeedbackWorkers feedbackWorkers(FeedbackProperties properties, MeterRegistry registry) {
      return new FeedbackWorkers(
          properties.workers(), properties.queueCapacity(), new FeedbackMetrics(registry));
    }

    @Bean
    FeedbackListener feedbackListener(
        FeedbackWorkers workers,
        ObjectProvider<GrammarChecker> checkers,
        FeedbackStore store,
        LiveSessions live,
        ApplicationEventPublisher events,
        MeterRegistry registry,
        RecentRedactions feedbackRedactions) {
      return new FeedbackListener(
          workers,
          new UtteranceFeedback(
              checkers,
              store,
              live,
              events,
              new FeedbackMetrics(registry),
              feedbackRedactions,
              Clock.systemUTC()));
    }
  }
}
