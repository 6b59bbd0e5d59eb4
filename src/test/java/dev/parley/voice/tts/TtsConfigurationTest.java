package dev.parley.voice.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.character.Gender;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.freetts.FreeTtsTextToSpeech;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TtsConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(TtsConfiguration.class);

  @Test
  void speaksWithFreeTtsByDefault() {
    context.run(
        app -> {
          assertThat(app).hasSingleBean(TextToSpeech.class);
          assertThat(app.getBean(TextToSpeech.class)).isInstanceOf(FreeTtsTextToSpeech.class);
          assertThat(app.getBean(TtsProperties.class).freetts().maxConcurrentStreams())
              .isEqualTo(2);
        });
  }

  @Test
  void bindsTheFreeTtsSettings() {
    context
        .withPropertyValues(
            "parley.voice.tts.provider=FreeTTS",
            "parley.voice.tts.freetts.max-concurrent-streams=3")
        .run(
            app -> {
              assertThat(app.getBean(TtsProperties.class).provider()).isEqualTo("freetts");
              assertThat(app.getBean(TtsProperties.class).freetts().maxConcurrentStreams())
                  .isEqualTo(3);
            });
  }

  @Test
  void aCloudProviderIsPickedByName() {
    context
        .withPropertyValues(
            "parley.voice.tts.provider=elevenlabs", "parley.voice.tts.elevenlabs.api-key=xi-test")
        .run(
            app -> {
              assertThat(app).hasSingleBean(TextToSpeech.class);
              assertThat(app.getBean(TextToSpeech.class).info().provider()).isEqualTo("elevenlabs");
            });
  }

  @Test
  void anUnknownProviderStartsButEveryRequestSaysWhatToSet() {
    context
        .withPropertyValues("parley.voice.tts.provider=polly")
        .run(
            app -> {
              var engine = app.getBean(TextToSpeech.class);
              var error = failureOf(engine);
              assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(error.getMessage())
                  .contains(
                      "'polly'",
                      "parley.voice.tts.provider",
                      "freetts, openai, elevenlabs, deepgram");
              assertThat(engine.info().provider()).isEqualTo("polly");
            });
  }

  private static VoiceException failureOf(TextToSpeech engine) {
    var failure = new CompletableFuture<VoiceException>();
    engine.speak(
        new SpeechRequest("Hello there.", null, Gender.MALE, "en-US", 1.0),
        new AudioListener() {
          @Override
          public void onAudio(short[] samples, int count, AudioFormat format) {
            failure.completeExceptionally(new AssertionError("no audio expected"));
          }

          @Override
          public void onComplete() {
            failure.completeExceptionally(new AssertionError("a failure expected"));
          }

          @Override
          public void onError(VoiceException error) {
            failure.complete(error);
          }
        });
    return failure.join();
  }
}
