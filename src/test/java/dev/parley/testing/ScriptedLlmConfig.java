package dev.parley.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Import into a Spring test to make {@link ScriptedChatModel} the application's chat model. */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedLlmConfig {

  @Bean
  @Primary
  ScriptedChatModel scriptedChatModel() {
    return new ScriptedChatModel();
  }

}
