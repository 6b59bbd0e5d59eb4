package dev.parley.voice.stt.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.stt.SttInfo;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.Transcription;
import dev.parley.voice.stt.TranscriptionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's mechanics on real whisper.cpp with a tiny random-weight model ({@link
 * TinyWhisperModel}): it "hears" made-up words such as {@code w1234}, which is enough to check
 * buffering, partial runs, the final run, cancellation and concurrency. Recognition quality is
 * {@link WhisperContractTest}'s job, with real weights.
 */
class WhisperMechanicsTest {

  private static final String MADE_UP_WORDS = "w\\d+( w\\d+)*";

  @TempDir static Path models;
  private static Path modelFile;
  private static WhisperSpeechToText engine;

  @BeforeAll
  static void load() throws Exception {
    modelFile = TinyWhisperModel.write(models.resolve("ggml-tiny-random.bin"));
    engine = new WhisperSpeechToText(modelFile, new WhisperSettings(1, Duration.ofMillis(300)));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void theFinalTranscriptCoversAllTheAudio() throws Exception {
    var recorder = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", false), recorder);
    feed(transcription, noise(2_000, 1), false);
    transcription.finish();

    var transcript = recorder.result.get(60, TimeUnit.SECONDS);
    assertThat(transcript.text()).matches(MADE_UP_WORDS);
    assertThat(transcript.audioMillis()).isEqualTo(2_000);
    assertThat(recorder.partials).isEmpty();
  }

  @Test
  void partialsArriveWhileAudioIsStillComing() throws Exception {
    var recorder = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), recorder);
    feed(transcription, noise(3_000, 2), true);
    assertThat(recorder.partials).as("partials before finish()").isNotEmpty();
    transcription.finish();

    assertThat(recorder.result.get(60, TimeUnit.SECONDS).text()).matches(MADE_UP_WORDS);
    assertThat(recorder.partials).allMatch(partial -> partial.matches(MADE_UP_WORDS));
    for (int i = 1; i < recorder.partials.size(); i++) {
      assertThat(recorder.partials.get(i)).isNotEqualTo(recorder.partials.get(i - 1));
    }
  }

  @Test
  void audioShorterThanASecondIsTranscribed() throws Exception {
    // whisper.cpp returns nothing for under a second; the adapter pads with silence.
    var recorder = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", false), recorder);
    feed(transcription, noise(300, 3), false);
    transcription.finish();

    var transcript = recorder.result.get(60, TimeUnit.SECONDS);
    assertThat(transcript.audioMillis()).isEqualTo(300);
    assertThat(transcript.text()).matches(MADE_UP_WORDS);
  }

  @Test
  void noAudioAtAllIsAnEmptyTranscript() throws Exception {
    var recorder = new Recorder();
    engine.open(new TranscriptionOptions("en-US", true), recorder).finish();
    assertThat(recorder.result.get(60, TimeUnit.SECONDS)).isEqualTo(new Transcript("", -1, 0));
  }

  @Test
  void silenceIsEmptyWithoutAskingWhisper() throws Exception {
    // This random model makes up words for any input, silence included.
    var recorder = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), recorder);
    feed(transcription, new short[16_000 * 2], false);
    transcription.finish();
    assertThat(recorder.result.get(60, TimeUnit.SECONDS)).isEqualTo(new Transcript("", -1, 2_000));
  }

  @Test
  void aCancelledTranscriptionEndsSilentlyAndTheEngineCarriesOn() throws Exception {
    var cancelled = new Recorder();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), cancelled);
    feed(transcription, noise(2_000, 4), false);
    transcription.cancel();
    transcription.cancel();

    var next = new Recorder();
    var another = engine.open(new TranscriptionOptions("en-US", false), next);
    feed(another, noise(1_500, 5), false);
    another.finish();
    assertThat(next.result.get(60, TimeUnit.SECONDS).text()).matches(MADE_UP_WORDS);
    assertThat(cancelled.result).isNotDone();
  }

  @Test
  void twoTranscriptionsAtOnceEachGetTheirWords() throws Exception {
    var first = new Recorder();
    var second = new Recorder();
    // No partials: a partial run's timing would change the sampling state the final run starts
    // from.
    var one = engine.open(new TranscriptionOptions("en-US", false), first);
    var two = engine.open(new TranscriptionOptions("en-GB", false), second);
    var audio = noise(2_000, 6);
    for (int from = 0; from < audio.length; from += 320) {
      one.accept(Arrays.copyOfRange(audio, from, from + 320));
      two.accept(Arrays.copyOfRange(audio, from, from + 320));
    }
    one.finish();
    two.finish();

    // Same audio, same model, separate whisper states: the same words.
    assertThat(first.result.get(60, TimeUnit.SECONDS).text())
        .matches(MADE_UP_WORDS)
        .isEqualTo(second.result.get(60, TimeUnit.SECONDS).text());
  }

  @Test
  void anEnglishOnlyModelRefusesOtherLanguages() {
    assertThat(engine.info()).isEqualTo(new SttInfo("whisper", "tiny-random"));
    assertThat(engine.supports("en-AU")).isTrue();
    assertThat(engine.supports("fr-FR")).isFalse();
    assertThatThrownBy(() -> engine.open(new TranscriptionOptions("fr-FR", true), new Recorder()))
        .isInstanceOfSatisfying(
            VoiceException.class,
            e -> assertThat(e.code()).isEqualTo(VoiceErrorCode.UNSUPPORTED_LANGUAGE));
  }

  @Test
  void aClosedEngineFailsTranscriptionsInsteadOfTouchingFreedMemory() throws Exception {
    var closing = new WhisperSpeechToText(modelFile, new WhisperSettings(1, Duration.ofSeconds(1)));
    var recorder = new Recorder();
    var transcription = closing.open(new TranscriptionOptions("en-US", false), recorder);
    feed(transcription, noise(1_000, 7), false);
    closing.close();
    transcription.finish();

    try {
      recorder.result.get(60, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      assertThat(((VoiceException) e.getCause()).code())
          .isEqualTo(VoiceErrorCode.PROVIDER_UNAVAILABLE);
    }
  }

  private static short[] noise(int millis, long seed) {
    var random = new Random(seed);
    var samples = new short[millis * 16];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (random.nextGaussian() * 3_000);
    }
    return samples;
  }

  /** Feeds 20 ms chunks, in real time when asked (as a microphone does). */
  private static void feed(Transcription transcription, short[] samples, boolean realTime)
      throws InterruptedException {
    for (int from = 0; from < samples.length; from += 320) {
      transcription.accept(Arrays.copyOfRange(samples, from, Math.min(samples.length, from + 320)));
      if (realTime) {
        Thread.sleep(20);
      }
    }
  }

  static final class Recorder implements TranscriptListener {
    final List<String> partials = new CopyOnWriteArrayList<>();
    final CompletableFuture<Transcript> result = new CompletableFuture<>();

    @Override
    public void onPartial(String text) {
      partials.add(text);
    }

    @Override
    public void onFinal(Transcript transcript) {
      result.complete(transcript);
    }

    @Override
    public void onError(VoiceException error) {
      result.completeExceptionally(error);
    }
  }
}
