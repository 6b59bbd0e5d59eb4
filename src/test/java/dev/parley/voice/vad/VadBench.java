package dev.parley.voice.vad;

import dev.parley.voice.audio.Pcm16;
import dev.parley.voice.audio.Resampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-frame cost of the VAD on a generated conversation-like clip (flite speech between stretches
 * of quiet room noise, as a mic hears while the character talks). Not a test: run it with
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * echo "-cp target/classes:target/test-classes:$(cat target/cp.txt)" &gt; target/bench.args
 * java --enable-native-access=ALL-UNNAMED @target/bench.args dev.parley.voice.vad.VadBench
 * </pre>
 *
 * <p>The argument file matters: onnxruntime 1.29.0 crashes the JVM (SIGSEGV in
 * OrtEnvironment.getEnvironment) when the process command line is longer than about 4 KB, as a full
 * {@code -cp} is.
 */
public final class VadBench {

  private static final int FRAME = FrameClassifier.FRAME_SAMPLES;

  private VadBench() {}

  public static void main(String[] args) throws Exception {
    var lines =
        List.of(
            "Good morning, I would like to order a coffee.",
            "Could you tell me how much the ticket costs?",
            "I have been learning Spanish for two years.",
            "Yesterday we went to the beach with my friends.");
    var parts = new ArrayList<short[]>();
    long seed = 1;
    for (int round = 0; round < 3; round++) {
      for (var line : lines) {
        parts.add(TestAudio.noise(4000, 0.002, seed++));
        parts.add(TestAudio.say(line));
      }
    }
    parts.add(TestAudio.noise(2000, 0.002, seed));
    var clip = TestAudio.concat(parts.toArray(short[][]::new));
    var frames = new short[clip.length / FRAME][];
    for (int f = 0; f < frames.length; f++) {
      frames[f] = Arrays.copyOfRange(clip, f * FRAME, (f + 1) * FRAME);
    }
    System.out.printf("clip: %.1f s, %d frames of 32 ms%n", clip.length / 16_000.0, frames.length);

    try (var model = SileroVadModel.loadBundled()) {
      var silero = new long[frames.length];
      var gate = new long[frames.length];
      for (int warm = 0; warm < 3; warm++) {
        try (var vad = model.newStream()) {
          for (int f = 0; f < frames.length; f++) {
            long start = System.nanoTime();
            vad.speechProbability(frames[f]);
            silero[f] = System.nanoTime() - start;
          }
        }
        var energy = new EnergyGate(VadProperties.Gate.defaults());
        for (int f = 0; f < frames.length; f++) {
          long start = System.nanoTime();
          double rms = Pcm16.rms(frames[f]);
          if (!energy.admits(rms)) {
            energy.learnBackground(rms);
          }
          gate[f] = System.nanoTime() - start;
        }
      }
      System.out.printf("silero: median %.1f us/frame, p99 %.1f us%n", median(silero), p99(silero));
      System.out.printf("gate:   median %.2f us/frame%n", median(gate));

      var events = new TurnEvents();
      var counters = new VadCounters();
      try (var detector =
          new TurnDetector(model.newStream(), VadProperties.defaults(), null, counters, events)) {
        long start = System.nanoTime();
        for (int at = 0; at < clip.length; at += 320) {
          detector.accept(Arrays.copyOfRange(clip, at, Math.min(clip.length, at + 320)));
        }
        long elapsed = System.nanoTime() - start;
        long total = counters.gated() + counters.classified();
        System.out.printf(
            "detector: %d turns, %.1f%% of frames gated, %.1f us per frame on average, %.3f%% of a"
                + " core per open mic%n",
            events.kinds().stream().filter("started"::equals).count(),
            100.0 * counters.gated() / total,
            elapsed / 1000.0 / total,
            100.0 * elapsed / (clip.length / 16_000.0 * 1e9));
      }
    }

    var upsampled = new short[48_000 * 10];
    var resampler = Resampler.toPipelineRate(48_000);
    var chunks = new long[upsampled.length / 480];
    for (int warm = 0; warm < 3; warm++) {
      for (int c = 0; c < chunks.length; c++) {
        var chunk = Arrays.copyOfRange(upsampled, c * 480, (c + 1) * 480);
        long start = System.nanoTime();
        resampler.process(chunk);
        chunks[c] = System.nanoTime() - start;
      }
    }
    System.out.printf("resampler 48->16 kHz: median %.1f us per 10 ms chunk%n", median(chunks));
  }

  private static double median(long[] nanos) {
    var sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1000.0;
  }

  private static double p99(long[] nanos) {
    var sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) (sorted.length * 0.99)] / 1000.0;
  }
}
