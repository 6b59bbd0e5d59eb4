package dev.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class LlmPropertiesTest {

  @Test
  void defaultsWorkWithNoConfiguration() {
    var properties = bind(Map.of());
    assertThat(properties.provider()).isEqualTo("local");
    assertThat(properties.local().model()).isEqualTo("qwen2.5-0.5b-instruct-q4_k_m.gguf");
    assertThat(properties.local().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(properties.local().contextSize()).isEqualTo(8192);
    assertThat(properties.local().gpuLayers()).isZero();
    assertThat(properties.local().parallelSessions()).isEqualTo(2);
    assertThat(properties.openai().baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(properties.openai().model()).isEqualTo("gpt-4o-mini");
    assertThat(properties.openai().hasApiKey()).isFalse();
    assertThat(properties.ollama().baseUrl()).isEqualTo("http://localhost:11434");
    assertThat(properties.ollama().model()).isEqualTo("llama3.2");
    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void environmentVariablesBindWithUnderscores() {
    var properties =
        bind(
            Map.of(
                "PARLEY_LLM_PROVIDER", "OpenAI",
                "PARLEY_LLM_OPENAI_API_KEY", "sk-env",
                "PARLEY_LLM_OPENAI_BASE_URL", "http://localhost:8081/v1",
                "PARLEY_LLM_LOCAL_CONTEXT_SIZE", "16384",
                "PARLEY_LLM_TIMEOUT", "30s"));
    assertThat(properties.provider()).isEqualTo("openai");
    assertThat(properties.openai().apiKey()).isEqualTo("sk-env");
    assertThat(properties.openai().baseUrl()).isEqualTo("http://localhost:8081/v1");
    assertThat(properties.openai().model()).isEqualTo("gpt-4o-mini");
    assertThat(properties.local().contextSize()).isEqualTo(16384);
    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  private static LlmProperties bind(Map<String, Object> env) {
    var environment = new StandardEnvironment();
    var sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("parley.llm", LlmProperties.class);
  }
}
