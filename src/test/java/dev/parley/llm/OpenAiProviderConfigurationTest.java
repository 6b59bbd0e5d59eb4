package dev.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FakeOpenAiServer;
import dev.parley.testing.ParleyIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ParleyIntegrationTest
class OpenAiProviderConfigurationTest {

  static final FakeOpenAiServer openAi = FakeOpenAiServer.start();

  @DynamicPropertySource
  static void pointAtFakeOpenAi(DynamicPropertyRegistry registry) {
    openAi.serveAsChatModel(registry);
    registry.add("parley.llm.openai.model", () -> "gpt-4o-mini");
  }

  @AfterAll
  static void stop() {
    openAi.close();
  }

  @Autowired ApplicationContext context;
  @Autowired ChatModel chatModel;
  @LocalServerPort int port;

  @Test
  void theOnlyChatModelIsTheOpenAiAdapterTalkingToTheConfiguredServer() {
    assertThat(context.getBeansOfType(ChatModel.class)).hasSize(1);
    assertThat(chatModel.info()).isEqualTo(new ModelInfo("openai", "gpt-4o-mini"));

    openAi.enqueueReply("¡Hola", "!");
    var result = chatModel.complete(ChatRequest.of(List.of(ChatMessage.user("Hola"))));

    assertThat(result.text()).isEqualTo("¡Hola!");
    assertThat(openAi.lastRequest().header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(openAi.lastRequest().messages()).containsExactly(ChatMessage.user("Hola"));
  }

  @Test
  void healthShowsTheConfiguredProvider() throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"llm\"", "\"provider\":\"openai\"", "\"configured\":true");
  }
}
