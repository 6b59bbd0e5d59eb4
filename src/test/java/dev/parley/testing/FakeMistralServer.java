package dev.parley.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Mistral's chat completions protocol: OpenAI-shaped SSE at {@code POST /v1/chat/completions}, but
 * usage rides on the chunk that carries the finish reason.
 */
public final class FakeMistralServer extends FakeOpenAiServer {

  private FakeMistralServer() {}

  public static FakeMistralServer start() {
    return new FakeMistralServer();
  }

  @Override
  protected void endStream(OutputStream out, String model, Map<String, Object> usage)
      throws IOException {
    event(out, chunkEvent(model, obj("content", ""), "stop", usage));
    write(out, "data: [DONE]\n\n");
  }

  @Override
  protected String errorBody(int status) {
    return json(obj("object", "error", "message", "Fake failure " + status, "type", "fake", "code", status));
  }
}
