package dev.parley.voice.audio;

import java.util.Set;

/**
 * Mono 16-bit little-endian PCM at one sample rate: the only encoding on the wire. The pipeline
 * works at {@link #PIPELINE_RATE}; clients may send 24 or 48 kHz, which is resampled on arrival.
 */
public record AudioFormat(int sampleRate) {

  public static final int PIPELINE_RATE = 16_000;
  public static final AudioFormat PIPELINE = new AudioFormat(PIPELINE_RATE);
  public static final Set<Integer> ACCEPTED_RATES = Set.of(16_000, 24_000, 48_000);

  public AudioFormat {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("Sample rate must be positive, got " + sampleRate);
    }
  }

  public static final int BYTES_PER_SAMPLE = 2;

  /** Bytes in {@code millis} of audio. */
  public int bytesFor(long millis) {
    return (int) (sampleRate * millis / 1000) * BYTES_PER_SAMPLE;
  }

  /** Milliseconds of audio in {@code samples} samples. */
  public double millisOf(long samples) {
    return samples * 1000.0 / sampleRate;
  }
}
