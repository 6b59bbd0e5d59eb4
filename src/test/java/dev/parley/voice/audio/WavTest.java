package dev.parley.voice.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WavTest {

  @Test
  void roundTripsMonoPcm16() {
    var samples = new short[] {0, 1000, -1000, Short.MAX_VALUE, Short.MIN_VALUE};
    var clip = new Wav.Clip(new AudioFormat(24_000), samples);
    var decoded = Wav.decode(Wav.encode(clip));
    assertThat(decoded.format().sampleRate()).isEqualTo(24_000);
    assertThat(decoded.samples()).containsExactly(samples);
  }

  @Test
  void mixesStereoDownAndSkipsUnknownChunks() {
    var buffer = ByteBuffer.allocate(12 + 8 + 4 + 24 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(0x46464952).putInt(buffer.capacity() - 8).putInt(0x45564157);
    buffer.putInt(0x5453494c).putInt(4).putInt(0); // a LIST chunk to skip
    buffer.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 2);
    buffer.putInt(16_000).putInt(64_000).putShort((short) 4).putShort((short) 16);
    buffer.putInt(0x61746164).putInt(8);
    buffer.putShort((short) 100).putShort((short) 300).putShort((short) -100).putShort((short) -300);
    var clip = Wav.decode(buffer.array());
    assertThat(clip.samples()).containsExactly((short) 200, (short) -200);
  }

  @Test
  void refusesWhatIsNotPcm16Wav() {
    assertThatThrownBy(() -> Wav.decode("hello world!".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RIFF");
  }

  @Test
  void levelsAndConversions() {
    var loud = new short[] {Short.MAX_VALUE, Short.MIN_VALUE};
    assertThat(Pcm16.rms(loud)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.001));
    assertThat(Pcm16.rms(new short[4])).isZero();
    assertThat(Pcm16.toShorts(Pcm16.toBytes(loud))).containsExactly(loud);
    assertThat(Pcm16.fromFloats(Pcm16.toFloats(new short[] {0, 16384, -16384})))
        .containsExactly((short) 0, (short) 16384, (short) -16384);
  }
}
