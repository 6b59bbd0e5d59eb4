package dev.parley.voice.audio;

import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;

/**
 * Streaming conversion of mono PCM16 from an accepted client rate to {@link
 * AudioFormat#PIPELINE_RATE}: a polyphase windowed-sinc FIR for the rational ratios 1/3 (48 kHz)
 * and 2/3 (24 kHz); 16 kHz passes through. It keeps the tail of the previous chunk, so chunk
 * boundaries leave no trace: any split of a stream gives the same samples as the whole. One
 * instance per stream, not thread-safe.
 *
 * <p>Both ratios upsample to 48 kHz in theory, so one Kaiser-windowed low-pass (240 taps, -6 dB at
 * 7.5 kHz, about 80 dB down from 8 kHz) serves both; it adds a fixed delay of 2.5 ms. Per output
 * sample it costs 240 / L multiply-adds: 240 at 48 kHz, 120 at 24 kHz.
 */
public final class Resampler {

  private static final int TAPS = 240;
  private static final double CUTOFF_HZ = 7_500;
  private static final double KAISER_BETA = 8.0;

  private final int up;
  private final int down;

  /**
   * phases[p] holds the prototype taps p, p + up, p + 2 * up, ... scaled by up (for unity gain) and
   * stored oldest-sample-first, so a dot product walks both arrays forwards.
   */
  private final float[][] phases;

  private final float[] history;
  private long consumed;
  private long produced;

  private Resampler(int up, int down) {
    this.up = up;
    this.down = down;
    this.phases = up == down ? new float[0][] : polyphase(lowPass(up * inputRate(up, down)), up);
    this.history = new float[up == down ? 0 : TAPS / up - 1];
  }

  /** A resampler from {@code inputRate} to the pipeline rate. */
  public static Resampler toPipelineRate(int inputRate) {
    return switch (inputRate) {
      case 16_000 -> new Resampler(1, 1);
      case 24_000 -> new Resampler(2, 3);
      case 48_000 -> new Resampler(1, 3);
      default ->
          throw new VoiceException(
              VoiceErrorCode.BAD_AUDIO,
              "Unsupported sample rate " + inputRate + " Hz: send 16000, 24000 or 48000");
    };
  }

  public int inputRate() {
    return inputRate(up, down);
  }

  /**
   * Samples out for the next chunk; their number follows from everything consumed so far. At 16 kHz
   * that is {@code input} itself, not a copy.
   */
  public short[] process(short[] input) {
    if (up == down) {
      return input;
    }
    int taps = history.length + 1;
    var work = new float[history.length + input.length];
    System.arraycopy(history, 0, work, 0, history.length);
    for (int i = 0; i < input.length; i++) {
      work[history.length + i] = input[i];
    }
    long base = consumed - history.length;
    long available = consumed + input.length;
    int count = (int) (outputsAfter(available) - produced);
    var output = new short[count];
    for (int n = 0; n < count; n++) {
      long position = (produced + n) * down;
      float[] phase = phases[(int) (position % up)];
      int oldest = (int) (position / up - base) - (taps - 1);
      // Four independent sums let the CPU overlap the multiply-adds of one dot product.
      float a = 0;
      float b = 0;
      float c = 0;
      float d = 0;
      int m = 0;
      for (; m + 3 < taps; m += 4) {
        a += phase[m] * work[oldest + m];
        b += phase[m + 1] * work[oldest + m + 1];
        c += phase[m + 2] * work[oldest + m + 2];
        d += phase[m + 3] * work[oldest + m + 3];
      }
      for (; m < taps; m++) {
        a += phase[m] * work[oldest + m];
      }
      output[n] = (short) Math.max(-32768, Math.min(32767, Math.round((a + b) + (c + d))));
    }
    produced += count;
    consumed = available;
    System.arraycopy(work, work.length - history.length, history, 0, history.length);
    return output;
  }

  /** Output k needs input floor(k * down / up), so after n inputs ceil(n * up / down) are ready. */
  private long outputsAfter(long inputs) {
    return (inputs * up + down - 1) / down;
  }

  private static int inputRate(int up, int down) {
    return AudioFormat.PIPELINE_RATE * down / up;
  }

  private static double[] lowPass(int rate) {
    var taps = new double[TAPS];
    double fc = CUTOFF_HZ / rate;
    double center = (TAPS - 1) / 2.0;
    double norm = bessel0(KAISER_BETA);
    double sum = 0;
    for (int i = 0; i < TAPS; i++) {
      double t = i - center;
      double sinc = 2 * fc * (t == 0 ? 1 : Math.sin(2 * Math.PI * fc * t) / (2 * Math.PI * fc * t));
      double r = t / center;
      taps[i] = sinc * bessel0(KAISER_BETA * Math.sqrt(1 - r * r)) / norm;
      sum += taps[i];
    }
    for (int i = 0; i < TAPS; i++) {
      taps[i] /= sum;
    }
    return taps;
  }

  private static float[][] polyphase(double[] taps, int up) {
    int length = TAPS / up;
    var phases = new float[up][length];
    for (int i = 0; i < TAPS; i++) {
      phases[i % up][length - 1 - i / up] = (float) (taps[i] * up);
    }
    return phases;
  }

  /** Zeroth-order modified Bessel function of the first kind, for the Kaiser window. */
  private static double bessel0(double x) {
    double sum = 1;
    double term = 1;
    for (int k = 1; k < 50; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
      if (term < 1e-12 * sum) {
        break;
      }
    }
    return sum;
  }
}
