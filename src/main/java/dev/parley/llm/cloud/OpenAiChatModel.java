package dev.parley.llm.cloud;

import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatStream;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.llm.ModelInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.Executors;

/**
 * OpenAI's streaming chat completions, and every server speaking them (Groq, vLLM, llama-server, LM
 * Studio, Ollama's {@code /v1}), without LangChain4j: the request body is written straight to
 * bytes and the event stream is parsed as it arrives (see {@link OpenAiStream}). This is the hot
 * path of a spoken turn with a cloud LLM, so it does no more per request than the protocol needs.
 *
 * <p>One {@link HttpClient} per model, on HTTP/1.1: its connections stay open between requests
 * (keep-alive), so a turn does not pay a handshake, and cleartext servers are not sent an HTTP/2
 * upgrade that only delays the first byte. Closing the model (the context does, at shutdown) closes
 * those connections and the client's selector thread, which otherwise outlive the context.
 */
final class OpenAiChatModel implements ChatModel, AutoCloseable {

  static final String PROVIDER = "openai";

  private final ModelInfo info;
  private final URI uri;
  private final String authorization;
  private final CloudChatModels.Timeouts timeouts;
  private final ProviderErrors errors;
  private final HttpClient client;

  OpenAiChatModel(Cloud cloud, CloudChatModels.Timeouts timeouts) {
    this.info = new ModelInfo(PROVIDER, cloud.model());
    this.uri = URI.create(stripSlash(cloud.baseUrl()) + "/chat/completions");
    // Servers on a private network usually need no key: then no header, rather than a made-up one.
    this.authorization = cloud.hasApiKey() ? "Bearer " + cloud.apiKey() : null;
    this.timeouts = timeouts;
    this.errors = new ProviderErrors(PROVIDER, cloud.baseUrl(), cloud.model());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeouts.connectTimeout())
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public ChatStream stream(ChatRequest request, ChatListener listener) {
    var builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeouts.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    OpenAiRequestBody.write(info.model(), request)));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    var stream = new OpenAiStream(listener, errors);
    stream.start(client, builder.build());
    return stream;
  }

  /** Drops the kept connections; a reply still streaming fails as a provider outage. */
  @Override
  public void close() {
    client.shutdownNow();
  }

  private static String stripSlash(String baseUrl) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }
}
