package dev.parley.voice.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.pocketsphinx.PocketsphinxSpeechToText;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The provider property picks the engine; one that cannot run explains itself on use. */
class SttConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(SttConfiguration.class);

  @TempDir Path models;

  @Test
  void pocketsphinxTranscribesWithNoConfiguration() {
    context.run(
        app -> {
          var engine = app.getBean(SpeechToText.class);
          assertThat(engine).isInstanceOf(PocketsphinxSpeechToText.class);
          assertThat(engine.info()).isEqualTo(new SttInfo("pocketsphinx", "en-us"));
        });
  }

  @Test
  void whisperWithoutAModelStartsAndSaysWhatToPull() {
    context
        .withPropertyValues(
            "parley.voice.stt.provider=whisper", "parley.models.dir=" + models.toString())
        .run(
            app -> {
              var error = failureOf(app.getBean(SpeechToText.class));
              assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(error.getMessage())
                  .contains(models.resolve("ggml-base.en.bin").toString())
                  .contains("./parley models pull whisper-base.en");
            });
  }

  @Test
  void cloudProvidersArePickedByNameAndNameTheirMissingKey() {
    context
        .withPropertyValues(
            "parley.voice.stt.provider=deepgram", "parley.voice.stt.deepgram.api-key=dg-test")
        .run(
            app ->
                assertThat(app.getBean(SpeechToText.class).info().provider())
                    .isEqualTo("deepgram"));
    context
        .withPropertyValues("parley.voice.stt.provider=openai")
        .run(
            app -> {
              var error = failureOf(app.getBean(SpeechToText.class));
              assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(error.getMessage()).contains("PARLEY_VOICE_STT_OPENAI_API_KEY");
            });
  }

  @Test
  void pocketsphinxWithoutItsModelSaysWhatToInstall() {
    context
        .withPropertyValues("parley.voice.stt.pocketsphinx.model-dir=" + models)
        .run(
            app -> {
              var error = failureOf(app.getBean(SpeechToText.class));
              assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(error.getMessage()).contains("libpocketsphinx3 pocketsphinx-en-us");
            });
  }

  @Test
  void anUnknownProviderListsTheKnownOnes() {
    context
        .withPropertyValues("parley.voice.stt.provider=Kaldi")
        .run(
            app -> {
              var engine = app.getBean(SpeechToText.class);
              assertThat(engine.info().provider()).isEqualTo("kaldi");
              var error = failureOf(engine);
              assertThat(error.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(error.getMessage())
                  .contains("'kaldi'")
                  .contains("pocketsphinx, whisper, deepgram, openai");
            });
  }

  private static VoiceException failureOf(SpeechToText engine) throws Exception {
    var recorder = new SpeechToTextContractTest.Recorder();
    engine.open(new TranscriptionOptions("en-US", false), recorder).finish();
    try {
      recorder.result.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected the transcription to fail");
    } catch (ExecutionException e) {
      return (VoiceException) e.getCause();
    }
  }
}
