package dev.parley.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finds the evaluations a stopped server left pending and runs them again: at start-up and then
 * every half {@code parley.evaluation.resume-after}, so a learner's finished session is scored
 * without anyone asking again.
 */
@Component
class StaleEvaluations implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StaleEvaluations.class);
  private static final int BATCH = 50;

  private final JdbcEvaluationStore store;
  private final EvaluationService evaluations;
  private final Duration resumeAfter;
  private final Clock clock = Clock.systemUTC();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("stale-evaluations").factory());

  StaleEvaluations(
      JdbcEvaluationStore store, EvaluationService evaluations, EvaluationProperties properties) {
    this.store = store;
    this.evaluations = evaluations;
    this.resumeAfter = properties.resumeAfter();
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    long every = Math.max(1, resumeAfter.toMillis() / 2);
    timer.scheduleWithFixedDelay(this::resumeQuietly, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Resumes up to a batch of stale pending evaluations; returns how many. */
  int resume() {
    var before = clock.instant().minus(resumeAfter);
    int resumed = 0;
    for (var pending : store.pendingSince(before, BATCH)) {
      if (evaluations.resume(pending.getKey(), pending.getValue(), before)) {
        resumed++;
      }
    }
    return resumed;
  }

  private void resumeQuietly() {
    try {
      resume();
    } catch (RuntimeException e) {
      // The database may be briefly away; the next round tries again.
      log.warn("Could not look for stale pending evaluations: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
