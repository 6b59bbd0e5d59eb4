package dev.parley.voice.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Wav;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SpeechToText} adapter promises. Local engines transcribe real synthesized
 * speech; cloud adapters talk to a loopback server speaking the vendor's real protocol, which
 * answers with scripted transcripts.
 */
public abstract class SpeechToTextContractTest {

  /** A spoken utterance at 16 kHz and the words it says. */
  public record Utterance(Wav.Clip clip, String text) {}

  protected abstract SpeechToText engine();

  /** Real speech for the engine, in a language it supports. */
  protected abstract Utterance utterance() throws Exception;

  /**
   * Makes a fake provider answer the next transcription with this text. Returns false for real
   * engines, which must recognise the utterance themselves.
   */
  protected abstract boolean scriptTranscript(String text);

  /** Makes the provider fail the next transcription; returns the expected code, or null. */
  protected abstract VoiceErrorCode scriptUnavailable();

  @Test
  void transcribesAnUtteranceFedInSmallChunks() throws Exception {
    var utterance = utterance();
    boolean scripted = scriptTranscript(utterance.text());
    var recorder = new Recorder();
    var transcription =
        engine().open(new TranscriptionOptions(language(), true), recorder);
    feedInChunks(transcription, utterance.clip().samples(), 20);
    transcription.finish();

    var transcript = recorder.result.get(60, TimeUnit.SECONDS);
    if (scripted) {
      assertThat(transcript.text()).isEqualTo(utterance.text());
    } else {
      assertThat(wordsRecognised(utterance.text(), transcript.text()))
          .as("share of words recognised in '%s'", transcript.text())
          .isGreaterThanOrEqualTo(0.5);
    }
    assertThat(transcript.audioMillis()).isPositive();
  }

  @Test
  void cancelledTranscriptionsNeverFinish() throws Exception {
    var utterance = utterance();
    scriptTranscript(utterance.text());
    var recorder = new Recorder();
    var transcription = engine().open(new TranscriptionOptions(language(), false), recorder);
    feedInChunks(transcription, utterance.clip().samples(), 20);
    transcription.cancel();
    transcription.cancel();

    Thread.sleep(500);
    assertThat(recorder.result.isDone() && !recorder.result.isCompletedExceptionally()).isFalse();
  }

  @Test
  void silenceIsAnEmptyTranscript() throws Exception {
    scriptTranscript("");
    var recorder = new Recorder();
    var transcription = engine().open(new TranscriptionOptions(language(), false), recorder);
    feedInChunks(transcription, new short[AudioFormat.PIPELINE_RATE], 20);
    transcription.finish();
    assertThat(recorder.result.get(60, TimeUnit.SECONDS).text()).isBlank();
  }

  @Test
  void providerOutageIsAnErrorWithACode() throws Exception {
    var expected = scriptUnavailable();
    if (expected == null) {
      return;
    }
    var recorder = new Recorder();
    var transcription = engine().open(new TranscriptionOptions(language(), false), recorder);
    feedInChunks(transcription, new short[AudioFormat.PIPELINE_RATE / 2], 20);
    transcription.finish();
    assertThat(recorder.error().code()).isEqualTo(expected);
  }

  @Test
  void reportsProviderAndModel() {
    assertThat(engine().info().provider()).isNotBlank();
    assertThat(engine().info().model()).isNotBlank();
    assertThat(engine().supports(language())).isTrue();
  }

  /** The language of {@link #utterance()}; English unless overridden. */
  protected String language() {
    return "en-US";
  }

  protected static void feedInChunks(Transcription transcription, short[] samples, int millis) {
    int step = AudioFormat.PIPELINE_RATE * millis / 1000;
    for (int from = 0; from < samples.length; from += step) {
      transcription.accept(Arrays.copyOfRange(samples, from, Math.min(samples.length, from + step)));
    }
  }

  /** Share of the expected words that appear in the transcript, ignoring case and punctuation. */
  protected static double wordsRecognised(String expected, String actual) {
    var heard = List.of(normalise(actual).split(" "));
    var words = normalise(expected).split(" ");
    return Arrays.stream(words).filter(heard::contains).count() / (double) words.length;
  }

  private static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").trim().replaceAll(" +", " ");
  }

  /** Collects partials, the outcome, and how many outcomes there were (the contract allows one). */
  protected static final class Recorder implements TranscriptListener {
    public final List<String> partials = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Transcript> result = new CompletableFuture<>();
    public final AtomicInteger outcomes = new AtomicInteger();

    public Recorder() {}

    @Override
    public void onPartial(String text) {
      partials.add(text);
    }

    @Override
    public void onFinal(Transcript transcript) {
      outcomes.incrementAndGet();
      result.complete(transcript);
    }

    @Override
    public void onError(VoiceException error) {
      outcomes.incrementAndGet();
      result.completeExceptionally(error);
    }

    public Transcript transcript() throws Exception {
      return result.get(30, TimeUnit.SECONDS);
    }

    /** The failure the transcription ended with; fails the test if it ended otherwise. */
    public VoiceException error() {
      var failure =
          catchThrowableOfType(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
      assertThat(failure).as("expected the transcription to fail").isNotNull();
      assertThat(failure.getCause()).isInstanceOf(VoiceException.class);
      return (VoiceException) failure.getCause();
    }
  }
}
