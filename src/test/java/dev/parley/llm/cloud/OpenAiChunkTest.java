package dev.parley.llm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiChunkTest {

  @Test
  void readsTheDeltaOfTheFirstChoice() {
    var chunk =
        parse(
            """
            {"id":"c1","object":"chat.completion.chunk","model":"m","system_fingerprint":null,
             "choices":[{"index":0,"delta":{"role":"assistant","content":"Hola \\"tú\\"\\n",
               "tool_calls":[{"x":[1,{"y":2}]}]},"logprobs":null,"finish_reason":null},
              {"index":1,"delta":{"content":"other choice"},"finish_reason":"stop"}]}
            """);
    assertThat(chunk.content()).isEqualTo("Hola \"tú\"\n");
    assertThat(chunk.finishReason()).isNull();
    assertThat(chunk.promptTokens()).isEqualTo(-1);
    assertThat(chunk.error()).isNull();
  }

  @Test
  void emptyDeltasCarryNoContent() {
    assertThat(parse("{\"choices\":[{\"index\":0,\"delta\":{}}]}").content()).isNull();
    assertThat(parse("{\"choices\":[{\"delta\":{\"content\":null}}]}").content()).isNull();
    assertThat(parse("{\"choices\":[{\"delta\":{\"content\":\"\"}}]}").content()).isEmpty();
  }

  @Test
  void readsTheFinishReasonAndTheUsageOnlyLastChunk() {
    assertThat(parse("{\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}").finishReason())
        .isEqualTo("length");
    var usage =
        parse(
            """
            {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,
             "prompt_tokens_details":{"cached_tokens":0}}}
            """);
    assertThat(usage.content()).isNull();
    assertThat(usage.promptTokens()).isEqualTo(12);
    assertThat(usage.completionTokens()).isEqualTo(3);
  }

  @Test
  void readsAWholeCompletion() {
    var chunk =
        parse(
            """
            {"choices":[{"index":0,"message":{"role":"assistant","content":"Entero"},
              "finish_reason":"stop"}],"usage":{"prompt_tokens":4,"completion_tokens":1}}
            """);
    assertThat(chunk.content()).isEqualTo("Entero");
    assertThat(chunk.finishReason()).isEqualTo("stop");
    assertThat(chunk.completionTokens()).isEqualTo(1);
  }

  @Test
  void readsAnErrorObjectOrString() {
    var error =
        parse(
            "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":null}}");
    assertThat(error.error()).isEqualTo("The server had an error");
    assertThat(error.errorType()).isEqualTo("server_error");
    var bare = parse("{\"error\":\"model overloaded\"}");
    assertThat(bare.error()).isEqualTo("model overloaded");
    assertThat(bare.errorType()).isNull();
    assertThat(parse("{\"error\":{\"code\":\"rate_limit_exceeded\"}}").error())
        .isEqualTo("rate_limit_exceeded");
  }

  private static OpenAiChunk parse(String json) {
    var bytes = json.getBytes(StandardCharsets.UTF_8);
    return OpenAiChunk.parse(bytes, bytes.length);
  }
}
