package dev.parley.testing;

import dev.parley.llm.ChatMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Ollama's native chat API: {@code POST /api/chat}, streamed (the default) as newline-delimited
 * JSON objects with {@code message.content}, the last with {@code done:true}, {@code done_reason}
 * and the prompt/eval token counts.
 */
public final class FakeOllamaServer extends FakeLlmServer {

  private FakeOllamaServer() {
    super("/api/chat");
  }

  public static FakeOllamaServer start() {
    return new FakeOllamaServer();
  }

  @Override
  public String baseUrl() {
    return root();
  }

  @Override
  protected List<ChatMessage> parseMessages(JsonNode body) {
    var messages = new ArrayList<ChatMessage>();
    body.path("messages")
        .forEach(m -> messages.add(message(m.path("role").asString(), m.path("content").asString(""))));
    return messages;
  }

  @Override
  protected boolean isStreaming(String path, JsonNode body) {
    return body.path("stream").asBoolean(true);
  }

  @Override
  protected String streamContentType() {
    return "application/x-ndjson";
  }

  @Override
  protected StreamWriter streamWriter(OutputStream out, JsonNode body) {
    var model = body.path("model").asString("llama3.2");
    return new StreamWriter() {
      @Override
      public void start() {}

      @Override
      public void chunk(String text) throws IOException {
        line(out, obj("model", model, "created_at", "2026-01-01T00:00:00Z",
            "message", obj("role", "assistant", "content", text), "done", false));
      }

      @Override
      public void end(int promptTokens, int completionTokens) throws IOException {
        line(out, obj("model", model, "created_at", "2026-01-01T00:00:00Z",
            "message", obj("role", "assistant", "content", ""),
            "done", true, "done_reason", "stop",
            "total_duration", 1000, "load_duration", 100,
            "prompt_eval_count", promptTokens, "prompt_eval_duration", 100,
            "eval_count", completionTokens, "eval_duration", 800));
      }
    };
  }

  private static void line(OutputStream out, Object data) throws IOException {
    write(out, json(data) + "\n");
  }

  @Override
  protected String errorBody(int status) {
    return json(obj("error", "Fake failure " + status));
  }
}
