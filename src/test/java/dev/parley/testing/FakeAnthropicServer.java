package dev.parley.testing;

import dev.parley.llm.ChatMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's Messages API: {@code POST /v1/messages} with a top-level {@code system} and {@code
 * messages}, streamed as SSE events message_start, content_block_start, content_block_delta
 * (text_delta), content_block_stop, message_delta (stop_reason, output usage) and message_stop.
 */
public final class FakeAnthropicServer extends FakeLlmServer {

  private FakeAnthropicServer() {
    super("/v1/messages");
  }

  public static FakeAnthropicServer start() {
    return new FakeAnthropicServer();
  }

  @Override
  public String baseUrl() {
    return root() + "/v1/";
  }

  @Override
  protected List<ChatMessage> parseMessages(JsonNode body) {
    var messages = new ArrayList<ChatMessage>();
    if (body.has("system")) {
      messages.add(ChatMessage.system(text(body.get("system"))));
    }
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
    var model = body.path("model").asString("claude-fake");
    return new StreamWriter() {
      @Override
      public void start() throws IOException {
        event(
            out,
            "message_start",
            obj(
                "type", "message_start",
                "message",
                    obj(
                        "id", "msg_fake",
                        "type", "message",
                        "role", "assistant",
                        "model", model,
                        "content", List.of(),
                        "stop_reason", null,
                        "stop_sequence", null,
                        "usage", obj("input_tokens", promptTokens(body), "output_tokens", 1))));
        event(
            out,
            "content_block_start",
            obj("type", "content_block_start", "index", 0, "content_block", obj("type", "text", "text", "")));
        event(out, "ping", obj("type", "ping"));
      }

      @Override
      public void chunk(String text) throws IOException {
        event(
            out,
            "content_block_delta",
            obj(
                "type", "content_block_delta",
                "index", 0,
                "delta", obj("type", "text_delta", "text", text)));
      }

      @Override
      public void end(int promptTokens, int completionTokens) throws IOException {
        event(out, "content_block_stop", obj("type", "content_block_stop", "index", 0));
        event(
            out,
            "message_delta",
            obj(
                "type", "message_delta",
                "delta", obj("stop_reason", "end_turn", "stop_sequence", null),
                "usage", obj("output_tokens", completionTokens)));
        event(out, "message_stop", obj("type", "message_stop"));
      }
    };
  }

  private static void event(OutputStream out, String name, Object data) throws IOException {
    write(out, "event: " + name + "\ndata: " + json(data) + "\n\n");
  }

  @Override
  protected String errorBody(int status) {
    var type =
        switch (status) {
          case 401 -> "authentication_error";
          case 403 -> "permission_error";
          case 404 -> "not_found_error";
          case 429 -> "rate_limit_error";
          case 529 -> "overloaded_error";
          default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    return json(obj("type", "error", "error", obj("type", type, "message", "Fake failure " + status)));
  }
}
