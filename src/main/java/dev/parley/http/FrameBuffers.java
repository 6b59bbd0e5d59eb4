package dev.parley.http;

/**
 * Buffers lent to {@link FrameWriter}s for one frame each: a Deepgram socket sends 200 ms of audio
 * (6.25 KiB) five times a second and lives for an utterance (see {@link Spares}). A frame is
 * written at once, so a few buffers serve every socket.
 */
final class FrameBuffers {

  /** A 200 ms frame at 16 kHz (6,400 bytes) and its header fit, with room to spare. */
  static final int SIZE = 8_192 + FrameWriter.MAX_HEADER_BYTES;

  private static final Spares<byte[]> SPARES = new Spares<>(32, () -> new byte[SIZE]);

  private FrameBuffers() {}

  /** A buffer of at least {@code bytes}; one made for the occasion if it is larger than pooled. */
  static byte[] borrow(int bytes) {
    return bytes > SIZE ? new byte[bytes] : SPARES.borrow();
  }

  /** Takes a pooled-size buffer back; others are left to the collector. */
  static void giveBack(byte[] buffer) {
    if (buffer.length == SIZE) {
      SPARES.giveBack(buffer);
    }
  }
}
