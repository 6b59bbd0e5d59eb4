package dev.parley.voice.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.voice.VoiceException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {

  @ParameterizedTest
  @ValueSource(ints = {48_000, 24_000})
  void keepsFrequencyAndAmplitudeOfA1kHzSine(int rate) {
    var out = Resampler.toPipelineRate(rate).process(sine(1_000, rate, rate, 0.5));

    assertThat(out).hasSize(16_000);
    // Skip the filter's start-up; then count sign changes over exactly 0.5 s.
    var steady = Arrays.copyOfRange(out, 4_000, 12_000);
    assertThat(zeroCrossings(steady)).isBetween(998, 1_002);
    assertThat(Pcm16.rms(steady))
        .isCloseTo(0.5 / Math.sqrt(2), offset(0.005));
  }

  @ParameterizedTest
  @ValueSource(ints = {48_000, 24_000})
  void stronglyAttenuatesToneAboveTheNewNyquist(int rate) {
    int tone = rate == 48_000 ? 10_000 : 9_000;
    var out = Resampler.toPipelineRate(rate).process(sine(tone, rate, rate, 0.5));

    double rms = Pcm16.rms(Arrays.copyOfRange(out, 1_000, out.length));
    double attenuationDb = 20 * Math.log10(rms / (0.5 / Math.sqrt(2)));
    assertThat(attenuationDb).isLessThan(-60);
  }

  @ParameterizedTest
  @ValueSource(ints = {48_000, 24_000, 16_000})
  void chunkedOutputEqualsOneShotOutput(int rate) {
    var noise = new short[rate * 2];
    var random = new Random(7);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) (random.nextGaussian() * 6_000);
    }
    var whole = Resampler.toPipelineRate(rate).process(noise);

    var chunked = Resampler.toPipelineRate(rate);
    var joined = new short[whole.length];
    int in = 0;
    int out = 0;
    int[] sizes = {1, 7, 480, 333, 2, 960, 4_097};
    for (int i = 0; in < noise.length; i++) {
      int size = Math.min(sizes[i % sizes.length], noise.length - in);
      var part = chunked.process(Arrays.copyOfRange(noise, in, in + size));
      System.arraycopy(part, 0, joined, out, part.length);
      in += size;
      out += part.length;
    }

    assertThat(out).isEqualTo(whole.length);
    assertThat(joined).containsExactly(whole);
  }

  @Test
  void tenMillisecondChunksGiveTenMillisecondsAtSixteenKilohertz() {
    var from48 = Resampler.toPipelineRate(48_000);
    var from24 = Resampler.toPipelineRate(24_000);
    for (int i = 0; i < 5; i++) {
      assertThat(from48.process(new short[480])).hasSize(160);
      assertThat(from24.process(new short[240])).hasSize(160);
    }
    var odd = Resampler.toPipelineRate(24_000);
    int total = 0;
    for (int size : new int[] {1, 1, 1, 5, 100}) {
      total += odd.process(new short[size]).length;
    }
    assertThat(total).isEqualTo(72); // ceil(108 * 2 / 3)
  }

  @Test
  void sixteenKilohertzPassesThroughUnchanged() {
    var samples = new short[] {1, -2, 3, Short.MAX_VALUE, Short.MIN_VALUE};
    assertThat(Resampler.toPipelineRate(16_000).process(samples)).containsExactly(samples);
  }

  @Test
  void refusesOtherRates() {
    assertThatThrownBy(() -> Resampler.toPipelineRate(44_100))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("44100");
  }

  private static short[] sine(double hz, int rate, int samples, double amplitude) {
    var out = new short[samples];
    for (int i = 0; i < samples; i++) {
      out[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return out;
  }

  private static int zeroCrossings(short[] samples) {
    int crossings = 0;
    for (int i = 1; i < samples.length; i++) {
      if ((samples[i - 1] < 0) != (samples[i] < 0)) {
        crossings++;
      }
    }
    return crossings;
  }
}
