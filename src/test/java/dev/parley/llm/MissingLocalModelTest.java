package dev.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.ParleyIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

@ParleyIntegrationTest
@TestPropertySource(
    properties = {"parley.llm.provider=local", "parley.models.dir=./target/no-models-here"})
class MissingLocalModelTest {

  static final String EXPECTED =
      "No local model at ./target/no-models-here/qwen2.5-0.5b-instruct-q4_k_m.gguf. "
          + "Run `./parley models pull` to download it, or set PARLEY_LLM_PROVIDER=openai and "
          + "PARLEY_LLM_OPENAI_API_KEY=... to use a cloud model.";

  @Autowired ChatModel chatModel;
  @LocalServerPort int port;

  @Test
  void everyRequestFailsWithAnActionableMessage() {
    assertThat(chatModel.info()).isEqualTo(new ModelInfo("local", "qwen2.5-0.5b-instruct-q4_k_m.gguf"));
    assertThatThrownBy(() -> chatModel.complete(ChatRequest.of(List.of(ChatMessage.user("Hola")))))
        .isInstanceOf(LlmException.class)
        .hasMessage(EXPECTED)
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.MODEL_NOT_CONFIGURED);
  }

  @Test
  void serverIsHealthyAndHealthSaysWhatToDo() throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    var llm = JsonMapper.builder().build().readTree(response.body()).path("components").path("llm");
    assertThat(llm.path("status").asString()).isEqualTo("UP");
    assertThat(llm.path("details").path("configured").asBoolean(true)).isFalse();
    assertThat(llm.path("details").path("provider").asString()).isEqualTo("local");
    assertThat(llm.path("details").path("message").asString()).isEqualTo(EXPECTED);
  }
}
