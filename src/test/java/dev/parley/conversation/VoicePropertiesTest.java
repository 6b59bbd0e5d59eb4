package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.character.CefrLevel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class VoicePropertiesTest {

  private static VoiceProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("parley.voice.pipeline", VoiceProperties.class);
  }

  @Test
  void defaultsWorkWithoutConfiguration() {
    var properties = bind(Map.of());
    assertThat(properties).isEqualTo(VoiceProperties.defaults());
    assertThat(properties.speakingRate().forLevel(CefrLevel.A1)).isEqualTo(0.8);
    assertThat(properties.speakingRate().forLevel(CefrLevel.B1)).isEqualTo(0.9);
    assertThat(properties.speakingRate().forLevel(CefrLevel.C2)).isEqualTo(1.0);
  }

  @Test
  void ratesAndLimitsAreConfigurable() {
    var properties =
        bind(
            Map.of(
                "parley.voice.pipeline.speaking-rate.a2", "0.7",
                "parley.voice.pipeline.sentence-queue", "4",
                "parley.voice.pipeline.max-frame", "100ms"));
    assertThat(properties.speakingRate().forLevel(CefrLevel.A2)).isEqualTo(0.7);
    assertThat(properties.speakingRate().forLevel(CefrLevel.A1)).isEqualTo(0.8);
    assertThat(properties.sentenceQueue()).isEqualTo(4);
    assertThat(properties.maxFrame()).isEqualTo(Duration.ofMillis(100));
  }
}
