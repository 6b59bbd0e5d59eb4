package dev.parley.voice.stt.pocketsphinx;

import dev.parley.testing.Flite;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.audio.Wav;
import dev.parley.voice.stt.Transcript;
import dev.parley.voice.stt.TranscriptListener;
import dev.parley.voice.stt.TranscriptionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures pocketsphinx on flite kal16 utterances: decoder load time and memory, real-time factor
 * when audio is fed as fast as possible, and the delay from {@code finish()} to the final
 * transcript when audio arrives in real time (20 ms chunks), as it does from a microphone.
 *
 * <p>Run: {@code ./mvnw -q test-compile} then {@code java --enable-native-access=ALL-UNNAMED -cp
 * target/classes:target/test-classes:<dependencies> dev.parley.voice.stt.pocketsphinx.SttBench}.
 */
public final class SttBench {

  private static final List<String> SENTENCES =
      List.of(
          "good morning how are you today",
          "I would like a cup of coffee with milk please",
          "could you tell me the way to the train station",
          "yesterday I walked to the market and bought some apples and bread "
              + "then I went home and cooked dinner for my family");

  private static final int CHUNK_MILLIS = 20;

  public static void main(String[] args) throws Exception {
    for (boolean flatPass : new boolean[] {false, true}) {
      System.out.printf("%n-fwdflat %s%n", flatPass ? "yes" : "no");
      bench(flatPass);
    }
  }

  private static void bench(boolean flatPass) throws Exception {
    var dir = PocketsphinxSpeechToText.DEBIAN_MODEL_DIR;
    long loadStart = System.nanoTime();
    try (var engine = new PocketsphinxSpeechToText(dir, 2, flatPass)) {
      System.out.printf("first decoder load (with the library): %d ms%n", millisSince(loadStart));
      long rssBefore = residentKib();
      long secondStart = System.nanoTime();
      var another =
          new PocketsphinxDecoder(
              PocketsphinxLibrary.load(), DecoderConfig.englishIn(dir, flatPass));
      System.out.printf(
          "another decoder: %d ms, %d MiB resident while loaded%n",
          millisSince(secondStart), (residentKib() - rssBefore) / 1024);
      another.close();
      // Warm-up: the first utterance pays for JIT and page faults in the model.
      run(engine, Flite.say(SENTENCES.getFirst()), false);
      System.out.println(
          "audio_ms  fast_rtf  realtime_finish_to_final_ms  words_recognised  transcript");
      for (var sentence : SENTENCES) {
        var clip = Flite.say(sentence);
        var fast = run(engine, clip, false);
        var paced = run(engine, clip, true);
        System.out.printf(
            "%8.0f  %8.3f  %27d  %16.2f  %s%n",
            clip.durationMillis(),
            fast.totalMillis / clip.durationMillis(),
            paced.finishToFinalMillis,
            wordsRecognised(sentence, paced.transcript.text()),
            paced.transcript.text());
      }
    }
  }

  private record Run(long totalMillis, long finishToFinalMillis, Transcript transcript) {}

  private static Run run(PocketsphinxSpeechToText engine, Wav.Clip clip, boolean realTime)
      throws Exception {
    var result = new CompletableFuture<Transcript>();
    var listener =
        new TranscriptListener() {
          @Override
          public void onPartial(String text) {}

          @Override
          public void onFinal(Transcript transcript) {
            result.complete(transcript);
          }

          @Override
          public void onError(VoiceException error) {
            result.completeExceptionally(error);
          }
        };
    long start = System.nanoTime();
    var transcription = engine.open(new TranscriptionOptions("en-US", true), listener);
    int step = AudioFormat.PIPELINE_RATE * CHUNK_MILLIS / 1000;
    var samples = clip.samples();
    for (int from = 0; from < samples.length; from += step) {
      if (realTime) {
        long due =
            start + TimeUnit.MILLISECONDS.toNanos((long) from * 1000 / AudioFormat.PIPELINE_RATE);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
      }
      transcription.accept(
          Arrays.copyOfRange(samples, from, Math.min(samples.length, from + step)));
    }
    long finish = System.nanoTime();
    transcription.finish();
    var transcript = result.get(60, TimeUnit.SECONDS);
    return new Run(millisSince(start), millisSince(finish), transcript);
  }

  private static long residentKib() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
        .findFirst()
        .orElse(-1);
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  private static double wordsRecognised(String expected, String actual) {
    var heard = List.of(actual.toLowerCase().split(" "));
    var words = expected.toLowerCase().replaceAll("[^a-z ]", "").split(" ");
    return Arrays.stream(words).filter(heard::contains).count() / (double) words.length;
  }
}
