package dev.parley.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnergyGateTest {

  private final VadProperties.Gate settings =
      new VadProperties.Gate(true, 0.003, 2.0, 0.03, Duration.ofMillis(96));

  @Test
  void learnsTheBackgroundButNeverGatesAboveTheCap() {
    var gate = new EnergyGate(settings);
    assertThat(gate.threshold()).isEqualTo(0.003);
    for (int i = 0; i < 500; i++) {
      gate.learnBackground(0.01);
    }
    assertThat(gate.threshold()).isCloseTo(0.02, offset(0.0005));
    for (int i = 0; i < 500; i++) {
      gate.learnBackground(0.1);
    }
    assertThat(gate.threshold()).isEqualTo(0.03);
    for (int i = 0; i < 50; i++) {
      gate.learnBackground(0);
    }
    assertThat(gate.threshold()).isEqualTo(0.003);
  }

  @Test
  void keepsFramesPassingForTheHangoverAfterALoudOne() {
    var gate = new EnergyGate(settings);
    assertThat(gate.admits(0.001)).isFalse();
    assertThat(gate.admits(0.05)).isTrue();
    assertThat(gate.admits(0.001)).isTrue();
    assertThat(gate.admits(0.001)).isTrue();
    assertThat(gate.admits(0.001)).isTrue();
    assertThat(gate.admits(0.001)).isFalse();
  }

  @Test
  void aDisabledGateAdmitsEverything() {
    var gate = new EnergyGate(new VadProperties.Gate(false, 0.003, 2.0, 0.03, Duration.ZERO));
    assertThat(gate.admits(0)).isTrue();
  }
}
