package dev.parley.voice.tts.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.character.Gender;
import dev.parley.testing.FakeDeepgramSpeakServer;
import dev.parley.testing.FakeSpeechServer;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.tts.TextToSpeech;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeepgramSpeechTest extends CloudSpeechContractTest {

  @Override
  FakeSpeechServer startFake() {
    return FakeDeepgramSpeakServer.start();
  }

  @Override
  CloudTtsProperties.Vendor defaults() {
    return CloudTtsProperties.defaults().deepgram();
  }

  @Override
  TextToSpeech create(CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    return CloudTextToSpeech.deepgram(vendor, timeouts);
  }

  @Override
  String apiKeyVariable() {
    return "PARLEY_VOICE_TTS_DEEPGRAM_API_KEY";
  }

  @Override
  int sampleRate() {
    return 16_000;
  }

  @Test
  void asksForRawLinear16WithTheTokenAndText() throws Exception {
    var recorder =
        speak(engine(), say("Hello there.", "en-US-female-1", Gender.FEMALE, "en-US", 1.0));

    assertThat(recorder.done).isCompleted();
    var sent = fake.lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/speak");
    assertThat(sent.query())
        .containsEntry("model", "aura-2-thalia-en")
        .containsEntry("encoding", "linear16")
        .containsEntry("sample_rate", "16000")
        .containsEntry("container", "none")
        .doesNotContainKey("speed");
    assertThat(sent.header("Authorization")).isEqualTo("Token test-key");
    assertThat(sent.json().path("text").asString()).isEqualTo("Hello there.");
    assertThat(sent.json().size()).isEqualTo(1);
  }

  @Test
  void picksTheVoiceByLanguageAndGender() throws Exception {
    assertThat(modelFor("en-US-male-1", Gender.MALE, "en-US")).isEqualTo("aura-2-apollo-en");
    assertThat(modelFor("es-ES-female-1", Gender.FEMALE, "es-ES")).isEqualTo("aura-2-celeste-es");
    assertThat(modelFor("es-MX-male-1", Gender.MALE, "es-MX")).isEqualTo("aura-2-nestor-es");
    assertThat(modelFor("aura-2-luna-en", Gender.MALE, "en-US")).isEqualTo("aura-2-luna-en");
  }

  @Test
  void slowerRateBecomesSpeed() throws Exception {
    speak(engine(), say("Slowly, please.", "en-US-female-1", Gender.FEMALE, "en-US", 0.8));

    assertThat(fake.lastRequest().query()).containsEntry("speed", "0.8");
  }

  @Test
  void languageWithoutAVoiceIsUnsupportedUntilOneIsMapped() throws Exception {
    var error =
        failure(speak(engine(), say("Guten Tag.", "de-DE-female-1", Gender.FEMALE, "de-DE", 1.0)));
    assertThat(error.code()).isEqualTo(VoiceErrorCode.UNSUPPORTED_LANGUAGE);
    assertThat(error.getMessage()).contains("parley.voice.tts.deepgram.voices");
    assertThat(fake.requests()).isEmpty();

    var mapped = create(vendor().withVoices(Map.of("de-female", "aura-2-julius-de")), TIMEOUTS);
    var recorder = speak(mapped, say("Guten Tag.", "de-DE-female-1", Gender.FEMALE, "de-DE", 1.0));
    assertThat(recorder.done).isCompleted();
    assertThat(fake.lastRequest().query()).containsEntry("model", "aura-2-julius-de");
  }

  private String modelFor(String hint, Gender gender, String language) throws Exception {
    var recorder = speak(engine(), say("Hello.", hint, gender, language, 1.0));
    assertThat(recorder.done).isCompleted();
    return fake.lastRequest().query("model");
  }
}
