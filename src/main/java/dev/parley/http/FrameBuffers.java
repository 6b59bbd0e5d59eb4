package dev.parley.http;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Buffers lent to {@link FrameWriter}s for one frame each. A Deepgram socket sends 200 ms of audio
 * (6.25 KiB) five times a second and lives for an utterance: a buffer of its own would be copied by
 * every young collection in between, once per utterance in flight; lent, the same few buffers serve
 * every socket and stay in the old generation.
 */
final class FrameBuffers {

  /** A 200 ms frame at 16 kHz (6,400 bytes) and its header fit, with room to spare. */
  static final int SIZE = 8_192 + FrameWriter.MAX_HEADER_BYTES;

  private static final AtomicReferenceArray<byte[]> FREE = new AtomicReferenceArray<>(32);

  private FrameBuffers() {}

  /** A buffer of at least {@code bytes}; one made for the occasion if it is larger than pooled. */
  static byte[] borrow(int bytes) {
    if (bytes > SIZE) {
      return new byte[bytes];
    }
    for (int i = 0; i < FREE.length(); i++) {
      var buffer = FREE.get(i);
      if (buffer != null && FREE.compareAndSet(i, buffer, null)) {
        return buffer;
      }
    }
    return new byte[SIZE];
  }

  /** Takes a pooled-size buffer back, unless the pool is full; others are left to the collector. */
  static void giveBack(byte[] buffer) {
    if (buffer.length != SIZE) {
      return;
    }
    for (int i = 0; i < FREE.length(); i++) {
      if (FREE.get(i) == null && FREE.compareAndSet(i, null, buffer)) {
        return;
      }
    }
  }
}
