package dev.parley.llm.cloud;

import dev.parley.http.BlockingHttpClient;
import dev.parley.http.Request;
import dev.parley.llm.ChatListener;
import dev.parley.llm.ChatModel;
import dev.parley.llm.ChatRequest;
import dev.parley.llm.ChatStream;
import dev.parley.llm.LlmProperties.Cloud;
import dev.parley.llm.ModelInfo;
import java.net.URI;

/**
 * OpenAI's streaming chat completions, and every server speaking them (Groq, vLLM, llama-server, LM
 * Studio, Ollama's {@code /v1}), without LangChain4j: the request body is written straight to
 * bytes and the event stream is parsed as it arrives (see {@link OpenAiStream}). This is the hot
 * path of a spoken turn with a cloud LLM, so it does no more per request than the protocol needs.
 *
 * <p>One {@link BlockingHttpClient} per model: its connections stay open between requests
 * (keep-alive), so a turn does not pay a handshake. {@link #stream} is called on the thread that
 * heard the learner finish: when a kept-alive connection is idle, the request leaves from that
 * thread at once; otherwise the reading thread connects. {@code timeout} bounds each wait for the
 * provider's next bytes. Closing the model (the context does, at shutdown) closes the idle
 * connections.
 */
final class OpenAiChatModel implements ChatModel, AutoCloseable {

  static final String PROVIDER = "openai";

  private final ModelInfo info;
  private final URI uri;
  private final String authorization;
  private final CloudChatModels.Timeouts timeouts;
  private final ProviderErrors errors;
  private final BlockingHttpClient client;

  OpenAiChatModel(Cloud cloud, CloudChatModels.Timeouts timeouts) {
    this.info = new ModelInfo(PROVIDER, cloud.model());
    this.uri = URI.create(stripSlash(cloud.baseUrl()) + "/chat/completions");
    // Servers on a private network usually need no key: then no header, rather than a made-up one.
    this.authorization = cloud.hasApiKey() ? "Bearer " + cloud.apiKey() : null;
    this.timeouts = timeouts;
    this.errors = new ProviderErrors(PROVIDER, cloud.baseUrl(), cloud.model());
    this.client = new BlockingHttpClient(timeouts.connectTimeout());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public ChatStream stream(ChatRequest request, ChatListener listener) {
    var http =
        Request.post(uri, OpenAiRequestBody.write(info.model(), request))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .readTimeout(timeouts.timeout());
    if (authorization != null) {
      http.header("Authorization", authorization);
    }
    var stream = new OpenAiStream(listener, errors);
    stream.start(client.exchange(http));
    return stream;
  }

  /** Drops the kept connections; a reply still streaming finishes on its own connection. */
  @Override
  public void close() {
    client.close();
  }

  private static String stripSlash(String baseUrl) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }
}
