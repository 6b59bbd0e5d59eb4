package dev.parley.voice.tts.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.voice.audio.Pcm16;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PcmAssemblerTest {

  private static final short[] SAMPLES = {0, 1, -1, 32767, -32768, 258, -259, 12345, -12345};

  @Test
  void everySplitOfTheBytesGivesBackTheSamples() {
    var bytes = Pcm16.toBytes(SAMPLES);
    for (int first = 0; first <= bytes.length; first++) {
      for (int second = first; second <= bytes.length; second++) {
        var pcm = new PcmAssembler(new short[0]);
        var out = new ArrayList<Short>();
        for (int[] part : new int[][] {{0, first}, {first, second}, {second, bytes.length}}) {
          var chunk = Arrays.copyOfRange(bytes, part[0], part[1]);
          int count = pcm.accept(chunk, chunk.length);
          for (int i = 0; i < count; i++) {
            out.add(pcm.samples()[i]);
          }
        }

        assertThat(out).containsExactly(boxed());
        assertThat(pcm.hasDanglingByte()).isFalse();
      }
    }
  }

  private static Short[] boxed() {
    return IntStream.range(0, SAMPLES.length).mapToObj(i -> SAMPLES[i]).toArray(Short[]::new);
  }

  @Test
  void aStreamEndingMidSampleKeepsTheByte() {
    var pcm = new PcmAssembler(new short[0]);

    assertThat(pcm.accept(new byte[] {1, 0, 7}, 3)).isEqualTo(1);
    assertThat(pcm.samples()[0]).isEqualTo((short) 1);
    assertThat(pcm.hasDanglingByte()).isTrue();
  }
}
