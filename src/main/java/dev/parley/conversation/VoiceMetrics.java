package dev.parley.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Latency of each voice pipeline stage from the end of the learner's speech, as the Prometheus
 * histogram {@code parley_voice_stage_seconds{stage=…}}.
 */
final class VoiceMetrics {

  private static final Map<String, Function<VoiceTimings, Integer>> STAGES =
      Map.of(
          TurnClock.Stage.STT_FINAL.wireName, VoiceTimings::sttFinalMs,
          TurnClock.Stage.LLM_FIRST_TOKEN.wireName, VoiceTimings::llmFirstTokenMs,
          TurnClock.Stage.FIRST_SENTENCE.wireName, VoiceTimings::firstSentenceMs,
          TurnClock.Stage.TTS_FIRST_BYTE.wireName, VoiceTimings::ttsFirstByteMs,
          TurnClock.Stage.FIRST_AUDIO_SENT.wireName, VoiceTimings::firstAudioSentMs);

  private final MeterRegistry registry;

  VoiceMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(VoiceTimings timings) {
    STAGES.forEach(
        (stage, value) -> {
          var millis = value.apply(timings);
          if (millis != null) {
            Timer.builder("parley.voice.stage")
                .description("Time from the end of the learner's speech to this pipeline stage")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofMillis(millis));
          }
        });
  }
}
