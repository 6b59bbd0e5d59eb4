package dev.parley.voice.tts.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.character.Gender;
import dev.parley.testing.FakeElevenLabsServer;
import dev.parley.testing.FakeSpeechServer;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.tts.TextToSpeech;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElevenLabsSpeechTest extends CloudSpeechContractTest {

  private static final String RACHEL = "21m00Tcm4TlvDq8ikWAM";
  private static final String ADAM = "pNInz6obpgDQGcFmaJgB";

  @Override
  FakeSpeechServer startFake() {
    return FakeElevenLabsServer.start();
  }

  @Override
  CloudTtsProperties.Vendor defaults() {
    return CloudTtsProperties.defaults().elevenlabs();
  }

  @Override
  TextToSpeech create(CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    return CloudTextToSpeech.elevenLabs(vendor, timeouts);
  }

  @Override
  String apiKeyVariable() {
    return "PARLEY_VOICE_TTS_ELEVENLABS_API_KEY";
  }

  @Override
  int sampleRate() {
    return 16_000;
  }

  @Test
  void streamsPcmFromTheVoiceWithModelLanguageAndSpeed() throws Exception {
    var recorder =
        speak(engine(), say("Hola, ¿qué tal?", "es-ES-female-1", Gender.FEMALE, "es-ES", 0.8));

    assertThat(recorder.done).isCompleted();
    var sent = fake.lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/text-to-speech/" + RACHEL + "/stream");
    assertThat(sent.query()).containsEntry("output_format", "pcm_16000");
    assertThat(sent.header("xi-api-key")).isEqualTo("test-key");
    assertThat(sent.json().path("text").asString()).isEqualTo("Hola, ¿qué tal?");
    assertThat(sent.json().path("model_id").asString()).isEqualTo("eleven_flash_v2_5");
    assertThat(sent.json().path("language_code").asString()).isEqualTo("es");
    assertThat(sent.json().path("voice_settings").path("speed").asDouble()).isEqualTo(0.8);
  }

  @Test
  void normalRateSendsNoVoiceSettingsAndMenGetAMaleVoice() throws Exception {
    speak(engine(), say("Good morning.", "en-US-male-1", Gender.MALE, "en-US", 1.0));

    var sent = fake.lastRequest();
    assertThat(FakeElevenLabsServer.voiceId(sent)).isEqualTo(ADAM);
    assertThat(sent.json().has("voice_settings")).isFalse();
  }

  @Test
  void configuredVoicesAndHintsThatAreVoiceIdsWin() throws Exception {
    var tts = create(vendor().withVoices(Map.of("fr-female", "AZnzlk1XvdvUeBnXmlld")), TIMEOUTS);

    speak(tts, say("Bonjour.", "fr-FR-female-1", Gender.FEMALE, "fr-FR", 1.0));
    assertThat(FakeElevenLabsServer.voiceId(fake.lastRequest())).isEqualTo("AZnzlk1XvdvUeBnXmlld");

    speak(tts, say("Hello.", "JBFqnCBsd6RMkjVDRZzb", Gender.FEMALE, "en-US", 1.0));
    assertThat(FakeElevenLabsServer.voiceId(fake.lastRequest())).isEqualTo("JBFqnCBsd6RMkjVDRZzb");
  }

  @Test
  void languageFlashCannotSpeakIsUnsupported() throws Exception {
    var error =
        failure(speak(engine(), say("Kaixo.", "eu-ES-female-1", Gender.FEMALE, "eu-ES", 1.0)));

    assertThat(error.code()).isEqualTo(VoiceErrorCode.UNSUPPORTED_LANGUAGE);
    assertThat(fake.requests()).isEmpty();
  }
}
