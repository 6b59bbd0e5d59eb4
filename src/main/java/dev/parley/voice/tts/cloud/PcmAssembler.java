package dev.parley.voice.tts.cloud;

/**
 * Turns little-endian PCM16 bytes, cut wherever the network cut them, into whole samples. A chunk
 * that ends halfway through a sample keeps that byte for the next chunk.
 */
final class PcmAssembler {

  private static final short[] NONE = new short[0];

  private int carried = -1;

  /** The whole samples in {@code bytes[0..length)} plus any byte carried from before. */
  short[] accept(byte[] bytes, int length) {
    int available = length + (carried >= 0 ? 1 : 0);
    var samples = available < 2 ? NONE : new short[available / 2];
    int at = 0;
    int sample = 0;
    if (carried >= 0 && length > 0) {
      samples[sample++] = (short) ((bytes[0] << 8) | carried);
      carried = -1;
      at = 1;
    }
    for (; at + 1 < length; at += 2) {
      samples[sample++] = (short) ((bytes[at + 1] << 8) | (bytes[at] & 0xff));
    }
    if (at < length) {
      carried = bytes[at] & 0xff;
    }
    return samples;
  }

  /** Whether the stream ended in the middle of a sample. */
  boolean hasDanglingByte() {
    return carried >= 0;
  }
}
