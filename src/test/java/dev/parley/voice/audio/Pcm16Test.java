package dev.parley.voice.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class Pcm16Test {

  @Test
  void aBufferGivesTheSamplesBetweenItsPositionAndLimitAndStaysAsItWas() {
    var samples = new short[] {0, 1, -1, 32_767, -32_768, 12_345};
    var bytes = Pcm16.toBytes(samples);
    var framed = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, framed, 1, bytes.length);
    var buffer = ByteBuffer.wrap(framed, 1, bytes.length);

    assertThat(Pcm16.toShorts(buffer)).containsExactly(samples);
    assertThat(buffer.position()).isEqualTo(1);
    assertThat(buffer.remaining()).isEqualTo(bytes.length);
  }

  @Test
  void aBufferWithHalfASampleIsRefused() {
    assertThatThrownBy(() -> Pcm16.toShorts(ByteBuffer.wrap(new byte[3])))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
