package dev.parley.voice.stt.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.models.ModelCatalog;
import dev.parley.models.ModelsDirectory;
import dev.parley.testing.Flite;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SpeechToTextContractTest;
import dev.parley.voice.stt.TranscriptionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Real whisper.cpp on real flite speech. Needs weights, which cannot be downloaded in CI: runs when
 * system property {@code parley.whisper.model} or environment variable {@code PARLEY_WHISPER_MODEL}
 * names a ggml model file, or {@code ./parley models pull whisper-base.en} has put one in the
 * models directory.
 */
@EnabledIf(
    value = "modelPresent",
    disabledReason =
        "no whisper weights: run ./parley models pull whisper-base.en, or set PARLEY_WHISPER_MODEL"
            + " (or -Dparley.whisper.model) to a ggml model file")
class WhisperContractTest extends SpeechToTextContractTest {

  private static final String SENTENCE = "I would like a cup of coffee with milk please";
  private static final String LONG_SENTENCE =
      "yesterday I walked to the market and bought some apples and bread "
          + "then I went home and cooked dinner for my family";

  private static WhisperSpeechToText engine;


  static boolean modelPresent() {
    return modelFile().filter(Files::isRegularFile).isPresent();
  }

  private static Optional<Path> modelFile() {
    var configured =
        Optional.ofNullable(System.getProperty("parley.whisper.model"))
            .or(() -> Optional.ofNullable(System.getenv("PARLEY_WHISPER_MODEL")))
            .filter(value -> !value.isBlank());
    return configured
        .map(Path::of)
        .or(
            () ->
                ModelCatalog.find(WhisperSpeechToText.DEFAULT_MODEL_ID)
                    .map(entry -> entry.pathIn(ModelsDirectory.resolve())));
  }

  @BeforeAll
  static void loadModel() {
    engine =
        new WhisperSpeechToText(
            modelFile().orElseThrow(),
            new WhisperSettings(
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Duration.ofSeconds(1)));
  }

  @AfterAll
  static void closeModel() {
    engine.close();
  }

  @Override
  protected SpeechToText engine() {
    return engine;
  }

  @Override
  protected Utterance utterance() throws Exception {
    return new Utterance(Flite.say(SENTENCE), SENTENCE);
  }

  @Override
  protected boolean scriptTranscript(String text) {
    return false;
  }

  @Override
  protected VoiceErrorCode scriptUnavailable() {
    return null;
  }

  @Test
  void partialsArriveWhileALongUtteranceIsFed() throws Exception {
    var clip = Flite.say(LONG_SENTENCE);
    var recorder = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), recorder);
    int step = 320;
    for (int from = 0; from < clip.samples().length; from += step) {
      transcription.accept(
          Arrays.copyOfRange(clip.samples(), from, Math.min(clip.samples().length, from + step)));
      Thread.sleep(20); // real time, so that partial runs have audio to work on
    }
    transcription.finish();

    var transcript = recorder.result.get(120, TimeUnit.SECONDS);
    assertThat(recorder.partials).isNotEmpty();
    assertThat(wordsRecognised(LONG_SENTENCE, transcript.text())).isGreaterThanOrEqualTo(0.7);
  }
}
