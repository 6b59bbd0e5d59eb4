package dev.parley.moderation;

import dev.parley.conversation.ConversationService;
import dev.parley.conversation.LiveSessions;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "parley.moderation.enabled", matchIfMissing = true)
class ModerationConfig {

  /** Two workers: rule checks take microseconds, provider calls wait on the network. */
  private static final int WORKERS = 2;

  private static final int QUEUE = 1_000;

  @Bean
  Moderator moderator(ModerationProperties properties) {
    var rules = RuleModerator.builtIn();
    return switch (properties.provider()) {
      case RULES -> rules;
      case OPENAI -> new OpenAiModerator(properties.openai(), rules);
    };
  }

  @Bean
  TurnModeration turnModeration(
      Moderator moderator,
      ModerationProperties properties,
      ConversationService conversations,
      LiveSessions live,
      MeterRegistry meters) {
    var executor =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            Thread.ofPlatform().name("moderation-", 0).daemon().factory());
    return new TurnModeration(moderator, properties, conversations, live, meters, executor);
  }
}
