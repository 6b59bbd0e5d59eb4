package dev.parley.llm;

import dev.parley.llm.cloud.CloudChatModels;
import dev.parley.llm.cloud.CloudChatModels.Timeouts;
import dev.parley.llm.local.LlamaChatModel;
import dev.parley.llm.local.LocalModelSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the application's single {@link ChatModel} from {@code parley.llm.provider}. A model that
 * cannot answer (no file, no key) still yields a bean, so the server starts and tells the user what
 * to do on every request, in the startup log and under {@code /actuator/health}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LlmProperties.class)
class LlmConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

  private static final String REPLACE_HINT =
      "Replace it with `./parley models pull` (delete the file first), "
          + "or set PARLEY_LLM_PROVIDER=openai and PARLEY_LLM_OPENAI_API_KEY=... to use a cloud model.";

  private static final String USE_CLOUD_HINT =
      "or set PARLEY_LLM_PROVIDER=openai and PARLEY_LLM_OPENAI_API_KEY=... to use a cloud model.";

  @Bean
  ChatModel chatModel(
      LlmProperties properties,
      @Value("${parley.models.dir:./models}") String modelsDir,
      LocalChatModelFactory localFactory) {
    // A String, not a Path: Spring's conversion drops the leading "./" the user wrote.
    var model = select(properties, Path.of(modelsDir), localFactory);
    if (model instanceof UnavailableChatModel unavailable) {
      log.warn(unavailable.reason());
    } else {
      log.info("LLM: provider {} with model {}", model.info().provider(), model.info().model());
    }
    return model;
  }

  @Bean
  LocalChatModelFactory localChatModelFactory() {
    return (file, settings) ->
        new LlamaChatModel(
            file,
            new LocalModelSettings(
                settings.threads(),
                settings.contextSize(),
                settings.gpuLayers(),
                settings.parallelSessions()));
  }

  @Bean
  LlmHealthIndicator llmHealthIndicator(ChatModel chatModel) {
    return new LlmHealthIndicator(chatModel);
  }

  static ChatModel select(
      LlmProperties properties, Path modelsDir, LocalChatModelFactory localFactory) {
    var timeouts = new Timeouts(properties.connectTimeout(), properties.timeout());
    return switch (properties.provider()) {
      case LlmProperties.LOCAL -> local(properties.local(), modelsDir, localFactory);
      case "openai" -> {
        var openai = properties.openai();
        // Only OpenAI itself insists on a key; vLLM, llama-server and LM Studio usually run without.
        yield !openai.hasApiKey() && openai.baseUrl().startsWith("https://api.openai.com")
            ? missingKey("openai", openai)
            : CloudChatModels.openAi(openai, timeouts);
      }
      case "gemini" ->
          properties.gemini().hasApiKey()
              ? CloudChatModels.gemini(properties.gemini(), timeouts)
              : missingKey("gemini", properties.gemini());
      case "mistral" ->
          properties.mistral().hasApiKey()
              ? CloudChatModels.mistral(properties.mistral(), timeouts)
              : missingKey("mistral", properties.mistral());
      case "anthropic" ->
          properties.anthropic().hasApiKey()
              ? CloudChatModels.anthropic(properties.anthropic(), timeouts)
              : missingKey("anthropic", properties.anthropic());
      case "ollama" -> CloudChatModels.ollama(properties.ollama(), timeouts);
      default ->
          new UnavailableChatModel(
              new ModelInfo(properties.provider(), "none"),
              ("Unknown LLM provider '%s' in PARLEY_LLM_PROVIDER (parley.llm.provider). "
                      + "Use one of local, openai, gemini, mistral, anthropic, ollama.")
                  .formatted(properties.provider()));
    };
  }

  private static ChatModel local(
      LlmProperties.Local settings, Path modelsDir, LocalChatModelFactory factory) {
    var file = modelsDir.resolve(settings.model());
    var info = new ModelInfo(LlmProperties.LOCAL, file.getFileName().toString());
    if (!Files.isRegularFile(file)) {
      return new UnavailableChatModel(
          info,
          "No local model at %s. Run `./parley models pull` to download it, %s"
              .formatted(file, USE_CLOUD_HINT));
    }
    try {
      return factory.create(file, settings);
    } catch (LlmException e) {
      // A corrupt or unsupported file must not stop the server: say what is wrong on every request.
      return new UnavailableChatModel(info, e.getMessage() + " " + REPLACE_HINT);
    }
  }

  private static ChatModel missingKey(String provider, LlmProperties.Cloud cloud) {
    var env = "PARLEY_LLM_" + provider.toUpperCase(java.util.Locale.ROOT) + "_API_KEY";
    return new UnavailableChatModel(
        new ModelInfo(provider, cloud.model()),
        ("PARLEY_LLM_PROVIDER is %s but no API key is set. Set %s=... (parley.llm.%s.api-key), "
                + "or set PARLEY_LLM_PROVIDER=local to use the in-process model.")
            .formatted(provider, env, provider));
  }
}
