package dev.parley.feedback;

import dev.parley.feedback.grammar.Correction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/** Check durations, corrections by category and checks dropped because the queue was full. */
final class FeedbackMetrics {

  private final MeterRegistry registry;
  private final Counter dropped;

  FeedbackMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.dropped =
        Counter.builder("parley.feedback.dropped")
            .description("Utterances not checked because every worker was busy and the queue full")
            .register(registry);
  }

  void checked(Duration duration, String outcome) {
    Timer.builder("parley.feedback.check")
        .description("Time to grammar-check one learner utterance")
        .tag("outcome", outcome)
        .register(registry)
        .record(duration);
  }

  void corrections(List<Correction> corrections) {
    for (var correction : corrections) {
      Counter.builder("parley.feedback.corrections")
          .description("Corrections found in learner utterances")
          .tag("category", correction.category().wireName())
          .register(registry)
          .increment();
    }
  }

  void dropped() {
    dropped.increment();
  }
}
