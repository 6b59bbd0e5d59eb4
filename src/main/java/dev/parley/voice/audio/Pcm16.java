package dev.parley.voice.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Conversions between little-endian PCM16 bytes and samples. */
public final class Pcm16 {

  private Pcm16() {}

  public static short[] toShorts(byte[] bytes, int offset, int length) {
    if (length % 2 != 0) {
      throw new IllegalArgumentException("PCM16 data has an odd number of bytes: " + length);
    }
    var samples = new short[length / 2];
    ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }

  /** The samples between the buffer's position and limit; the buffer itself is left as it was. */
  public static short[] toShorts(ByteBuffer bytes) {
    if (bytes.remaining() % 2 != 0) {
      throw new IllegalArgumentException(
          "PCM16 data has an odd number of bytes: " + bytes.remaining());
    }
    var samples = new short[bytes.remaining() / 2];
    bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }

  public static short[] toShorts(byte[] bytes) {
    return toShorts(bytes, 0, bytes.length);
  }

  public static byte[] toBytes(short[] samples) {
    var buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asShortBuffer().put(samples);
    return buffer.array();
  }

  /** Samples scaled to [-1, 1), as neural models (Silero, whisper) take them. */
  public static float[] toFloats(short[] samples) {
    var floats = new float[samples.length];
    for (int i = 0; i < samples.length; i++) {
      floats[i] = samples[i] / 32768f;
    }
    return floats;
  }

  public static short[] fromFloats(float[] floats) {
    var samples = new short[floats.length];
    for (int i = 0; i < floats.length; i++) {
      samples[i] = (short) Math.max(-32768, Math.min(32767, Math.round(floats[i] * 32768f)));
    }
    return samples;
  }

  /** Root mean square level in [0, 1]; cheap enough to gate every frame. */
  public static double rms(short[] samples) {
    if (samples.length == 0) {
      return 0;
    }
    double sum = 0;
    for (short s : samples) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / samples.length) / 32768.0;
  }
}
