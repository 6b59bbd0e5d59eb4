package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.voice.audio.Pcm16;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameWriterTest {

  private static final short[] SAMPLES = samples();

  @Test
  void samplesGoOutAsMaskedLittleEndianWhereverThePayloadIsInTheMask() {
    // Every alignment of the samples against the 4-byte mask, odd and even counts.
    for (int bytesBefore = 0; bytesBefore < 8; bytesBefore++) {
      for (int offset = 0; offset < 4; offset++) {
        for (int count = 0; count <= 9; count++) {
          var before = new byte[bytesBefore];
          Arrays.fill(before, (byte) 0x5a);
          var writer = new FrameWriter();
          writer.begin(2, bytesBefore + 2 * count);
          writer.put(before, 0, bytesBefore);
          writer.putLittleEndian(SAMPLES, offset, count);

          var expected = new byte[bytesBefore + 2 * count];
          System.arraycopy(before, 0, expected, 0, bytesBefore);
          var pcm = Pcm16.toBytes(Arrays.copyOfRange(SAMPLES, offset, offset + count));
          System.arraycopy(pcm, 0, expected, bytesBefore, pcm.length);
          assertThat(unmasked(writer))
              .as("%d bytes before, samples %d..%d", bytesBefore, offset, offset + count)
              .containsExactly(expected);
        }
      }
    }
  }

  @Test
  void aFrameLargerThanAControlFrameHoldsItsBufferOnlyUntilReleased() {
    var writer = new FrameWriter();
    for (int count : new int[] {1_600, 7_000, 3}) {
      var samples = new short[count];
      Arrays.fill(samples, (short) -2);
      writer.begin(2, 2 * count);
      writer.putLittleEndian(samples, 0, count);

      assertThat(unmasked(writer)).containsExactly(Pcm16.toBytes(samples));
      writer.release();
      assertThat(writer.bytes()).hasSize(FrameWriter.MAX_HEADER_BYTES + 125);
    }
  }

  @Test
  void everyFrameGetsAFreshMaskKey() {
    var writer = new FrameWriter();
    var keys = new HashSet<Integer>();
    for (int frame = 0; frame < 200; frame++) {
      writer.begin(2, 4);
      var bytes = writer.bytes();
      keys.add(ByteBuffer.wrap(bytes, 2, 4).getInt());
    }

    // 200 random 32-bit keys collide with a probability of about 5e-6.
    assertThat(keys).hasSizeGreaterThan(198);
  }

  private static short[] samples() {
    var random = new Random(7);
    var samples = new short[16];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) random.nextInt();
    }
    samples[0] = Short.MIN_VALUE;
    samples[1] = -1;
    samples[2] = Short.MAX_VALUE;
    return samples;
  }

  /** The payload of the one frame in the writer, with the RFC 6455 mask taken off. */
  private static byte[] unmasked(FrameWriter writer) {
    var bytes = writer.bytes();
    int length = bytes[1] & 0x7f;
    int at = 2;
    if (length == 126) {
      length = (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
      at = 4;
    }
    var mask = Arrays.copyOfRange(bytes, at, at + 4);
    var payload = Arrays.copyOfRange(bytes, at + 4, at + 4 + length);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i & 3];
    }
    assertThat(writer.length()).isEqualTo(at + 4 + length);
    return payload;
  }
}
