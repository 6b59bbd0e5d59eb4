package dev.parley.llm;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which LLM answers, under {@code parley.llm.*}. With no configuration the in-process model
 * answers; environment variables such as {@code PARLEY_LLM_PROVIDER=openai} and {@code
 * PARLEY_LLM_OPENAI_API_KEY=...} switch to a cloud provider.
 *
 * @param provider {@code local} (default), {@code openai}, {@code gemini}, {@code mistral}, {@code
 *     anthropic} or {@code ollama}
 * @param connectTimeout how long to wait for a cloud provider's connection
 * @param timeout how long one cloud request may take, from sending it to its last token
 */
@ConfigurationProperties("parley.llm")
public record LlmProperties(
    String provider,
    Duration connectTimeout,
    Duration timeout,
    Local local,
    Cloud openai,
    Cloud gemini,
    Cloud mistral,
    Cloud anthropic,
    Cloud ollama) {

  public static final String LOCAL = "local";

  public LlmProperties {
    provider = provider == null || provider.isBlank() ? LOCAL : provider.trim().toLowerCase(Locale.ROOT);
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    local = local == null ? new Local(null, null, null, null, null) : local;
    openai = Cloud.orDefaults(openai, "https://api.openai.com/v1", "gpt-4o-mini");
    gemini =
        Cloud.orDefaults(
            gemini, "https://generativelanguage.googleapis.com/v1beta", "gemini-2.5-flash");
    mistral = Cloud.orDefaults(mistral, "https://api.mistral.ai/v1", "mistral-small-latest");
    anthropic = Cloud.orDefaults(anthropic, "https://api.anthropic.com/v1", "claude-haiku-4-5");
    ollama = Cloud.orDefaults(ollama, "http://localhost:11434", "llama3.2");
  }

  /**
   * The in-process llama.cpp model.
   *
   * @param model GGUF file name, resolved against {@code parley.models.dir}, or an absolute path
   * @param threads CPU threads for generation; defaults to the available processors
   * @param contextSize context window in tokens
   * @param gpuLayers layers to offload to a GPU; 0 runs on the CPU only
   */
  public record Local(
      String model, Integer threads, Integer contextSize, Integer gpuLayers, Integer parallelSessions) {

    public static final String DEFAULT_MODEL = "qwen2.5-0.5b-instruct-q4_k_m.gguf";

    public Local {
      model = model == null || model.isBlank() ? DEFAULT_MODEL : model.trim();
      threads = threads == null || threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
      contextSize = contextSize == null || contextSize <= 0 ? 8192 : contextSize;
      gpuLayers = gpuLayers == null || gpuLayers < 0 ? 0 : gpuLayers;
      parallelSessions = parallelSessions == null || parallelSessions <= 0 ? 2 : parallelSessions;
    }
  }

  /**
   * One cloud provider (or a server speaking its protocol).
   *
   * @param baseUrl where its API lives; point it at a proxy, vLLM, llama-server, LM Studio or Groq
   * @param apiKey the secret sent with every request; blank when the server needs none
   * @param model model name as the provider spells it
   */
  public record Cloud(String baseUrl, String apiKey, String model) {

    static Cloud orDefaults(Cloud cloud, String defaultBaseUrl, String defaultModel) {
      var given = cloud == null ? new Cloud(null, null, null) : cloud;
      return new Cloud(
          isBlank(given.baseUrl) ? defaultBaseUrl : given.baseUrl.trim(),
          isBlank(given.apiKey) ? null : given.apiKey.trim(),
          isBlank(given.model) ? defaultModel : given.model.trim());
    }

    public boolean hasApiKey() {
      return !isBlank(apiKey);
    }

    private static boolean isBlank(String value) {
      return value == null || value.isBlank();
    }
  }
}
