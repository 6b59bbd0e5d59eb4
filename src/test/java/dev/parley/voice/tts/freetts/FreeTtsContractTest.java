package dev.parley.voice.tts.freetts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.character.Gender;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Pcm16;
import dev.parley.voice.tts.AudioListener;
import dev.parley.voice.tts.SpeechRequest;
import dev.parley.voice.tts.SpeechStream;
import dev.parley.voice.tts.TextToSpeech;
import dev.parley.voice.tts.TextToSpeechContractTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FreeTtsContractTest extends TextToSpeechContractTest {

  private static final FreeTtsTextToSpeech ENGINE = new FreeTtsTextToSpeech(2);

  private static final String LONG_SENTENCE =
      "The train to the airport leaves from platform seven at a quarter past nine, so we should"
          + " leave the hotel early, buy our tickets at the machine, and find a seat near the"
          + " door.";

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  @Override
  protected TextToSpeech engine() {
    return ENGINE;
  }

  @Override
  protected VoiceErrorCode scriptUnavailable() {
    return null; // in-process: there is no provider to take down
  }

  @Test
  void audioLastsInProportionToTheText() throws Exception {
    double shortSeconds = seconds(speak(request("Good morning, Anna.")));
    double longSeconds =
        seconds(
            speak(
                request(
                    "Good morning, Anna. Would you like a cup of tea with your breakfast today?")));

    assertThat(shortSeconds).isBetween(0.6, 3.0);
    assertThat(longSeconds / shortSeconds).isBetween(2.0, 8.0);
  }

  @Test
  void slowerRateGivesLongerAudio() throws Exception {
    var text = "Could you tell me the way to the station, please?";
    double normal = seconds(speak(rated(text, 1.0)));
    double slow = seconds(speak(rated(text, 0.7)));

    assertThat(slow / normal).isBetween(1.2, 1.8);
  }

  @Test
  void producesSpeechLikeLittleEndianSamples() throws Exception {
    var samples = speak(request("Hello, how are you today?"));
    // Byte-swapped PCM sounds like white noise, crossing zero on about every other sample.
    assertThat(zeroCrossingRate(samples)).isLessThan(0.25);
    assertThat(Pcm16.rms(samples)).isGreaterThan(0.02);
  }

  @Test
  void streamsTheFirstChunkBeforeTheSentenceIsSynthesized() throws Exception {
    var recorder = new Capture();
    long start = System.nanoTime();
    ENGINE.speak(request(LONG_SENTENCE), recorder);
    recorder.done.get(60, TimeUnit.SECONDS);
    long completed = System.nanoTime();

    assertThat(recorder.chunks).hasSizeGreaterThan(10);
    assertThat(recorder.chunks.getFirst().length).isLessThan(recorder.samples().length / 10);
    assertThat(recorder.firstAudioAt.get() - start).isLessThan(completed - start);
  }

  @Test
  void concurrentStreamsEachGetTheirOwnAudio() throws Exception {
    var texts =
        new String[] {
          "I would like a table for two, please.",
          "The museum opens at ten in the morning.",
          "Do you have this shirt in a larger size?",
          "My brother lives in a small town by the sea."
        };
    var alone = new ArrayList<short[]>();
    for (var text : texts) {
      alone.add(speak(request(text)));
    }

    var recorders = new ArrayList<Capture>();
    for (int round = 0; round < 3; round++) {
      for (var text : texts) {
        var recorder = new Capture();
        ENGINE.speak(request(text), recorder);
        recorders.add(recorder);
      }
    }
    for (int i = 0; i < recorders.size(); i++) {
      recorders.get(i).done.get(60, TimeUnit.SECONDS);
      assertThat(recorders.get(i).samples())
          .as("synthesis is deterministic, so a shared voice would show")
          .isEqualTo(alone.get(i % texts.length));
    }
    assertThat(ENGINE.allocatedVoices()).as("never more voices than streams").isBetween(1, 2);
  }

  @Test
  void cancelAbortsSynthesisAndTheVoiceSpeaksNormallyAfterwards() throws Exception {
    try (var single = new FreeTtsTextToSpeech(1)) {
      var before = speak(single, request("See you tomorrow at the café."));
      var stream = new CompletableFuture<SpeechStream>();
      var cancelled = new Capture(() -> stream.join().cancel());
      stream.complete(single.speak(request(LONG_SENTENCE.repeat(20)), cancelled));

      assertThatThrownBy(() -> cancelled.done.get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(VoiceException.class)
          .satisfies(
              e -> assertThat(((VoiceException) e).code()).isEqualTo(VoiceErrorCode.CANCELLED));
      assertThat(cancelled.chunks).hasSize(1);
      assertThat(speak(single, request("See you tomorrow at the café."))).isEqualTo(before);
    }
  }

  @Test
  void refusesLanguagesOtherThanEnglish() throws Exception {
    var recorder = new Capture();
    ENGINE.speak(
        new SpeechRequest("¿Dónde está la estación?", null, Gender.FEMALE, "es-ES", 1.0), recorder);

    assertThatThrownBy(() -> recorder.done.get(60, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("English only")
        .satisfies(
            e ->
                assertThat(((VoiceException) e).code())
                    .isEqualTo(VoiceErrorCode.UNSUPPORTED_LANGUAGE));
    assertThat(recorder.chunks).isEmpty();
    assertThat(ENGINE.supports("en-GB")).isTrue();
    assertThat(ENGINE.supports("EN")).isTrue();
    assertThat(ENGINE.supports("es")).isFalse();
    assertThat(ENGINE.supports("fr-FR")).isFalse();
  }

  @Test
  void blankTextCompletesWithoutAudio() throws Exception {
    assertThat(speak(request("  "))).isEmpty();
  }

  private static SpeechRequest rated(String text, double rate) {
    return new SpeechRequest(text, "en-US-male-1", Gender.MALE, "en-US", rate);
  }

  private short[] speak(SpeechRequest request) throws Exception {
    return speak(ENGINE, request);
  }

  private static short[] speak(TextToSpeech engine, SpeechRequest request) throws Exception {
    var recorder = new Capture();
    engine.speak(request, recorder);
    recorder.done.get(60, TimeUnit.SECONDS);
    return recorder.samples();
  }

  private static double seconds(short[] samples) {
    return samples.length / 16_000.0;
  }

  private static double zeroCrossingRate(short[] samples) {
    var loud = Arrays.stream(toInts(samples)).filter(s -> Math.abs(s) > 300).count();
    int crossings = 0;
    for (int i = 1; i < samples.length; i++) {
      if ((samples[i - 1] < 0) != (samples[i] < 0)) {
        crossings++;
      }
    }
    assertThat(loud).isGreaterThan(samples.length / 10);
    return crossings / (double) samples.length;
  }

  private static int[] toInts(short[] samples) {
    var ints = new int[samples.length];
    for (int i = 0; i < samples.length; i++) {
      ints[i] = samples[i];
    }
    return ints;
  }

  /**
   * Collects a stream's audio, outcome and first-audio time (the base class's recorder cannot be
   * constructed from this package).
   */
  private static final class Capture implements AudioListener {
    final List<short[]> chunks = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicLong firstAudioAt = new AtomicLong();
    private final Runnable onFirstChunk;

    Capture() {
      this(() -> {});
    }

    Capture(Runnable onFirstChunk) {
      this.onFirstChunk = onFirstChunk;
    }

    @Override
    public void onAudio(short[] samples, int count, AudioFormat format) {
      assertThat(format).isEqualTo(AudioFormat.PIPELINE);
      if (firstAudioAt.compareAndSet(0, System.nanoTime())) {
        onFirstChunk.run();
      }
      chunks.add(Arrays.copyOf(samples, count));
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }

    @Override
    public void onError(VoiceException error) {
      done.completeExceptionally(error);
    }

    short[] samples() {
      var all = new short[chunks.stream().mapToInt(c -> c.length).sum()];
      int at = 0;
      for (short[] chunk : chunks) {
        System.arraycopy(chunk, 0, all, at, chunk.length);
        at += chunk.length;
      }
      return all;
    }
  }
}
