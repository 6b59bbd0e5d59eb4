package dev.parley.voice.tts.freetts;

import dev.parley.character.Gender;
import dev.parley.voice.VoiceException;
import dev.parley.voice.audio.AudioFormat;
import dev.parley.voice.tts.AudioListener;
import dev.parley.voice.tts.SpeechRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time to first audio and real-time factor of FreeTTS, over typical tutor sentences. After {@code
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt}, run {@code java -cp
 * target/classes:target/test-classes:$(cat cp.txt) dev.parley.voice.tts.freetts.TtsBench [rounds]}.
 */
public final class TtsBench {

  private static final List<String> SENTENCES =
      List.of(
          "Good morning!",
          "How are you today?",
          "Would you like to order something to drink first?",
          "The train to the airport leaves from platform seven at a quarter past nine.",
          "Let's practise the past tense: yesterday I went to the market and bought some apples.",
          "That's a great question, and the answer depends on where you want to go.",
          "Could you repeat that more slowly, please?",
          "I think you did very well today; see you next week.");

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long allocStart = System.nanoTime();
    try (var engine = new FreeTtsTextToSpeech(2)) {
      engine.warmUp();
      System.out.printf("load + warm-up: %.0f ms%n", millisSince(allocStart));

      var firstAudio = new ArrayList<Double>();
      double synthSeconds = 0;
      double audioSeconds = 0;
      for (int round = 0; round < rounds; round++) {
        for (var sentence : SENTENCES) {
          var result = speak(engine, sentence);
          firstAudio.add(result.firstAudioMillis);
          synthSeconds += result.totalMillis / 1000;
          audioSeconds += result.samples / (double) AudioFormat.PIPELINE_RATE;
        }
      }
      Collections.sort(firstAudio);
      System.out.printf(
          "sentences: %d, first audio median %.2f ms, p90 %.2f ms, max %.2f ms%n",
          firstAudio.size(),
          firstAudio.get(firstAudio.size() / 2),
          firstAudio.get((int) (firstAudio.size() * 0.9)),
          firstAudio.getLast());
      System.out.printf(
          "audio %.1f s synthesized in %.3f s: real-time factor %.4f%n",
          audioSeconds, synthSeconds, synthSeconds / audioSeconds);

      long secondVoice = System.nanoTime();
      var concurrent = new ArrayList<CompletableFuture<Void>>();
      for (int i = 0; i < 2; i++) {
        var done = new CompletableFuture<Void>();
        engine.speak(request(SENTENCES.get(3)), listener(new AtomicLong(), new long[1], done));
        concurrent.add(done);
      }
      CompletableFuture.allOf(concurrent.toArray(CompletableFuture[]::new))
          .get(60, TimeUnit.SECONDS);
      System.out.printf(
          "two concurrent streams (allocates the second voice): %.0f ms%n",
          millisSince(secondVoice));
    }
  }

  private record Result(double firstAudioMillis, double totalMillis, long samples) {}

  private static Result speak(FreeTtsTextToSpeech engine, String sentence) throws Exception {
    var firstAudioAt = new AtomicLong();
    var samples = new long[1];
    var done = new CompletableFuture<Void>();
    long start = System.nanoTime();
    engine.speak(request(sentence), listener(firstAudioAt, samples, done));
    done.get(60, TimeUnit.SECONDS);
    long end = System.nanoTime();
    return new Result((firstAudioAt.get() - start) / 1e6, (end - start) / 1e6, samples[0]);
  }

  private static SpeechRequest request(String sentence) {
    return new SpeechRequest(sentence, "en-US-female-1", Gender.FEMALE, "en-US", 1.0);
  }

  private static AudioListener listener(
      AtomicLong firstAudioAt, long[] samples, CompletableFuture<Void> done) {
    return new AudioListener() {
      @Override
      public void onAudio(short[] chunk, int count, AudioFormat format) {
        firstAudioAt.compareAndSet(0, System.nanoTime());
        samples[0] += count;
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }

      @Override
      public void onError(VoiceException error) {
        done.completeExceptionally(error);
      }
    };
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
