package dev.parley.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.character.CefrLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class VadPropertiesTest {

  @Test
  void defaultsWorkWithNoConfigurationAndMatchTheCodeDefaults() {
    var properties = bind(Map.of());
    assertThat(properties).isEqualTo(VadProperties.defaults());
    assertThat(properties.startThreshold()).isEqualTo(0.5f);
    assertThat(properties.stopThreshold()).isEqualTo(0.35f);
    assertThat(properties.minSpeechFrames()).isEqualTo(3);
    assertThat(properties.maxTurn()).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.preRoll()).isEqualTo(Duration.ofMillis(300));
    assertThat(properties.gate().enabled()).isTrue();
    assertThat(properties.model()).isNull();
    assertThat(properties.trailingSilenceFor(CefrLevel.A1)).isEqualTo(Duration.ofMillis(1400));
    assertThat(properties.trailingSilenceFor(CefrLevel.A2)).isEqualTo(Duration.ofMillis(1200));
    assertThat(properties.trailingSilenceFor(CefrLevel.B1)).isEqualTo(Duration.ofMillis(900));
    assertThat(properties.trailingSilenceFor(CefrLevel.B2)).isEqualTo(Duration.ofMillis(800));
    assertThat(properties.trailingSilenceFor(CefrLevel.C1)).isEqualTo(Duration.ofMillis(700));
    assertThat(properties.trailingSilenceFor(CefrLevel.C2)).isEqualTo(Duration.ofMillis(700));
    assertThat(properties.trailingSilenceFor(null)).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void levelEntriesOverrideOneByOne() {
    var properties =
        bind(
            Map.of(
                "parley.voice.vad.trailing-silence-by-level.a1", "2s",
                "parley.voice.vad.trailing-silence", "600ms",
                "parley.voice.vad.gate.min-rms", "0.01",
                "parley.voice.vad.model", "/models/vad.onnx"));
    assertThat(properties.trailingSilenceFor(CefrLevel.A1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(properties.trailingSilenceFor(CefrLevel.A2)).isEqualTo(Duration.ofMillis(1200));
    assertThat(properties.trailingSilenceFor(null)).isEqualTo(Duration.ofMillis(600));
    assertThat(properties.gate().minRms()).isEqualTo(0.01);
    assertThat(properties.gate().maxRms()).isEqualTo(0.03);
    assertThat(properties.model()).isEqualTo(Path.of("/models/vad.onnx"));
  }

  @Test
  void refusesAStopThresholdAboveTheStartThreshold() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "parley.voice.vad.start-threshold", "0.4",
                        "parley.voice.vad.stop-threshold", "0.6")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("stop-threshold <= start-threshold");
  }

  private static VadProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("parley.voice.vad", VadProperties.class);
  }
}
