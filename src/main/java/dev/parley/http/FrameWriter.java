package dev.parley.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * Builds one masked client frame (RFC 6455 5.2) at a time in one buffer, so that the frame leaves
 * in one write: header, mask key and payload, masked while copied in from the caller's array,
 * buffer or samples. A control frame's size is its own; a larger frame borrows from {@link
 * FrameBuffers} until {@link #release()}. Not thread-safe: the {@link WebSocket}'s write lock
 * guards it.
 */
final class FrameWriter {

  static final int MAX_HEADER_BYTES = 14;
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * RFC 6455 10.3: mask keys must not be predictable, so they come from a {@link SecureRandom};
   * drawn 32 keys at a time, because each draw takes the native generator's global lock and a
   * Deepgram stream masks ten frames a second.
   */
  private final SecureRandom random = new SecureRandom();

  private final byte[] keys = new byte[128];
  private int nextKey = keys.length;
  private final byte[] mask = new byte[4];
  private final byte[] small = new byte[MAX_HEADER_BYTES + 125];
  private byte[] buffer = small;
  private int payloadStart;
  private int position;

  /** Starts a final frame of {@code payloadLength} bytes: writes its header and mask key. */
  void begin(int opcode, int payloadLength) {
    int needed = MAX_HEADER_BYTES + payloadLength;
    if (buffer.length < needed) {
      release();
      buffer = FrameBuffers.borrow(needed);
    }
    buffer[0] = (byte) (0x80 | opcode);
    int at;
    if (payloadLength < 126) {
      buffer[1] = (byte) (0x80 | payloadLength);
      at = 2;
    } else if (payloadLength < 65_536) {
      buffer[1] = (byte) (0x80 | 126);
      buffer[2] = (byte) (payloadLength >> 8);
      buffer[3] = (byte) payloadLength;
      at = 4;
    } else {
      buffer[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        buffer[2 + i] = (byte) ((long) payloadLength >> (56 - 8 * i));
      }
      at = 10;
    }
    if (nextKey == keys.length) {
      random.nextBytes(keys);
      nextKey = 0;
    }
    System.arraycopy(keys, nextKey, mask, 0, 4);
    nextKey += 4;
    System.arraycopy(mask, 0, buffer, at, 4);
    payloadStart = at + 4;
    position = payloadStart;
  }

  void put(byte[] source, int offset, int length) {
    int masked = position - payloadStart;
    for (int i = 0; i < length; i++) {
      buffer[position++] = (byte) (source[offset + i] ^ mask[(masked + i) & 3]);
    }
  }

  /** The buffer's remaining bytes; its position is left as it was. */
  void put(ByteBuffer source) {
    int masked = position - payloadStart;
    int from = source.position();
    int length = source.remaining();
    for (int i = 0; i < length; i++) {
      buffer[position++] = (byte) (source.get(from + i) ^ mask[(masked + i) & 3]);
    }
  }

  /** 16-bit samples as little-endian bytes (PCM16), masked on the way. */
  void putLittleEndian(short[] samples, int offset, int count) {
    int masked = position - payloadStart;
    // Two samples are four bytes, one whole mask: the key, turned to where the payload is in it.
    int key = Integer.rotateRight((int) INT_LE.get(mask, 0), 8 * (masked & 3));
    int i = 0;
    for (; i + 1 < count; i += 2) {
      int pair = (samples[offset + i] & 0xffff) | (samples[offset + i + 1] << 16);
      INT_LE.set(buffer, position, pair ^ key);
      position += 4;
    }
    if (i < count) {
      short sample = samples[offset + i];
      buffer[position++] = (byte) (sample ^ key);
      buffer[position++] = (byte) ((sample >> 8) ^ (key >>> 8));
    }
  }

  /** The frame has been written: a borrowed buffer goes back. */
  void release() {
    if (buffer != small) {
      FrameBuffers.giveBack(buffer);
      buffer = small;
    }
  }

  byte[] bytes() {
    return buffer;
  }

  /** The frame's length so far. */
  int length() {
    return position;
  }
}
