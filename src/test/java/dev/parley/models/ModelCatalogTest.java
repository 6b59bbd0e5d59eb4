package dev.parley.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  @Test
  void theDefaultLlmIsQwen25HalfBillionQ4KmWithItsPinnedSha256() {
    ModelEntry llm = ModelCatalog.defaultLlm();

    assertThat(llm.fileName()).isEqualTo("qwen2.5-0.5b-instruct-q4_k_m.gguf");
    assertThat(llm.kind()).isEqualTo(ModelKind.LLM);
    assertThat(llm.defaultModel()).isTrue();
    assertThat(llm.url())
        .hasToString(
            "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/"
                + "qwen2.5-0.5b-instruct-q4_k_m.gguf");
    assertThat(llm.checksum().algorithm()).isEqualTo(HashAlgorithm.SHA256);
    assertThat(llm.sizeBytes()).isEqualTo(491_400_032L);
    assertThat(ModelCatalog.defaults()).containsExactly(llm);
  }

  @Test
  void everyEntryHasAUniqueIdAPinnedChecksumAndALicence() {
    assertThat(ModelCatalog.ids())
        .containsExactly("qwen2.5-0.5b-instruct", "whisper-base.en", "whisper-tiny.en")
        .doesNotHaveDuplicates();
    assertThat(ModelCatalog.entries())
        .allSatisfy(
            entry -> {
              assertThat(entry.pinnedChecksum()).isPresent();
              assertThat(entry.licence()).isNotBlank();
              assertThat(entry.url().getPath()).endsWith("/" + entry.fileName());
            });
    assertThat(ModelCatalog.find("whisper-base.en").orElseThrow().checksum())
        .hasToString("sha1:137c40403d78fd54d454da0f9bd998f78703390c");
    assertThat(ModelCatalog.find("nope")).isEmpty();
  }

  @Test
  void theModelsDirectoryComesFromThePropertyThenTheEnvironmentThenDefaultsToDotModels() {
    var property = new Properties();
    property.setProperty("parley.models.dir", "/from/property");
    var env = Map.of("PARLEY_MODELS_DIR", "/from/env");

    assertThat(ModelsDirectory.resolve(property, env)).isEqualTo(Path.of("/from/property"));
    assertThat(ModelsDirectory.resolve(new Properties(), env)).isEqualTo(Path.of("/from/env"));
    assertThat(ModelsDirectory.resolve(new Properties(), Map.of())).isEqualTo(Path.of("./models"));
  }
}
