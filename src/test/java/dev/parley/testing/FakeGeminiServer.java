package dev.parley.testing;

import dev.parley.llm.ChatMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Gemini's generateContent protocol: {@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse}
 * with {@code systemInstruction} and {@code contents} (roles user and model), answered by SSE
 * events each holding {@code candidates[0].content.parts[].text}, the last one with {@code
 * finishReason} and {@code usageMetadata}.
 */
public final class FakeGeminiServer extends FakeLlmServer {

  private FakeGeminiServer() {
    super("/v1beta/models/");
  }

  public static FakeGeminiServer start() {
    return new FakeGeminiServer();
  }

  @Override
  public String baseUrl() {
    return root() + "/v1beta";
  }

  @Override
  protected List<ChatMessage> parseMessages(JsonNode body) {
    var messages = new ArrayList<ChatMessage>();
    if (body.has("systemInstruction")) {
      messages.add(ChatMessage.system(text(body.path("systemInstruction").get("parts"))));
    }
    body.path("contents")
        .forEach(c -> messages.add(message(c.path("role").asString("user"), text(c.get("parts")))));
    return messages;
  }

  @Override
  protected boolean isStreaming(String path, JsonNode body) {
    return path.contains(":streamGenerateContent");
  }

  @Override
  protected String streamContentType() {
    return "text/event-stream";
  }

  @Override
  protected StreamWriter streamWriter(OutputStream out, JsonNode body) {
    return new StreamWriter() {
      @Override
      public void start() {}

      @Override
      public void chunk(String text) throws IOException {
        event(out, List.of(obj("content", content(text), "index", 0)), null);
      }

      @Override
      public void end(int promptTokens, int completionTokens) throws IOException {
        event(
            out,
            List.of(obj("content", content(""), "finishReason", "STOP", "index", 0)),
            obj(
                "promptTokenCount", promptTokens,
                "candidatesTokenCount", completionTokens,
                "totalTokenCount", promptTokens + completionTokens));
      }
    };
  }

  private static Object content(String text) {
    return obj("role", "model", "parts", List.of(obj("text", text)));
  }

  private static void event(OutputStream out, List<Object> candidates, Object usage)
      throws IOException {
    var data = obj("candidates", candidates, "modelVersion", "gemini-fake");
    if (usage != null) {
      data.put("usageMetadata", usage);
    }
    write(out, "data: " + json(data) + "\r\n\r\n");
  }

  @Override
  protected String errorBody(int status) {
    var reason =
        switch (status) {
          case 429 -> "RESOURCE_EXHAUSTED";
          case 401 -> "UNAUTHENTICATED";
          case 403 -> "PERMISSION_DENIED";
          case 404 -> "NOT_FOUND";
          default -> status >= 500 ? "UNAVAILABLE" : "INVALID_ARGUMENT";
        };
    return json(obj("error", obj("code", status, "message", "Fake failure " + status, "status", reason)));
  }
}
