package dev.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.ScriptedChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmConfigurationTest {

  @TempDir Path modelsDir;

  @Test
  void anExistingModelFileIsLoadedByTheLocalFactory() throws IOException {
    Files.writeString(modelsDir.resolve("tiny.gguf"), "GGUF");
    var loaded = new AtomicReference<Path>();
    var scripted = new ScriptedChatModel();
    LocalChatModelFactory factory =
        (file, settings) -> {
          loaded.set(file);
          assertThat(settings.contextSize()).isEqualTo(2048);
          return scripted;
        };

    var model = LlmConfiguration.select(local("tiny.gguf", 2048), modelsDir, factory);

    assertThat(model).isSameAs(scripted);
    assertThat(loaded.get()).isEqualTo(modelsDir.resolve("tiny.gguf"));
  }

  @Test
  void anAbsoluteModelPathIgnoresTheModelsDirectory() throws IOException {
    var file = Files.writeString(modelsDir.resolve("elsewhere.gguf"), "GGUF");
    var loaded = new AtomicReference<Path>();
    LlmConfiguration.select(
        local(file.toString(), 4096),
        Path.of("./models"),
        (path, settings) -> {
          loaded.set(path);
          return new ScriptedChatModel();
        });
    assertThat(loaded.get()).isEqualTo(file);
  }

  @Test
  void aCorruptModelFileIsReportedInsteadOfStoppingTheServer() throws IOException {
    Files.writeString(modelsDir.resolve("broken.gguf"), "not a model");
    var model =
        LlmConfiguration.select(
            local("broken.gguf", 4096),
            modelsDir,
            new LlmConfiguration().localChatModelFactory());
    assertNotConfigured(model, "broken.gguf");
    assertNotConfigured(model, "./parley models pull");
  }

  @Test
  void aCloudProviderWithoutAKeyTellsWhichVariableToSet() {
    for (String provider : List.of("openai", "gemini", "mistral", "anthropic")) {
      var properties = properties(provider);
      var model = LlmConfiguration.select(properties, modelsDir, null);
      assertThat(model.info().provider()).isEqualTo(provider);
      assertNotConfigured(model, "PARLEY_LLM_" + provider.toUpperCase() + "_API_KEY=");
    }
  }

  @Test
  void anOpenAiCompatibleServerElsewhereNeedsNoKey() {
    var properties =
        new LlmProperties(
            "openai", null, null, null,
            new LlmProperties.Cloud("http://localhost:8081/v1", null, "qwen"),
            null, null, null, null);
    var model = LlmConfiguration.select(properties, modelsDir, null);
    assertThat(model).isNotInstanceOf(UnavailableChatModel.class);
    assertThat(model.info()).isEqualTo(new ModelInfo("openai", "qwen"));
  }

  @Test
  void ollamaNeedsNoKey() {
    var model = LlmConfiguration.select(properties("ollama"), modelsDir, null);
    assertThat(model).isNotInstanceOf(UnavailableChatModel.class);
    assertThat(model.info()).isEqualTo(new ModelInfo("ollama", "llama3.2"));
  }

  @Test
  void anUnknownProviderListsTheKnownOnes() {
    var model = LlmConfiguration.select(properties("openia"), modelsDir, null);
    assertNotConfigured(model, "Unknown LLM provider 'openia'");
  }

  private static void assertNotConfigured(ChatModel model, String messagePart) {
    assertThatThrownBy(() -> model.complete(ChatRequest.of(List.of(ChatMessage.user("Hi")))))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((LlmException) e).code())
        .isEqualTo(LlmErrorCode.MODEL_NOT_CONFIGURED);
  }

  private static LlmProperties local(String model, int contextSize) {
    return new LlmProperties(
        "local", null, Duration.ofSeconds(5),
        new LlmProperties.Local(model, 2, contextSize, 0, 2),
        null, null, null, null, null);
  }

  private static LlmProperties properties(String provider) {
    return new LlmProperties(provider, null, null, null, null, null, null, null, null);
  }
}
