package dev.parley.voice.tts.cloud;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns little-endian PCM16 bytes, cut wherever the network cut them, into whole samples. A chunk
 * that ends halfway through a sample keeps that byte for the next chunk. The samples go into one
 * array reused for every chunk: a stream's audio is read through it, not copied into a new one.
 */
final class PcmAssembler {

  private short[] samples;
  private int carried = -1;

  /** Converts into {@code samples}, while a chunk fits; a larger chunk gets an array of its own. */
  PcmAssembler(short[] samples) {
    this.samples = samples;
  }

  /** Converts the whole samples in {@code bytes[0..length)}, plus any byte carried from before. */
  int accept(byte[] bytes, int length) {
    int available = length + (carried >= 0 ? 1 : 0);
    if (samples.length < available / 2) {
      samples = new short[available / 2];
    }
    int at = 0;
    int sample = 0;
    if (carried >= 0 && length > 0) {
      samples[sample++] = (short) ((bytes[0] << 8) | carried);
      carried = -1;
      at = 1;
    }
    int whole = (length - at) / 2;
    // A bulk view copy: on a little-endian machine a plain memory copy, not a loop over bytes.
    ByteBuffer.wrap(bytes, at, 2 * whole)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(samples, sample, whole);
    sample += whole;
    at += 2 * whole;
    if (at < length) {
      carried = bytes[at] & 0xff;
    }
    return sample;
  }

  /** Where the last {@link #accept} put its samples; overwritten by the next. */
  short[] samples() {
    return samples;
  }

  /** Whether the stream ended in the middle of a sample. */
  boolean hasDanglingByte() {
    return carried >= 0;
  }
}
