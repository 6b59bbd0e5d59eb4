package dev.parley.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.character.CefrLevel;
import dev.parley.voice.VoiceErrorCode;
import dev.parley.voice.VoiceException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class VadConfigTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(VadProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties.class, VadConfig.class)
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  @Test
  void opensDetectorsOnTheBundledModelAndExportsFrameCounters() {
    runner.run(
        context -> {
          var factory = context.getBean(TurnDetectorFactory.class);
          try (var detector = factory.open(CefrLevel.B1, new TurnEvents())) {
            detector.accept(new short[16_000]);
          }
          assertThat(context.getBean(SileroVadModel.class))
              .isSameAs(context.getBean(SileroVadModel.class));
          var registry = context.getBean(MeterRegistry.class);
          assertThat(
                  registry
                      .get("parley.voice.vad.frames")
                      .tag("result", "gated")
                      .functionCounter()
                      .count())
              .isEqualTo(31);
          assertThat(
                  registry
                      .get("parley.voice.vad.frames")
                      .tag("result", "classified")
                      .functionCounter()
                      .count())
              .isZero();
        });
  }

  @Test
  void aMissingModelFileStillStartsAndFailsClearlyOnFirstUse() {
    runner
        .withPropertyValues("parley.voice.vad.model=/nowhere/silero.onnx")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              var factory = context.getBean(TurnDetectorFactory.class);
              assertThatThrownBy(() -> factory.open(CefrLevel.A1, new TurnEvents()))
                  .isInstanceOf(VoiceException.class)
                  .hasMessageContaining("/nowhere/silero.onnx")
                  .hasMessageContaining("parley.voice.vad.model")
                  .extracting(e -> ((VoiceException) e).code())
                  .isEqualTo(VoiceErrorCode.MODEL_NOT_CONFIGURED);
            });
  }
}
