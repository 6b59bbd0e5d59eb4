package dev.parley.voice.stt.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The records bind under the documented keys, and from the variables the errors name. */
class CloudSttPropertiesTest {

  @Test
  void defaultsNeedNoConfiguration() {
    var deepgram = new DeepgramProperties(null, null, null, null);
    assertThat(deepgram.baseUrl()).isEqualTo("wss://api.deepgram.com/v1");
    assertThat(deepgram.model()).isEqualTo("nova-3");
    assertThat(deepgram.apiKey()).isNull();

    var openAi = new OpenAiTranscriptionProperties(" ", "https://api.openai.com/v1/", " ", null);
    assertThat(openAi.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(openAi.model()).isEqualTo("whisper-1");
    assertThat(openAi.missingRequiredKey()).isTrue();
    assertThat(
            new OpenAiTranscriptionProperties(null, "http://localhost:8000/v1", null, null)
                .missingRequiredKey())
        .isFalse();
  }

  @Test
  void bindsFromPropertyKeys() {
    var binder =
        new Binder(
            new MapConfigurationPropertySource(
                Map.of(
                    "parley.voice.stt.openai.api-key", "gsk-1",
                    "parley.voice.stt.openai.base-url", "https://api.groq.com/openai/v1",
                    "parley.voice.stt.openai.model", "whisper-large-v3-turbo",
                    "parley.voice.stt.openai.timeout", "45s")));

    var openAi = binder.bind("parley.voice.stt.openai", OpenAiTranscriptionProperties.class).get();
    assertThat(openAi)
        .isEqualTo(
            new OpenAiTranscriptionProperties(
                "gsk-1",
                "https://api.groq.com/openai/v1",
                "whisper-large-v3-turbo",
                Duration.ofSeconds(45)));
  }

  @Test
  void bindsFromTheEnvironmentVariablesTheErrorsName() {
    var environment =
        Map.<String, Object>of(
            Settings.envVar("deepgram", "api-key"), "dg-1",
            Settings.envVar("deepgram", "model"), "nova-2");
    var binder =
        new Binder(
            ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource("env", environment)));

    var deepgram = binder.bind("parley.voice.stt.deepgram", DeepgramProperties.class).get();
    assertThat(Settings.envVar("deepgram", "api-key"))
        .isEqualTo("PARLEY_VOICE_STT_DEEPGRAM_API_KEY");
    assertThat(deepgram.apiKey()).isEqualTo("dg-1");
    assertThat(deepgram.model()).isEqualTo("nova-2");
    assertThat(deepgram.baseUrl()).isEqualTo(DeepgramProperties.DEFAULT_BASE_URL);
  }
}
