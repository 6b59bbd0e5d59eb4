package dev.parley.voice.vad;

import dev.parley.testing.Flite;
import java.util.Arrays;
import java.util.Random;

/** Real speech from flite (kal16, 16 kHz) and the silence and noise to put around it. */
final class TestAudio {

  static final int RATE = 16_000;

  private TestAudio() {}

  /** The utterance with flite's own leading and trailing silence cut, so it starts at sample 0. */
  static short[] say(String text) {
    var samples = Flite.say(text).samples();
    int first = 0;
    while (Math.abs(samples[first]) < 300) {
      first++;
    }
    int last = samples.length - 1;
    while (Math.abs(samples[last]) < 300) {
      last--;
    }
    return Arrays.copyOfRange(samples, first, last + 1);
  }

  static short[] silence(int millis) {
    return new short[samples(millis)];
  }

  /** White Gaussian noise at {@code rms} (full scale 1.0). */
  static short[] noise(int millis, double rms, long seed) {
    var random = new Random(seed);
    var out = new short[samples(millis)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.round(random.nextGaussian() * rms * 32768);
    }
    return out;
  }

  static short[] concat(short[]... parts) {
    int length = 0;
    for (var part : parts) {
      length += part.length;
    }
    var out = new short[length];
    int at = 0;
    for (var part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** {@code noise} added to {@code signal}, sample by sample, over the signal's length. */
  static short[] mix(short[] signal, short[] noise) {
    var out = new short[signal.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, signal[i] + noise[i % noise.length]));
    }
    return out;
  }

  static int samples(int millis) {
    return millis * RATE / 1000;
  }

  static long millis(int samples) {
    return samples * 1000L / RATE;
  }
}
