package dev.parley.voice.vad;

import dev.parley.voice.VoiceException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The shared Silero model (loaded on first use, so a broken {@code parley.voice.vad.model} never
 * stops the server from starting; the first voice session gets a {@code voice_model_not_configured}
 * error instead) and the per-session detector factory.
 */
@Configuration(proxyBeanMethods = false)
class VadConfig {

  @Bean
  @Lazy
  SileroVadModel sileroVadModel(VadProperties properties) {
    return properties.model() == null
        ? SileroVadModel.loadBundled()
        : SileroVadModel.load(properties.model());
  }

  @Bean
  VadCounters vadCounters(ObjectProvider<MeterRegistry> registries) {
    var counters = new VadCounters();
    registries.ifAvailable(
        registry -> {
          FunctionCounter.builder("parley.voice.vad.frames", counters, VadCounters::gated)
              .tag("result", "gated")
              .description("32 ms frames the energy gate kept from the neural VAD")
              .register(registry);
          FunctionCounter.builder("parley.voice.vad.frames", counters, VadCounters::classified)
              .tag("result", "classified")
              .description("32 ms frames classified by the neural VAD")
              .register(registry);
          FunctionCounter.builder("parley.voice.vad.frames", counters, VadCounters::skipped)
              .tag("result", "skipped")
              .description("32 ms frames of confident speech that kept the last VAD verdict")
              .register(registry);
        });
    return counters;
  }

  @Bean
  TurnDetectorFactory turnDetectorFactory(
      ObjectProvider<SileroVadModel> model, VadProperties properties, VadCounters counters) {
    return new TurnDetectorFactory(() -> loaded(model), properties, counters);
  }

  private static SileroVadModel loaded(ObjectProvider<SileroVadModel> model) {
    try {
      return model.getObject();
    } catch (BeansException e) {
      if (e.getMostSpecificCause() instanceof VoiceException voice) {
        throw voice;
      }
      throw e;
    }
  }
}
