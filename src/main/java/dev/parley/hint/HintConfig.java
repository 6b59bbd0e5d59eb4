package dev.parley.hint;

import dev.parley.character.CharacterCatalog;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.LiveSessions;
import dev.parley.llm.ChatModel;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

@Configuration(proxyBeanMethods = false)
class HintConfig {

  @Bean
  HintGenerator hintGenerator(
      ConversationService conversations,
      @Lazy CharacterCatalog characters,
      @Lazy ChatModel model,
      HintProperties properties) {
    return new HintGenerator(conversations, characters, model, properties);
  }

  @Bean
  HintWorkers hintWorkers() {
    return new HintWorkers();
  }

  @Bean
  HintRequestHandler hintRequestHandler(
      HintGenerator hints, LiveSessions live, HintWorkers workers) {
    return new HintRequestHandler(hints, live, workers);
  }

  @Bean
  SilenceHints silenceHints(
      HintGenerator hints, LiveSessions live, HintProperties properties, HintWorkers workers) {
    return new SilenceHints(
        hints,
        live,
        properties.silenceAfter(),
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("silence-hints").daemon().factory()),
        workers);
  }
}
