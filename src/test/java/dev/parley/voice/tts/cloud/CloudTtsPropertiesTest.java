package dev.parley.voice.tts.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class CloudTtsPropertiesTest {

  @Test
  void anEmptyConfigurationPointsAtTheVendorsWithoutKeys() {
    var properties = bind(Map.of());

    assertThat(properties.openai().baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(properties.openai().model()).isEqualTo("gpt-4o-mini-tts");
    assertThat(properties.elevenlabs().baseUrl()).isEqualTo("https://api.elevenlabs.io");
    assertThat(properties.elevenlabs().model()).isEqualTo("eleven_flash_v2_5");
    assertThat(properties.deepgram().baseUrl()).isEqualTo("https://api.deepgram.com");
    assertThat(properties.deepgram().model()).isEqualTo("aura-2");
    assertThat(properties.openai().hasApiKey()).isFalse();
    assertThat(properties.timeouts().total()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void bindsKeysModelsAndVoiceMappings() {
    var properties =
        bind(
            Map.of(
                "parley.voice.tts.openai.api-key", " sk-test ",
                "parley.voice.tts.openai.base-url", "http://proxy:8080/v1/",
                "parley.voice.tts.openai.voices[es-ES-female-1]", "coral",
                "parley.voice.tts.deepgram.voices.female", "aura-2-luna-en",
                "parley.voice.tts.elevenlabs.model", "eleven_multilingual_v2",
                "parley.voice.tts.timeout", "10s"));

    assertThat(properties.openai().apiKey()).isEqualTo("sk-test");
    assertThat(properties.openai().baseUrl()).isEqualTo("http://proxy:8080/v1");
    assertThat(properties.openai().voices()).containsEntry("es-es-female-1", "coral");
    assertThat(properties.deepgram().voices()).containsEntry("female", "aura-2-luna-en");
    assertThat(properties.elevenlabs().model()).isEqualTo("eleven_multilingual_v2");
    assertThat(properties.timeouts().total()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void providerNamesPickTheAdapter() {
    var properties = CloudTtsProperties.defaults();

    assertThat(CloudTextToSpeech.forProvider("OpenAI", properties).info().provider())
        .isEqualTo("openai");
    assertThat(CloudTextToSpeech.forProvider("elevenlabs", properties).info().provider())
        .isEqualTo("elevenlabs");
    assertThat(CloudTextToSpeech.forProvider("deepgram", properties).info().model())
        .isEqualTo("aura-2");
    assertThatThrownBy(() -> CloudTextToSpeech.forProvider("freetts", properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("freetts");
  }

  private static CloudTtsProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("parley.voice.tts", CloudTtsProperties.class);
  }
}
