package dev.parley.llm.cloud;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.mistralai.MistralAiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.parley.llm.ChatModel;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.llm.ModelInfo;
import java.time.Duration;

/** One factory per cloud vendor; each talks to {@link Cloud#baseUrl()}, so tests can use loopback. */
public final class CloudChatModels {

  private CloudChatModels() {}

  /**
   * @param connectTimeout how long to wait for the connection
   * @param timeout how long to wait for the provider to start answering
   */
  public record Timeouts(Duration connectTimeout, Duration timeout) {}

  /**
   * OpenAI and everything speaking its chat completions protocol: Groq, vLLM, llama-server, LM
   * Studio. Parley's own client ({@link OpenAiChatModel}), not LangChain4j's: it is the hot path.
   */
  public static ChatModel openAi(Cloud cloud, Timeouts timeouts) {
    return new OpenAiChatModel(cloud, timeouts);
  }

  public static ChatModel gemini(Cloud cloud, Timeouts timeouts) {
    var model =
        GoogleAiGeminiStreamingChatModel.builder()
            .httpClientBuilder(http(timeouts))
            .baseUrl(cloud.baseUrl())
            .apiKey(cloud.apiKey())
            .modelName(cloud.model())
            .build();
    return adapt("gemini", model, cloud);
  }

  public static ChatModel mistral(Cloud cloud, Timeouts timeouts) {
    var model =
        MistralAiStreamingChatModel.builder()
            .httpClientBuilder(http(timeouts))
            .baseUrl(cloud.baseUrl())
            .apiKey(cloud.apiKey())
            .modelName(cloud.model())
            .build();
    return adapt("mistral", model, cloud);
  }

  public static ChatModel anthropic(Cloud cloud, Timeouts timeouts) {
    var model =
        AnthropicStreamingChatModel.builder()
            .httpClientBuilder(http(timeouts))
            .baseUrl(cloud.baseUrl())
            .apiKey(cloud.apiKey())
            .modelName(cloud.model())
            .build();
    return adapt("anthropic", model, cloud);
  }

  /** Ollama's native API (not its OpenAI-compatible one), which needs no key. */
  public static ChatModel ollama(Cloud cloud, Timeouts timeouts) {
    var model =
        OllamaStreamingChatModel.builder()
            .httpClientBuilder(http(timeouts))
            .baseUrl(cloud.baseUrl())
            .modelName(cloud.model())
            .build();
    return adapt("ollama", model, cloud);
  }

  private static HttpClientBuilder http(Timeouts timeouts) {
    return HttpClientBuilderLoader.loadHttpClientBuilder()
        .connectTimeout(timeouts.connectTimeout())
        .readTimeout(timeouts.timeout());
  }

  private static ChatModel adapt(String provider, StreamingChatModel model, Cloud cloud) {
    return new LangChainChatModel(
        model,
        new ModelInfo(provider, cloud.model()),
        new ProviderErrors(provider, cloud.baseUrl(), cloud.model()));
  }
}
