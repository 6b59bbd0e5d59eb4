package dev.parley.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Per-turn latency and outcome meters, tagged by provider and model only. */
final class ConversationMetrics {

  private final MeterRegistry registry;

  ConversationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(Turn turn, Duration turnDuration) {
    var provider = turn.provider() == null ? "unknown" : turn.provider();
    var model = turn.model() == null ? "unknown" : turn.model();
    if (turn.firstTokenMs() != null) {
      Timer.builder("parley.turn.first.token")
          .description("Time from sending the prompt to the model's first reply token")
          .tags("provider", provider, "model", model)
          .publishPercentileHistogram()
          .register(registry)
          .record(Duration.ofMillis(turn.firstTokenMs()));
    }
    if (turn.tokensPerSecond() != null) {
      DistributionSummary.builder("parley.turn.tokens.per.second")
          .description("Reply generation speed after the first token")
          .baseUnit("tokens")
          .tags("provider", provider, "model", model)
          .publishPercentileHistogram()
          .register(registry)
          .record(turn.tokensPerSecond());
    }
    Timer.builder("parley.turn.duration")
        .description("Time from receiving the learner's message to storing the turn")
        .tags("provider", provider, "model", model)
        .publishPercentileHistogram()
        .register(registry)
        .record(turnDuration);
    Counter.builder("parley.turn.outcomes")
        .description("Turns by how they ended")
        .tags("provider", provider, "model", model, "outcome", turn.status().wireName())
        .register(registry)
        .increment();
  }
}
