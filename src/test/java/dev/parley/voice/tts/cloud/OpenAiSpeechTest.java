package dev.parley.voice.tts.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.character.Gender;
import dev.parley.testing.FakeOpenAiSpeechServer;
import dev.parley.testing.FakeSpeechServer;
import dev.parley.voice.tts.TextToSpeech;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiSpeechTest extends CloudSpeechContractTest {

  @Override
  FakeSpeechServer startFake() {
    return FakeOpenAiSpeechServer.start();
  }

  @Override
  CloudTtsProperties.Vendor defaults() {
    return CloudTtsProperties.defaults().openai();
  }

  @Override
  TextToSpeech create(CloudTtsProperties.Vendor vendor, CloudTtsProperties.Timeouts timeouts) {
    return CloudTextToSpeech.openAi(vendor, timeouts);
  }

  @Override
  String apiKeyVariable() {
    return "PARLEY_VOICE_TTS_OPENAI_API_KEY";
  }

  @Override
  int sampleRate() {
    return 24_000;
  }

  @Test
  void asksForStreamedPcmWithTheModelVoiceAndSpeed() throws Exception {
    var recorder =
        speak(engine(), say("Hola, ¿qué tal?", "es-ES-female-1", Gender.FEMALE, "es-ES", 0.8));

    assertThat(recorder.done).isCompleted();
    var sent = fake.lastRequest();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/v1/audio/speech");
    assertThat(sent.header("Authorization")).isEqualTo("Bearer test-key");
    assertThat(sent.header("Content-Type")).isEqualTo("application/json");
    assertThat(sent.json().path("model").asString()).isEqualTo("gpt-4o-mini-tts");
    assertThat(sent.json().path("input").asString()).isEqualTo("Hola, ¿qué tal?");
    assertThat(sent.json().path("voice").asString()).isEqualTo("nova");
    assertThat(sent.json().path("response_format").asString()).isEqualTo("pcm");
    assertThat(sent.json().path("speed").asDouble()).isEqualTo(0.8);
    assertThat(engine().info().provider()).isEqualTo("openai");
  }

  @Test
  void picksVoicesByGenderAndNumber() throws Exception {
    assertThat(voiceFor(engine(), "en-US-male-1", Gender.MALE)).isEqualTo("onyx");
    assertThat(voiceFor(engine(), "en-US-male-2", Gender.MALE)).isEqualTo("echo");
    assertThat(voiceFor(engine(), "en-US-female-3", Gender.FEMALE)).isEqualTo("coral");
    assertThat(voiceFor(engine(), null, Gender.NEUTRAL)).isEqualTo("alloy");
    assertThat(voiceFor(engine(), "shimmer", Gender.MALE)).isEqualTo("shimmer");
  }

  @Test
  void configuredVoicesAndModelWin() throws Exception {
    var tts =
        create(
            vendor()
                .withModel("tts-1")
                .withVoices(Map.of("es-ES-female-2", "coral", "male", "ash", "en-female", "sage")),
            TIMEOUTS);

    assertThat(voiceFor(tts, "es-ES-female-2", Gender.FEMALE)).isEqualTo("coral");
    assertThat(voiceFor(tts, "de-DE-male-1", Gender.MALE)).isEqualTo("ash");
    assertThat(voiceFor(tts, "en-GB-female-1", Gender.FEMALE)).isEqualTo("sage");
    assertThat(fake.lastRequest().json().path("model").asString()).isEqualTo("tts-1");
    assertThat(tts.info().model()).isEqualTo("tts-1");
  }

  @Test
  void speedStaysWithinWhatOpenAiTakes() throws Exception {
    speak(engine(), say("Slowly.", "en-US-female-1", Gender.FEMALE, "en-US", 0.1));

    assertThat(fake.lastRequest().json().path("speed").asDouble()).isEqualTo(0.25);
  }

  private String voiceFor(TextToSpeech tts, String hint, Gender gender) throws Exception {
    var language = hint != null && hint.length() > 5 ? hint.substring(0, 5) : "en-US";
    var recorder = speak(tts, say("Hello there.", hint, gender, language, 1.0));
    assertThat(recorder.done).isCompleted();
    return fake.lastRequest().json().path("voice").asString();
  }
}
