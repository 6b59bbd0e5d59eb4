package dev.parley.voice.stt.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parley.testing.Flite;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.SpeechToText;
import dev.parley.voice.stt.SpeechToTextContractTest;
import dev.parley.voice.stt.TranscriptionOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pocketsphinx (Debian libpocketsphinx3 + pocketsphinx-en-us) on real flite speech. */
class PocketsphinxContractTest extends SpeechToTextContractTest {

  private static final String SENTENCE = "I would like a cup of coffee with milk please";
  private static final String LONG_SENTENCE =
      "yesterday I walked to the market and bought some apples and bread "
          + "then I went home and cooked dinner for my family";
  private static final String OTHER_SENTENCE = "the weather is very nice today";

  private static PocketsphinxSpeechToText engine;


  @BeforeAll
  static void loadEngine() {
    engine = new PocketsphinxSpeechToText(PocketsphinxSpeechToText.DEBIAN_MODEL_DIR, 2, false);
  }

  @AfterAll
  static void closeEngine() {
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
  void partialsGrowDuringALongUtterance() throws Exception {
    var clip = Flite.say(LONG_SENTENCE);
    var recorder = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-GB", true), recorder);
    feedInChunks(transcription, clip.samples(), 20);
    transcription.finish();

    var transcript = recorder.result.get(60, TimeUnit.SECONDS);
    assertThat(recorder.partials).hasSizeGreaterThan(3);
    for (int i = 1; i < recorder.partials.size(); i++) {
      assertThat(recorder.partials.get(i))
          .as("partial %d repeats the one before", i)
          .isNotEqualTo(recorder.partials.get(i - 1));
    }
    assertThat(recorder.partials.getFirst().split(" ").length)
        .isLessThan(recorder.partials.getLast().split(" ").length);
    assertThat(wordsRecognised(LONG_SENTENCE, transcript.text())).isGreaterThanOrEqualTo(0.7);
    assertThat(transcript.audioMillis()).isCloseTo((long) clip.durationMillis(), within(1L));
  }

  @Test
  void transcribesTwoUtterancesAtOnce() throws Exception {
    var first = Flite.say(SENTENCE);
    var second = Flite.say(OTHER_SENTENCE);
    var firstRecorder = new Recorder();
    var secondRecorder = new Recorder();
    var one = engine.open(new TranscriptionOptions("en-US", true), firstRecorder);
    var two = engine.open(new TranscriptionOptions("en-US", true), secondRecorder);
    // Interleaved, as two sessions' audio arrives.
    int step = 320;
    for (int from = 0;
        from < Math.max(first.samples().length, second.samples().length);
        from += step) {
      if (from < first.samples().length) {
        one.accept(slice(first.samples(), from, step));
      }
      if (from < second.samples().length) {
        two.accept(slice(second.samples(), from, step));
      }
    }
    one.finish();
    two.finish();

    assertThat(wordsRecognised(SENTENCE, firstRecorder.result.get(60, TimeUnit.SECONDS).text()))
        .isGreaterThanOrEqualTo(0.7);
    assertThat(
            wordsRecognised(OTHER_SENTENCE, secondRecorder.result.get(60, TimeUnit.SECONDS).text()))
        .isGreaterThanOrEqualTo(0.7);
  }

  @Test
  void aDecoderIsReusedAfterACancelledUtterance() throws Exception {
    var clip = Flite.say(OTHER_SENTENCE);
    var cancelled = engine.open(new TranscriptionOptions("en-US", false), new Recorder());
    feedInChunks(cancelled, clip.samples(), 20);
    cancelled.cancel();

    var recorder = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", false), recorder);
    feedInChunks(transcription, clip.samples(), 100);
    transcription.finish();
    assertThat(wordsRecognised(OTHER_SENTENCE, recorder.result.get(60, TimeUnit.SECONDS).text()))
        .isGreaterThanOrEqualTo(0.7);
  }

  @Test
  void otherLanguagesAreRefused() {
    assertThat(engine.supports("es-ES")).isFalse();
    assertThat(engine.supports("en")).isTrue();
    assertThatThrownBy(() -> engine.open(new TranscriptionOptions("es-ES", true), new Recorder()))
        .isInstanceOfSatisfying(
            VoiceException.class,
            e -> assertThat(e.code()).isEqualTo(VoiceErrorCode.UNSUPPORTED_LANGUAGE));
  }

  @Test
  void aMissingModelSaysWhatToInstall(@TempDir Path emptyModelDir) {
    assertThatThrownBy(() -> new PocketsphinxSpeechToText(emptyModelDir, 1, false))
        .isInstanceOfSatisfying(
            VoiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(e.getMessage())
                  .contains(emptyModelDir.toString())
                  .contains("libpocketsphinx3 pocketsphinx-en-us");
            });
  }

  @Test
  void aMissingLibrarySaysWhatToInstall() {
    assertThatThrownBy(() -> PocketsphinxLibrary.open("libpocketsphinx.so.0-not-installed"))
        .isInstanceOfSatisfying(
            VoiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
              assertThat(e.getMessage())
                  .contains("libpocketsphinx.so.0-not-installed")
                  .contains("libpocketsphinx3 pocketsphinx-en-us");
            });
  }

  private static short[] slice(short[] samples, int from, int length) {
    return Arrays.copyOfRange(samples, from, Math.min(samples.length, from + length));
  }
}
