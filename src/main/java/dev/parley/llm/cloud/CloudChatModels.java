package dev.parley.llm.cloud;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.mistralai.MistralAiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.parley.llm.ChatModel;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.llm.ModelInfo;
import java.time.Duration;

/** One factory per cloud vendor; each talks to {@link Cloud#baseUrl()}, so tests can use loopback. */
public final class CloudChatModels {

  /**
   * Servers speaking the OpenAI protocol on a private network (vLLM, llama-server, LM Studio)
   * usually ignore the key, but LangChain4j sends one.
   */
  private static final String NO_KEY = "none";

  private CloudChatModels() {}

  /**
   * @param connectTimeout how long to wait for the connection
   * @param timeout how long to wait for the provider to start answering
   */
  public record Timeouts(Duration connectTimeout, Duration timeout) {}

  /** OpenAI and everything speaking its chat completions protocol: Groq, vLLM, llama-server, LM Studio. */
  public static ChatModel openAi(Cloud cloud, Timeouts timeouts) {
    var model =
        OpenAiStreamingChatModel.builder()
            .httpClientBuilder(http(timeouts))
            .baseUrl(cloud.baseUrl())
            .apiKey(cloud.hasApiKey() ? cloud.apiKey() : NO_KEY)
            .modelName(cloud.model())
            .build();
    return adapt("openai", model, cloud);
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
