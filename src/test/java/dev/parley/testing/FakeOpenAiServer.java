package dev.parley.testing;

import dev.parley.llm.ChatMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's chat completions protocol ({@code POST /v1/chat/completions}): with {@code
 * "stream":true} SSE chunks carrying {@code choices[0].delta.content}, a final chunk with {@code
 * finish_reason}, a usage chunk and {@code data: [DONE]}; without it one JSON completion.
 */
public class FakeOpenAiServer extends FakeLlmServer {

  protected FakeOpenAiServer() {
    super("/v1/chat/completions");
  }

  public static FakeOpenAiServer start() {
    return new FakeOpenAiServer();
  }

  /** Ends in {@code /v1}, as OpenAI clients expect. */
  @Override
  public String baseUrl() {
    return root() + "/v1";
  }

  /** Makes a Spring test's application talk to this server as its OpenAI-compatible model. */
  public void serveAsChatModel(DynamicPropertyRegistry registry) {
    registry.add("parley.llm.provider", () -> "openai");
    registry.add("parley.llm.openai.base-url", this::baseUrl);
    registry.add("parley.llm.openai.api-key", () -> "sk-test");
  }

  @Override
  protected List<ChatMessage> parseMessages(JsonNode body) {
    var messages = new ArrayList<ChatMessage>();
    body.path("messages")
        .forEach(m -> messages.add(message(m.path("role").asString(), text(m.get("content")))));
    return messages;
  }

  @Override
  protected boolean isStreaming(String path, JsonNode body) {
    return body.path("stream").asBoolean(false);
  }

  @Override
  protected String streamContentType() {
    return "text/event-stream";
  }

  @Override
  protected StreamWriter streamWriter(OutputStream out, JsonNode body) {
    var model = body.path("model").asString("gpt-4o-mini");
    return new StreamWriter() {
      @Override
      public void start() throws IOException {
        event(out, chunkEvent(model, obj("role", "assistant", "content", ""), null, null));
      }

      @Override
      public void chunk(String text) throws IOException {
        event(out, chunkEvent(model, obj("content", text), null, null));
      }

      @Override
      public void end(int promptTokens, int completionTokens) throws IOException {
        endStream(out, model, usage(promptTokens, completionTokens));
      }
    };
  }

  /** OpenAI sends the finish reason, then usage in a chunk with no choices. */
  protected void endStream(OutputStream out, String model, Map<String, Object> usage)
      throws IOException {
    event(out, chunkEvent(model, obj(), "stop", null));
    event(out, obj("id", "chatcmpl-fake", "object", "chat.completion.chunk", "created", 0,
        "model", model, "choices", List.of(), "usage", usage));
    write(out, "data: [DONE]\n\n");
  }

  protected Map<String, Object> chunkEvent(
      String model, Map<String, Object> delta, String finishReason, Map<String, Object> usage) {
    var chunk =
        obj(
            "id", "chatcmpl-fake",
            "object", "chat.completion.chunk",
            "created", 0,
            "model", model,
            "choices", List.of(obj("index", 0, "delta", delta, "finish_reason", finishReason)));
    if (usage != null) {
      chunk.put("usage", usage);
    }
    return chunk;
  }

  protected static Map<String, Object> usage(int promptTokens, int completionTokens) {
    return obj(
        "prompt_tokens", promptTokens,
        "completion_tokens", completionTokens,
        "total_tokens", promptTokens + completionTokens);
  }

  protected static void event(OutputStream out, Map<String, Object> data) throws IOException {
    write(out, "data: " + json(data) + "\n\n");
  }

  @Override
  protected String completeResponse(
      JsonNode body, String text, int promptTokens, int completionTokens) {
    return json(
        obj(
            "id", "chatcmpl-fake",
            "object", "chat.completion",
            "created", 0,
            "model", body.path("model").asString("gpt-4o-mini"),
            "choices",
                List.of(
                    obj(
                        "index", 0,
                        "message", obj("role", "assistant", "content", text),
                        "finish_reason", "stop")),
            "usage", usage(promptTokens, completionTokens)));
  }

  @Override
  protected String errorBody(int status) {
    var type = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
    return json(
        obj("error", obj("message", "Fake failure " + status, "type", type, "param", null, "code", null)));
  }
}
