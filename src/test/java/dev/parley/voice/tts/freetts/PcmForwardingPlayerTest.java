package dev.parley.voice.tts.freetts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.voice.audio.AudioFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcmForwardingPlayerTest {

  private final List<short[]> received = new ArrayList<>();
  private final List<AudioFormat> formats = new ArrayList<>();

  @Test
  void convertsBigEndianBytesToSamples() {
    var player = player(true);

    assertThat(player.write(new byte[] {0x12, 0x34, (byte) 0xff, (byte) 0xfe}, 0, 4)).isTrue();

    assertThat(received.getFirst()).containsExactly((short) 0x1234, (short) -2);
    assertThat(formats).containsExactly(new AudioFormat(16_000));
  }

  @Test
  void honoursLittleEndianAndKeepsAnOddByteForTheNextWrite() {
    var player = player(false);

    player.write(new byte[] {0x34, 0x12, 0x02}, 0, 3);
    player.write(new byte[] {0x01, 0x00, 0x00}, 0, 3);

    assertThat(received.get(0)).containsExactly((short) 0x1234);
    assertThat(received.get(1)).containsExactly((short) 0x0102, (short) 0);
  }

  @Test
  void reportsTheSinksRefusalToFreeTts() {
    var player = new PcmForwardingPlayer((samples, format) -> false);
    assertThat(player.write(new byte[] {0, 1})).isFalse();
  }

  private PcmForwardingPlayer player(boolean bigEndian) {
    var player =
        new PcmForwardingPlayer(
            (samples, format) -> {
              received.add(samples);
              formats.add(format);
              return true;
            });
    player.setAudioFormat(new javax.sound.sampled.AudioFormat(16_000, 16, 1, true, bigEndian));
    return player;
  }
}
